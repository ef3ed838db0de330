using AccountPlanXrm.Plugins.Logic;
using AccountPlanXrm.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Plugins.Tests.Pipeline;

[TestClass]
public sealed class PortfolioPlanningTests
{
    private static OrganizationResponse RollForward(PlanWorld world, Guid plan, int? growth = null)
    {
        var request = new OrganizationRequest("apx_RollForwardPlan") { ["Target"] = new EntityReference(Plan.EntityName, plan) };
        if (growth.HasValue)
        {
            request["GrowthPercent"] = growth.Value;
        }

        return world.Service.Execute(request);
    }

    private static Guid CompletePlanWithChildren(PlanWorld world)
    {
        var plan = world.CreatePlan(complete: true);
        world.Service.Update(new Entity(Plan.EntityName, plan)
        {
            [Plan.Competitors] = "Northwind", [Plan.PlannedDevelopments] = "not carried", [Plan.SelectionReason] = new OptionSetValue(Plan.ReasonTopProfit),
        });
        foreach (var (name, status) in new[] { ("Done measure", Measure.StatusDone), ("Cancelled measure", Measure.StatusCancelled) })
        {
            var closed = world.AddMeasure(plan, name, 500m);
            world.Service.Update(new Entity(Measure.EntityName, closed) { [Measure.StateCode] = new OptionSetValue(1), [Measure.StatusCode] = new OptionSetValue(status) });
        }

        world.AddMeasure(plan, "Running measure", 800m, Measure.StatusInProgress);
        world.Service.Create(new Entity(Stakeholder.EntityName)
        {
            [Stakeholder.Name] = "Head of purchasing", [Stakeholder.PlanId] = new EntityReference(Plan.EntityName, plan),
            [Stakeholder.Frequency] = new OptionSetValue(Stakeholder.FrequencyQuarterly), [Stakeholder.LastContactOn] = new DateTime(2027, 2, 1),
            ["apx_communicationtopic"] = "Roadmap",
        });
        return plan;
    }

    private static List<Entity> Children(PlanWorld world, string entity, Guid plan, params string[] columns)
    {
        var query = new QueryExpression(entity) { ColumnSet = new ColumnSet(columns) };
        query.Criteria.AddCondition("apx_accountplanid", ConditionOperator.Equal, plan);
        query.AddOrder("apx_name", OrderType.Ascending);
        return world.Emulator.GetSystemService().RetrieveMultiple(query).Entities.ToList();
    }

    [TestMethod]
    public void RollForwardPlan_CompletePlan_CreatesNextPeriodWithSectionsStakeholdersAndOpenMeasures()
    {
        var world = new PlanWorld();
        var plan = CompletePlanWithChildren(world);

        var response = RollForward(world, plan, growth: 10);

        var next = (EntityReference)response.Results["NewPlan"];
        var row = world.GetPlan(next.Id);
        Assert.AreEqual("Contoso 2028", row.GetAttributeValue<string>(Plan.Name));
        Assert.AreEqual(new DateTime(2028, 1, 1), row.GetAttributeValue<DateTime>(Plan.PeriodStart).Date);
        Assert.AreEqual(new DateTime(2028, 12, 31), row.GetAttributeValue<DateTime>(Plan.PeriodEnd).Date);
        Assert.AreEqual("Wholesale", row.GetAttributeValue<string>(Plan.BusinessModel));
        Assert.AreEqual("Northwind", row.GetAttributeValue<string>(Plan.Competitors));
        Assert.IsFalse(row.Contains(Plan.PlannedDevelopments), "section 3 is planned anew");
        Assert.AreEqual(110_000m, PlanWorld.MoneyOf(row, Plan.RevenueTarget));
        Assert.AreEqual(PlanWorld.FullTemplateId, row.GetAttributeValue<EntityReference>(Plan.TemplateId).Id);
        Assert.AreEqual(Plan.CadenceQuarterly, row.GetAttributeValue<OptionSetValue>(Plan.ReviewCadence).Value);
        Assert.AreEqual(Plan.StatusDraft, row.GetAttributeValue<OptionSetValue>(Plan.StatusCode).Value);
        Assert.AreEqual(plan, row.GetAttributeValue<EntityReference>(Plan.PreviousPlanId).Id);
        Assert.AreEqual("Grow services", row.GetAttributeValue<string>(Plan.PreviousSummary));
        StringAssert.Contains(row.GetAttributeValue<string>(Plan.PreviousKpis), "Target proposal: last target 100,000.00 +10 % (growth given) = 110,000.00");

        var measures = Children(world, Measure.EntityName, next.Id, Measure.Name, Measure.OriginalMeasureId, Measure.StatusCode);
        CollectionAssert.AreEqual(new[] { "Running measure", "Workshop" }, measures.Select(m => m.GetAttributeValue<string>(Measure.Name)).ToArray());
        Assert.IsTrue(measures.All(m => m.GetAttributeValue<EntityReference>(Measure.OriginalMeasureId) != null));
        Assert.AreEqual(Measure.StatusInProgress, measures[0].GetAttributeValue<OptionSetValue>(Measure.StatusCode).Value);
        var stakeholders = Children(world, Stakeholder.EntityName, next.Id, Stakeholder.Name, Stakeholder.Frequency, Stakeholder.NextContactOn, "apx_communicationtopic");
        Assert.AreEqual(2, stakeholders.Count);
        Assert.AreEqual("Roadmap", stakeholders.Single(s => s.GetAttributeValue<string>(Stakeholder.Name) == "Head of purchasing").GetAttributeValue<string>("apx_communicationtopic"));
        Assert.AreEqual(2, response.Results["MeasuresCarried"]);
        Assert.AreEqual(2, response.Results["StakeholdersCarried"]);
        Assert.AreEqual(true, response.Results["Created"]);
    }

    [TestMethod]
    public void RollForwardPlan_Retried_ReturnsTheSamePlanWithoutCopyingTwice()
    {
        var world = new PlanWorld();
        var plan = CompletePlanWithChildren(world);
        var first = (EntityReference)RollForward(world, plan).Results["NewPlan"];

        var again = RollForward(world, plan);

        Assert.AreEqual(first.Id, ((EntityReference)again.Results["NewPlan"]).Id);
        Assert.AreEqual(false, again.Results["Created"]);
        Assert.AreEqual(2, Children(world, Measure.EntityName, first.Id, Measure.Name).Count);
    }

    [TestMethod]
    public void RollForwardPlan_AccountHasPlanForNextPeriod_RefusedNamingThatPlan()
    {
        var world = new PlanWorld();
        var plan = world.CreatePlan();
        world.CreatePlan(start: new DateTime(2028, 1, 1), end: new DateTime(2028, 6, 30), name: "Contoso H1 2028");

        var message = FaultAssert.Message(() => RollForward(world, plan));

        StringAssert.Contains(message, "already has the plan \"Contoso H1 2028\" for the period starting 2028-01-01");
    }

    [TestMethod]
    public void RollForwardPlan_NoGrowthGiven_UsesTheAttainmentTrend()
    {
        var world = new PlanWorld();
        var plan = world.CreatePlan();
        world.AddOpportunity(PlanWorld.ContosoId, 30_000m, Opportunity.StateWon, new DateTime(2027, 2, 1));

        var response = RollForward(world, plan);

        // 30 % attained after 74 of 365 days projects to 147.97 %, growth capped at +47.97 %.
        var expected = PlanRollForward.DefaultGrowth(30m, new DateTime(2027, 1, 1), new DateTime(2027, 12, 31), PlanWorld.Now);
        Assert.AreEqual(expected, response.Results["GrowthPercent"]);
        Assert.AreEqual(Math.Round(100_000m * (100m + expected) / 100m, 2), ((Money)response.Results["RevenueTarget"]).Value);
    }

    [TestMethod]
    public void DefaultGrowth_PeriodOver_IsAttainmentMinus100Bounded()
    {
        var start = new DateTime(2026, 1, 1);
        var end = new DateTime(2026, 12, 31);

        Assert.AreEqual(12.5m, PlanRollForward.DefaultGrowth(112.5m, start, end, new DateTime(2027, 3, 1)));
        Assert.AreEqual(-50m, PlanRollForward.DefaultGrowth(10m, start, end, new DateTime(2027, 3, 1)));
        Assert.AreEqual(100m, PlanRollForward.DefaultGrowth(400m, start, end, new DateTime(2027, 3, 1)));
        Assert.AreEqual(0m, PlanRollForward.DefaultGrowth(null, start, end, new DateTime(2027, 3, 1)));
        // Mid-period: 50 % after 183 of 365 days projects to 99.73 %.
        Assert.AreEqual(-0.27m, PlanRollForward.DefaultGrowth(50m, start, end, new DateTime(2026, 7, 2)));
    }

    [TestMethod]
    public void NextName_YearsInTheName_MoveWithThePeriod()
    {
        Assert.AreEqual("Contoso FY 2027/28", PlanRollForward.NextName("Contoso FY 2026/27", new DateTime(2026, 7, 1), new DateTime(2027, 7, 1)));
        Assert.AreEqual("Contoso 2028", PlanRollForward.NextName("Contoso 2027", new DateTime(2027, 1, 1), new DateTime(2028, 1, 1)));
        Assert.AreEqual("Contoso H1 (2027-07-01)", PlanRollForward.NextName("Contoso H1", new DateTime(2027, 1, 1), new DateTime(2027, 7, 1)));
    }

    [TestMethod]
    public void NextPeriod_WholeMonthsAndDays_KeepTheLength()
    {
        Assert.AreEqual(Tuple.Create(new DateTime(2027, 7, 1), new DateTime(2027, 12, 31)), PlanRollForward.NextPeriod(new DateTime(2027, 1, 1), new DateTime(2027, 6, 30)));
        Assert.AreEqual(Tuple.Create(new DateTime(2027, 1, 11), new DateTime(2027, 1, 20)), PlanRollForward.NextPeriod(new DateTime(2027, 1, 1), new DateTime(2027, 1, 10)));
    }

    [TestMethod]
    public void Activate_RolledForwardPlan_ClosesThePreviousPlan()
    {
        var world = new PlanWorld();
        var plan = CompletePlanWithChildren(world);
        world.SetPlanStatus(plan, Plan.StateActive, Plan.StatusActive);
        var next = ((EntityReference)RollForward(world, plan).Results["NewPlan"]).Id;
        world.Service.Update(new Entity(Plan.EntityName, next) { [Plan.ManagementSummary] = "Next year" });

        world.SetPlanStatus(next, Plan.StateActive, Plan.StatusActive);

        var old = world.GetPlan(plan);
        Assert.AreEqual(Plan.StateInactive, old.GetAttributeValue<OptionSetValue>(Plan.StateCode).Value);
        Assert.AreEqual(Plan.StatusClosed, old.GetAttributeValue<OptionSetValue>(Plan.StatusCode).Value);
    }

    [TestMethod]
    public void Stakeholder_FrequencyAndLastContact_NextContactMaintained()
    {
        var world = new PlanWorld();
        var plan = world.CreatePlan();
        var id = world.Service.Create(new Entity(Stakeholder.EntityName)
        {
            [Stakeholder.Name] = "CFO", [Stakeholder.PlanId] = new EntityReference(Plan.EntityName, plan),
            [Stakeholder.Frequency] = new OptionSetValue(Stakeholder.FrequencyMonthly), [Stakeholder.LastContactOn] = new DateTime(2027, 2, 10),
        });
        Assert.AreEqual(new DateTime(2027, 3, 10), world.Emulator.Peek(Stakeholder.EntityName, id)!.GetAttributeValue<DateTime>(Stakeholder.NextContactOn).Date);

        world.Service.Update(new Entity(Stakeholder.EntityName, id) { [Stakeholder.Frequency] = new OptionSetValue(Stakeholder.FrequencyAdHoc) });
        Assert.IsNull(world.Emulator.Peek(Stakeholder.EntityName, id)!.GetAttributeValue<DateTime?>(Stakeholder.NextContactOn));

        world.Service.Update(new Entity(Stakeholder.EntityName, id) { [Stakeholder.Frequency] = new OptionSetValue(Stakeholder.FrequencyWeekly) });
        Assert.AreEqual(new DateTime(2027, 2, 17), world.Emulator.Peek(Stakeholder.EntityName, id)!.GetAttributeValue<DateTime>(Stakeholder.NextContactOn).Date);
    }

    [TestMethod]
    public void LogStakeholderContact_Overdue_MovesNextContactOnFromToday()
    {
        var world = new PlanWorld();
        var plan = world.CreatePlan();
        var id = world.Service.Create(new Entity(Stakeholder.EntityName)
        {
            [Stakeholder.Name] = "CFO", [Stakeholder.PlanId] = new EntityReference(Plan.EntityName, plan),
            [Stakeholder.Frequency] = new OptionSetValue(Stakeholder.FrequencyQuarterly),
        });
        Assert.AreEqual(PlanWorld.Now.Date, world.Emulator.Peek(Stakeholder.EntityName, id)!.GetAttributeValue<DateTime>(Stakeholder.NextContactOn).Date, "never contacted: due now");

        var response = world.Service.Execute(new OrganizationRequest("apx_LogStakeholderContact") { ["Target"] = new EntityReference(Stakeholder.EntityName, id) });

        Assert.AreEqual(new DateTime(2027, 6, 15), ((DateTime)response.Results["NextContactOn"]).Date);
        Assert.AreEqual(new DateTime(2027, 3, 15), world.Emulator.Peek(Stakeholder.EntityName, id)!.GetAttributeValue<DateTime>(Stakeholder.LastContactOn).Date);
    }

    [TestMethod]
    public void NextContact_Frequencies_FollowTheInterval()
    {
        var last = new DateTime(2027, 1, 31);
        var added = new DateTime(2027, 3, 1);

        Assert.AreEqual(new DateTime(2027, 2, 7), ContactCadence.NextContact(Stakeholder.FrequencyWeekly, last, added));
        Assert.AreEqual(new DateTime(2027, 2, 28), ContactCadence.NextContact(Stakeholder.FrequencyMonthly, last, added));
        Assert.AreEqual(new DateTime(2027, 4, 30), ContactCadence.NextContact(Stakeholder.FrequencyQuarterly, last, added));
        Assert.AreEqual(new DateTime(2027, 7, 31), ContactCadence.NextContact(Stakeholder.FrequencySemiAnnually, last, added));
        Assert.IsNull(ContactCadence.NextContact(Stakeholder.FrequencyAdHoc, last, added));
        Assert.IsNull(ContactCadence.NextContact(null, last, added));
        Assert.AreEqual(added, ContactCadence.NextContact(Stakeholder.FrequencyMonthly, null, added));
    }

    [TestMethod]
    public void RankAccounts_WonMargin_CountsTheHierarchyAndNamesTheCriterion()
    {
        var world = new PlanWorld();
        var child = world.AddOpportunity(PlanWorld.ContosoChildId, 50_000m, Opportunity.StateWon, new DateTime(2027, 1, 10));
        var own = world.AddOpportunity(PlanWorld.ContosoId, 10_000m, Opportunity.StateWon, new DateTime(2027, 1, 12));
        var fabrikam = world.AddOpportunity(PlanWorld.FabrikamId, 90_000m, Opportunity.StateWon, new DateTime(2027, 2, 1));
        world.Emulator.GetSystemService().Update(new Entity(Opportunity.EntityName, child) { [Opportunity.Margin] = new Money(20_000m) });
        world.Emulator.GetSystemService().Update(new Entity(Opportunity.EntityName, own) { [Opportunity.Margin] = new Money(4_000m) });
        world.Emulator.GetSystemService().Update(new Entity(Opportunity.EntityName, fabrikam) { [Opportunity.Margin] = new Money(9_000m) });

        var response = world.Service.Execute(new OrganizationRequest("apx_RankAccounts") { ["Criterion"] = "WonMargin" });

        var ranking = ((EntityCollection)response.Results["Ranking"]).Entities;
        CollectionAssert.AreEqual(new[] { "Contoso", "Contoso Retail", "Fabrikam" }, ranking.Select(r => r.GetAttributeValue<string>("name")).ToArray());
        Assert.AreEqual(24_000m, ranking[0].GetAttributeValue<Money>("apx_value").Value);
        Assert.AreEqual(Plan.ReasonTopProfit, ranking[0].GetAttributeValue<OptionSetValue>("apx_selectionreason").Value);
        StringAssert.Contains(ranking[0].GetAttributeValue<string>("apx_selectionrationale"), "won margin over the last 12 months (criterion WonMargin");
        Assert.IsFalse(ranking[0].Contains("apx_wonrevenue"));
    }

    [TestMethod]
    public void RankAccounts_IndustryAndWeightedPipeline_RanksOnlyThatIndustry()
    {
        var world = new PlanWorld();
        world.Emulator.GetSystemService().Update(new Entity(Account.EntityName, PlanWorld.FabrikamId) { [Account.IndustryCode] = new OptionSetValue(7) });
        world.AddOpportunity(PlanWorld.FabrikamId, 10_000m, Opportunity.StateOpen, new DateTime(2027, 6, 1), probability: 40);
        world.AddOpportunity(PlanWorld.ContosoId, 90_000m, Opportunity.StateOpen, new DateTime(2027, 6, 1), probability: 90);

        var response = world.Service.Execute(new OrganizationRequest("apx_RankAccounts") { ["Criterion"] = "weightedpipeline", ["IndustryCode"] = 7 });

        var ranking = ((EntityCollection)response.Results["Ranking"]).Entities;
        Assert.AreEqual(1, ranking.Count);
        Assert.AreEqual(PlanWorld.FabrikamId, ranking[0].Id);
        Assert.AreEqual(4_000m, ranking[0].GetAttributeValue<Money>("apx_value").Value);
    }

    [TestMethod]
    public void RankAccounts_UnknownCriterion_FailsListingTheCriteria()
    {
        var world = new PlanWorld();

        var message = FaultAssert.Message(() => world.Service.Execute(new OrganizationRequest("apx_RankAccounts") { ["Criterion"] = "Profit" }));

        Assert.AreEqual("The criterion \"Profit\" is not known. Use one of: WonRevenue, WonMargin, OpenPipeline, WeightedPipeline.", message);
    }

    [TestMethod]
    public void PortfolioStatus_MixedPlans_ReportsCoverageStatusesAndOverdueCommunications()
    {
        var world = new PlanWorld();
        var active = CompletePlanWithChildren(world);
        world.SetPlanStatus(active, Plan.StateActive, Plan.StatusActive);
        world.CreatePlan(account: PlanWorld.FabrikamId, name: "Fabrikam 2027");
        world.AddOpportunity(PlanWorld.ContosoId, 10_000m, Opportunity.StateWon, new DateTime(2027, 1, 10));
        world.AddOpportunity(PlanWorld.FabrikamId, 20_000m, Opportunity.StateWon, new DateTime(2027, 1, 10));

        var response = world.Service.Execute(new OrganizationRequest("apx_PortfolioStatus") { ["Top"] = 5 });

        Assert.AreEqual(2, response.Results["PlanCount"]);
        Assert.AreEqual(2, response.Results["TopAccounts"]);
        Assert.AreEqual(1, response.Results["CoveredAccounts"]);
        // The CFO (never contacted, no frequency) is not due; the head of purchasing (quarterly from 2027-02-01) is due 2027-05-01.
        Assert.AreEqual(0, response.Results["CommunicationsOverdue"]);
        var byStatus = ((EntityCollection)response.Results["PlansByStatus"]).Entities;
        CollectionAssert.AreEqual(new[] { Plan.StatusDraft, Plan.StatusActive }, byStatus.Select(e => (int)e["statuscode"]).ToArray());
        // Workshop 1,000 + running 800 + done 500 (cancelled measures do not count).
        Assert.AreEqual(2_300m, ((Money)response.Results["MeasureBudget"]).Value);
    }
}
