using System.ServiceModel;
using AccountPlanXrm.Emulator.Pipeline;
using AccountPlanXrm.Emulator.Tests.Fixtures;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace AccountPlanXrm.Emulator.Tests.Steps;

[TestClass]
public sealed class PipelineTests
{
    private static StepRegistration Capture(string key, string message, string? entity, PipelineStage stage, StepMode mode = StepMode.Synchronous) =>
        new(typeof(CapturePlugin), message, entity, stage, mode) { UnsecureConfiguration = key };

    [TestMethod]
    public void SolutionStep_PreOperationCreate_ChangesTheTargetWithItsUnsecureConfiguration()
    {
        // Arrange
        var emulator = TestEmulator.Create();

        // Act
        var id = emulator.GetService().Create(new Entity("tst_project") { ["tst_name"] = "P" });

        // Assert
        Assert.AreEqual("notes from configuration", emulator.Peek("tst_project", id)!["tst_notes"]);
    }

    [TestMethod]
    public void SolutionStep_SecureConfiguration_ReachesTheSecondConstructorArgument()
    {
        // Arrange
        var emulator = TestEmulator.Create(b => b.WithSecureConfiguration(new Guid("5a1d6c1e-0000-4000-8000-0000000000b1"), "secret"));

        // Act
        var id = emulator.GetService().Create(new Entity("tst_project") { ["tst_name"] = "P" });

        // Assert
        Assert.AreEqual("notes from configuration | secret", emulator.Peek("tst_project", id)!["tst_notes"]);
    }

    [TestMethod]
    public void FilteringAttributes_UpdateWithoutThem_DoesNotRunTheStep()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var id = service.Create(new Entity("tst_project") { ["tst_name"] = "P", ["tst_score"] = 10 });

        // Act
        service.Update(new Entity("tst_project", id) { ["tst_notes"] = "n" });

        // Assert
        Assert.IsFalse(emulator.ExecutionLog.Any(e => e.PluginType == typeof(ScoreAuditPlugin).FullName));
    }

    [TestMethod]
    public void Images_UpdateInPostOperation_HaveRegisteredColumnsBeforeAndAfter()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var id = service.Create(new Entity("tst_project") { ["tst_name"] = "P", ["tst_score"] = 10 });

        // Act
        service.Update(new Entity("tst_project", id) { ["tst_score"] = 42 });

        // Assert
        var trace = emulator.Traces.Single(t => t.PluginType == typeof(ScoreAuditPlugin).FullName);
        StringAssert.Contains(trace.Text, "score 10 -> 42; columns tst_name,tst_projectid,tst_score");
        Assert.AreEqual(40, trace.Stage);
    }

    [TestMethod]
    public void Images_Create_HasNoPreImageAndAPostImageInPostOperation()
    {
        // Arrange
        var key = Observed.NewKey();
        var emulator = TestEmulator.Create(b => b.WithStep(new StepRegistration(typeof(CapturePlugin), "Create", "account", PipelineStage.PostOperation)
        {
            UnsecureConfiguration = key,
            Images = [new ImageRegistration("Image", ImageType.Both, "name")],
        }));

        // Act
        var id = emulator.GetService().Create(new Entity("account") { ["name"] = "Contoso" });

        // Assert
        var context = Observed.Of<Captured>(key).Single().Context;
        Assert.IsFalse(context.PreEntityImages.Contains("Image"));
        Assert.AreEqual("Contoso", context.PostEntityImages["Image"]["name"]);
        Assert.AreEqual(id, context.OutputParameters["id"]);
        Assert.AreEqual(id, context.PrimaryEntityId);
        Assert.AreEqual(id, ((Entity)context.InputParameters["Target"]).Id);
    }

    [TestMethod]
    public void Images_PreOperationUpdate_HasNoPostImage()
    {
        // Arrange
        var key = Observed.NewKey();
        var emulator = TestEmulator.Create(b => b.WithStep(new StepRegistration(typeof(CapturePlugin), "Update", "account", PipelineStage.PreOperation)
        {
            UnsecureConfiguration = key,
            Images = [new ImageRegistration("Image", ImageType.Both)],
        }));
        var service = emulator.GetService();
        var id = service.Create(new Entity("account") { ["name"] = "Contoso" });

        // Act
        service.Update(new Entity("account", id) { ["name"] = "Contoso Ltd" });

        // Assert
        var context = Observed.Of<Captured>(key).Single().Context;
        Assert.AreEqual("Contoso", context.PreEntityImages["Image"]["name"]);
        Assert.IsFalse(context.PostEntityImages.Contains("Image"));
        Assert.AreEqual(0, context.OutputParameters.Count);
    }

    [TestMethod]
    public void Stages_RunInStageThenRankOrder()
    {
        // Arrange
        var key = Observed.NewKey();
        var emulator = TestEmulator.Create(b => b
            .WithStep(new StepRegistration(typeof(CapturePlugin), "Create", "account", PipelineStage.PostOperation) { UnsecureConfiguration = key, Rank = 1 })
            .WithStep(new StepRegistration(typeof(CapturePlugin), "Create", "account", PipelineStage.PreOperation) { UnsecureConfiguration = key, Rank = 5 })
            .WithStep(new StepRegistration(typeof(CapturePlugin), "Create", "account", PipelineStage.PreOperation) { UnsecureConfiguration = key, Rank = 2 })
            .WithStep(new StepRegistration(typeof(CapturePlugin), "Create", "account", PipelineStage.PreValidation) { UnsecureConfiguration = key, Rank = 9 }));

        // Act
        emulator.GetService().Create(new Entity("account") { ["name"] = "Contoso" });

        // Assert
        var stages = emulator.ExecutionLog.Where(e => e.PluginType != null).Select(e => e.Stage).ToArray();
        CollectionAssert.AreEqual(new[] { 10, 20, 20, 40 }, stages);
        var contexts = Observed.Of<Captured>(key).Select(c => c.Context).ToArray();
        Assert.IsFalse(contexts[0].IsInTransaction);
        Assert.IsTrue(contexts[1].IsInTransaction);
        Assert.IsTrue(contexts[3].IsInTransaction);
    }

    [TestMethod]
    public void SyncStepThrows_EveryWriteOfTheRequestIncludingNestedPluginWritesIsUndone()
    {
        // Arrange
        var emulator = TestEmulator.Create(b => b
            .WithStep(new StepRegistration(typeof(CreateAccountPlugin), "Create", "tst_project", PipelineStage.PreOperation) { UnsecureConfiguration = "Nested" })
            .WithStep(new StepRegistration(typeof(ThrowingPlugin), "Create", "tst_project", PipelineStage.PostOperation)));

        // Act
        Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => emulator.GetService().Create(new Entity("tst_project") { ["tst_name"] = "P" }));

        // Assert
        Assert.AreEqual(0, emulator.Count("tst_project"));
        Assert.AreEqual(0, emulator.Count("account"));
    }

    [TestMethod]
    public void PreValidationWrites_AreOutsideTheTransaction_AndSurviveALaterFailure()
    {
        // Arrange
        var emulator = TestEmulator.Create(b => b
            .WithStep(new StepRegistration(typeof(CreateAccountPlugin), "Create", "tst_project", PipelineStage.PreValidation) { UnsecureConfiguration = "Audit" })
            .WithStep(new StepRegistration(typeof(ThrowingPlugin), "Create", "tst_project", PipelineStage.PreOperation)));

        // Act
        Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => emulator.GetService().Create(new Entity("tst_project") { ["tst_name"] = "P" }));

        // Assert
        Assert.AreEqual(0, emulator.Count("tst_project"));
        Assert.AreEqual(1, emulator.Count("account"));
    }

    [TestMethod]
    public void InvalidPluginExecutionException_SurfacesAsFaultWithItsMessageAndIsvAborted()
    {
        // Arrange
        var emulator = TestEmulator.Create(b => b.WithStep(new StepRegistration(typeof(ThrowingPlugin), "Create", "account", PipelineStage.PreOperation)));

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => emulator.GetService().Create(new Entity("account") { ["name"] = "A" }));

        // Assert
        Assert.AreEqual("The plan is not complete.", fault.Detail.Message);
        Assert.AreEqual(-2147220891, fault.Detail.ErrorCode);
    }

    [TestMethod]
    public void InvalidPluginExecutionException_WithErrorCode_KeepsTheCode()
    {
        // Arrange
        var emulator = TestEmulator.Create(b => b.WithStep(new StepRegistration(typeof(ThrowingPlugin), "Create", "account", PipelineStage.PreOperation) { UnsecureConfiguration = "code" }));

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => emulator.GetService().Create(new Entity("account") { ["name"] = "A" }));

        // Assert
        Assert.AreEqual(12345, fault.Detail.ErrorCode);
        Assert.AreEqual("Refused with a code.", fault.Detail.Message);
    }

    [TestMethod]
    public void OtherPluginException_SurfacesAsIsvUnexpected()
    {
        // Arrange
        var emulator = TestEmulator.Create(b => b.WithStep(new StepRegistration(typeof(ThrowingPlugin), "Create", "account", PipelineStage.PreOperation) { UnsecureConfiguration = "crash" }));

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => emulator.GetService().Create(new Entity("account") { ["name"] = "A" }));

        // Assert
        Assert.AreEqual(ErrorCodes.IsvUnExpected, fault.Detail.ErrorCode);
        StringAssert.Contains(fault.Detail.Message, "Something broke.");
    }

    [TestMethod]
    public void AsyncStep_RunsOnlyWhenDrained()
    {
        // Arrange
        var emulator = TestEmulator.Create(b => b.WithStep(new StepRegistration(typeof(CreateAccountPlugin), "Create", "tst_project", PipelineStage.PostOperation, StepMode.Asynchronous) { UnsecureConfiguration = "Async" }));
        emulator.GetService().Create(new Entity("tst_project") { ["tst_name"] = "P" });

        // Act
        var before = emulator.Count("account");
        var results = emulator.DrainAsync();

        // Assert
        Assert.AreEqual(0, before);
        Assert.AreEqual(1, results.Count);
        Assert.AreEqual(1, emulator.Count("account"));
        Assert.AreEqual(0, emulator.PendingAsyncJobs);
    }

    [TestMethod]
    public void AsyncStep_Failure_NeverUndoesTheParent()
    {
        // Arrange
        var emulator = TestEmulator.Create(b => b.WithStep(new StepRegistration(typeof(ThrowingPlugin), "Create", "tst_project", PipelineStage.PostOperation, StepMode.Asynchronous)));
        var id = emulator.GetService().Create(new Entity("tst_project") { ["tst_name"] = "P" });

        // Act
        var results = emulator.DrainAsync();

        // Assert
        Assert.AreEqual(ExecutionOutcome.Failed, results.Single().Outcome);
        Assert.AreEqual("The plan is not complete.", results.Single().Error);
        Assert.IsNotNull(emulator.Peek("tst_project", id));
    }

    [TestMethod]
    public void AsyncStep_ParentRolledBack_IsNeverQueued()
    {
        // Arrange
        var emulator = TestEmulator.Create(b => b
            .WithStep(new StepRegistration(typeof(CreateAccountPlugin), "Create", "tst_project", PipelineStage.PostOperation, StepMode.Asynchronous) { UnsecureConfiguration = "Async" })
            .WithStep(new StepRegistration(typeof(ThrowingPlugin), "Create", "tst_project", PipelineStage.PostOperation) { Rank = 9 }));

        // Act
        Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => emulator.GetService().Create(new Entity("tst_project") { ["tst_name"] = "P" }));

        // Assert
        Assert.AreEqual(0, emulator.PendingAsyncJobs);
    }

    [TestMethod]
    public void AsyncContext_IsModeOneOutsideTheTransaction()
    {
        // Arrange
        var key = Observed.NewKey();
        var emulator = TestEmulator.Create(b => b.WithStep(Capture(key, "Create", "account", PipelineStage.PostOperation, StepMode.Asynchronous)));
        emulator.GetService().Create(new Entity("account") { ["name"] = "A" });

        // Act
        emulator.DrainAsync();

        // Assert
        var context = Observed.Of<Captured>(key).Single().Context;
        Assert.AreEqual(1, context.Mode);
        Assert.AreEqual(40, context.Stage);
        Assert.IsFalse(context.IsInTransaction);
    }

    [TestMethod]
    public void SharedVariables_PreOperationToPostOperation_AreShared_AndPreValidationOnesAreInTheParentContext()
    {
        // Arrange
        var key = Observed.NewKey();
        var emulator = TestEmulator.Create(b => b
            .WithStep(new StepRegistration(typeof(SharedWriterPlugin), "Create", "account", PipelineStage.PreValidation) { UnsecureConfiguration = key })
            .WithStep(new StepRegistration(typeof(SharedWriterPlugin), "Create", "account", PipelineStage.PreOperation) { UnsecureConfiguration = key })
            .WithStep(Capture(key, "Create", "account", PipelineStage.PostOperation)));

        // Act
        emulator.GetService().Create(new Entity("account") { ["name"] = "A" });

        // Assert
        var context = Observed.Of<Captured>(key).Single().Context;
        Assert.AreEqual(key, context.SharedVariables["written-in-20"]);
        Assert.AreEqual(key, context.ParentContext.SharedVariables["written-in-10"]);
    }

    [TestMethod]
    public void Depth_NestedRequestsFromPlugins_IncreaseDepthAndSetParentContext()
    {
        // Arrange
        var key = Observed.NewKey();
        var emulator = TestEmulator.Create(b => b
            .WithStep(new StepRegistration(typeof(CreateAccountPlugin), "Create", "tst_project", PipelineStage.PostOperation) { UnsecureConfiguration = "Child" })
            .WithStep(Capture(key, "Create", "account", PipelineStage.PostOperation)));

        // Act
        emulator.GetService().Create(new Entity("tst_project") { ["tst_name"] = "P" });

        // Assert
        var context = Observed.Of<Captured>(key).Single().Context;
        Assert.AreEqual(2, context.Depth);
        Assert.AreEqual("tst_project", context.ParentContext.PrimaryEntityName);
        Assert.AreEqual(1, context.ParentContext.Depth);
    }

    [TestMethod]
    public void Depth_InfiniteLoop_FaultsAboveEightAndUndoesEverything()
    {
        // Arrange
        var emulator = TestEmulator.Create(b => b.WithStep(new StepRegistration(typeof(RecursiveUpdatePlugin), "Update", "account", PipelineStage.PostOperation)));
        var service = emulator.GetService();
        var id = service.Create(new Entity("account") { ["name"] = "A" });

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Update(new Entity("account", id) { ["name"] = "B" }));

        // Assert
        Assert.AreEqual(-2147204734, fault.Detail.ErrorCode);
        Assert.AreEqual("A", emulator.Peek("account", id)!["name"]);
        Assert.AreEqual(8, emulator.ExecutionLog.Where(e => e.PluginType != null).Max(e => e.Depth));
    }

    [TestMethod]
    public void ServiceFactory_NullUser_RunsAsSystem()
    {
        // Arrange
        var key = Observed.NewKey();
        var emulator = TestEmulator.Create(b => b.WithStep(new StepRegistration(typeof(SystemServicePlugin), "Create", "account", PipelineStage.PostOperation) { UnsecureConfiguration = key }));

        // Act
        emulator.GetService().Create(new Entity("account") { ["name"] = "A" });

        // Assert
        Assert.AreEqual(emulator.SystemUserId, Observed.Of<Guid>(key).Single());
    }

    [TestMethod]
    public void PluginInstance_IsCreatedOnceAndReused()
    {
        // Arrange
        var key = Observed.NewKey();
        var emulator = TestEmulator.Create(b => b.WithStep(Capture(key, "Create", "account", PipelineStage.PreOperation)));
        var service = emulator.GetService();

        // Act
        service.Create(new Entity("account") { ["name"] = "A" });
        service.Create(new Entity("account") { ["name"] = "B" });

        // Assert
        var captured = Observed.Of<Captured>(key);
        Assert.AreSame(captured[0].Instance, captured[1].Instance);
        Assert.AreEqual(2, captured[1].Execution);
    }

    [TestMethod]
    public void Context_CarriesMessageUserAndInputParameters()
    {
        // Arrange
        var key = Observed.NewKey();
        var emulator = TestEmulator.Create(b => b.WithStep(Capture(key, "Update", "account", PipelineStage.PreOperation)));
        var seller = emulator.CreateUser("Sam", "Seller");
        var id = emulator.GetService().Create(new Entity("account") { ["name"] = "A" });

        // Act
        emulator.GetService(seller).Update(new Entity("account", id) { ["name"] = "B" });

        // Assert
        var context = (IPluginExecutionContext7)Observed.Of<Captured>(key).Single().Context;
        Assert.AreEqual("Update", context.MessageName);
        Assert.AreEqual("account", context.PrimaryEntityName);
        Assert.AreEqual(id, context.PrimaryEntityId);
        Assert.AreEqual(seller, context.UserId);
        Assert.AreEqual(seller, context.InitiatingUserId);
        Assert.AreEqual(emulator.OrganizationId, context.OrganizationId);
        Assert.AreEqual(1, context.Depth);
        Assert.AreEqual(0, context.Mode);
        Assert.AreEqual("B", ((Entity)context.InputParameters["Target"])["name"]);
    }

    [TestMethod]
    public void RetrieveStep_PostOperation_SeesBusinessEntityAndCanChangeIt()
    {
        // Arrange
        var key = Observed.NewKey();
        var emulator = TestEmulator.Create(b => b.WithStep(Capture(key, "Retrieve", "account", PipelineStage.PostOperation)));
        var service = emulator.GetService();
        var id = service.Create(new Entity("account") { ["name"] = "A" });

        // Act
        var entity = service.Retrieve("account", id, new Microsoft.Xrm.Sdk.Query.ColumnSet("name"));

        // Assert
        var context = Observed.Of<Captured>(key).Single().Context;
        Assert.AreSame(entity, context.OutputParameters["BusinessEntity"]);
    }

    [TestMethod]
    public void BypassCustomPluginExecution_SkipsSteps()
    {
        // Arrange
        var emulator = TestEmulator.Create(b => b.WithStep(new StepRegistration(typeof(ThrowingPlugin), "Create", "account", PipelineStage.PreOperation)));

        // Act
        emulator.Seed(new Entity("account") { ["name"] = "A" });

        // Assert
        Assert.AreEqual(1, emulator.Count("account"));
    }

    [TestMethod]
    public void Trace_IsCapturedPerExecutionAndPutInTheFault()
    {
        // Arrange
        var emulator = TestEmulator.Create(b => b
            .WithStep(new StepRegistration(typeof(ThrowingPlugin), "Update", "tst_project", PipelineStage.PostOperation) { Rank = 9 }));
        var service = emulator.GetService();
        var id = service.Create(new Entity("tst_project") { ["tst_name"] = "P", ["tst_score"] = 1 });

        // Act
        Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Update(new Entity("tst_project", id) { ["tst_score"] = 2 }));

        // Assert
        Assert.AreEqual(1, emulator.Traces.Count);
        StringAssert.Contains(emulator.Traces[0].Text, "score 1 -> 2");
        Assert.AreEqual(1, emulator.Peek("tst_project", id)!["tst_score"]);
    }

    [TestMethod]
    public void CustomApi_DispatchesToItsPluginAndReturnsOutputParameters()
    {
        // Arrange
        var emulator = TestEmulator.Create();

        // Act
        var response = emulator.GetService().Execute(new OrganizationRequest("tst_Echo") { ["Text"] = "hello" });

        // Assert
        Assert.AreEqual("tst_Echo", response.ResponseName);
        Assert.AreEqual("echo: hello", response.Results["Echo"]);
        Assert.IsTrue(emulator.ExecutionLog.Any(e => e.Message == "tst_Echo" && e.Stage == 30 && e.PluginType == typeof(EchoApiPlugin).FullName));
    }

    [TestMethod]
    public void CustomApi_RequiredParameterMissing_Faults()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Execute(new OrganizationRequest("tst_Echo")));

        // Assert
        StringAssert.Contains(fault.Detail.Message, "Text");
    }

    [TestMethod]
    public void CustomApi_StepsOnTheMessage_RunAroundTheMainOperation()
    {
        // Arrange
        var key = Observed.NewKey();
        var emulator = TestEmulator.Create(b => b.WithStep(Capture(key, "tst_Echo", null, PipelineStage.PostOperation)));

        // Act
        emulator.GetService().Execute(new OrganizationRequest("tst_Echo") { ["Text"] = "x" });

        // Assert
        Assert.AreEqual("echo: x", Observed.Of<Captured>(key).Single().Context.OutputParameters["Echo"]);
    }

    [TestMethod]
    public void Build_SolutionStepTypeMissingFromAssembly_FailsWithTheTypeName()
    {
        // Arrange
        var builder = XrmEmulator.Builder().WithSolution(TestEmulator.SolutionFolder).WithPluginAssembly(typeof(object).Assembly);

        // Act
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => builder.Build());

        // Assert
        StringAssert.Contains(error.Message, typeof(DefaultNotesPlugin).FullName!);
    }

    [TestMethod]
    public void ParallelEmulators_DoNotShareData()
    {
        // Arrange
        var emulators = Enumerable.Range(0, 8).Select(_ => TestEmulator.Create()).ToArray();

        // Act
        Parallel.ForEach(emulators, e =>
        {
            var service = e.GetService();
            for (var i = 0; i < 200; i++)
            {
                service.Create(new Entity("tst_project") { ["tst_name"] = "P" + i });
            }
        });

        // Assert
        Assert.IsTrue(emulators.All(e => e.Count("tst_project") == 200));
    }
}
