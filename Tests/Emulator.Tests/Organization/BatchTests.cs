using System.ServiceModel;
using AccountPlanXrm.Emulator.Pipeline;
using AccountPlanXrm.Emulator.Tests.Fixtures;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace AccountPlanXrm.Emulator.Tests.Organization;

/// <summary>
/// ExecuteMultiple and ExecuteTransaction as documented (learn.microsoft.com, "Execute multiple requests using the SDK
/// for .NET" and "Execute messages in a single database transaction").
/// </summary>
[TestClass]
public sealed class BatchTests
{
    private static CreateRequest Valid(string name) => new() { Target = new Entity("account") { ["name"] = name } };

    private static CreateRequest Invalid() => new() { Target = new Entity("account") { ["nosuchcolumn"] = "x" } };

    [TestMethod]
    public void ExecuteMultiple_WithoutSettings_FaultsAndRunsNothing()
    {
        // Arrange
        var emulator = TestEmulator.Create();

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() =>
            emulator.GetService().Execute(new ExecuteMultipleRequest { Requests = [Valid("A")] }));

        // Assert
        Assert.AreEqual(ErrorCodes.InvalidArgument, fault.Detail.ErrorCode);
        Assert.AreEqual(0, emulator.Count("account"));
    }

    [TestMethod]
    public void ExecuteMultiple_StopOnErrorWithResponses_ReturnsResponsesUpToAndIncludingTheFault()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var request = new ExecuteMultipleRequest
        {
            Settings = new ExecuteMultipleSettings { ContinueOnError = false, ReturnResponses = true },
            Requests = [Valid("A"), Invalid(), Valid("C")],
        };

        // Act
        var response = (ExecuteMultipleResponse)emulator.GetService().Execute(request);

        // Assert
        Assert.IsTrue(response.IsFaulted);
        Assert.AreEqual(2, response.Responses.Count);
        Assert.IsInstanceOfType<CreateResponse>(response.Responses[0].Response);
        Assert.IsNull(response.Responses[0].Fault);
        Assert.AreEqual(1, response.Responses[1].RequestIndex);
        Assert.IsNull(response.Responses[1].Response);
        Assert.AreEqual(1, emulator.Count("account"));
    }

    [TestMethod]
    public void ExecuteMultiple_ContinueOnErrorWithoutResponses_ResponsesHoldOnlyTheFaults()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var request = new ExecuteMultipleRequest
        {
            Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = false },
            Requests = [Valid("A"), Invalid(), Valid("C"), Invalid()],
        };

        // Act
        var response = (ExecuteMultipleResponse)emulator.GetService().Execute(request);

        // Assert
        Assert.IsTrue(response.IsFaulted);
        CollectionAssert.AreEqual(new[] { 1, 3 }, response.Responses.Select(r => r.RequestIndex).ToArray());
        Assert.IsTrue(response.Responses.All(r => r.Fault != null && r.Response == null));
        Assert.AreEqual(2, emulator.Count("account"));
    }

    [TestMethod]
    public void ExecuteMultiple_AllSucceedWithoutResponses_IsNotFaultedAndReturnsNothing()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var request = new ExecuteMultipleRequest { Settings = new ExecuteMultipleSettings(), Requests = [Valid("A"), Valid("B")] };

        // Act
        var response = (ExecuteMultipleResponse)emulator.GetService().Execute(request);

        // Assert
        Assert.IsFalse(response.IsFaulted);
        Assert.AreEqual(0, response.Responses.Count);
        Assert.AreEqual(2, emulator.Count("account"));
    }

    [TestMethod]
    public void ExecuteMultiple_Exactly1000Requests_RunsThemAll()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var requests = new OrganizationRequestCollection();
        for (var i = 0; i < ExecuteMultipleLimit; i++)
        {
            requests.Add(Valid("A" + i));
        }

        // Act
        var response = (ExecuteMultipleResponse)emulator.GetService().Execute(new ExecuteMultipleRequest { Requests = requests, Settings = new ExecuteMultipleSettings() });

        // Assert
        Assert.IsFalse(response.IsFaulted);
        Assert.AreEqual(ExecuteMultipleLimit, emulator.Count("account"));
    }

    [TestMethod]
    public void ExecuteMultiple_ContainingExecuteTransactions_RunsEachAsOneTransaction()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var request = new ExecuteMultipleRequest
        {
            Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
            Requests =
            [
                new ExecuteTransactionRequest { Requests = [Valid("A"), Invalid()] },
                new ExecuteTransactionRequest { Requests = [Valid("B"), Valid("C")], ReturnResponses = true },
            ],
        };

        // Act
        var response = (ExecuteMultipleResponse)emulator.GetService().Execute(request);

        // Assert
        var fault = response.Responses.Single(r => r.RequestIndex == 0).Fault;
        Assert.IsInstanceOfType<ExecuteTransactionFault>(fault);
        Assert.AreEqual(1, ((ExecuteTransactionFault)fault).FaultedRequestIndex);
        Assert.AreEqual(2, ((ExecuteTransactionResponse)response.Responses.Single(r => r.RequestIndex == 1).Response).Responses.Count);
        Assert.AreEqual(2, emulator.Count("account"));
    }

    [TestMethod]
    public void ExecuteMultiple_PluginFaultInOneRequest_IsThatItemsFaultAndTheOthersCommit()
    {
        // Arrange
        var emulator = TestEmulator.Create(b => b.WithStep(new StepRegistration(typeof(ThrowingPlugin), "Create", "contact", PipelineStage.PreOperation) { UnsecureConfiguration = "" }));
        var request = new ExecuteMultipleRequest
        {
            Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
            Requests = [new CreateRequest { Target = new Entity("contact") { ["lastname"] = "Doe" } }, Valid("A")],
        };

        // Act
        var response = (ExecuteMultipleResponse)emulator.GetService().Execute(request);

        // Assert
        Assert.AreEqual(ErrorCodes.IsvAborted, response.Responses[0].Fault.ErrorCode);
        Assert.AreEqual("The plan is not complete.", response.Responses[0].Fault.Message);
        Assert.AreEqual(0, emulator.Count("contact"));
        Assert.AreEqual(1, emulator.Count("account"));
    }

    [TestMethod]
    public void ExecuteTransaction_ContainingExecuteMultiple_FaultsAtItsIndexAndUndoesAll()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var inner = new ExecuteMultipleRequest { Requests = [Valid("X")], Settings = new ExecuteMultipleSettings() };

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() =>
            emulator.GetService().Execute(new ExecuteTransactionRequest { Requests = [Valid("A"), inner] }));

        // Assert
        Assert.AreEqual(1, ((ExecuteTransactionFault)fault.Detail).FaultedRequestIndex);
        Assert.AreEqual(0, emulator.Count("account"));
    }

    [TestMethod]
    public void ExecuteTransaction_PreValidationSteps_RunInTheTransaction()
    {
        // Arrange
        var key = Observed.NewKey();
        var emulator = TestEmulator.Create(b => b.WithStep(new StepRegistration(typeof(CapturePlugin), "Create", "account", PipelineStage.PreValidation) { UnsecureConfiguration = key }));

        // Act
        emulator.GetService().Execute(new ExecuteTransactionRequest { Requests = [Valid("A")] });

        // Assert
        Assert.IsTrue(Observed.Of<Captured>(key).Single().Context.IsInTransaction);
    }

    private const int ExecuteMultipleLimit = 1000;
}
