using System.ServiceModel;
using AccountPlanXrm.Emulator;
using AccountPlanXrm.Emulator.Pipeline;
using AccountPlanXrm.Plugins.Model;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Plugins.Tests.Pipeline;

/// <summary>
/// Routes to the opportunity, account and plan rows that the random property test of <see cref="HierarchyRollupTests"/>
/// does not drive (bulk and batch messages, rolled-back transactions, cascades, contacts as customers, reopening,
/// boundaries, plan changes): after each, every open-state plan's stored KPIs equal a recount from source, and
/// <c>apx_RecalculatePlan</c> has nothing to correct.
/// </summary>
[TestClass]
public sealed class KpiRouteTests
{
    private static readonly Guid GroupId = HierarchyRollupTests.GroupId;
    private static readonly Guid BerlinId = HierarchyRollupTests.BerlinId;
    private static readonly Guid EuroId = HierarchyRollupTests.EuroId;
    private static readonly Guid ContactId = new("c0000000-0000-4000-8000-000000000001");
    private static readonly Guid DealId = new("0e000000-0000-4000-8000-0000000000d1");

    private static readonly string[] KpiColumns =
    {
        Plan.WonRevenue, Plan.OpenPipeline, Plan.WeightedPipeline, Plan.WonRevenueExact, Plan.OpenPipelineExact, Plan.WeightedPipelineExact,
        Plan.AttainmentPct, Plan.MeasureCount, Plan.MeasureBudget, Plan.MeasureCost, Plan.MeasureDonePct,
    };

    /// <summary>Group → Contoso → Contoso Retail → Berlin, Fabrikam → Labs; a contact; plans on the group, Contoso and Berlin.</summary>
    private static (PlanWorld World, Guid Group, Guid Contoso, Guid Berlin) World()
    {
        var world = HierarchyRollupTests.World();
        world.Emulator.Seed(new Entity("contact", ContactId) { ["lastname"] = "Buyer" });
        var group = world.CreatePlan(GroupId, name: "Group 2027");
        var contoso = world.CreatePlan(PlanWorld.ContosoId, start: new DateTime(2027, 4, 1), end: new DateTime(2028, 3, 31), name: "Contoso FY");
        var berlin = world.CreatePlan(BerlinId, name: "Berlin 2027");
        return (world, group, contoso, berlin);
    }

    private static Entity Deal(Guid? account, decimal value, DateTime close, int? probability = 50, Guid? id = null, string name = "Deal")
    {
        var deal = new Entity(Opportunity.EntityName, id ?? Guid.Empty)
        {
            ["name"] = name, ["estimatedvalue"] = new Money(value), [Opportunity.CloseProbability] = probability, [Opportunity.EstimatedCloseDate] = close,
        };
        if (account.HasValue)
        {
            deal[Opportunity.CustomerId] = new EntityReference(Account.EntityName, account.Value);
        }

        return deal;
    }

    private static void Win(IOrganizationService service, Guid deal, decimal revenue, DateTime end) =>
        service.Execute(new WinOpportunityRequest
        {
            OpportunityClose = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference(Opportunity.EntityName, deal), ["actualrevenue"] = new Money(revenue), ["actualend"] = end },
            Status = new OptionSetValue(3),
        });

    private static void Reopen(IOrganizationService service, Guid deal) =>
        service.Execute(new SetStateRequest { EntityMoniker = new EntityReference(Opportunity.EntityName, deal), State = new OptionSetValue(Opportunity.StateOpen), Status = new OptionSetValue(1) });

    /// <summary>Stored KPIs equal the recount; apx_RecalculatePlan on every open-state plan then changes no KPI column.</summary>
    private static void AssertConsistent(PlanWorld world, string step = "")
    {
        HierarchyRollupTests.AssertEqualsRecount(world, step);
        var system = world.Emulator.GetSystemService();
        var query = new QueryExpression(Plan.EntityName) { ColumnSet = new ColumnSet(KpiColumns) };
        query.Criteria.AddCondition(Plan.StateCode, ConditionOperator.Equal, Plan.StateActive);
        foreach (var before in system.RetrieveMultiple(query).Entities)
        {
            system.Execute(new OrganizationRequest("apx_RecalculatePlan") { ["Target"] = before.ToEntityReference() });
            var after = system.Retrieve(Plan.EntityName, before.Id, new ColumnSet(KpiColumns));
            foreach (var column in KpiColumns)
            {
                Assert.AreEqual(Value(before, column), Value(after, column), $"{column} of plan {before.Id} after {step}: the recount corrected it");
            }
        }
    }

    private static object? Value(Entity row, string column) =>
        row.Attributes.TryGetValue(column, out var value) ? value is Money money ? money.Value : value : null;

    [TestMethod]
    public void CreateMultiple_OpportunitiesAcrossTheHierarchy_StoredKpisEqualRecount()
    {
        var (world, group, _, berlin) = World();
        var targets = new EntityCollection { EntityName = Opportunity.EntityName };
        targets.Entities.Add(Deal(BerlinId, 1_000m, new DateTime(2027, 5, 1), 40));
        targets.Entities.Add(Deal(PlanWorld.ContosoChildId, 2_000m, new DateTime(2027, 6, 1), 10));
        targets.Entities.Add(Deal(BerlinId, 500m, new DateTime(2027, 7, 1), null));

        world.Service.Execute(new CreateMultipleRequest { Targets = targets });

        Assert.AreEqual(3_500m, PlanWorld.MoneyOf(world.GetPlan(group), Plan.OpenPipeline));
        Assert.AreEqual(1_500m, PlanWorld.MoneyOf(world.GetPlan(berlin), Plan.OpenPipeline));
        AssertConsistent(world);
    }

    [TestMethod]
    public void CreditOpportunity_NetPipelineAndWonRevenueBelowZero_SavedAndStoredKpisEqualRecount()
    {
        var (world, group, _, berlin) = World();
        world.Service.Create(Deal(BerlinId, 1_000m, new DateTime(2027, 5, 1), 40));
        var credit = world.Service.Create(Deal(BerlinId, -3_000m, new DateTime(2027, 6, 1), 40, name: "Credit note"));
        Win(world.Service, credit, -2_500m, new DateTime(2027, 6, 15));

        Assert.AreEqual(1_000m, PlanWorld.MoneyOf(world.GetPlan(berlin), Plan.OpenPipeline));
        Assert.AreEqual(-2_500m, PlanWorld.MoneyOf(world.GetPlan(group), Plan.WonRevenue));
        AssertConsistent(world);
    }

    [TestMethod]
    public void UpdateMultiple_ValuesAccountsAndCurrencyChanged_StoredKpisEqualRecount()
    {
        var (world, _, _, _) = World();
        var a = world.Service.Create(Deal(BerlinId, 1_000m, new DateTime(2027, 5, 1)));
        var b = world.Service.Create(Deal(PlanWorld.FabrikamId, 2_000m, new DateTime(2027, 6, 1)));
        var targets = new EntityCollection { EntityName = Opportunity.EntityName };
        targets.Entities.Add(new Entity(Opportunity.EntityName, a) { ["estimatedvalue"] = new Money(3_000m), ["transactioncurrencyid"] = new EntityReference("transactioncurrency", EuroId) });
        targets.Entities.Add(new Entity(Opportunity.EntityName, b) { [Opportunity.CustomerId] = new EntityReference(Account.EntityName, PlanWorld.ContosoChildId) });
        targets.Entities.Add(new Entity(Opportunity.EntityName, a) { [Opportunity.CloseProbability] = 90 });

        world.Service.Execute(new UpdateMultipleRequest { Targets = targets });

        AssertConsistent(world);
    }

    [TestMethod]
    public void Upsert_CreatesThenUpdatesAnOpportunity_StoredKpisEqualRecount()
    {
        var (world, group, _, _) = World();

        var created = (UpsertResponse)world.Service.Execute(new UpsertRequest { Target = Deal(BerlinId, 1_000m, new DateTime(2027, 5, 1), id: DealId) });
        AssertConsistent(world, "upsert create");
        var updated = (UpsertResponse)world.Service.Execute(new UpsertRequest { Target = Deal(PlanWorld.ContosoChildId, 4_000m, new DateTime(2027, 8, 1), 25, id: DealId) });

        Assert.IsTrue(created.RecordCreated);
        Assert.IsFalse(updated.RecordCreated);
        Assert.AreEqual(4_000m, PlanWorld.MoneyOf(world.GetPlan(group), Plan.OpenPipeline));
        AssertConsistent(world, "upsert update");
    }

    [TestMethod]
    public void ExecuteMultiple_ContinueOnErrorWithAFaultingItem_OnlyTheCommittedItemsCount()
    {
        var (world, group, _, _) = World();
        world.Emulator.RegisterStep(new StepRegistration(typeof(RefuseNamedFail), "Create", Opportunity.EntityName, PipelineStage.PostOperation) { Rank = 99 });
        var requests = new OrganizationRequestCollection
        {
            new CreateRequest { Target = Deal(BerlinId, 1_000m, new DateTime(2027, 5, 1)) },
            new CreateRequest { Target = Deal(BerlinId, 7_000m, new DateTime(2027, 5, 1), name: "Fail") },
            new CreateRequest { Target = Deal(PlanWorld.ContosoId, 2_000m, new DateTime(2027, 6, 1)) },
        };

        var response = (ExecuteMultipleResponse)world.Service.Execute(new ExecuteMultipleRequest
        {
            Requests = requests, Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
        });

        Assert.IsTrue(response.IsFaulted);
        Assert.AreEqual(3_000m, PlanWorld.MoneyOf(world.GetPlan(group), Plan.OpenPipeline));
        AssertConsistent(world);
    }

    [TestMethod]
    public void ExecuteTransaction_LaterRequestFaults_KpiWritesRolledBackWithTheOpportunities()
    {
        var (world, group, _, _) = World();
        var existing = world.Service.Create(Deal(BerlinId, 1_000m, new DateTime(2027, 5, 1)));
        var before = world.GetPlan(group);
        var requests = new OrganizationRequestCollection
        {
            new CreateRequest { Target = Deal(BerlinId, 5_000m, new DateTime(2027, 5, 1)) },
            new UpdateRequest { Target = new Entity(Opportunity.EntityName, existing) { ["estimatedvalue"] = new Money(9_000m) } },
            new DeleteRequest { Target = new EntityReference(Opportunity.EntityName, Guid.NewGuid()) },
        };

        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => world.Service.Execute(new ExecuteTransactionRequest { Requests = requests }));

        Assert.AreEqual(2, ((ExecuteTransactionFault)fault.Detail).FaultedRequestIndex);
        Assert.AreEqual(1, world.Emulator.Count(Opportunity.EntityName));
        Assert.AreEqual(before.GetAttributeValue<decimal?>(Plan.OpenPipelineExact), world.GetPlan(group).GetAttributeValue<decimal?>(Plan.OpenPipelineExact));
        AssertConsistent(world);
    }

    [TestMethod]
    public void DeleteAccount_MiddleOfHierarchy_CascadedOpportunitiesAndUnlinkedSubtreeLeaveThePlansAbove()
    {
        var (world, group, contoso, berlin) = World();
        world.Service.Create(Deal(PlanWorld.ContosoChildId, 1_000m, new DateTime(2027, 5, 1)));
        var viaLookup = Deal(null, 2_000m, new DateTime(2027, 6, 1));
        viaLookup[Opportunity.CustomerId] = new EntityReference("contact", ContactId);
        viaLookup[Opportunity.ParentAccountId] = new EntityReference(Account.EntityName, PlanWorld.ContosoChildId);
        var unlinked = world.Service.Create(viaLookup);
        var berlinDeal = world.Service.Create(Deal(BerlinId, 4_000m, new DateTime(2027, 7, 1)));
        world.Service.Create(Deal(PlanWorld.ContosoId, 8_000m, new DateTime(2027, 7, 1)));

        world.Service.Delete(Account.EntityName, PlanWorld.ContosoChildId);

        Assert.IsNull(world.Emulator.Peek(Opportunity.EntityName, unlinked)!.GetAttributeValue<EntityReference>(Opportunity.ParentAccountId));
        Assert.IsNull(world.Emulator.Peek(Account.EntityName, BerlinId)!.GetAttributeValue<EntityReference>(Account.ParentAccountId));
        Assert.IsNotNull(world.Emulator.Peek(Opportunity.EntityName, berlinDeal));
        Assert.AreEqual(8_000m, PlanWorld.MoneyOf(world.GetPlan(group), Plan.OpenPipeline));
        Assert.AreEqual(8_000m, PlanWorld.MoneyOf(world.GetPlan(contoso), Plan.OpenPipeline));
        Assert.AreEqual(4_000m, PlanWorld.MoneyOf(world.GetPlan(berlin), Plan.OpenPipeline));
        AssertConsistent(world);
    }

    [TestMethod]
    public void DeleteContact_ItsOpportunitiesCascade_TheirAccountLookupPlansLoseThem()
    {
        var (world, group, _, _) = World();
        var deal = Deal(null, 2_000m, new DateTime(2027, 6, 1));
        deal[Opportunity.CustomerId] = new EntityReference("contact", ContactId);
        deal[Opportunity.ParentAccountId] = new EntityReference(Account.EntityName, BerlinId);
        world.Service.Create(deal);
        Assert.AreEqual(2_000m, PlanWorld.MoneyOf(world.GetPlan(group), Plan.OpenPipeline));

        world.Service.Delete("contact", ContactId);

        Assert.AreEqual(0, world.Emulator.Count(Opportunity.EntityName));
        Assert.AreEqual(0m, PlanWorld.MoneyOf(world.GetPlan(group), Plan.OpenPipeline));
        AssertConsistent(world);
    }

    [TestMethod]
    public void ReparentAccount_UnderItsOwnDescendantOrItself_RefusedWithTheLoopFaultAndNothingMoves()
    {
        var (world, _, _, _) = World();
        world.Service.Create(Deal(BerlinId, 1_000m, new DateTime(2027, 5, 1)));

        var loop = FaultAssert.Catch(() => world.Service.Update(new Entity(Account.EntityName, PlanWorld.ContosoId) { [Account.ParentAccountId] = new EntityReference(Account.EntityName, BerlinId) }));
        var self = FaultAssert.Catch(() => world.Service.Update(new Entity(Account.EntityName, GroupId) { [Account.ParentAccountId] = new EntityReference(Account.EntityName, GroupId) }));

        Assert.AreEqual(ErrorCodes.AccountLoopBeingCreated, loop.Detail.ErrorCode);
        Assert.AreEqual(ErrorCodes.AccountLoopBeingCreated, self.Detail.ErrorCode);
        Assert.AreEqual(GroupId, world.Emulator.Peek(Account.EntityName, PlanWorld.ContosoId)!.GetAttributeValue<EntityReference>(Account.ParentAccountId).Id);
        Assert.IsNull(world.Emulator.Peek(Account.EntityName, GroupId)!.GetAttributeValue<EntityReference>(Account.ParentAccountId));
        AssertConsistent(world);
    }

    [TestMethod]
    public void DeactivateAccount_ItsOpportunitiesStillCount_StoredKpisEqualRecount()
    {
        var (world, _, _, _) = World();
        world.Service.Create(Deal(BerlinId, 1_000m, new DateTime(2027, 5, 1)));

        world.Service.Execute(new SetStateRequest { EntityMoniker = new EntityReference(Account.EntityName, BerlinId), State = new OptionSetValue(1), Status = new OptionSetValue(2) });
        world.Service.Create(Deal(BerlinId, 500m, new DateTime(2027, 6, 1)));

        AssertConsistent(world);
    }

    [TestMethod]
    public void ContactCustomer_SwitchedBetweenAccountContactAndNone_StoredKpisEqualRecount()
    {
        var (world, _, _, _) = World();
        var deal = world.Service.Create(Deal(BerlinId, 1_000m, new DateTime(2027, 5, 1)));
        var orphan = world.Service.Create(Deal(null, 3_000m, new DateTime(2027, 5, 1)));
        AssertConsistent(world, "created");

        world.Service.Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.CustomerId] = new EntityReference("contact", ContactId) });
        AssertConsistent(world, "customer to contact");
        world.Service.Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.ParentAccountId] = new EntityReference(Account.EntityName, PlanWorld.ContosoChildId) });
        AssertConsistent(world, "account lookup set");
        world.Service.Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.CustomerId] = new EntityReference(Account.EntityName, BerlinId), [Opportunity.ParentAccountId] = null });
        AssertConsistent(world, "customer back to account");
        world.Service.Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.CustomerId] = null });
        world.Service.Update(new Entity(Opportunity.EntityName, orphan) { [Opportunity.ParentAccountId] = new EntityReference(Account.EntityName, GroupId) });
        AssertConsistent(world, "no customer");
    }

    [TestMethod]
    public void WonOpportunity_ActualValueChangedReopenedAndLost_StoredKpisEqualRecount()
    {
        var (world, _, _, _) = World();
        var deal = world.Service.Create(Deal(BerlinId, 1_000m, new DateTime(2027, 5, 1)));

        Win(world.Service, deal, 1_200m, new DateTime(2027, 5, 3));
        AssertConsistent(world, "won");
        world.Service.Update(new Entity(Opportunity.EntityName, deal) { ["actualvalue"] = new Money(1_500m), [Opportunity.ActualCloseDate] = new DateTime(2028, 2, 1) });
        AssertConsistent(world, "actual value and date after the win");
        Reopen(world.Service, deal);
        AssertConsistent(world, "reopened");
        world.Service.Execute(new LoseOpportunityRequest
        {
            OpportunityClose = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference(Opportunity.EntityName, deal), ["actualend"] = new DateTime(2027, 6, 1) },
            Status = new OptionSetValue(4),
        });
        AssertConsistent(world, "lost");
        Reopen(world.Service, deal);
        AssertConsistent(world, "reopened after loss");
    }

    [TestMethod]
    public void CurrencyRateChanged_ExistingRowsKeepTheirBaseValuesUntilTheirMoneyChanges_StoredKpisEqualRecount()
    {
        var (world, _, _, _) = World();
        var deal = Deal(BerlinId, 1_000m, new DateTime(2027, 5, 1));
        deal["transactioncurrencyid"] = new EntityReference("transactioncurrency", EuroId);
        var id = world.Service.Create(deal);
        Win(world.Service, id, 800m, new DateTime(2027, 5, 2));
        Reopen(world.Service, id);

        world.Service.Update(new Entity("transactioncurrency", EuroId) { ["exchangerate"] = 0.5m });
        world.Service.Update(new Entity(Opportunity.EntityName, id) { [Opportunity.CloseProbability] = 70 });
        AssertConsistent(world, "non-money change after the rate change");
        Win(world.Service, id, 800m, new DateTime(2027, 5, 2));
        AssertConsistent(world, "won after the rate change");
        world.Service.Update(new Entity(Opportunity.EntityName, id) { ["transactioncurrencyid"] = new EntityReference("transactioncurrency", world.Emulator.BaseCurrencyId) });
        AssertConsistent(world, "currency changed while won");
    }

    [TestMethod]
    public void Attainment_PlanInEuro_WonRevenueAgainstTheTargetInBaseCurrencyAlsoAfterARateChange()
    {
        var (world, _, _, berlin) = World();
        world.Service.Update(new Entity(Plan.EntityName, berlin)
        {
            ["transactioncurrencyid"] = new EntityReference("transactioncurrency", EuroId), [Plan.RevenueTarget] = new Money(80_000m),
        });
        var deal = world.Service.Create(Deal(BerlinId, 5_000m, new DateTime(2027, 5, 1)));
        Win(world.Service, deal, 25_000m, new DateTime(2027, 5, 2));

        // 80,000 EUR at 0.8 EUR per base unit is a target of 100,000 in base currency; 25,000 won is 25 %.
        Assert.AreEqual(25m, world.GetPlan(berlin).GetAttributeValue<decimal?>(Plan.AttainmentPct));
        AssertConsistent(world, "euro plan");

        world.Service.Update(new Entity("transactioncurrency", EuroId) { ["exchangerate"] = 0.5m });
        AssertConsistent(world, "rate changed, no plan write yet");
        var second = world.Service.Create(Deal(BerlinId, 1_000m, new DateTime(2027, 6, 1)));
        Win(world.Service, second, 15_000m, new DateTime(2027, 6, 2));

        // The write converts the plan's money at the new rate: 80,000 EUR at 0.5 is 160,000; 40,000 won is 25 %.
        Assert.AreEqual(25m, world.GetPlan(berlin).GetAttributeValue<decimal?>(Plan.AttainmentPct));
        AssertConsistent(world, "won after the rate change");
    }

    [TestMethod]
    public void CloseProbability_NullZeroAndBack_StoredKpisEqualRecount()
    {
        var (world, group, _, _) = World();
        var deal = world.Service.Create(Deal(BerlinId, 1_000m, new DateTime(2027, 5, 1), null));

        world.Service.Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.CloseProbability] = 0 });
        AssertConsistent(world, "0");
        world.Service.Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.CloseProbability] = 35 });
        world.Service.Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.CloseProbability] = null });

        Assert.AreEqual(1_000m, PlanWorld.MoneyOf(world.GetPlan(group), Plan.OpenPipeline));
        Assert.AreEqual(0m, PlanWorld.MoneyOf(world.GetPlan(group), Plan.WeightedPipeline));
        AssertConsistent(world, "null");
    }

    [TestMethod]
    public void CloseDates_OnThePeriodBoundaries_CountedOnTheSameDaysAsTheRecount()
    {
        var (world, group, contoso, _) = World();
        var lateWin = world.Service.Create(Deal(BerlinId, 1_000m, new DateTime(2027, 12, 31, 23, 30, 0, DateTimeKind.Utc)));
        world.Service.Create(Deal(BerlinId, 2_000m, new DateTime(2028, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        world.Service.Create(Deal(BerlinId, 4_000m, new DateTime(2026, 12, 31, 23, 59, 59, DateTimeKind.Utc)));
        Win(world.Service, lateWin, 1_000m, new DateTime(2027, 12, 31, 23, 30, 0, DateTimeKind.Utc));

        world.Service.Update(new Entity(Plan.EntityName, contoso) { [Plan.PeriodEnd] = new DateTime(2027, 12, 31, 12, 0, 0, DateTimeKind.Utc) });

        Assert.AreEqual(1_000m, PlanWorld.MoneyOf(world.GetPlan(group), Plan.WonRevenue));
        Assert.AreEqual(0m, PlanWorld.MoneyOf(world.GetPlan(group), Plan.OpenPipeline));
        AssertConsistent(world);
    }

    [TestMethod]
    public void PlanPeriodTargetAndAccountChanged_BetweenOpportunityChanges_StoredKpisEqualRecount()
    {
        var (world, group, contoso, _) = World();
        var deal = world.Service.Create(Deal(BerlinId, 1_000m, new DateTime(2027, 5, 1)));
        Win(world.Service, deal, 2_000m, new DateTime(2027, 5, 2));

        world.Service.Update(new Entity(Plan.EntityName, group) { [Plan.PeriodStart] = new DateTime(2027, 6, 1), [Plan.RevenueTarget] = new Money(8_000m) });
        world.Service.Create(Deal(PlanWorld.ContosoChildId, 500m, new DateTime(2027, 7, 1)));
        world.Service.Update(new Entity(Plan.EntityName, contoso) { [Plan.AccountId] = new EntityReference(Account.EntityName, PlanWorld.FabrikamId) });
        world.Service.Create(Deal(HierarchyRollupTests.LabsId, 700m, new DateTime(2027, 7, 1)));
        world.Service.Update(new Entity(Plan.EntityName, group) { [Plan.RevenueTarget] = null });
        Reopen(world.Service, deal);

        AssertConsistent(world);
    }

    [TestMethod]
    public void PlanCancelledAndReactivatedBySetState_OverlappingPlanOfTheSameAccountInAnotherState_StoredKpisEqualRecount()
    {
        var (world, _, _, berlin) = World();
        world.Service.Create(Deal(BerlinId, 1_000m, new DateTime(2027, 8, 1)));
        world.Service.Execute(new SetStateRequest { EntityMoniker = new EntityReference(Plan.EntityName, berlin), State = new OptionSetValue(Plan.StateInactive), Status = new OptionSetValue(Plan.StatusCancelled) });
        var berlinFy = world.CreatePlan(BerlinId, start: new DateTime(2027, 7, 1), end: new DateTime(2028, 6, 30), name: "Berlin FY");

        var deal = world.Service.Create(Deal(BerlinId, 2_000m, new DateTime(2027, 9, 1)));
        world.AddMeasure(berlin, "Workshop", 300m);
        Assert.AreEqual(3_000m, PlanWorld.MoneyOf(world.GetPlan(berlinFy), Plan.OpenPipeline));
        Assert.AreEqual(1_000m, PlanWorld.MoneyOf(world.GetPlan(berlin), Plan.OpenPipeline), "a cancelled plan keeps its KPIs");
        world.Service.Execute(new SetStateRequest { EntityMoniker = new EntityReference(Plan.EntityName, berlinFy), State = new OptionSetValue(Plan.StateInactive), Status = new OptionSetValue(Plan.StatusClosed) });
        world.Service.Execute(new SetStateRequest { EntityMoniker = new EntityReference(Plan.EntityName, berlin), State = new OptionSetValue(Plan.StateActive), Status = new OptionSetValue(Plan.StatusDraft) });
        world.Service.Delete(Opportunity.EntityName, deal);
        world.Service.Create(Deal(BerlinId, 400m, new DateTime(2027, 10, 1)));

        Assert.AreEqual(1_400m, PlanWorld.MoneyOf(world.GetPlan(berlin), Plan.OpenPipeline));
        AssertConsistent(world);
    }

    [TestMethod]
    public void Measures_CreatedChangedCancelledMovedAndDeleted_MeasureKpisEqualRecount()
    {
        var (world, group, contoso, _) = World();
        var first = world.AddMeasure(group, "Workshop", 1_000m);
        var second = world.AddMeasure(group, "Campaign", 2_500m);
        world.Service.Update(new Entity(Measure.EntityName, first) { ["apx_actualcost"] = new Money(900m) });
        world.Service.Execute(new SetStateRequest { EntityMoniker = new EntityReference(Measure.EntityName, first), State = new OptionSetValue(1), Status = new OptionSetValue(Measure.StatusDone) });
        world.Service.Execute(new SetStateRequest { EntityMoniker = new EntityReference(Measure.EntityName, second), State = new OptionSetValue(1), Status = new OptionSetValue(Measure.StatusCancelled) });
        AssertConsistent(world, "done and cancelled");
        var fair = world.AddMeasure(group, "Fair", 800m);
        world.Service.Update(new Entity(Measure.EntityName, fair) { ["transactioncurrencyid"] = new EntityReference("transactioncurrency", EuroId) });
        world.Service.Update(new Entity(Measure.EntityName, first) { [Measure.PlanId] = new EntityReference(Plan.EntityName, contoso) });
        world.Service.Delete(Measure.EntityName, second);

        AssertConsistent(world, "moved and deleted");
    }

    /// <summary>Refuses the Create of an opportunity named "Fail" after the roll-up step ran (a later step of the same request).</summary>
    public sealed class RefuseNamedFail : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            if (context.InputParameters["Target"] is Entity target && target.GetAttributeValue<string>("name") == "Fail")
            {
                throw new InvalidPluginExecutionException("Refused by a later step");
            }
        }
    }
}
