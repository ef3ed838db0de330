using AccountPlanXrm.Emulator.Pipeline;
using AccountPlanXrm.Emulator.Tests.Fixtures;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Emulator.Tests.Steps;

[TestClass]
public sealed class ContextFactsTests
{
    private static StepRegistration Capture(string key, string message, string entity, PipelineStage stage) =>
        new(typeof(CapturePlugin), message, entity, stage) { UnsecureConfiguration = key };

    [TestMethod]
    public void SyncSteps_StageModeTransactionAndTarget_AreThePlatformValues()
    {
        // Arrange
        var key = Observed.NewKey();
        var emulator = TestEmulator.Create(b => b
            .WithStep(Capture(key, "Create", "account", PipelineStage.PreValidation))
            .WithStep(Capture(key, "Create", "account", PipelineStage.PreOperation))
            .WithStep(Capture(key, "Create", "account", PipelineStage.PostOperation)));

        // Act
        emulator.GetService().Create(new Entity("account") { ["name"] = "A" });

        // Assert
        var contexts = Observed.Of<Captured>(key).Select(c => c.Context).ToList();
        CollectionAssert.AreEqual(new[] { 10, 20, 40 }, contexts.Select(c => c.Stage).ToArray());
        CollectionAssert.AreEqual(new[] { false, true, true }, contexts.Select(c => c.IsInTransaction).ToArray());
        Assert.IsTrue(contexts.All(c => c.Mode == 0 && c.Depth == 1));
        Assert.AreSame(contexts[1].InputParameters["Target"], contexts[2].InputParameters["Target"]);
    }

    [TestMethod]
    public void UpdateImages_ClearedColumn_IsAbsentFromThePostImage()
    {
        // Arrange
        var key = Observed.NewKey();
        var emulator = TestEmulator.Create(b => b.WithStep(new StepRegistration(typeof(CapturePlugin), "Update", "account", PipelineStage.PostOperation)
        {
            UnsecureConfiguration = key,
            Images = [new ImageRegistration("Image", ImageType.Both)],
        }));
        var service = emulator.GetService();
        var id = service.Create(new Entity("account") { ["name"] = "A", ["telephone1"] = "555" });

        // Act
        service.Update(new Entity("account", id) { ["name"] = "B", ["telephone1"] = null });

        // Assert
        var context = Observed.Of<Captured>(key).Single().Context;
        Assert.AreEqual("555", context.PreEntityImages["Image"]["telephone1"]);
        Assert.AreEqual("B", context.PostEntityImages["Image"]["name"]);
        Assert.IsFalse(context.PostEntityImages["Image"].Contains("telephone1"));
    }

    [TestMethod]
    public void Delete_PreOperation_TargetIsAReferenceAndThePreImageHoldsTheRow()
    {
        // Arrange
        var key = Observed.NewKey();
        var emulator = TestEmulator.Create(b => b.WithStep(new StepRegistration(typeof(CapturePlugin), "Delete", "account", PipelineStage.PreOperation)
        {
            UnsecureConfiguration = key,
            Images = [new ImageRegistration("Image", ImageType.PreImage, "name")],
        }));
        var service = emulator.GetService();
        var id = service.Create(new Entity("account") { ["name"] = "A" });

        // Act
        service.Delete("account", id);

        // Assert
        var context = Observed.Of<Captured>(key).Single().Context;
        Assert.AreEqual(new EntityReference("account", id), context.InputParameters["Target"]);
        Assert.AreEqual("A", context.PreEntityImages["Image"]["name"]);
    }
}
