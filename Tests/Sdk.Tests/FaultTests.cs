using System.Runtime.Serialization;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Sdk.Tests;

[TestClass]
public sealed class FaultTests
{
    private const int CorEException = -2146233088;

    [TestMethod]
    public void InvalidPluginExecutionException_DefaultConstructor_IsFailedNotSetWithBaseHResult()
    {
        var ex = new InvalidPluginExecutionException();

        Assert.AreEqual(OperationStatus.Failed, ex.Status);
        Assert.AreEqual(PluginHttpStatusCode.NotSet, ex.HttpStatus);
        Assert.AreEqual(CorEException, ex.ErrorCode);
    }

    [TestMethod]
    public void InvalidPluginExecutionException_MessageConstructor_KeepsMessage()
    {
        var ex = new InvalidPluginExecutionException("Bad input");

        Assert.AreEqual("Bad input", ex.Message);
        Assert.AreEqual(OperationStatus.Failed, ex.Status);
        Assert.AreEqual(CorEException, ex.ErrorCode);
    }

    [TestMethod]
    public void InvalidPluginExecutionException_StatusConstructor_UsesEmptyMessage()
    {
        var ex = new InvalidPluginExecutionException(OperationStatus.Retry);

        Assert.AreEqual(OperationStatus.Retry, ex.Status);
        Assert.AreEqual(string.Empty, ex.Message);
    }

    [TestMethod]
    public void InvalidPluginExecutionException_NonZeroErrorCode_SetsHResult()
    {
        var ex = new InvalidPluginExecutionException(OperationStatus.Canceled, -2147220891, "Cancelled");

        Assert.AreEqual(-2147220891, ex.ErrorCode);
        Assert.AreEqual(-2147220891, ex.HResult);
        Assert.AreEqual(OperationStatus.Canceled, ex.Status);
    }

    [TestMethod]
    public void InvalidPluginExecutionException_ZeroErrorCode_KeepsBaseHResult()
    {
        var ex = new InvalidPluginExecutionException(OperationStatus.Failed, 0, "x");

        Assert.AreEqual(CorEException, ex.ErrorCode);
    }

    [TestMethod]
    public void InvalidPluginExecutionException_HttpStatusConstructors_SetHttpStatus()
    {
        var simple = new InvalidPluginExecutionException("x", PluginHttpStatusCode.Conflict);
        var full = new InvalidPluginExecutionException(OperationStatus.Failed, 5, "y", PluginHttpStatusCode.NotFound);

        Assert.AreEqual(PluginHttpStatusCode.Conflict, simple.HttpStatus);
        Assert.AreEqual(PluginHttpStatusCode.NotFound, full.HttpStatus);
        Assert.AreEqual(5, full.ErrorCode);
    }

    [TestMethod]
    public void InvalidPluginExecutionException_InnerPluginException_CopiesHttpStatus()
    {
        var inner = new InvalidPluginExecutionException("inner", PluginHttpStatusCode.Forbidden);

        var outer = new InvalidPluginExecutionException("outer", inner);
        var fromOther = new InvalidPluginExecutionException("outer", new InvalidOperationException());

        Assert.AreSame(inner, outer.InnerException);
        Assert.AreEqual(PluginHttpStatusCode.Forbidden, outer.HttpStatus);
        Assert.AreEqual(PluginHttpStatusCode.NotSet, fromOther.HttpStatus);
    }

#pragma warning disable SYSLIB0050, SYSLIB0051 // exercises the legacy serialization surface the SDK type has
    [TestMethod]
    public void InvalidPluginExecutionExceptionGetObjectData_WritesStatusAndHttpStatus()
    {
        var ex = new InvalidPluginExecutionException(OperationStatus.Retry, 0, "x", PluginHttpStatusCode.Gone);
        var info = new SerializationInfo(typeof(InvalidPluginExecutionException), new FormatterConverter());

        ex.GetObjectData(info, new StreamingContext(StreamingContextStates.All));

        Assert.AreEqual((int)OperationStatus.Retry, info.GetInt32("Status"));
        Assert.AreEqual((int)PluginHttpStatusCode.Gone, info.GetInt32("HttpStatus"));
    }
#pragma warning restore SYSLIB0050, SYSLIB0051

    [TestMethod]
    public void OrganizationServiceFault_ErrorDetails_IsCreatedLazily()
    {
        var fault = new OrganizationServiceFault();

        fault.ErrorDetails["MaxBatchSize"] = 1000;

        Assert.AreEqual(1000, fault.ErrorDetails["MaxBatchSize"]);
    }

    [TestMethod]
    public void FaultException_OrganizationServiceFaultDetail_CarriesErrorCodeAndMessage()
    {
        var detail = new OrganizationServiceFault
        {
            ErrorCode = -2147220969,
            Message = "Entity 'account' With Id = 11111111-1111-1111-1111-111111111111 Does Not Exist",
            Timestamp = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            InnerFault = new OrganizationServiceFault { ErrorCode = 1, Message = "inner" },
            TraceText = "trace",
        };

        var ex = new FaultException<OrganizationServiceFault>(detail, new FaultReason(detail.Message));

        Assert.AreSame(detail, ex.Detail);
        Assert.AreEqual(-2147220969, ex.Detail.ErrorCode);
        Assert.AreEqual(detail.Message, ex.Message);
        Assert.AreEqual("inner", ex.Detail.InnerFault.Message);
    }

    [TestMethod]
    public void OrganizationServiceFaultToString_DescribesEachFaultInChain()
    {
        var fault = new OrganizationServiceFault
        {
            ErrorCode = -2147220969,
            Message = "outer",
            InnerFault = new OrganizationServiceFault { ErrorCode = -2147220970, Message = "inner" },
        };

        var text = fault.ToString();

        StringAssert.Contains(text, "ErrorCode: 0x80040217");
        StringAssert.Contains(text, "Message: outer");
        StringAssert.Contains(text, "Message: inner");
    }

    [TestMethod]
    public void ExecuteTransactionFault_IsOrganizationServiceFaultWithFaultedRequestIndex()
    {
        OrganizationServiceFault fault = new ExecuteTransactionFault { FaultedRequestIndex = 2, ErrorCode = 5 };

        Assert.AreEqual(2, ((ExecuteTransactionFault)fault).FaultedRequestIndex);
        Assert.IsInstanceOfType<BaseServiceFault>(fault);
    }
}
