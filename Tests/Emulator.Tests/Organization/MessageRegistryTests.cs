using System.ServiceModel;
using AccountPlanXrm.Emulator.Messages;
using AccountPlanXrm.Emulator.Pipeline;
using AccountPlanXrm.Emulator.Tests.Fixtures;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace AccountPlanXrm.Emulator.Tests.Organization;

[TestClass]
public sealed class MessageRegistryTests
{
    private static readonly Guid FixedUser = new("0d0d0d0d-0000-4000-8000-000000000001");

    private static StepRegistration Capture(string key, string message, PipelineStage stage) =>
        new(typeof(CapturePlugin), message, null, stage) { UnsecureConfiguration = key };

    private static OrganizationResponse Answer(MessageContext context)
    {
        var id = ((CreateResponse)context.Nested(new CreateRequest { Target = new Entity("account") { ["name"] = (string)context.Input["Name"] } })).id;
        context.PrimaryEntityName = "account";
        context.PrimaryEntityId = id;
        var response = new OrganizationResponse { ResponseName = "apx_Foo" };
        response.Results["AccountId"] = id;
        return response;
    }

    [TestMethod]
    public void Register_NewMessage_RunsItsStepsAroundTheMainOperation()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var key = Observed.NewKey();
        emulator.Messages.Register("apx_Foo", Answer);
        emulator.RegisterStep(Capture(key, "apx_Foo", PipelineStage.PostOperation));
        emulator.RegisterStep(Capture(key, "apx_Foo", PipelineStage.PreValidation));
        emulator.RegisterStep(Capture(key, "apx_Foo", PipelineStage.PreOperation));
        var request = new OrganizationRequest("apx_Foo") { ["Name"] = "Contoso" };

        // Act
        var response = emulator.GetService().Execute(request);

        // Assert
        var accountId = (Guid)response.Results["AccountId"];
        Assert.AreEqual("Contoso", emulator.Peek("account", accountId)!["name"]);
        var captured = Observed.Of<Captured>(key);
        CollectionAssert.AreEqual(new[] { 10, 20, 40 }, captured.Select(c => c.Context.Stage).ToArray());
        Assert.AreEqual(accountId, captured[2].Context.OutputParameters["AccountId"]);
        Assert.IsTrue(emulator.ExecutionLog.Any(e => e.Message == "apx_Foo" && e.Stage == 30 && e.PluginType == null && e.PrimaryEntityId == accountId));
    }

    [TestMethod]
    public void Register_MainOperationThrows_RollsBackItsNestedWrites()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        emulator.Messages.Register("apx_Foo", context =>
        {
            Answer(context);
            throw Faults.Create(ErrorCodes.InvalidArgument, "Refused after the write.");
        });
        var before = emulator.Count("account");

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => emulator.GetService().Execute(new OrganizationRequest("apx_Foo") { ["Name"] = "Contoso" }));

        // Assert
        Assert.AreEqual("Refused after the write.", fault.Detail.Message);
        Assert.AreEqual(before, emulator.Count("account"));
    }

    [TestMethod]
    public void Register_ReplacingWhoAmI_AnswersWithTheRegisteredHandlerInThisEmulatorOnly()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var other = TestEmulator.Create();
        emulator.Messages.Register(new FixedWhoAmIHandler());

        // Act
        var replaced = (WhoAmIResponse)emulator.GetService().Execute(new WhoAmIRequest());
        var untouched = (WhoAmIResponse)other.GetService().Execute(new WhoAmIRequest());

        // Assert
        Assert.AreEqual(FixedUser, replaced.UserId);
        Assert.AreEqual(other.CallingUserId, untouched.UserId);
    }

    [TestMethod]
    public void Register_ReplacingCreate_ServiceCreateAndItsStepsGoThroughTheRegisteredHandler()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var key = Observed.NewKey();
        var handler = new MarkingCreateHandler(emulator.Messages.Find("Create")!);
        emulator.Messages.Register(handler);
        emulator.RegisterStep(new StepRegistration(typeof(CapturePlugin), "Create", "account", PipelineStage.PostOperation) { UnsecureConfiguration = key });

        // Act
        var id = emulator.GetService().Create(new Entity("account") { ["name"] = "A" });

        // Assert
        Assert.AreEqual(1, handler.Calls);
        Assert.AreEqual("A (registered)", emulator.Peek("account", id)!["name"]);
        Assert.AreEqual(id, Observed.Of<Captured>(key).Single().Context.PrimaryEntityId);
    }

    [TestMethod]
    public void Find_BuiltInMessage_ReturnsItsHandlerUntilReplaced()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var builtIn = emulator.Messages.Find("WhoAmI");
        var replacement = new FixedWhoAmIHandler();

        // Act
        emulator.Messages.Register(replacement);

        // Assert
        Assert.IsNotNull(builtIn);
        Assert.AreNotSame(replacement, builtIn);
        Assert.AreSame(replacement, emulator.Messages.Find("WhoAmI"));
        Assert.IsNull(emulator.Messages.Find("apx_Unknown"));
    }

    /// <summary>WhoAmI answering with a fixed user.</summary>
    private sealed class FixedWhoAmIHandler : MessageHandler
    {
        public override string Name => "WhoAmI";

        public override OrganizationResponse Execute(MessageContext context)
        {
            var response = NewResponse();
            response.Results["UserId"] = FixedUser;
            response.Results["BusinessUnitId"] = context.Emulator.RootBusinessUnitId;
            response.Results["OrganizationId"] = context.Emulator.OrganizationId;
            return response;
        }
    }

    /// <summary>Create that marks the name, then runs the built-in Create it replaces.</summary>
    private sealed class MarkingCreateHandler(MessageHandler builtIn) : MessageHandler
    {
        public int Calls { get; private set; }

        public override string Name => "Create";

        public override bool SupportsImages => true;

        public override OrganizationResponse Execute(MessageContext context)
        {
            Calls++;
            var target = RequireEntity(context.Input, "Target");
            target["name"] = target.GetAttributeValue<string>("name") + " (registered)";
            return builtIn.Execute(context);
        }
    }
}
