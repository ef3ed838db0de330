using AccountPlanXrm.Plugins.Logic;
using AccountPlanXrm.Plugins.Model;
using AccountPlanXrm.Plugins.Resources;
using AccountPlanXrm.Plugins.Tests.Fakes;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Plugins.Tests.Unit;

[TestClass]
public sealed class PlanValidatorTests
{
    private static readonly Guid AccountId = new("a0000000-0000-0000-0000-000000000001");
    private static readonly Guid UserId = new("30000000-0000-0000-0000-000000000001");
    private static readonly Guid FullId = new("20000000-0000-0000-0000-000000000001");
    private static readonly Guid CompactId = new("20000000-0000-0000-0000-000000000002");

    private static Entity NewPlan() => new(Plan.EntityName)
    {
        [Plan.Name] = "Contoso 2027",
        [Plan.AccountId] = new EntityReference(Account.EntityName, AccountId),
        [Plan.PeriodStart] = new DateTime(2027, 1, 1),
        [Plan.PeriodEnd] = new DateTime(2027, 12, 31),
    };

    private static PlanValidator Validator(FakeOrganizationService service) => new(service, service, new ListTracing(), Messages.English);

    [TestMethod]
    public void ValidateCreate_NoAccount_Throws()
    {
        var plan = NewPlan();
        plan.Attributes.Remove(Plan.AccountId);

        var error = Assert.ThrowsExactly<InvalidPluginExecutionException>(() => Validator(new FakeOrganizationService()).ValidateCreate(plan, UserId));

        Assert.AreEqual("An account plan needs an account.", error.Message);
    }

    [TestMethod]
    public void ValidateCreate_EndBeforeStart_Throws()
    {
        var plan = NewPlan();
        plan[Plan.PeriodEnd] = new DateTime(2026, 12, 31);

        var error = Assert.ThrowsExactly<InvalidPluginExecutionException>(() => Validator(new FakeOrganizationService()).ValidateCreate(plan, UserId));

        Assert.AreEqual("The period end (2026-12-31) must be after the period start (2027-01-01).", error.Message);
    }

    [TestMethod]
    [DataRow(Plan.RevenueTarget, "Revenue target must not be negative.")]
    [DataRow(Plan.PlanBudget, "Plan budget must not be negative.")]
    [DataRow(Plan.DecisionThreshold, "Decision threshold must not be negative.")]
    public void ValidateCreate_NegativeMoney_Throws(string column, string message)
    {
        var plan = NewPlan();
        plan[column] = new Money(-1m);

        var error = Assert.ThrowsExactly<InvalidPluginExecutionException>(() => Validator(new FakeOrganizationService()).ValidateCreate(plan, UserId));

        Assert.AreEqual(message, error.Message);
    }

    [TestMethod]
    public void ValidateUpdate_AccountCleared_Throws()
    {
        var target = new Entity(Plan.EntityName, Guid.Parse("10000000-0000-0000-0000-000000000001")) { [Plan.AccountId] = null };

        Assert.ThrowsExactly<InvalidPluginExecutionException>(() => Validator(new FakeOrganizationService()).ValidateUpdate(target, NewPlan()));
    }

    [TestMethod]
    public void ValidateCreate_OverlappingOpenPlan_ThrowsNamingIt()
    {
        var service = new FakeOrganizationService
        {
            OnRetrieveMultiple = q => ((QueryExpression)q).EntityName == Plan.EntityName
                ? new EntityCollection([new Entity(Plan.EntityName, Guid.NewGuid())
                {
                    [Plan.Name] = "Contoso 2027 H2", [Plan.PeriodStart] = new DateTime(2027, 7, 1), [Plan.PeriodEnd] = new DateTime(2028, 6, 30),
                }])
                : new EntityCollection(),
        };

        var error = Assert.ThrowsExactly<InvalidPluginExecutionException>(() => Validator(service).ValidateCreate(NewPlan(), UserId));

        StringAssert.Contains(error.Message, "\"Contoso 2027 H2\" (2027-07-01 to 2028-06-30)");
    }

    [TestMethod]
    public void ValidateCreate_OwnerAboveThreshold_DefaultsCompactTemplateAndCadence()
    {
        var service = new FakeOrganizationService();
        service.OnRetrieveMultiple = q => ((QueryExpression)q).EntityName switch
        {
            Template.EntityName => new EntityCollection(
            [
                new Entity(Template.EntityName, CompactId) { [Template.Name] = "Compact", [Template.Depth] = new OptionSetValue(Template.DepthCompact), [Template.DefaultCadence] = new OptionSetValue(Plan.CadenceSemiAnnual) },
                new Entity(Template.EntityName, FullId) { [Template.Name] = "Full", [Template.Depth] = new OptionSetValue(Template.DepthFull), [Template.IsDefault] = true, [Template.CompactThreshold] = 2 },
            ]),
            Plan.EntityName when ((QueryExpression)q).TopCount == 3 => new EntityCollection(
                [new Entity(Plan.EntityName, Guid.NewGuid()), new Entity(Plan.EntityName, Guid.NewGuid()), new Entity(Plan.EntityName, Guid.NewGuid())]),
            _ => new EntityCollection(),
        };
        var plan = NewPlan();

        Validator(service).ValidateCreate(plan, UserId);

        Assert.AreEqual(CompactId, plan.GetAttributeValue<EntityReference>(Plan.TemplateId).Id);
        Assert.AreEqual(Plan.CadenceSemiAnnual, plan.GetAttributeValue<OptionSetValue>(Plan.ReviewCadence).Value);
    }

    [TestMethod]
    public void ValidateCreate_OwnerAtThreshold_DefaultsDefaultTemplate()
    {
        var service = new FakeOrganizationService();
        service.OnRetrieveMultiple = q => ((QueryExpression)q).EntityName switch
        {
            Template.EntityName => new EntityCollection(
            [
                new Entity(Template.EntityName, CompactId) { [Template.Name] = "Compact", [Template.Depth] = new OptionSetValue(Template.DepthCompact) },
                new Entity(Template.EntityName, FullId) { [Template.Name] = "Full", [Template.IsDefault] = true, [Template.CompactThreshold] = 2 },
            ]),
            Plan.EntityName when ((QueryExpression)q).TopCount == 3 => new EntityCollection(
                [new Entity(Plan.EntityName, Guid.NewGuid()), new Entity(Plan.EntityName, Guid.NewGuid())]),
            _ => new EntityCollection(),
        };
        var plan = NewPlan();

        Validator(service).ValidateCreate(plan, UserId);

        Assert.AreEqual(FullId, plan.GetAttributeValue<EntityReference>(Plan.TemplateId).Id);
    }

    [TestMethod]
    public void ValidateDelete_PlanWithRows_ThrowsListingThem()
    {
        var service = new FakeOrganizationService
        {
            OnRetrieveMultiple = q => ((QueryExpression)q).EntityName is Measure.EntityName or Review.EntityName
                ? new EntityCollection([new Entity(Measure.EntityName, Guid.NewGuid()), new Entity(Measure.EntityName, Guid.NewGuid())])
                : new EntityCollection(),
            OnRetrieve = (name, id, _) => new Entity(name, id) { [Plan.Name] = "Contoso 2027" },
        };

        var error = Assert.ThrowsExactly<InvalidPluginExecutionException>(() =>
            Validator(service).ValidateDelete(new EntityReference(Plan.EntityName, Guid.Parse("10000000-0000-0000-0000-000000000001"))));

        Assert.AreEqual(
            "The plan \"Contoso 2027\" cannot be deleted because it still has 2 measure(s) and 2 review(s). Cancel the plan instead, or remove them first.",
            error.Message);
    }
}
