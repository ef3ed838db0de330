using AccountPlanXrm.Plugins.Logic;
using AccountPlanXrm.Plugins.Model;
using AccountPlanXrm.Plugins.Resources;
using AccountPlanXrm.Plugins.Tests.Fakes;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Plugins.Tests.Unit;

[TestClass]
public sealed class CompletenessCalculatorTests
{
    private static readonly Guid PlanId = new("10000000-0000-0000-0000-000000000001");
    private static readonly Guid TemplateId = new("20000000-0000-0000-0000-000000000001");

    private static TemplateRequirements Full() => new(
        [Plan.BusinessModel, Plan.Products], [Plan.Competitors], [Plan.RevenueTarget], [Plan.ManagementSummary], 2, 1);

    [TestMethod]
    public void Evaluate_EverythingFilled_ReturnsHundredAndNothingMissing()
    {
        var plan = new Entity(Plan.EntityName, PlanId)
        {
            [Plan.BusinessModel] = "b2b", [Plan.Products] = "p", [Plan.Competitors] = "c",
            [Plan.RevenueTarget] = new Money(1m), [Plan.ManagementSummary] = "s",
        };

        var result = CompletenessCalculator.Evaluate(plan, Full(), 2, 1);

        Assert.AreEqual(100, result.OverallPercent);
        Assert.IsTrue(result.IsComplete);
        Assert.AreEqual(string.Empty, result.MissingText(Messages.English));
    }

    [TestMethod]
    public void Evaluate_SomeMissing_ComputesSectionsOverallAndMissingText()
    {
        var plan = new Entity(Plan.EntityName, PlanId) { [Plan.BusinessModel] = "b2b", [Plan.Products] = "  ", [Plan.RevenueTarget] = new Money(0m) };

        var result = CompletenessCalculator.Evaluate(plan, Full(), 1, 0);

        Assert.AreEqual(50, result.SectionPercent[PlanSection.Analysis]);
        Assert.AreEqual(0, result.SectionPercent[PlanSection.Position]);
        Assert.AreEqual(100, result.SectionPercent[PlanSection.Goals]);
        Assert.AreEqual(50, result.SectionPercent[PlanSection.Measures]);
        Assert.AreEqual(0, result.SectionPercent[PlanSection.Stakeholders]);
        Assert.AreEqual(0, result.SectionPercent[PlanSection.Summary]);
        Assert.AreEqual(3 * 100 / 8, result.OverallPercent);
        Assert.AreEqual(
            "Customer analysis: Products and services\nOur position: Competitors\nOperative measures: at least 2 measure(s) (1 present)\n" +
            "Stakeholders and communication: at least 1 stakeholder(s) (0 present)\nManagement summary: Management summary",
            result.MissingText(Messages.English));
    }

    [TestMethod]
    public void MissingText_GermanUser_UsesGermanLabels()
    {
        var plan = new Entity(Plan.EntityName, PlanId);

        var result = CompletenessCalculator.Evaluate(plan, new TemplateRequirements([Plan.BusinessModel], [], [], [], 0, 0), 0, 0);

        Assert.AreEqual("Kundenanalyse: Geschäftsmodell", result.MissingText(new Messages(UserLanguage.German)));
    }

    [TestMethod]
    public void Evaluate_NoRequirements_ReturnsHundred()
    {
        var result = CompletenessCalculator.Evaluate(new Entity(Plan.EntityName, PlanId), TemplateRequirements.None, 0, 0);

        Assert.AreEqual(100, result.OverallPercent);
        Assert.IsTrue(result.IsComplete);
    }

    [TestMethod]
    public void SplitColumns_MessyList_TrimsLowercasesAndDeduplicates()
    {
        var columns = TemplateRequirements.SplitColumns(" apx_Products, apx_products;apx_challenges,, ");

        CollectionAssert.AreEqual(new[] { "apx_products", "apx_challenges" }, columns.ToArray());
    }

    [TestMethod]
    [DataRow(Plan.StatusInReview, Plan.StatusDraft, true)]
    [DataRow(Plan.StatusActive, Plan.StatusInReview, true)]
    [DataRow(Plan.StatusActive, Plan.StatusActive, false)]
    [DataRow(Plan.StatusDraft, Plan.StatusActive, false)]
    [DataRow(Plan.StatusClosed, Plan.StatusActive, false)]
    public void IsGatedTransition_StatusPairs_MatchesGate(int next, int previous, bool expected)
    {
        Assert.AreEqual(expected, CompletenessCalculator.IsGatedTransition(next, previous));
    }

    [TestMethod]
    public void ApplyToTarget_MovingToActiveWhileIncomplete_ThrowsWithSectionList()
    {
        var service = new FakeOrganizationService
        {
            OnRetrieve = (name, id, _) => new Entity(name, id) { [Template.RequiredAnalysis] = "apx_businessmodel", [Template.MinMeasures] = 1 },
        };
        var pre = new Entity(Plan.EntityName, PlanId) { [Plan.TemplateId] = new EntityReference(Template.EntityName, TemplateId), [Plan.StatusCode] = new OptionSetValue(Plan.StatusDraft) };
        var target = new Entity(Plan.EntityName, PlanId) { [Plan.StatusCode] = new OptionSetValue(Plan.StatusActive) };

        var error = Assert.ThrowsExactly<InvalidPluginExecutionException>(() =>
            new CompletenessCalculator(service, new ListTracing()).ApplyToTarget(target, pre, Messages.English));

        StringAssert.Contains(error.Message, "cannot move to Active");
        StringAssert.Contains(error.Message, "Customer analysis: Business model");
        StringAssert.Contains(error.Message, "Operative measures: at least 1 measure(s) (0 present)");
    }

    [TestMethod]
    public void ApplyToTarget_ValuesUnchanged_PutsNothingIntoTarget()
    {
        var service = new FakeOrganizationService { OnRetrieve = (name, id, _) => new Entity(name, id) { [Template.RequiredAnalysis] = "apx_businessmodel" } };
        var pre = new Entity(Plan.EntityName, PlanId)
        {
            [Plan.TemplateId] = new EntityReference(Template.EntityName, TemplateId), [Plan.BusinessModel] = "x",
            [Plan.CompletenessPct] = 100, [Plan.CompletenessAnalysis] = 100, [Plan.CompletenessPosition] = 100, [Plan.CompletenessGoals] = 100,
            [Plan.CompletenessMeasures] = 100, [Plan.CompletenessStakeholders] = 100, [Plan.CompletenessSummary] = 100,
        };
        var target = new Entity(Plan.EntityName, PlanId) { [Plan.BusinessModel] = "y" };

        new CompletenessCalculator(service, new ListTracing()).ApplyToTarget(target, pre, Messages.English);

        CollectionAssert.AreEquivalent(new[] { Plan.BusinessModel }, target.Attributes.Keys.ToArray());
    }

    [TestMethod]
    public void Recalculate_MeasureCountReachesMinimum_WritesOnlyChangedColumns()
    {
        var service = new FakeOrganizationService();
        service.OnRetrieve = (name, id, _) => name == Template.EntityName
            ? new Entity(name, id) { [Template.MinMeasures] = 1 }
            : new Entity(name, id)
            {
                [Plan.TemplateId] = new EntityReference(Template.EntityName, TemplateId), [Plan.CompletenessPct] = 0,
                [Plan.CompletenessAnalysis] = 100, [Plan.CompletenessPosition] = 100, [Plan.CompletenessGoals] = 100,
                [Plan.CompletenessMeasures] = 0, [Plan.CompletenessStakeholders] = 100, [Plan.CompletenessSummary] = 100,
                [Plan.MissingItems] = "Operative measures: at least 1 measure(s) (0 present)",
            };
        service.OnRetrieveMultiple = q => new EntityCollection([new Entity(Measure.EntityName, Guid.Empty)]);

        new CompletenessCalculator(service, new ListTracing()).Recalculate(PlanId, out var written);

        Assert.IsTrue(written);
        var update = service.Updates.Single();
        CollectionAssert.AreEquivalent(
            new[] { Plan.CompletenessPct, Plan.CompletenessMeasures, Plan.MissingItems }, update.Attributes.Keys.ToArray());
        Assert.IsNull(update[Plan.MissingItems]);
        Assert.AreEqual(1, ((QueryExpression)service.Queries.Single()).TopCount);
    }
}
