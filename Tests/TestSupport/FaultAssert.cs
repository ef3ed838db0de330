using System.ServiceModel;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.TestSupport;

/// <summary>Assertions on the faults the organization service raises (FaultException of OrganizationServiceFault).</summary>
public static class FaultAssert
{
    /// <summary>Runs a request that must fail and returns its fault; the test fails when the request succeeds or fails otherwise.</summary>
    public static FaultException<OrganizationServiceFault> Catch(Action action) =>
        Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(action);

    /// <summary>The message a user sees for a request that must fail: the fault detail's message (the exception's without one).</summary>
    public static string Message(Action action)
    {
        var fault = Catch(action);
        return fault.Detail?.Message ?? fault.Message;
    }
}
