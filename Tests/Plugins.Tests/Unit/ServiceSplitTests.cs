using AccountPlanXrm.Plugins.Infrastructure;
using AccountPlanXrm.Plugins.Logic;
using AccountPlanXrm.Plugins.Model;
using AccountPlanXrm.Plugins.Resources;
using AccountPlanXrm.Plugins.Tests.Fakes;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Plugins.Tests.Unit;

/// <summary>Which service each logic class uses: the calling user's for what the user sees, SYSTEM for the product.</summary>
[TestClass]
public sealed class ServiceSplitTests
{
    private static readonly DateTime Now = new(2027, 3, 15, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid PlanId = new("a0000000-0000-4000-8000-000000000001");
    private static readonly Guid ContosoId = new("ac000000-0000-4000-8000-000000000001");
    private static readonly Guid HiddenId = new("ac000000-0000-4000-8000-000000000002");

    [TestMethod]
    public void PlanRecalculation_TwoServices_CallerOnlyReadsThePlanSystemComputesAndWrites()
    {
        // Arrange
        var system = new FakeOrganizationService();
        var caller = new FakeOrganizationService();

        // Act
        new PlanRecalculation(system, caller, new ListTracing(), new FixedClock(Now)).Recalculate(PlanId);

        // Assert
        CollectionAssert.AreEqual(new[] { "Retrieve apx_accountplan" }, caller.Calls);
        Assert.IsTrue(system.Calls.Contains("Update apx_accountplan"), string.Join(", ", system.Calls));
    }

    [TestMethod]
    public void AccountRanking_AccountNameNotReadable_AccountLeftOut()
    {
        // Arrange: the aggregate names two accounts; the account query (as the caller) returns only Contoso.
        var caller = new FakeOrganizationService
        {
            OnRetrieveMultiple = query =>
            {
                if (query is FetchExpression)
                {
                    return new EntityCollection(new[] { ContosoId, HiddenId }.Select(id => new Entity(Opportunity.EntityName)
                    {
                        ["customer"] = new AliasedValue(Opportunity.EntityName, Opportunity.CustomerId, new EntityReference(Account.EntityName, id)),
                        ["value"] = new AliasedValue(Opportunity.EntityName, Opportunity.ActualValueBase, new Money(id == HiddenId ? 90m : 10m)),
                    }).ToList());
                }

                return ((QueryExpression)query).EntityName == Account.EntityName
                    ? new EntityCollection(new List<Entity> { new(Account.EntityName, ContosoId) { [Account.Name] = "Contoso" } })
                    : new EntityCollection();
            },
        };

        // Act
        var ranking = new AccountRanking(caller, new ListTracing(), new FixedClock(Now)).Rank(12, 20);

        // Assert
        CollectionAssert.AreEqual(new[] { ContosoId }, ranking.Entities.Select(e => e.Id).ToArray());
        Assert.AreEqual(1, ranking.Entities[0].GetAttributeValue<int>("apx_rank"));
    }

    [TestMethod]
    public void DecisionGate_NonMember_MembershipAsSystemPlanNameAsCaller()
    {
        // Arrange
        var system = new FakeOrganizationService
        {
            OnRetrieve = (name, id, _) => new Entity(name, id) { [Plan.Name] = "Contoso 2027", [Plan.SteeringCommitteeId] = new EntityReference("team", Guid.NewGuid()) },
        };
        var caller = new FakeOrganizationService { OnRetrieve = (name, id, _) => new Entity(name, id) { [Plan.Name] = "Contoso 2027" } };
        var gate = new DecisionGate(system, caller, new ListTracing(), new FixedClock(Now), new Messages(UserLanguage.English));
        var target = new Entity(Decision.EntityName, Guid.NewGuid())
        {
            [Decision.StatusCode] = new OptionSetValue(Decision.StatusApproved), [Decision.PlanId] = new EntityReference(Plan.EntityName, PlanId),
        };

        // Act
        var error = Assert.ThrowsExactly<InvalidPluginExecutionException>(() => gate.CheckDecision(target, null, Guid.NewGuid()));

        // Assert
        StringAssert.Contains(error.Message, "\"Contoso 2027\"");
        CollectionAssert.AreEqual(new[] { "Retrieve apx_accountplan", "RetrieveMultiple teammembership" }, system.Calls);
        CollectionAssert.AreEqual(new[] { "Retrieve apx_accountplan" }, caller.Calls);
    }

    [TestMethod]
    public void DecisionGate_MeasureGate_ReadsPlanAndDecisionAsCaller()
    {
        // Arrange
        var decisionId = Guid.NewGuid();
        var system = new FakeOrganizationService();
        var caller = new FakeOrganizationService
        {
            OnRetrieve = (name, id, _) => name == Plan.EntityName
                ? new Entity(name, id) { [Plan.DecisionThreshold] = new Money(10m) }
                : new Entity(name, id)
                {
                    [Decision.PlanId] = new EntityReference(Plan.EntityName, PlanId), [Decision.StatusCode] = new OptionSetValue(Decision.StatusApproved),
                    [Decision.DecisionType] = new OptionSetValue(Decision.TypeBudget), [Decision.RequestedBudget] = new Money(20m),
                },
        };
        var gate = new DecisionGate(system, caller, new ListTracing(), new FixedClock(Now), new Messages(UserLanguage.English));
        var target = new Entity(Measure.EntityName, Guid.NewGuid())
        {
            [Measure.Name] = "Roadshow", [Measure.StatusCode] = new OptionSetValue(Measure.StatusInProgress), [Measure.Budget] = new Money(20m),
            [Measure.PlanId] = new EntityReference(Plan.EntityName, PlanId), [Measure.DecisionId] = new EntityReference(Decision.EntityName, decisionId),
        };

        // Act
        gate.CheckMeasure(target, null);

        // Assert
        CollectionAssert.AreEqual(new[] { "RetrieveMultiple apx_planmeasure" }, system.Calls, "only the sum of the measures the decision covers is read as SYSTEM");
        CollectionAssert.AreEqual(new[] { "Retrieve apx_accountplan", "Retrieve apx_plandecision" }, caller.Calls);
    }
}
