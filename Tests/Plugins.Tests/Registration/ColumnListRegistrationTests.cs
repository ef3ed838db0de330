using AccountPlanXrm.Emulator;
using AccountPlanXrm.Plugins.Logic;
using AccountPlanXrm.Plugins.Model;
using AccountPlanXrm.Plugins.Steps;

namespace AccountPlanXrm.Plugins.Tests.Registration;

/// <summary>
/// The column lists the code reads when a step's image is missing (or that stand for a step's image) are the image
/// columns registered for that step in Solution/src: one list, checked against the registration the emulator and the
/// platform use.
/// </summary>
[TestClass]
public sealed class ColumnListRegistrationTests
{
    private static readonly Lazy<IReadOnlyList<StepDefinition>> Steps = new(() => SolutionDefinition.Load(Repository.SolutionSource).Steps);

    [TestMethod]
    public void PlanImageColumns_PlanCompletenessStepUpdate_EqualPreImage() =>
        AssertImage<PlanCompletenessStep>("Update", StepImages.Pre, CompletenessCalculator.PlanImageColumns);

    [TestMethod]
    [DataRow("Create")]
    [DataRow("Update")]
    public void ReviewSchedulerPlanColumns_PlanReviewCycleStep_EqualPostImage(string message) =>
        AssertImage<PlanReviewCycleStep>(message, StepImages.Post, ReviewScheduler.PlanColumns);

    [TestMethod]
    public void PlanSuccessionImageColumns_PlanSuccessionStepUpdate_EqualPostImage() =>
        AssertImage<PlanSuccessionStep>("Update", StepImages.Post, PlanSuccession.ImageColumns);

    [TestMethod]
    public void ContactCadenceImageColumns_StakeholderCadenceStepUpdate_EqualPreImage() =>
        AssertImage<StakeholderCadenceStep>("Update", StepImages.Pre, ContactCadence.ImageColumns);

    [TestMethod]
    [DataRow("Create", StepImages.Post)]
    [DataRow("Update", StepImages.Pre)]
    [DataRow("Update", StepImages.Post)]
    [DataRow("Delete", StepImages.Pre)]
    public void ContributionColumns_OpportunityRollupStep_EqualImage(string message, string alias) =>
        AssertImage<OpportunityRollupStep>(message, alias, Opportunity.ContributionColumns);

    [TestMethod]
    [DataRow("Create")]
    [DataRow("Update")]
    public void ContactActivityImageColumns_ActivityContactStep_EqualPostImage(string message) =>
        AssertImage<ActivityContactStep>(message, StepImages.Post, ContactActivity.ImageColumns);

    private static void AssertImage<TStep>(string message, string alias, IEnumerable<string> columns)
    {
        var steps = Steps.Value.Where(s => s.PluginTypeName == typeof(TStep).FullName && s.Message == message).ToList();
        Assert.IsNotEmpty(steps, $"{typeof(TStep).Name} {message}: no registered step");
        foreach (var step in steps)
        {
            var image = step.Images.SingleOrDefault(i => i.Alias == alias);
            Assert.IsNotNull(image, $"{step.Name}: image {alias} is not registered");
            CollectionAssert.AreEquivalent(
                image.Attributes.OrderBy(c => c, StringComparer.Ordinal).ToList(),
                columns.OrderBy(c => c, StringComparer.Ordinal).ToList(),
                $"{step.Name} {alias}: registered [{string.Join(",", image.Attributes)}], code [{string.Join(",", columns)}]");
        }
    }
}
