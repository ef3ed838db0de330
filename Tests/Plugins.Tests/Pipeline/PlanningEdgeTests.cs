using AccountPlanXrm.Plugins.Logic;
using AccountPlanXrm.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Plugins.Tests.Pipeline;

/// <summary>
/// Portfolio planning at its edges: succession only closes a real predecessor, the roll-forward judges carried
/// measures in base currency and stops at the end of the calendar, and contacts are logged only on active stakeholders.
/// </summary>
[TestClass]
public sealed class PlanningEdgeTests
{
    private static readonly Guid EuroId = new("0e000000-0000-4000-8000-0000000000e1");

    private static OrganizationResponse RollForward(PlanWorld world, Guid plan) =>
        world.Service.Execute(new OrganizationRequest("apx_RollForwardPlan") { ["Target"] = new EntityReference(Plan.EntityName, plan) });

    private static int StatusOf(PlanWorld world, Guid plan) => world.GetPlan(plan).GetAttributeValue<OptionSetValue>(Plan.StatusCode).Value;

    [TestMethod]
    public void Activate_PreviousPlanOfAnotherAccount_LeavesThatPlanActive()
    {
        var world = new PlanWorld();
        var fabrikam = world.CreatePlan(account: PlanWorld.FabrikamId, complete: true, name: "Fabrikam 2027");
        world.SetPlanStatus(fabrikam, Plan.StateActive, Plan.StatusActive);
        var contoso = world.CreatePlan(complete: true, start: new DateTime(2028, 1, 1), end: new DateTime(2028, 12, 31), name: "Contoso 2028");
        world.Service.Update(new Entity(Plan.EntityName, contoso) { [Plan.PreviousPlanId] = new EntityReference(Plan.EntityName, fabrikam) });

        world.SetPlanStatus(contoso, Plan.StateActive, Plan.StatusActive);

        Assert.AreEqual(Plan.StatusActive, StatusOf(world, contoso));
        Assert.AreEqual(Plan.StatusActive, StatusOf(world, fabrikam), "another account's plan is no predecessor");
    }

    [TestMethod]
    public void Activate_PreviousPlanIsThePlanItself_StaysActive()
    {
        var world = new PlanWorld();
        var plan = world.CreatePlan(complete: true);
        world.Service.Update(new Entity(Plan.EntityName, plan) { [Plan.PreviousPlanId] = new EntityReference(Plan.EntityName, plan) });

        world.SetPlanStatus(plan, Plan.StateActive, Plan.StatusActive);

        Assert.AreEqual(Plan.StatusActive, StatusOf(world, plan));
    }

    [TestMethod]
    public void RollForwardPlan_InProgressMeasureOverThresholdOnlyInBaseCurrency_StartsPlanned()
    {
        var world = new PlanWorld();
        world.Emulator.Seed(new Entity("transactioncurrency", EuroId)
        {
            ["currencyname"] = "Euro", ["isocurrencycode"] = "EUR", ["currencysymbol"] = "€", ["exchangerate"] = 0.8m, ["currencyprecision"] = 2,
        });
        var plan = world.CreatePlan(complete: true);
        world.Service.Update(new Entity(Plan.EntityName, plan) { [Plan.DecisionThreshold] = new Money(1_000m) });
        // 900 EUR at 0.8 EUR per base unit is 1,125 in base currency: above the threshold of 1,000 (its start was
        // decided in the old plan, which the seeded row stands for).
        world.Emulator.Seed(new Entity(Measure.EntityName, new Guid("3e000000-0000-4000-8000-0000000000a1"))
        {
            [Measure.Name] = "Euro roadshow", [Measure.PlanId] = new EntityReference(Plan.EntityName, plan), [Measure.Budget] = new Money(900m),
            [Measure.TransactionCurrencyId] = new EntityReference("transactioncurrency", EuroId),
            [Measure.StatusCode] = new OptionSetValue(Measure.StatusInProgress),
        });

        var next = ((EntityReference)RollForward(world, plan).Results["NewPlan"]).Id;

        var query = new QueryExpression(Measure.EntityName) { ColumnSet = new ColumnSet(Measure.StatusCode) };
        query.Criteria.AddCondition(Measure.PlanId, ConditionOperator.Equal, next);
        query.Criteria.AddCondition(Measure.Name, ConditionOperator.Equal, "Euro roadshow");
        var copy = world.Emulator.GetSystemService().RetrieveMultiple(query).Entities.Single();
        Assert.AreEqual(Measure.StatusPlanned, copy.GetAttributeValue<OptionSetValue>(Measure.StatusCode).Value);
    }

    [TestMethod]
    public void RollForwardPlan_NextPeriodPastTheCalendar_RefusedNothingWritten()
    {
        var world = new PlanWorld();
        var plan = world.CreatePlan(start: new DateTime(9999, 1, 1), end: new DateTime(9999, 9, 30), name: "Contoso far future");

        var message = FaultAssert.Message(() => RollForward(world, plan));

        Assert.AreEqual("The plan \"Contoso far future\" cannot be rolled forward: its next period would end after 9999-12-31, the last date Dataverse stores.", message);
        Assert.IsNull(world.Emulator.Peek(Plan.EntityName, PlanRollForward.NextPlanId(plan)));
    }

    [TestMethod]
    public void NextPeriod_MonthEndsAndLeapYears_KeepTheLength()
    {
        Assert.AreEqual(Tuple.Create(new DateTime(2027, 3, 1), new DateTime(2027, 3, 31)), PlanRollForward.NextPeriod(new DateTime(2027, 2, 1), new DateTime(2027, 2, 28)));
        Assert.AreEqual(Tuple.Create(new DateTime(2028, 3, 1), new DateTime(2028, 4, 30)), PlanRollForward.NextPeriod(new DateTime(2028, 1, 1), new DateTime(2028, 2, 29)));
        Assert.AreEqual(Tuple.Create(new DateTime(2028, 3, 1), new DateTime(2029, 2, 28)), PlanRollForward.NextPeriod(new DateTime(2027, 3, 1), new DateTime(2028, 2, 29)));
        Assert.AreEqual(Tuple.Create(new DateTime(9999, 12, 1), new DateTime(9999, 12, 31)), PlanRollForward.NextPeriod(new DateTime(9999, 11, 1), new DateTime(9999, 11, 30)));
        Assert.IsNull(PlanRollForward.NextPeriod(new DateTime(9999, 1, 1), new DateTime(9999, 12, 31)));
    }

    [TestMethod]
    public void NextContact_LastContactAtTheCalendarEnd_NoNextContact()
    {
        var last = new DateTime(9999, 12, 20);

        Assert.IsNull(ContactCadence.NextContact(Stakeholder.FrequencyMonthly, last, PlanWorld.Now));
        Assert.AreEqual(new DateTime(9999, 6, 30), ContactCadence.NextContact(Stakeholder.FrequencySemiAnnually, new DateTime(9998, 12, 30), PlanWorld.Now));
    }

    [TestMethod]
    public void LogStakeholderContact_InactiveStakeholder_RefusedNothingWritten()
    {
        var world = new PlanWorld();
        var plan = world.CreatePlan();
        var id = world.Service.Create(new Entity(Stakeholder.EntityName)
        {
            [Stakeholder.Name] = "Former CFO", [Stakeholder.PlanId] = new EntityReference(Plan.EntityName, plan),
            [Stakeholder.Frequency] = new OptionSetValue(Stakeholder.FrequencyMonthly), [Stakeholder.LastContactOn] = new DateTime(2027, 1, 20),
        });
        world.Service.Update(new Entity(Stakeholder.EntityName, id) { [Stakeholder.StateCode] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });

        var message = FaultAssert.Message(() =>
            world.Service.Execute(new OrganizationRequest("apx_LogStakeholderContact") { ["Target"] = new EntityReference(Stakeholder.EntityName, id) }));

        Assert.AreEqual("The stakeholder \"Former CFO\" is inactive; activate it before logging a contact.", message);
        Assert.AreEqual(new DateTime(2027, 1, 20), world.Emulator.Peek(Stakeholder.EntityName, id)!.GetAttributeValue<DateTime>(Stakeholder.LastContactOn).Date);
    }
}
