using System.ServiceModel;
using AccountPlanXrm.Plugins.Infrastructure;
using AccountPlanXrm.Plugins.Logic;
using AccountPlanXrm.Plugins.Model;
using AccountPlanXrm.Plugins.Tests.Fakes;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Plugins.Tests.Pipeline;

[TestClass]
public sealed class RollupTests
{
    [TestMethod]
    public void WinOpportunities_OfAccountAndChild_RollUpWonOpenWeightedAndAttainment()
    {
        var world = new PlanWorld();
        var id = world.CreatePlan(target: 200_000m);

        world.AddOpportunity(PlanWorld.ContosoId, 30_000m, Opportunity.StateWon, new DateTime(2027, 2, 10));
        world.AddOpportunity(PlanWorld.ContosoChildId, 20_000m, Opportunity.StateWon, new DateTime(2027, 3, 1));
        world.AddOpportunity(PlanWorld.ContosoId, 40_000m, Opportunity.StateOpen, new DateTime(2027, 10, 1), probability: 25);
        world.AddOpportunity(PlanWorld.ContosoId, 99_000m, Opportunity.StateLost, new DateTime(2027, 3, 1));
        world.AddOpportunity(PlanWorld.ContosoId, 77_000m, Opportunity.StateWon, new DateTime(2026, 12, 31));
        world.AddOpportunity(PlanWorld.FabrikamId, 55_000m, Opportunity.StateWon, new DateTime(2027, 3, 1));

        var plan = world.GetPlan(id);
        Assert.AreEqual(50_000m, PlanWorld.MoneyOf(plan, Plan.WonRevenue));
        Assert.AreEqual(40_000m, PlanWorld.MoneyOf(plan, Plan.OpenPipeline));
        Assert.AreEqual(10_000m, PlanWorld.MoneyOf(plan, Plan.WeightedPipeline));
        Assert.AreEqual(25m, plan.GetAttributeValue<decimal>(Plan.AttainmentPct));
        Assert.AreEqual(PlanWorld.Now, plan.GetAttributeValue<DateTime>(Plan.KpisCalculatedOn));
    }

    [TestMethod]
    public void UpdateOpportunity_SetToWon_RefusedAndKpisUnchanged()
    {
        var world = new PlanWorld();
        var id = world.CreatePlan();
        var deal = world.AddOpportunity(PlanWorld.ContosoId, 10_000m, Opportunity.StateOpen, new DateTime(2027, 6, 1), probability: 60);
        Assert.AreEqual(6_000m, PlanWorld.MoneyOf(world.GetPlan(id), Plan.WeightedPipeline));

        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => world.Service.Update(new Entity(Opportunity.EntityName, deal)
        {
            [Opportunity.StateCode] = new OptionSetValue(Opportunity.StateWon), ["statuscode"] = new OptionSetValue(3),
            ["actualvalue"] = new Money(12_000m), [Opportunity.ActualCloseDate] = new DateTime(2027, 5, 20),
        }));

        StringAssert.Contains(fault.Message, "use the WinOpportunityRequest message instead");
        var plan = world.GetPlan(id);
        Assert.AreEqual(0m, PlanWorld.MoneyOf(plan, Plan.WonRevenue));
        Assert.AreEqual(6_000m, PlanWorld.MoneyOf(plan, Plan.WeightedPipeline));
    }

    [TestMethod]
    public void WinAndLoseOpportunityMessages_RollUpThroughTheOpportunityUpdate()
    {
        var world = new PlanWorld();
        var id = world.CreatePlan();
        var win = world.AddOpportunity(PlanWorld.ContosoId, 9_000m, Opportunity.StateOpen, new DateTime(2027, 6, 1), probability: 40);
        var lose = world.AddOpportunity(PlanWorld.ContosoId, 5_000m, Opportunity.StateOpen, new DateTime(2027, 7, 1), probability: 20);

        world.Service.Execute(new Microsoft.Crm.Sdk.Messages.WinOpportunityRequest
        {
            OpportunityClose = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference(Opportunity.EntityName, win), ["actualrevenue"] = new Money(9_500m), ["actualend"] = new DateTime(2027, 3, 10) },
            Status = new OptionSetValue(3),
        });
        world.Service.Execute(new Microsoft.Crm.Sdk.Messages.LoseOpportunityRequest
        {
            OpportunityClose = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference(Opportunity.EntityName, lose) },
            Status = new OptionSetValue(4),
        });

        var plan = world.GetPlan(id);
        Assert.AreEqual(9_500m, PlanWorld.MoneyOf(plan, Plan.WonRevenue));
        Assert.AreEqual(0m, PlanWorld.MoneyOf(plan, Plan.OpenPipeline));
    }

    [TestMethod]
    public void MoveOpportunityToAnotherAccount_LeavesOldPlanEntersNewPlan()
    {
        var world = new PlanWorld();
        var contoso = world.CreatePlan();
        var fabrikam = world.CreatePlan(account: PlanWorld.FabrikamId, name: "Fabrikam 2027");
        var deal = world.AddOpportunity(PlanWorld.ContosoId, 8_000m, Opportunity.StateWon, new DateTime(2027, 4, 1));
        Assert.AreEqual(8_000m, PlanWorld.MoneyOf(world.GetPlan(contoso), Plan.WonRevenue));

        world.Service.Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.CustomerId] = new EntityReference(Account.EntityName, PlanWorld.FabrikamId) });

        Assert.AreEqual(0m, PlanWorld.MoneyOf(world.GetPlan(contoso), Plan.WonRevenue));
        Assert.AreEqual(8_000m, PlanWorld.MoneyOf(world.GetPlan(fabrikam), Plan.WonRevenue));
    }

    [TestMethod]
    public void DeleteOpportunity_RemovesItsRevenue()
    {
        var world = new PlanWorld();
        var id = world.CreatePlan();
        var deal = world.AddOpportunity(PlanWorld.ContosoId, 8_000m, Opportunity.StateWon, new DateTime(2027, 4, 1));

        world.Service.Delete(Opportunity.EntityName, deal);

        Assert.AreEqual(0m, PlanWorld.MoneyOf(world.GetPlan(id), Plan.WonRevenue));
    }

    [TestMethod]
    public void UpdateOpportunity_KpisUnchanged_NoPlanWrite()
    {
        var world = new PlanWorld();
        var id = world.CreatePlan();
        var lost = world.AddOpportunity(PlanWorld.ContosoId, 8_000m, Opportunity.StateLost, new DateTime(2027, 4, 1));
        var before = world.GetPlan(id).GetAttributeValue<DateTime?>(Plan.KpisCalculatedOn);
        world.Emulator.ClearLogs();
        world.Emulator.SetUtcNow(PlanWorld.Now.AddHours(1));

        world.Service.Update(new Entity(Opportunity.EntityName, lost) { [Opportunity.CloseProbability] = 10 });

        Assert.IsTrue(world.Emulator.ExecutionLog.Any(e => e.PluginType != null && e.PluginType.EndsWith("OpportunityRollupStep", StringComparison.Ordinal)));
        Assert.IsFalse(world.Emulator.ExecutionLog.Any(e => e.Message == "Update" && e.PrimaryEntity == Plan.EntityName));
        Assert.AreEqual(before, world.GetPlan(id).GetAttributeValue<DateTime?>(Plan.KpisCalculatedOn));
    }

    [TestMethod]
    public void ChangeRevenueTarget_RecomputesAttainment()
    {
        var world = new PlanWorld();
        var id = world.CreatePlan(target: 100_000m);
        world.AddOpportunity(PlanWorld.ContosoId, 50_000m, Opportunity.StateWon, new DateTime(2027, 4, 1));

        world.Service.Update(new Entity(Plan.EntityName, id) { [Plan.RevenueTarget] = new Money(200_000m) });

        Assert.AreEqual(25m, world.GetPlan(id).GetAttributeValue<decimal>(Plan.AttainmentPct));
    }

    [TestMethod]
    public void Rollup_RequestCount_IsTheSameForFewAndManyOpportunities()
    {
        int Requests(int opportunities)
        {
            var world = new PlanWorld();
            var id = world.CreatePlan();
            for (var i = 0; i < opportunities; i++)
            {
                world.AddOpportunity(i % 2 == 0 ? PlanWorld.ContosoId : PlanWorld.ContosoChildId, 100m, i % 3 == 0 ? Opportunity.StateOpen : Opportunity.StateWon,
                    new DateTime(2027, 1, 1).AddDays(i % 365), seed: true);
            }

            var counting = new CountingService(world.Emulator.GetSystemService());
            var kpis = new KpiRollup(counting, new ListTracing(), new FixedClock(PlanWorld.Now)).Recalculate(id, KpiParts.All);
            Assert.IsTrue(kpis.WonRevenue > 0m);
            return counting.Requests;
        }

        var few = Requests(3);
        var many = Requests(2_000);

        Assert.AreEqual(few, many);
        Assert.AreEqual(4, many, "plan, opportunity aggregate over the hierarchy, measure aggregate, one update");
    }

    [TestMethod]
    public void Rollup_PastTheAggregateLimit_StillCorrect()
    {
        var world = new PlanWorld();
        var id = world.CreatePlan();
        var rows = new List<Entity>();
        for (var i = 0; i < 50_100; i++)
        {
            rows.Add(new Entity(Opportunity.EntityName)
            {
                ["name"] = "Deal", [Opportunity.CustomerId] = new EntityReference(Account.EntityName, PlanWorld.ContosoId),
                ["actualvalue"] = new Money(2m), [Opportunity.ActualCloseDate] = new DateTime(2027, 1, 1).AddDays(i % 360),
                [Opportunity.StateCode] = new OptionSetValue(Opportunity.StateWon), ["statuscode"] = new OptionSetValue(3),
            });
        }

        world.Emulator.Seed(rows.ToArray());
        var counting = new CountingService(world.Emulator.GetSystemService());

        var kpis = new KpiRollup(counting, new ListTracing(), new FixedClock(PlanWorld.Now)).Recalculate(id, KpiParts.Revenue);

        Assert.AreEqual(100_200m, kpis.WonRevenue);
        Assert.AreEqual(100_200m, PlanWorld.MoneyOf(world.GetPlan(id), Plan.WonRevenue));
        Assert.IsTrue(counting.Requests < 12, $"split in halves, {counting.Requests} requests");
    }

    [TestMethod]
    public void UpdateTwoMeasuresInOneTransaction_MeasureKpisReflectBoth()
    {
        var world = new PlanWorld();
        var id = world.CreatePlan();
        var a = world.AddMeasure(id, "A", 1_000m);
        var b = world.AddMeasure(id, "B", 2_000m);

        world.Service.Execute(new ExecuteTransactionRequest
        {
            Requests =
            [
                new UpdateRequest { Target = new Entity(Measure.EntityName, a) { [Measure.Budget] = new Money(1_500m) } },
                new UpdateRequest { Target = new Entity(Measure.EntityName, b) { [Measure.StateCode] = new OptionSetValue(1), [Measure.StatusCode] = new OptionSetValue(Measure.StatusDone) } },
            ],
        });

        var plan = world.GetPlan(id);
        Assert.AreEqual(2, plan.GetAttributeValue<int>(Plan.MeasureCount));
        Assert.AreEqual(3_500m, PlanWorld.MoneyOf(plan, Plan.MeasureBudget));
        Assert.AreEqual(50m, plan.GetAttributeValue<decimal>(Plan.MeasureDonePct));
    }

    [TestMethod]
    public void FailingRequestInTransaction_LeavesNoPartialWrite()
    {
        var world = new PlanWorld();
        var id = world.CreatePlan(complete: true);
        var before = world.GetPlan(id);

        FaultAssert.Message(() => world.Service.Execute(new ExecuteTransactionRequest
        {
            Requests =
            [
                new CreateRequest { Target = new Entity(Measure.EntityName) { [Measure.Name] = "Extra", [Measure.PlanId] = new EntityReference(Plan.EntityName, id), [Measure.Budget] = new Money(5_000m) } },
                new UpdateRequest { Target = new Entity(Plan.EntityName, id) { [Plan.PeriodEnd] = new DateTime(2020, 1, 1) } },
            ],
        }));

        var after = world.GetPlan(id);
        Assert.AreEqual(1, world.Emulator.Count(Measure.EntityName));
        Assert.AreEqual(before.GetAttributeValue<int>(Plan.MeasureCount), after.GetAttributeValue<int>(Plan.MeasureCount));
        Assert.AreEqual(PlanWorld.MoneyOf(before, Plan.MeasureBudget), PlanWorld.MoneyOf(after, Plan.MeasureBudget));
    }

    [TestMethod]
    public void MoveMeasureToAnotherPlan_BothPlansRecomputed()
    {
        var world = new PlanWorld();
        var first = world.CreatePlan();
        var second = world.CreatePlan(account: PlanWorld.FabrikamId, name: "Fabrikam 2027");
        var measure = world.AddMeasure(first, "Roadshow", 700m);

        world.Service.Update(new Entity(Measure.EntityName, measure) { [Measure.PlanId] = new EntityReference(Plan.EntityName, second) });

        Assert.AreEqual(0, world.GetPlan(first).GetAttributeValue<int>(Plan.MeasureCount));
        Assert.AreEqual(1, world.GetPlan(second).GetAttributeValue<int>(Plan.MeasureCount));
        Assert.AreEqual(700m, PlanWorld.MoneyOf(world.GetPlan(second), Plan.MeasureBudget));
        Assert.AreEqual(0, world.GetPlan(first).GetAttributeValue<int>(Plan.CompletenessMeasures));
    }

    [TestMethod]
    public void RankAccounts_TopByWonRevenue_WithCurrentPlanFlag()
    {
        var world = new PlanWorld();
        var plan = world.CreatePlan();
        world.AddOpportunity(PlanWorld.ContosoId, 10_000m, Opportunity.StateWon, new DateTime(2027, 1, 10));
        world.AddOpportunity(PlanWorld.FabrikamId, 30_000m, Opportunity.StateWon, new DateTime(2026, 9, 1));
        world.AddOpportunity(PlanWorld.ContosoChildId, 5_000m, Opportunity.StateWon, new DateTime(2025, 1, 1));

        var response = world.Service.Execute(new OrganizationRequest("apx_RankAccounts") { ["Months"] = 12, ["Top"] = 5 });

        var ranking = (EntityCollection)response.Results["Ranking"];
        Assert.AreEqual(2, ranking.Entities.Count);
        Assert.AreEqual(PlanWorld.FabrikamId, ranking.Entities[0].Id);
        Assert.AreEqual(1, ranking.Entities[0]["apx_rank"]);
        Assert.IsFalse((bool)ranking.Entities[0]["apx_hascurrentplan"]);
        Assert.AreEqual("Contoso", ranking.Entities[1]["name"]);
        Assert.AreEqual(10_000m, ((Money)ranking.Entities[1]["apx_wonrevenue"]).Value);
        Assert.IsTrue((bool)ranking.Entities[1]["apx_hascurrentplan"]);
        Assert.AreEqual(plan, ((EntityReference)ranking.Entities[1]["apx_currentplanid"]).Id);
    }

    [TestMethod]
    public void RankAccounts_TopOutOfRange_Fails()
    {
        var world = new PlanWorld();

        var message = FaultAssert.Message(() => world.Service.Execute(new OrganizationRequest("apx_RankAccounts") { ["Top"] = 0 }));

        Assert.AreEqual("The parameter Top must be between 1 and 500.", message);
    }
}

/// <summary>Counts the requests the logic issues.</summary>
internal sealed class CountingService(IOrganizationService inner) : IOrganizationService
{
    public int Requests { get; private set; }

    public Guid Create(Entity entity) { Requests++; return inner.Create(entity); }
    public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) { Requests++; return inner.Retrieve(entityName, id, columnSet); }
    public void Update(Entity entity) { Requests++; inner.Update(entity); }
    public void Delete(string entityName, Guid id) { Requests++; inner.Delete(entityName, id); }
    public OrganizationResponse Execute(OrganizationRequest request) { Requests++; return inner.Execute(request); }
    public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) { Requests++; inner.Associate(entityName, entityId, relationship, relatedEntities); }
    public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) { Requests++; inner.Disassociate(entityName, entityId, relationship, relatedEntities); }
    public EntityCollection RetrieveMultiple(QueryBase query) { Requests++; return inner.RetrieveMultiple(query); }
}
