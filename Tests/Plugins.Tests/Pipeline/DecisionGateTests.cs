using AccountPlanXrm.Plugins.Model;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Plugins.Tests.Pipeline;

[TestClass]
public sealed class DecisionGateTests
{
    private static readonly Guid CommitteeId = new("7ea00000-0000-4000-8000-000000000001");
    private static readonly Guid MemberId = new("0a0a0a0a-0000-4000-8000-0000000000bb");
    private static readonly Guid OutsiderId = new("0a0a0a0a-0000-4000-8000-0000000000cc");

    private static (PlanWorld World, Guid Plan) PlanWithCommittee()
    {
        var world = new PlanWorld();
        world.Emulator.CreateUser("Mia", "Member", MemberId);
        world.Emulator.CreateUser("Otto", "Outsider", OutsiderId);
        world.Emulator.Seed(new Entity("team", CommitteeId) { ["name"] = "Steering committee", ["businessunitid"] = new EntityReference("businessunit", world.Emulator.RootBusinessUnitId) });
        world.Emulator.GetSystemService().Associate("team", CommitteeId, new Relationship("teammembership_association"),
            new EntityReferenceCollection { new EntityReference("systemuser", MemberId) });
        var plan = world.CreatePlan();
        world.Service.Update(new Entity(Plan.EntityName, plan)
        {
            [Plan.DecisionThreshold] = new Money(10_000m), [Plan.SteeringCommitteeId] = new EntityReference("team", CommitteeId),
        });
        return (world, plan);
    }

    private static Guid AddDecision(PlanWorld world, Guid plan) =>
        world.Service.Create(new Entity(Decision.EntityName)
        {
            [Decision.Name] = "Budget for roadshow", [Decision.PlanId] = new EntityReference(Plan.EntityName, plan),
            ["apx_decisiontype"] = new OptionSetValue(726000000), ["apx_requestedbudget"] = new Money(20_000m),
        });

    private static void Decide(PlanWorld world, Guid decision, Guid user, int status) =>
        world.Emulator.GetService(user).Update(new Entity(Decision.EntityName, decision)
        {
            [Decision.StateCode] = new OptionSetValue(1), [Decision.StatusCode] = new OptionSetValue(status),
        });

    private static void Start(PlanWorld world, Guid measure) =>
        world.Service.Update(new Entity(Measure.EntityName, measure) { [Measure.StatusCode] = new OptionSetValue(Measure.StatusInProgress) });

    [TestMethod]
    public void StartMeasure_OverThresholdWithoutDecision_FailsAndStaysPlanned()
    {
        var (world, plan) = PlanWithCommittee();
        var measure = world.AddMeasure(plan, "Roadshow", 20_000m);

        var message = FaultAssert.Message(() => Start(world, measure));

        Assert.AreEqual(
            "The measure \"Roadshow\" needs an approved decision before it can move to In progress: its budget 20,000.00 USD is above the plan's decision threshold 10,000.00 USD.",
            message);
        Assert.AreEqual(Measure.StatusPlanned, world.Emulator.Peek(Measure.EntityName, measure)!.GetAttributeValue<OptionSetValue>(Measure.StatusCode).Value);
    }

    [TestMethod]
    public void StartMeasure_BelowThreshold_Succeeds()
    {
        var (world, plan) = PlanWithCommittee();
        var measure = world.AddMeasure(plan, "Mailing", 500m);

        Start(world, measure);

        Assert.AreEqual(Measure.StatusInProgress, world.Emulator.Peek(Measure.EntityName, measure)!.GetAttributeValue<OptionSetValue>(Measure.StatusCode).Value);
    }

    [TestMethod]
    public void StartMeasure_BusinessCriticalWithoutDecision_Fails()
    {
        var (world, plan) = PlanWithCommittee();
        var measure = world.AddMeasure(plan, "Key supplier switch", 100m, critical: true);

        var message = FaultAssert.Message(() => Start(world, measure));

        StringAssert.Contains(message, "is business-critical");
    }

    [TestMethod]
    public void StartMeasure_WithProposedDecision_Fails()
    {
        var (world, plan) = PlanWithCommittee();
        var decision = AddDecision(world, plan);
        var measure = world.AddMeasure(plan, "Roadshow", 20_000m, decision: decision);

        FaultAssert.Message(() => Start(world, measure));
    }

    [TestMethod]
    public void StartMeasure_WithApprovedDecision_Succeeds()
    {
        var (world, plan) = PlanWithCommittee();
        var decision = AddDecision(world, plan);
        Decide(world, decision, MemberId, Decision.StatusApproved);
        var measure = world.AddMeasure(plan, "Roadshow", 20_000m, decision: decision);

        Start(world, measure);

        Assert.AreEqual(Measure.StatusInProgress, world.Emulator.Peek(Measure.EntityName, measure)!.GetAttributeValue<OptionSetValue>(Measure.StatusCode).Value);
    }

    [TestMethod]
    public void CreateMeasureInProgress_OverThreshold_Fails()
    {
        var (world, plan) = PlanWithCommittee();

        FaultAssert.Message(() => world.AddMeasure(plan, "Roadshow", 20_000m, status: Measure.StatusInProgress));

        Assert.AreEqual(0, world.Emulator.Count(Measure.EntityName));
    }

    [TestMethod]
    public void StartMeasure_ApprovedDecisionOfAnotherPlan_Fails()
    {
        var (world, plan) = PlanWithCommittee();
        var other = world.CreatePlan(account: PlanWorld.FabrikamId, name: "Fabrikam 2027");
        world.Service.Update(new Entity(Plan.EntityName, other) { [Plan.SteeringCommitteeId] = new EntityReference("team", CommitteeId) });
        var decision = AddDecision(world, other);
        Decide(world, decision, MemberId, Decision.StatusApproved);
        var measure = world.AddMeasure(plan, "Roadshow", 20_000m, decision: decision);

        var message = FaultAssert.Message(() => Start(world, measure));

        StringAssert.Contains(message, "belongs to another plan");
    }

    [TestMethod]
    public void ApproveDecision_ByCommitteeMember_StampsDecider()
    {
        var (world, plan) = PlanWithCommittee();
        var decision = AddDecision(world, plan);

        Decide(world, decision, MemberId, Decision.StatusApproved);

        var row = world.Emulator.Peek(Decision.EntityName, decision)!;
        Assert.AreEqual(Decision.StatusApproved, row.GetAttributeValue<OptionSetValue>(Decision.StatusCode).Value);
        Assert.AreEqual(MemberId, row.GetAttributeValue<EntityReference>(Decision.DecidedById).Id);
        Assert.AreEqual(PlanWorld.Now, row.GetAttributeValue<DateTime>(Decision.DecidedOn));
    }

    [TestMethod]
    [DataRow(Decision.StatusApproved)]
    [DataRow(Decision.StatusRejected)]
    public void DecideDecision_ByNonMember_FailsAndStaysProposed(int status)
    {
        var (world, plan) = PlanWithCommittee();
        var decision = AddDecision(world, plan);

        var message = FaultAssert.Message(() => Decide(world, decision, OutsiderId, status));

        Assert.AreEqual("Only members of the steering committee of the plan \"Contoso 2027\" may approve or reject its decisions.", message);
        Assert.AreEqual(Decision.StatusProposed, world.Emulator.Peek(Decision.EntityName, decision)!.GetAttributeValue<OptionSetValue>(Decision.StatusCode).Value);
    }

    [TestMethod]
    public void ApproveDecision_PlanWithoutCommittee_Fails()
    {
        var world = new PlanWorld();
        var plan = world.CreatePlan();
        var decision = AddDecision(world, plan);

        var message = FaultAssert.Message(() => Decide(world, decision, PlanWorld.UserId, Decision.StatusApproved));

        StringAssert.Contains(message, "has no steering committee");
    }

    [TestMethod]
    public void CreateMeasure_NegativeBudget_Fails()
    {
        var (world, plan) = PlanWithCommittee();

        var message = FaultAssert.Message(() => world.AddMeasure(plan, "Refund", -5m));

        Assert.AreEqual("Budget must not be negative.", message);
        Assert.AreEqual(0, world.Emulator.Count(Measure.EntityName));
    }

    [TestMethod]
    public void CreateMeasure_WrongTypedBudget_Fails()
    {
        var (world, plan) = PlanWithCommittee();

        var message = FaultAssert.Message(() => world.Service.Create(new Entity(Measure.EntityName)
        {
            [Measure.Name] = "Typed", [Measure.PlanId] = new EntityReference(Plan.EntityName, plan), [Measure.Budget] = "1000",
        }));

        StringAssert.Contains(message, "apx_budget");
        Assert.AreEqual(0, world.Emulator.Count(Measure.EntityName));
    }

    [TestMethod]
    public void CreateDecision_NegativeRequestedBudget_Fails()
    {
        var (world, plan) = PlanWithCommittee();

        var message = FaultAssert.Message(() => world.Service.Create(new Entity(Decision.EntityName)
        {
            [Decision.Name] = "Refund", [Decision.PlanId] = new EntityReference(Plan.EntityName, plan), ["apx_requestedbudget"] = new Money(-1m),
        }));

        Assert.AreEqual("Requested budget must not be negative.", message);
    }
}
