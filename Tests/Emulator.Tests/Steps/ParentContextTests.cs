using AccountPlanXrm.Emulator.Pipeline;
using AccountPlanXrm.Emulator.Tests.Fixtures;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace AccountPlanXrm.Emulator.Tests.Steps;

/// <summary>
/// The execution context of requests the platform generates itself (SetState → Update, Upsert → Create/Update,
/// Associate 1:N → Update): same depth, ParentContext = the original request's context (IPluginExecutionContext.ParentContext).
/// </summary>
[TestClass]
public sealed class ParentContextTests
{
    private static readonly Guid AccountId = new("11111111-0000-4000-8000-000000000001");

    private static StepRegistration Capture(string key, string message, string entity, PipelineStage stage) =>
        new(typeof(CapturePlugin), message, entity, stage) { UnsecureConfiguration = key };

    [TestMethod]
    public void SetState_UpdateStepsOfTheInternalUpdate_HaveTheSetStateContextAsParent()
    {
        // Arrange
        var key = Observed.NewKey();
        var emulator = TestEmulator.Create(b => b.WithStep(Capture(key, "Update", "account", PipelineStage.PostOperation)));
        var service = emulator.GetService();
        var id = service.Create(new Entity("account") { ["name"] = "A" });

        // Act
        service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("account", id), State = new OptionSetValue(1), Status = new OptionSetValue(-1) });

        // Assert
        var context = Observed.Of<Captured>(key).Single().Context;
        Assert.AreEqual(1, context.Depth);
        Assert.AreEqual("SetState", context.ParentContext.MessageName);
        Assert.AreEqual(id, context.ParentContext.PrimaryEntityId);
        Assert.AreEqual(context.ParentContext.CorrelationId, context.CorrelationId);
    }

    [TestMethod]
    public void Upsert_CreateAndUpdateSteps_HaveTheUpsertContextAsParent()
    {
        // Arrange
        var key = Observed.NewKey();
        var emulator = TestEmulator.Create(b => b
            .WithStep(Capture(key, "Create", "account", PipelineStage.PreOperation))
            .WithStep(Capture(key, "Update", "account", PipelineStage.PreOperation)));
        var service = emulator.GetService();

        // Act
        service.Execute(new UpsertRequest { Target = new Entity("account", AccountId) { ["name"] = "A" } });
        service.Execute(new UpsertRequest { Target = new Entity("account", AccountId) { ["name"] = "B" } });

        // Assert
        var contexts = Observed.Of<Captured>(key).Select(c => c.Context).ToList();
        CollectionAssert.AreEqual(new[] { "Create", "Update" }, contexts.Select(c => c.MessageName).ToArray());
        Assert.IsTrue(contexts.All(c => c.ParentContext?.MessageName == "Upsert" && c.Depth == 1));
    }

    [TestMethod]
    public void ParentContext_OfTheInternalUpdate_CarriesTheOuterParentChain()
    {
        // Arrange
        var key = Observed.NewKey();
        var emulator = TestEmulator.Create(b => b.WithStep(Capture(key, "Update", "tst_task", PipelineStage.PostOperation)));
        var service = emulator.GetService();
        var project = service.Create(new Entity("tst_project") { ["tst_name"] = "P" });
        var task = service.Create(new Entity("tst_task") { ["tst_name"] = "T" });

        // Act
        service.Associate("tst_project", project, new Relationship("tst_project_tst_task"), [new EntityReference("tst_task", task)]);

        // Assert
        var context = Observed.Of<Captured>(key).Single().Context;
        Assert.AreEqual("Associate", context.ParentContext.MessageName);
        Assert.AreEqual(30, context.ParentContext.Stage);
        Assert.IsNull(context.ParentContext.ParentContext);
    }

    [TestMethod]
    public void TopLevelRequest_WithoutPreValidationSteps_HasNoParentContext()
    {
        // Arrange
        var key = Observed.NewKey();
        var emulator = TestEmulator.Create(b => b.WithStep(Capture(key, "Update", "account", PipelineStage.PostOperation)));
        var service = emulator.GetService();
        var id = service.Create(new Entity("account") { ["name"] = "A" });

        // Act
        service.Update(new Entity("account", id) { ["name"] = "B" });

        // Assert
        Assert.IsNull(Observed.Of<Captured>(key).Single().Context.ParentContext);
    }
}
