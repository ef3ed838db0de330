using System.ServiceModel;
using AccountPlanXrm.Plugins.Infrastructure;
using AccountPlanXrm.Plugins.Logic;
using AccountPlanXrm.Plugins.Model;
using AccountPlanXrm.Plugins.Tests.Fakes;
using CsCheck;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Plugins.Tests.Pipeline;

/// <summary>
/// The revenue KPIs over a three-level account hierarchy: incremental differences per opportunity change, re-parenting,
/// optimistic concurrency, and the property that the stored KPIs always equal a full recount.
/// </summary>
[TestClass]
public sealed class HierarchyRollupTests
{
    // Group → Contoso (PlanWorld) → Contoso Retail (PlanWorld) → Contoso Retail Berlin; Fabrikam (PlanWorld) → Fabrikam Labs.
    internal static readonly Guid GroupId = new("ac000000-0000-4000-8000-000000000010");
    internal static readonly Guid BerlinId = new("ac000000-0000-4000-8000-000000000011");
    internal static readonly Guid LabsId = new("ac000000-0000-4000-8000-000000000012");
    internal static readonly Guid EuroId = new("cc000000-0000-4000-8000-000000000001");

    internal static PlanWorld World()
    {
        var world = new PlanWorld();
        world.Emulator.Seed(
            new Entity(Account.EntityName, GroupId) { [Account.Name] = "Contoso Group" },
            new Entity(Account.EntityName, BerlinId) { [Account.Name] = "Contoso Retail Berlin", [Account.ParentAccountId] = new EntityReference(Account.EntityName, PlanWorld.ContosoChildId) },
            new Entity(Account.EntityName, LabsId) { [Account.Name] = "Fabrikam Labs", [Account.ParentAccountId] = new EntityReference(Account.EntityName, PlanWorld.FabrikamId) },
            new Entity("transactioncurrency", EuroId) { ["currencyname"] = "Euro", ["isocurrencycode"] = "EUR", ["currencysymbol"] = "€", ["exchangerate"] = 0.8m, ["currencyprecision"] = 2 });
        world.Service.Update(new Entity(Account.EntityName, PlanWorld.ContosoId) { [Account.ParentAccountId] = new EntityReference(Account.EntityName, GroupId) });
        return world;
    }

    [TestMethod]
    public void WinOpportunity_ThreeLevelsBelow_CountsForGroupCompanyAndSubsidiaryPlans()
    {
        var world = World();
        var group = world.CreatePlan(GroupId, name: "Group 2027");
        var company = world.CreatePlan(PlanWorld.ContosoId, name: "Contoso 2027");
        var subsidiary = world.CreatePlan(BerlinId, start: new DateTime(2027, 4, 1), end: new DateTime(2028, 3, 31), name: "Berlin FY");

        world.AddOpportunity(BerlinId, 8_000m, Opportunity.StateWon, new DateTime(2027, 5, 2));
        world.AddOpportunity(PlanWorld.ContosoChildId, 1_000m, Opportunity.StateOpen, new DateTime(2027, 6, 1), probability: 30);
        world.AddOpportunity(PlanWorld.FabrikamId, 5_000m, Opportunity.StateWon, new DateTime(2027, 5, 2));

        Assert.AreEqual(8_000m, PlanWorld.MoneyOf(world.GetPlan(group), Plan.WonRevenue));
        Assert.AreEqual(300m, PlanWorld.MoneyOf(world.GetPlan(group), Plan.WeightedPipeline));
        Assert.AreEqual(8_000m, PlanWorld.MoneyOf(world.GetPlan(company), Plan.WonRevenue));
        Assert.AreEqual(1_000m, PlanWorld.MoneyOf(world.GetPlan(company), Plan.OpenPipeline));
        Assert.AreEqual(8_000m, PlanWorld.MoneyOf(world.GetPlan(subsidiary), Plan.WonRevenue));
        Assert.AreEqual(0m, PlanWorld.MoneyOf(world.GetPlan(subsidiary), Plan.OpenPipeline));
        AssertEqualsRecount(world);
    }

    [TestMethod]
    public void ReparentAccount_SubtreeMovesToTheNewParentsPlans()
    {
        var world = World();
        var contoso = world.CreatePlan(PlanWorld.ContosoId, name: "Contoso 2027");
        var fabrikam = world.CreatePlan(PlanWorld.FabrikamId, name: "Fabrikam 2027");
        var group = world.CreatePlan(GroupId, name: "Group 2027");
        world.AddOpportunity(BerlinId, 4_000m, Opportunity.StateWon, new DateTime(2027, 2, 1));
        world.AddOpportunity(PlanWorld.ContosoChildId, 6_000m, Opportunity.StateWon, new DateTime(2027, 2, 1));

        world.Service.Update(new Entity(Account.EntityName, PlanWorld.ContosoChildId) { [Account.ParentAccountId] = new EntityReference(Account.EntityName, PlanWorld.FabrikamId) });

        Assert.AreEqual(0m, PlanWorld.MoneyOf(world.GetPlan(contoso), Plan.WonRevenue));
        Assert.AreEqual(10_000m, PlanWorld.MoneyOf(world.GetPlan(fabrikam), Plan.WonRevenue));
        Assert.AreEqual(0m, PlanWorld.MoneyOf(world.GetPlan(group), Plan.WonRevenue));
        AssertEqualsRecount(world);

        world.Service.Update(new Entity(Account.EntityName, PlanWorld.ContosoChildId) { [Account.ParentAccountId] = null });

        Assert.AreEqual(0m, PlanWorld.MoneyOf(world.GetPlan(fabrikam), Plan.WonRevenue));
        AssertEqualsRecount(world);
    }

    [TestMethod]
    public void OpportunityChange_RequestCount_AtMostFourAndIndependentOfVolume()
    {
        int Requests(int opportunities)
        {
            var world = World();
            world.CreatePlan(PlanWorld.ContosoId);
            for (var i = 0; i < opportunities; i++)
            {
                world.AddOpportunity(i % 2 == 0 ? PlanWorld.ContosoId : BerlinId, 100m, i % 3 == 0 ? Opportunity.StateOpen : Opportunity.StateWon,
                    new DateTime(2027, 1, 1).AddDays(i % 365), seed: true);
            }

            var (requests, touched) = CountedEstimateChange(world);
            Assert.AreEqual(1, touched);
            return requests;
        }

        var few = Requests(3);
        var many = Requests(3_000);

        Assert.AreEqual(few, many);
        Assert.AreEqual(3, many, "account chains, plans, one plan update");
    }

    [TestMethod]
    public void OpportunityChange_PlanInAnotherCurrency_FourRequestsWithTheCurrencyRate()
    {
        var world = World();
        var plan = world.CreatePlan(PlanWorld.ContosoId);
        world.Service.Update(new Entity(Plan.EntityName, plan) { [Plan.TransactionCurrencyId] = new EntityReference("transactioncurrency", EuroId) });

        var (requests, _) = CountedEstimateChange(world);

        Assert.AreEqual(4, requests, "account chains, plans, the plan currency's rate, one plan update");
    }

    /// <summary>
    /// A new open opportunity under Berlin whose estimate moves from 500 to 700 (images only, the row is not written),
    /// handed to the roll-up over a request-counting service: the requests it issued and the plans it touched.
    /// </summary>
    private static (int Requests, int Touched) CountedEstimateChange(PlanWorld world)
    {
        var deal = world.AddOpportunity(BerlinId, 500m, Opportunity.StateOpen, new DateTime(2027, 6, 1), probability: 40);
        var before = world.Emulator.GetSystemService().Retrieve(Opportunity.EntityName, deal, new ColumnSet(Opportunity.ContributionColumns));
        var after = new Entity(Opportunity.EntityName, deal);
        foreach (var pair in before.Attributes)
        {
            after[pair.Key] = pair.Value;
        }

        after[Opportunity.EstimatedValueBase] = new Money(700m);
        var counting = new CountingService(world.Emulator.GetSystemService());
        var rollup = new KpiRollup(counting, new ListTracing(), new FixedClock(PlanWorld.Now));
        var touched = new OpportunityRollup(counting, new ListTracing(), rollup).OnOpportunityChanged(before, after);
        return (counting.Requests, touched.Count);
    }

    [TestMethod]
    public void TwoWriters_Interleaved_NeitherChangeIsLost()
    {
        var world = World();
        var plan = world.CreatePlan(PlanWorld.ContosoId);
        var system = world.Emulator.GetSystemService();

        // Writer A: an opportunity stored without its step, whose difference A applies itself...
        var dealA = new Entity(Opportunity.EntityName, new Guid("0e000000-0000-4000-8000-00000000000a"))
        {
            ["name"] = "A", [Opportunity.CustomerId] = new EntityReference(Account.EntityName, PlanWorld.ContosoId),
            ["estimatedvalue"] = new Money(1_000m), [Opportunity.CloseProbability] = 50, [Opportunity.EstimatedCloseDate] = new DateTime(2027, 4, 1),
        };
        system.Execute(new CreateRequest { Target = dealA, ["BypassCustomPluginExecution"] = true });
        var imageA = system.Retrieve(Opportunity.EntityName, dealA.Id, new ColumnSet(Opportunity.ContributionColumns));

        // ...and between A's read of the plan and A's write, writer B commits its own opportunity through the pipeline.
        var interleaving = new InterleavingService(system, () => world.AddOpportunity(BerlinId, 2_000m, Opportunity.StateOpen, new DateTime(2027, 5, 1), probability: 10));
        var tracing = new ListTracing();
        var rollup = new KpiRollup(interleaving, tracing, new FixedClock(PlanWorld.Now));
        new OpportunityRollup(interleaving, tracing, rollup).OnOpportunityChanged(null, imageA);

        Assert.AreEqual(1, interleaving.Mismatches, "A's first write met B's newer row version");
        var stored = world.GetPlan(plan);
        Assert.AreEqual(3_000m, PlanWorld.MoneyOf(stored, Plan.OpenPipeline));
        Assert.AreEqual(700m, PlanWorld.MoneyOf(stored, Plan.WeightedPipeline));
        AssertEqualsRecount(world);
    }

    [TestMethod]
    public void PlanWithoutExactSums_OpportunityChange_RecountsThePlan()
    {
        var world = World();
        var plan = world.CreatePlan(PlanWorld.ContosoId);
        world.AddOpportunity(PlanWorld.ContosoId, 2_500m, Opportunity.StateWon, new DateTime(2027, 2, 1), seed: true);
        world.Service.Execute(new UpdateRequest
        {
            Target = new Entity(Plan.EntityName, plan) { [Plan.WonRevenueExact] = null, [Plan.OpenPipelineExact] = null, [Plan.WeightedPipelineExact] = null },
            ["BypassCustomPluginExecution"] = true,
        });

        world.AddOpportunity(BerlinId, 500m, Opportunity.StateWon, new DateTime(2027, 3, 1));

        Assert.AreEqual(3_000m, PlanWorld.MoneyOf(world.GetPlan(plan), Plan.WonRevenue));
        AssertEqualsRecount(world);
    }

    [TestMethod]
    public void ClosedPlanBackToDraft_RecountsTheChangesMadeWhileItWasClosed()
    {
        var world = World();
        var plan = world.CreatePlan(PlanWorld.ContosoId);
        world.AddOpportunity(BerlinId, 1_000m, Opportunity.StateWon, new DateTime(2027, 2, 1));
        world.SetPlanStatus(plan, Plan.StateInactive, Plan.StatusCancelled);
        world.AddOpportunity(BerlinId, 500m, Opportunity.StateWon, new DateTime(2027, 3, 1));
        Assert.AreEqual(1_000m, PlanWorld.MoneyOf(world.GetPlan(plan), Plan.WonRevenue), "an inactive plan keeps its KPIs");

        world.SetPlanStatus(plan, Plan.StateActive, Plan.StatusDraft);

        Assert.AreEqual(1_500m, PlanWorld.MoneyOf(world.GetPlan(plan), Plan.WonRevenue));
        AssertEqualsRecount(world);
    }

    [TestMethod]
    public void UpdateStepWithoutImages_OpportunityChange_RecountsThePlansFromSource()
    {
        // A registration that lost its images: the difference cannot be computed, so the step recounts.
        var emulator = AccountPlanXrm.Emulator.XrmEmulator.Builder()
            .WithSolution(Repository.SolutionSource)
            .WithStep(new AccountPlanXrm.Emulator.Pipeline.StepRegistration(typeof(AccountPlanXrm.Plugins.Steps.OpportunityRollupStep), "Update", Opportunity.EntityName, AccountPlanXrm.Emulator.Pipeline.PipelineStage.PostOperation))
            .WithClock(PlanWorld.Now)
            .Build();
        var plan = new Guid("1e000000-0000-4000-8000-000000000001");
        var deal = new Guid("0e000000-0000-4000-8000-000000000001");
        emulator.Seed(
            new Entity(Account.EntityName, GroupId) { [Account.Name] = "Contoso Group" },
            new Entity(Account.EntityName, BerlinId) { [Account.Name] = "Berlin", [Account.ParentAccountId] = new EntityReference(Account.EntityName, GroupId) },
            new Entity(Plan.EntityName, plan)
            {
                [Plan.Name] = "Group 2027", [Plan.AccountId] = new EntityReference(Account.EntityName, GroupId),
                [Plan.PeriodStart] = new DateTime(2027, 1, 1), [Plan.PeriodEnd] = new DateTime(2027, 12, 31),
                [Plan.WonRevenueExact] = 0m, [Plan.OpenPipelineExact] = 0m, [Plan.WeightedPipelineExact] = 0m,
            },
            new Entity(Opportunity.EntityName, deal)
            {
                ["name"] = "Deal", [Opportunity.CustomerId] = new EntityReference(Account.EntityName, BerlinId), ["estimatedvalue"] = new Money(1_000m),
                [Opportunity.CloseProbability] = 50, [Opportunity.EstimatedCloseDate] = new DateTime(2027, 6, 1),
            });

        emulator.GetService().Update(new Entity(Opportunity.EntityName, deal) { ["estimatedvalue"] = new Money(2_000m) });

        var stored = emulator.Peek(Plan.EntityName, plan)!;
        Assert.AreEqual(2_000m, PlanWorld.MoneyOf(stored, Plan.OpenPipeline));
        Assert.AreEqual(1_000m, stored.GetAttributeValue<decimal>(Plan.WeightedPipelineExact));
    }

    /// <summary>
    /// Random sequences of opportunity creates, value and probability edits, wins, losses, reopens, deletes, moves
    /// between accounts, currency and exchange-rate changes and re-parenting (loops refused) over a three-level hierarchy with overlapping
    /// plans and periods: after every step each plan's stored KPIs equal a full recount (and an independent in-memory
    /// sum), exactly, in base currency at the columns' precision.
    /// </summary>
    [TestMethod]
    public void RandomChangeSequences_StoredKpisAlwaysEqualARecount()
    {
        Gen.Int[0, int.MaxValue].Array[1, 25].Sample(steps =>
        {
            var world = World();
            world.CreatePlan(GroupId, name: "Group 2027");
            world.CreatePlan(PlanWorld.ContosoId, start: new DateTime(2027, 4, 1), end: new DateTime(2028, 3, 31), name: "Contoso FY");
            world.CreatePlan(BerlinId, start: new DateTime(2027, 1, 1), end: new DateTime(2027, 6, 30), name: "Berlin H1");
            world.CreatePlan(BerlinId, start: new DateTime(2027, 7, 1), end: new DateTime(2027, 12, 31), name: "Berlin H2");
            world.CreatePlan(PlanWorld.FabrikamId, name: "Fabrikam 2027");
            var driver = new RandomDriver(world);
            foreach (var step in steps)
            {
                driver.Apply(step);
                AssertEqualsRecount(world, driver.Last);
            }
        }, iter: 12, threads: 1);
    }

    /// <summary>Each open-state plan's stored revenue KPIs equal the recount from source and an in-memory sum over every row.</summary>
    internal static void AssertEqualsRecount(PlanWorld world, string step = "")
    {
        var system = world.Emulator.GetSystemService();
        var recount = new KpiRollup(system, new ListTracing(), new FixedClock(PlanWorld.Now));
        var opportunities = system.RetrieveMultiple(new QueryExpression(Opportunity.EntityName) { ColumnSet = new ColumnSet(Opportunity.ContributionColumns) }).Entities;
        var parents = system.RetrieveMultiple(new QueryExpression(Account.EntityName) { ColumnSet = new ColumnSet(Account.ParentAccountId) }).Entities
            .ToDictionary(a => a.Id, a => a.GetAttributeValue<EntityReference>(Account.ParentAccountId)?.Id);
        var plans = new QueryExpression(Plan.EntityName) { ColumnSet = new ColumnSet(KpiRollup.PlanColumns) };
        plans.Criteria.AddCondition(Plan.StateCode, ConditionOperator.Equal, Plan.StateActive);
        foreach (var plan in system.RetrieveMultiple(plans).Entities)
        {
            var account = plan.GetAttributeValue<EntityReference>(Plan.AccountId).Id;
            var start = plan.GetAttributeValue<DateTime>(Plan.PeriodStart);
            var end = plan.GetAttributeValue<DateTime>(Plan.PeriodEnd);
            var expected = recount.Revenue(account, start, end);
            var model = new RevenueSums();
            foreach (var row in opportunities)
            {
                var contribution = OpportunityContribution.Of(row);
                var chains = contribution.Accounts.ToDictionary(a => a, a => Chain(parents, a));
                model.Add(contribution.For(account, start.Date, end.Date.AddDays(1), chains));
            }

            var where = $"plan {plan.GetAttributeValue<EntityReference>(Plan.AccountId).Id} {start:yyyy-MM-dd} after {step}";
            Assert.AreEqual(model.Won, expected.Won, "recount vs model, won, " + where);
            Assert.AreEqual(model.Open, expected.Open, "recount vs model, open, " + where);
            Assert.AreEqual(model.Weighted, expected.Weighted, "recount vs model, weighted, " + where);
            Assert.AreEqual(expected.Won, plan.GetAttributeValue<decimal?>(Plan.WonRevenueExact) ?? 0m, "won, " + where);
            Assert.AreEqual(expected.Open, plan.GetAttributeValue<decimal?>(Plan.OpenPipelineExact) ?? 0m, "open, " + where);
            Assert.AreEqual(expected.Weighted, plan.GetAttributeValue<decimal?>(Plan.WeightedPipelineExact) ?? 0m, "weighted, " + where);
            Assert.AreEqual(Math.Round(expected.Won, 2, MidpointRounding.AwayFromZero), PlanWorld.MoneyOf(plan, Plan.WonRevenue), "won money, " + where);
            Assert.AreEqual(Math.Round(expected.Open, 2, MidpointRounding.AwayFromZero), PlanWorld.MoneyOf(plan, Plan.OpenPipeline), "open money, " + where);
            Assert.AreEqual(Math.Round(expected.Weighted, 2, MidpointRounding.AwayFromZero), PlanWorld.MoneyOf(plan, Plan.WeightedPipeline), "weighted money, " + where);
        }
    }

    private static HashSet<Guid> Chain(Dictionary<Guid, Guid?> parents, Guid account)
    {
        var chain = new HashSet<Guid>();
        Guid? current = account;
        while (current is Guid c && parents.ContainsKey(c) && chain.Add(c))
        {
            current = parents[c];
        }

        return chain;
    }

    /// <summary>Turns random numbers into opportunity, currency and hierarchy changes through the pipeline.</summary>
    private sealed class RandomDriver(PlanWorld world)
    {
        private static readonly Guid[] Accounts = [GroupId, PlanWorld.ContosoId, PlanWorld.ContosoChildId, BerlinId, PlanWorld.FabrikamId, LabsId];
        private readonly List<Guid> opportunities = [];
        private int created;

        public string Last { get; private set; } = "";

        public void Apply(int n)
        {
            var r = new Random(n);
            var service = world.Service;
            var kind = opportunities.Count == 0 ? 0 : r.Next(12);
            var deal = opportunities.Count == 0 ? Guid.Empty : opportunities[r.Next(opportunities.Count)];
            var state = deal == Guid.Empty ? -1 : world.Emulator.Peek(Opportunity.EntityName, deal)!.GetAttributeValue<OptionSetValue>(Opportunity.StateCode)?.Value ?? 0;
            var date = new DateTime(2026, 11, 1).AddDays(r.Next(600));
            Last = $"step {n}: kind {kind}";
            switch (kind)
            {
                case 0:
                case 1:
                    var opportunity = new Entity(Opportunity.EntityName, new Guid(0x0e000000, 0, 0x4000, 0x80, 0, 0, 0, 0, 0, (byte)(created / 256), (byte)created++))
                    {
                        ["name"] = "Deal",
                        [r.Next(3) == 0 ? Opportunity.ParentAccountId : Opportunity.CustomerId] = new EntityReference(Account.EntityName, Accounts[r.Next(Accounts.Length)]),
                        ["estimatedvalue"] = new Money(r.Next(1, 100_000) / 100m),
                        [Opportunity.CloseProbability] = r.Next(0, 101),
                        [Opportunity.EstimatedCloseDate] = date,
                    };
                    if (r.Next(3) == 0)
                    {
                        opportunity["transactioncurrencyid"] = new EntityReference("transactioncurrency", EuroId);
                    }

                    opportunities.Add(service.Create(opportunity));
                    break;
                case 2:
                    service.Update(new Entity(Opportunity.EntityName, deal) { ["estimatedvalue"] = new Money(r.Next(1, 100_000) / 100m), [Opportunity.EstimatedCloseDate] = date });
                    break;
                case 3:
                    service.Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.CloseProbability] = r.Next(0, 101) });
                    break;
                case 4 when state == Opportunity.StateOpen:
                    service.Execute(new WinOpportunityRequest
                    {
                        OpportunityClose = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference(Opportunity.EntityName, deal), ["actualrevenue"] = new Money(r.Next(1, 100_000) / 100m), ["actualend"] = date },
                        Status = new OptionSetValue(3),
                    });
                    break;
                case 5 when state == Opportunity.StateOpen:
                    service.Execute(new LoseOpportunityRequest { OpportunityClose = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference(Opportunity.EntityName, deal), ["actualend"] = date }, Status = new OptionSetValue(4) });
                    break;
                case 6 when state != Opportunity.StateOpen:
                    service.Execute(new SetStateRequest { EntityMoniker = new EntityReference(Opportunity.EntityName, deal), State = new OptionSetValue(0), Status = new OptionSetValue(1) });
                    break;
                case 7:
                    service.Delete(Opportunity.EntityName, deal);
                    opportunities.Remove(deal);
                    break;
                case 8:
                    service.Update(new Entity(Opportunity.EntityName, deal)
                    {
                        [r.Next(2) == 0 ? Opportunity.CustomerId : Opportunity.ParentAccountId] = r.Next(5) == 0 ? null : new EntityReference(Account.EntityName, Accounts[r.Next(Accounts.Length)]),
                    });
                    break;
                case 9:
                    service.Update(new Entity(Opportunity.EntityName, deal) { ["transactioncurrencyid"] = new EntityReference("transactioncurrency", r.Next(2) == 0 ? EuroId : world.Emulator.BaseCurrencyId) });
                    break;
                case 10:
                    service.Update(new Entity("transactioncurrency", EuroId) { ["exchangerate"] = 0.5m + r.Next(100) / 100m });
                    service.Update(new Entity(Opportunity.EntityName, deal) { ["estimatedvalue"] = new Money(r.Next(1, 100_000) / 100m) });
                    break;
                default:
                    // Re-parent any account under any other or none; a parent that would close a loop is refused by the platform.
                    var child = Accounts[r.Next(Accounts.Length)];
                    var parent = r.Next(5) == 0 ? (Guid?)null : Accounts[r.Next(Accounts.Length)];
                    try
                    {
                        service.Update(new Entity(Account.EntityName, child) { [Account.ParentAccountId] = parent is Guid p ? new EntityReference(Account.EntityName, p) : null });
                    }
                    catch (FaultException<OrganizationServiceFault> fault) when (fault.Detail.ErrorCode == AccountPlanXrm.Emulator.ErrorCodes.AccountLoopBeingCreated)
                    {
                        Last += " (loop refused)";
                    }

                    break;
            }
        }
    }

    /// <summary>Runs another writer's change right before the first conditional plan update, then counts version mismatches.</summary>
    private sealed class InterleavingService(IOrganizationService inner, Action otherWriter) : IOrganizationService
    {
        private bool interleaved;

        public int Mismatches { get; private set; }

        public OrganizationResponse Execute(OrganizationRequest request)
        {
            if (!interleaved && request is UpdateRequest { ConcurrencyBehavior: ConcurrencyBehavior.IfRowVersionMatches })
            {
                interleaved = true;
                otherWriter();
            }

            try
            {
                return inner.Execute(request);
            }
            catch (FaultException<OrganizationServiceFault> fault) when (fault.Detail.ErrorCode == Faults.ConcurrencyVersionMismatch)
            {
                Mismatches++;
                throw;
            }
        }

        public Guid Create(Entity entity) => inner.Create(entity);
        public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) => inner.Retrieve(entityName, id, columnSet);
        public void Update(Entity entity) => inner.Update(entity);
        public void Delete(string entityName, Guid id) => inner.Delete(entityName, id);
        public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) => inner.Associate(entityName, entityId, relationship, relatedEntities);
        public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) => inner.Disassociate(entityName, entityId, relationship, relatedEntities);
        public EntityCollection RetrieveMultiple(QueryBase query) => inner.RetrieveMultiple(query);
    }
}
