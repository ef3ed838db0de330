using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using static AccountPlanXrm.Security.Tests.IntegrityWorld;
using static AccountPlanXrm.Security.Tests.SecurityWorld;

namespace AccountPlanXrm.Security.Tests;

/// <summary>
/// The stored computed columns (completeness per section and overall, missing items, KPIs) are the plug-ins' to write: a
/// seller cannot put a false value there on any route, while the plug-ins keep them. Security on.
/// </summary>
[TestClass]
public sealed class ComputedColumnTests
{
    private static readonly string[] Watched = { "apx_completenesspct", "apx_completenessanalysis", "apx_missingitems", "apx_wonrevenue", "apx_wonrevenueexact", "apx_attainmentpct", "apx_measurecount" };

    private static object?[] Snapshot(IntegrityWorld w)
    {
        var row = w.World.Stored(PlanTable, w.PlanId);
        return Watched.Select(c => row.Contains(c) ? row[c] : null).ToArray();
    }

    [TestMethod]
    public void Update_CompletenessColumnsBySeller_RefusedAndNothingWritten()
    {
        var w = new IntegrityWorld();
        var before = Snapshot(w);

        var message = Refusal(() => w.Seller.Update(new Entity(PlanTable, w.PlanId) { ["apx_completenesspct"] = 100, ["apx_missingitems"] = null, ["apx_completenessanalysis"] = 100 }));

        StringAssert.StartsWith(message, "These columns are calculated by the solution and cannot be set: ");
        CollectionAssert.AreEqual(before, Snapshot(w));
    }

    [TestMethod]
    public void Update_KpiColumnsBySeller_RefusedAndNothingWritten()
    {
        var w = new IntegrityWorld();
        var before = Snapshot(w);

        var message = Refusal(() => w.Seller.Update(new Entity(PlanTable, w.PlanId)
        {
            ["apx_wonrevenue"] = new Money(9_000_000m), ["apx_wonrevenueexact"] = 9_000_000m, ["apx_attainmentpct"] = 900m, ["apx_measurecount"] = 12,
        }));

        StringAssert.Contains(message, "cannot be set");
        CollectionAssert.AreEqual(before, Snapshot(w));
    }

    [TestMethod]
    public void UpdateMultipleAndUpsert_ExactKpiSumBySeller_Refused()
    {
        var w = new IntegrityWorld();
        var targets = new EntityCollection { EntityName = PlanTable };
        targets.Entities.Add(new Entity(PlanTable, w.PlanId) { ["apx_wonrevenueexact"] = 5_000_000m });

        var multiple = Refusal(() => w.Seller.Execute(new UpdateMultipleRequest { Targets = targets }));
        var upsert = Refusal(() => w.Seller.Execute(new UpsertRequest { Target = new Entity(PlanTable, w.PlanId) { ["apx_wonrevenueexact"] = 5_000_000m } }));

        StringAssert.Contains(multiple, "cannot be set");
        StringAssert.Contains(upsert, "cannot be set");
        Assert.IsFalse(w.World.Stored(PlanTable, w.PlanId).GetAttributeValue<decimal?>("apx_wonrevenueexact") == 5_000_000m);
    }

    [TestMethod]
    public void Create_PlanWithCompletenessColumnsBySeller_Refused()
    {
        var w = new IntegrityWorld();
        var plan = new Entity(PlanTable)
        {
            ["apx_name"] = "Contoso 2029", ["apx_accountid"] = new EntityReference("account", ContosoId),
            ["apx_periodstart"] = new DateTime(2029, 1, 1), ["apx_periodend"] = new DateTime(2029, 12, 31),
            ["apx_completenesspct"] = 100, ["apx_missingitems"] = "nothing",
        };

        var message = Refusal(() => w.Seller.Create(plan));

        StringAssert.Contains(message, "cannot be set");
        Assert.AreEqual(1, w.World.Emulator.Count(PlanTable));
    }

    [TestMethod]
    public void Update_ComputedColumnSentWithItsStoredValue_Accepted()
    {
        var w = new IntegrityWorld();
        var stored = w.World.Stored(PlanTable, w.PlanId);

        w.Seller.Update(new Entity(PlanTable, w.PlanId)
        {
            ["apx_completenesspct"] = stored.GetAttributeValue<int?>("apx_completenesspct"), ["apx_challenges"] = "Margins",
        });

        Assert.AreEqual("Margins", w.World.Stored(PlanTable, w.PlanId).GetAttributeValue<string>("apx_challenges"));
    }

    [TestMethod]
    public void Update_CompletenessColumnsByGermanSeller_GermanRefusal()
    {
        var w = new IntegrityWorld();
        w.World.Emulator.Seed(new Entity("usersettings", SellerId) { ["systemuserid"] = SellerId, ["uilanguageid"] = 1031 });

        var message = Refusal(() => w.Seller.Update(new Entity(PlanTable, w.PlanId) { ["apx_completenesspct"] = 100 }));

        Assert.AreEqual("Diese Spalten werden von der Lösung berechnet und können nicht gesetzt werden: Vollständigkeit.", message);
    }

    [TestMethod]
    public void Update_DeciderOfProposedDecisionBySeller_RefusedAndNothingWritten()
    {
        var w = new IntegrityWorld();
        var decision = w.Propose(30_000m);

        var message = Refusal(() => w.Seller.Update(new Entity(DecisionTable, decision)
        {
            ["apx_decidedbyid"] = new EntityReference("systemuser", MemberId), ["apx_decidedon"] = new DateTime(2027, 3, 1, 0, 0, 0, DateTimeKind.Utc),
        }));

        Assert.AreEqual("These columns are calculated by the solution and cannot be set: Decided by, Decided on.", message);
        var stored = w.World.Stored(DecisionTable, decision);
        Assert.IsNull(stored.GetAttributeValue<EntityReference>("apx_decidedbyid"));
        Assert.IsNull(stored.GetAttributeValue<DateTime?>("apx_decidedon"));
    }

    [TestMethod]
    public void Update_NextContactDateSentBySeller_ReplacedByTheCadence()
    {
        var w = new IntegrityWorld();
        var stakeholder = w.Seller.Create(new Entity(StakeholderTable)
        {
            ["apx_name"] = "CFO", ["apx_accountplanid"] = new EntityReference(PlanTable, w.PlanId),
            ["apx_frequency"] = new OptionSetValue(726000001), ["apx_lastcontacton"] = new DateTime(2027, 2, 10),
        });

        w.Seller.Update(new Entity(StakeholderTable, stakeholder) { ["apx_nextcontacton"] = new DateTime(2030, 1, 1) });
        w.Seller.Execute(new UpsertRequest { Target = new Entity(StakeholderTable, stakeholder) { ["apx_nextcontacton"] = new DateTime(2031, 1, 1) } });

        Assert.AreEqual(new DateTime(2027, 3, 10), w.World.Stored(StakeholderTable, stakeholder).GetAttributeValue<DateTime?>("apx_nextcontacton")?.Date);
    }

    [TestMethod]
    public void PluginWrites_AfterMeasureAndActivation_StillKeepTheColumns()
    {
        var w = new IntegrityWorld();

        w.CompleteAndActivate();

        var stored = w.World.Stored(PlanTable, w.PlanId);
        Assert.AreEqual(100, stored.GetAttributeValue<int?>("apx_completenesspct"));
        Assert.AreEqual(1, stored.GetAttributeValue<int?>("apx_measurecount"));
    }
}
