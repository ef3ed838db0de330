using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using static AccountPlanXrm.Security.Tests.IntegrityWorld;
using static AccountPlanXrm.Security.Tests.SecurityWorld;

namespace AccountPlanXrm.Security.Tests;

/// <summary>
/// A decision covers what it approves, in base currency; approved decisions are frozen; separation of duties for the
/// steering committee and its decisions. Security on; the plan's threshold is 20,000 USD; EUR is 2 per USD.
/// </summary>
[TestClass]
public sealed class DecisionIntegrityTests
{
    [TestMethod]
    public void Start_EuroBudgetAboveThresholdInBase_RefusedWithBothCurrencies()
    {
        var w = new IntegrityWorld();
        var measure = w.AddMeasure("Roadshow", 50_000m, currency: EuroId);

        var message = Refusal(() => w.Start(measure));

        Assert.AreEqual(
            "The measure \"Roadshow\" needs an approved decision before it can move to In progress: its budget 50,000.00 EUR (25,000.00 USD in base currency) is above the plan's decision threshold 20,000.00 USD.",
            message);
        Assert.AreEqual(Planned, w.StatusOf(MeasureTable, measure));
    }

    [TestMethod]
    public void Start_EuroBudgetNumericallyAboveButBelowInBase_Succeeds()
    {
        var w = new IntegrityWorld();
        var measure = w.AddMeasure("Mailing", 30_000m, currency: EuroId);

        w.Start(measure);

        Assert.AreEqual(InProgress, w.StatusOf(MeasureTable, measure));
    }

    [TestMethod]
    public void Start_TwoMeasuresOnOneDecision_SecondBeyondItsAmountRefused()
    {
        var w = new IntegrityWorld();
        var decision = w.ApprovedDecision(40_000m);
        var first = w.AddMeasure("Fair", 25_000m);
        var second = w.AddMeasure("Roadshow", 25_000m);
        w.Start(first, decision);

        var message = Refusal(() => w.Start(second, decision));

        StringAssert.Contains(message, "does not cover the measure \"Roadshow\": the budgets of the started measures it covers come to 50,000.00 USD, above its approved amount 40,000.00 USD");
        Assert.AreEqual(Planned, w.StatusOf(MeasureTable, second));
        Assert.AreEqual(0, w.DecisionViolations().Count);
    }

    [TestMethod]
    public void Approve_DecisionWhoseStartedMeasuresExceedItsAmount_Refused()
    {
        // Found by the property walk: a measure below the threshold starts linked to a proposed decision of 0; approving
        // that decision would then cover more than its amount.
        var w = new IntegrityWorld();
        var decision = w.Propose(0m);
        var measure = w.AddMeasure("Mailing", 15_000m);
        w.Start(measure, decision);

        var message = Refusal(() => w.Decide(decision, Approved));

        Assert.AreEqual("The decision \"Decision 0\" cannot be approved: the started measures linked to it already come to 15,000.00 USD, above its amount 0.00 USD.", message);
        Assert.AreEqual(Proposed, w.StatusOf(DecisionTable, decision));
    }

    [TestMethod]
    public void Update_RaiseStartedBudgetBeyondCover_Refused()
    {
        var w = new IntegrityWorld();
        var decision = w.ApprovedDecision(30_000m);
        var measure = w.AddMeasure("Fair", 25_000m);
        w.Start(measure, decision);

        var message = Refusal(() => w.Seller.Update(new Entity(MeasureTable, measure) { ["apx_budget"] = new Money(35_000m) }));

        StringAssert.Contains(message, "does not cover");
        Assert.AreEqual(25_000m, w.World.Stored(MeasureTable, measure).GetAttributeValue<Money>("apx_budget").Value);
    }

    [TestMethod]
    public void Update_SwitchStartedMeasureToCheaperCurrencyView_JudgedInBase()
    {
        var w = new IntegrityWorld();
        var decision = w.ApprovedDecision(30_000m);
        var measure = w.AddMeasure("Fair", 25_000m);
        w.Start(measure, decision);

        // 25,000 EUR = 12,500 USD: still covered, and below the threshold.
        w.Seller.Update(new Entity(MeasureTable, measure) { ["transactioncurrencyid"] = new EntityReference("transactioncurrency", EuroId) });

        Assert.AreEqual(12_500m, w.World.Stored(MeasureTable, measure).GetAttributeValue<Money>("apx_budget_base").Value);
    }

    [TestMethod]
    public void Update_RelinkStartedMeasureToProposedDecision_Refused()
    {
        var w = new IntegrityWorld();
        var approved = w.ApprovedDecision(30_000m);
        var proposed = w.Propose(30_000m);
        var measure = w.AddMeasure("Fair", 25_000m);
        w.Start(measure, approved);

        var message = Refusal(() => w.Seller.Update(new Entity(MeasureTable, measure) { ["apx_decisionid"] = new EntityReference(DecisionTable, proposed) }));

        StringAssert.Contains(message, "needs an approved decision");
        Assert.AreEqual(approved, w.World.Stored(MeasureTable, measure).GetAttributeValue<EntityReference>("apx_decisionid").Id);
    }

    [TestMethod]
    public void Update_MoveStartedMeasureToAnotherPlan_RefusedAsDecisionOfOtherPlan()
    {
        var w = new IntegrityWorld();
        var decision = w.ApprovedDecision(30_000m);
        var measure = w.AddMeasure("Fair", 25_000m);
        w.Start(measure, decision);
        var other = w.World.CreatePlan(SellerId, "Contoso 2028", year: 2028);

        var message = Refusal(() => w.Seller.Update(new Entity(MeasureTable, measure) { ["apx_accountplanid"] = new EntityReference(PlanTable, other) }));

        Assert.AreEqual("The decision linked to the measure \"Fair\" belongs to another plan.", message);
        Assert.AreEqual(w.PlanId, w.World.Stored(MeasureTable, measure).GetAttributeValue<EntityReference>("apx_accountplanid").Id);
    }

    [TestMethod]
    public void Start_BusinessCriticalMeasureWithBudgetDecision_RefusedForType()
    {
        var w = new IntegrityWorld();
        var decision = w.ApprovedDecision(30_000m);
        var measure = w.AddMeasure("Supplier switch", 1_000m, critical: true);

        var message = Refusal(() => w.Start(measure, decision));

        StringAssert.Contains(message, "is not of the type Business-critical that the measure needs");
    }

    [TestMethod]
    public void Update_ThresholdLoweredBelowStartedMeasureWithoutDecision_RefusedForManager()
    {
        var w = new IntegrityWorld();
        var measure = w.AddMeasure("Mailing", 15_000m);
        w.Start(measure);

        var message = Refusal(() => w.Manager.Update(new Entity(PlanTable, w.PlanId) { ["apx_decisionthreshold"] = new Money(10_000m) }));

        Assert.AreEqual("The decision threshold 10,000.00 USD would leave started measures above it without an approved budget decision: Mailing.", message);
        Assert.AreEqual(20_000m, w.World.Stored(PlanTable, w.PlanId).GetAttributeValue<Money>("apx_decisionthreshold").Value);
    }

    [TestMethod]
    public void Update_ThresholdLoweredBelowMeasureCoveredByApprovedBudgetDecision_Succeeds()
    {
        var w = new IntegrityWorld();
        var decision = w.ApprovedDecision(15_000m);
        var measure = w.AddMeasure("Mailing", 15_000m);
        w.Start(measure, decision);

        w.Manager.Update(new Entity(PlanTable, w.PlanId) { ["apx_decisionthreshold"] = new Money(10_000m) });

        Assert.AreEqual(10_000m, w.World.Stored(PlanTable, w.PlanId).GetAttributeValue<Money>("apx_decisionthreshold").Value);
    }

    [TestMethod]
    public void Update_ApprovedDecisionAmount_RefusedEvenForManager()
    {
        var w = new IntegrityWorld();
        var decision = w.ApprovedDecision(30_000m);

        var message = Refusal(() => w.Manager.Update(new Entity(DecisionTable, decision) { ["apx_requestedbudget"] = new Money(90_000m) }));

        StringAssert.Contains(message, "is approved: its amount, currency, type and plan can no longer be changed");
        Assert.AreEqual(30_000m, w.World.Stored(DecisionTable, decision).GetAttributeValue<Money>("apx_requestedbudget").Value);
    }

    [TestMethod]
    public void Update_ApprovedDecisionMovedToOtherPlan_Refused()
    {
        var w = new IntegrityWorld();
        var decision = w.ApprovedDecision(30_000m);
        var other = w.World.CreatePlan(SellerId, "Contoso 2028", year: 2028);

        var message = Refusal(() => w.Member.Update(new Entity(DecisionTable, decision) { ["apx_accountplanid"] = new EntityReference(PlanTable, other) }));

        StringAssert.Contains(message, "can no longer be changed");
    }

    [TestMethod]
    public void Withdraw_ApprovedDecisionCoveringStartedMeasure_RefusedByMemberAndSeller()
    {
        var w = new IntegrityWorld();
        var decision = w.ApprovedDecision(30_000m);
        var measure = w.AddMeasure("Fair", 25_000m);
        w.Start(measure, decision);
        var reopen = new Entity(DecisionTable, decision) { ["statecode"] = new OptionSetValue(0), ["statuscode"] = new OptionSetValue(Proposed) };

        var bySeller = Refusal(() => w.Seller.Update(reopen));
        var byMember = Refusal(() => w.Member.Update(reopen));

        StringAssert.Contains(bySeller, "covers 1 started measure(s) and cannot be withdrawn or deleted");
        StringAssert.Contains(byMember, "covers 1 started measure(s)");
        Assert.AreEqual(Approved, w.StatusOf(DecisionTable, decision));
    }

    [TestMethod]
    public void Delete_ApprovedDecisionCoveringStartedMeasure_RefusedAndMeasureKeepsLink()
    {
        var w = new IntegrityWorld();
        var decision = w.ApprovedDecision(30_000m);
        var measure = w.AddMeasure("Fair", 25_000m);
        w.Start(measure, decision);

        var message = Refusal(() => w.World.System.Delete(DecisionTable, decision));

        StringAssert.Contains(message, "cannot be withdrawn or deleted");
        Assert.AreEqual(decision, w.World.Stored(MeasureTable, measure).GetAttributeValue<EntityReference>("apx_decisionid").Id);
    }

    [TestMethod]
    public void Approve_OwnProposalByCommitteeMember_Refused()
    {
        var w = new IntegrityWorld();
        w.World.Security.AssignRoles(MemberId, Contributor);
        var decision = w.Propose(30_000m, by: w.Member);

        var message = Refusal(() => w.Decide(decision, Approved));

        Assert.AreEqual("You proposed the decision \"Decision 30000\" and therefore cannot approve or reject it.", message);
        Assert.AreEqual(Proposed, w.StatusOf(DecisionTable, decision));
    }

    [TestMethod]
    public void Reject_DecisionOfPlanTheMemberOwns_Refused()
    {
        var w = new IntegrityWorld();
        var decision = w.Propose(30_000m);
        w.World.System.Update(new Entity(PlanTable, w.PlanId) { ["ownerid"] = new EntityReference("systemuser", MemberId) });

        var message = Refusal(() => w.Decide(decision, Rejected));

        Assert.AreEqual("You own the plan \"Contoso 2027\" and therefore cannot approve or reject its decisions.", message);
    }

    [TestMethod]
    public void Approve_BySellerOrManagerOutsideCommittee_Refused()
    {
        var w = new IntegrityWorld();
        var decision = w.Propose(30_000m);

        var bySeller = Refusal(() => w.Decide(decision, Approved, w.Seller));
        var byManager = Refusal(() => w.Decide(decision, Approved, w.Manager));

        StringAssert.Contains(bySeller, "Only members of the steering committee");
        StringAssert.Contains(byManager, "Only members of the steering committee");
    }

    [TestMethod]
    public void Approve_ByMember_StampsMemberAsDecider()
    {
        var w = new IntegrityWorld();
        var decision = w.Propose(30_000m);

        w.Member.Update(new Entity(DecisionTable, decision)
        {
            ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(Approved), ["apx_decidedbyid"] = new EntityReference("systemuser", AdminId),
        });

        Assert.AreEqual(MemberId, w.World.Stored(DecisionTable, decision).GetAttributeValue<EntityReference>("apx_decidedbyid").Id);
    }
}

/// <summary>The steering committee column: column security first (the solution's profiles), the plug-in rule second.</summary>
[TestClass]
public sealed class SteeringCommitteeTests
{
    private static readonly Guid OtherTeamId = new("7ea00000-0000-4000-8000-000000000002");

    private static IntegrityWorld WithOtherTeam()
    {
        var w = new IntegrityWorld();
        w.World.Security.CreateTeam("Other committee", null, OtherTeamId);
        return w;
    }

    private const string RoleRefusal = "Only users with the role Account Plan Manager or Account Plan Administrator may set or change a plan's steering committee.";
    private static readonly Guid DeputyManagerId = new("3a000000-0000-4000-8000-000000000005");

    [TestMethod]
    public void Update_CommitteeBySeller_RefusedAndUnchanged()
    {
        var w = WithOtherTeam();

        var fault = FaultAssert.Catch(() => w.Seller.Update(new Entity(PlanTable, w.PlanId) { ["apx_steeringcommitteeid"] = new EntityReference("team", OtherTeamId) }));

        Assert.AreEqual(RoleRefusal, fault.Message);
        Assert.AreEqual(CommitteeId, w.World.Stored(PlanTable, w.PlanId).GetAttributeValue<EntityReference>("apx_steeringcommitteeid").Id);
    }

    [TestMethod]
    public void Create_PlanWithCommitteeBySeller_Refused()
    {
        var w = WithOtherTeam();

        var fault = FaultAssert.Catch(() => w.Seller.Create(NewPlan()));

        Assert.AreEqual(RoleRefusal, fault.Message);
        Assert.AreEqual(1, w.World.Emulator.Count(PlanTable));
    }

    [TestMethod]
    public void Update_CommitteeByMember_Refused()
    {
        var w = WithOtherTeam();

        var fault = FaultAssert.Catch(() => w.Member.Update(new Entity(PlanTable, w.PlanId) { ["apx_steeringcommitteeid"] = null }));

        Assert.AreEqual(RoleRefusal, fault.Message);
    }

    [TestMethod]
    public void Update_CommitteeByManagerOutsideEditorProfile_SecuredFieldUpdateFault()
    {
        var w = WithOtherTeam();
        var deputy = w.World.Security.CreateUser("Dino", "Deputy", NorthUnitId, DeputyManagerId, Manager);

        var fault = FaultAssert.Catch(() => w.World.As(deputy).Update(new Entity(PlanTable, w.PlanId) { ["apx_steeringcommitteeid"] = new EntityReference("team", OtherTeamId) }));

        Assert.AreEqual(-2147158777, fault.Detail.ErrorCode);
        Assert.AreEqual(CommitteeId, w.World.Stored(PlanTable, w.PlanId).GetAttributeValue<EntityReference>("apx_steeringcommitteeid").Id);
    }

    [TestMethod]
    public void Create_PlanWithCommitteeByManagerOutsideEditorProfile_SecuredFieldCreateFault()
    {
        var w = WithOtherTeam();
        var deputy = w.World.Security.CreateUser("Dino", "Deputy", NorthUnitId, DeputyManagerId, Manager);

        var fault = FaultAssert.Catch(() => w.World.As(deputy).Create(NewPlan()));

        Assert.AreEqual(-2147158782, fault.Detail.ErrorCode);
        Assert.AreEqual("The user does not have create permissions to a secured field. The requested operation could not be completed.", fault.Message);
        Assert.AreEqual(1, w.World.Emulator.Count(PlanTable));
    }

    private static Entity NewPlan() => new(PlanTable)
    {
        ["apx_name"] = "Contoso 2029", ["apx_accountid"] = new EntityReference("account", ContosoId),
        ["apx_periodstart"] = new DateTime(2029, 1, 1), ["apx_periodend"] = new DateTime(2029, 12, 31),
        ["apx_steeringcommitteeid"] = new EntityReference("team", OtherTeamId),
    };

    [TestMethod]
    public void Update_CommitteeByManager_Succeeds()
    {
        var w = WithOtherTeam();

        w.Manager.Update(new Entity(PlanTable, w.PlanId) { ["apx_steeringcommitteeid"] = new EntityReference("team", OtherTeamId) });

        Assert.AreEqual(OtherTeamId, w.World.Stored(PlanTable, w.PlanId).GetAttributeValue<EntityReference>("apx_steeringcommitteeid").Id);
    }

    [TestMethod]
    public void Update_CommitteeBySellerWronglyInEditorProfile_RefusedByPluginRule()
    {
        var w = WithOtherTeam();
        w.World.Security.AddFieldSecurityProfileMembers(CommitteeEditors, SellerId);

        var fault = FaultAssert.Catch(() => w.Seller.Update(new Entity(PlanTable, w.PlanId) { ["apx_steeringcommitteeid"] = new EntityReference("team", OtherTeamId) }));

        Assert.AreEqual("Only users with the role Account Plan Manager or Account Plan Administrator may set or change a plan's steering committee.", fault.Message);
        Assert.AreEqual(CommitteeId, w.World.Stored(PlanTable, w.PlanId).GetAttributeValue<EntityReference>("apx_steeringcommitteeid").Id);
    }

    [TestMethod]
    public void Update_CommitteeByUserWithManagerRoleThroughTeam_Succeeds()
    {
        var w = WithOtherTeam();
        var managers = w.World.Security.CreateTeam("Sales management", null, new Guid("7ea00000-0000-4000-8000-000000000003"), Manager);
        var deputy = w.World.Security.CreateUser("Dana", "Deputy", NorthUnitId, new Guid("3a000000-0000-4000-8000-000000000002"), Contributor);
        w.World.Security.AddTeamMembers(managers, deputy);
        w.World.Security.AddFieldSecurityProfileMembers(CommitteeEditors, managers);
        w.World.System.Update(new Entity(PlanTable, w.PlanId) { ["ownerid"] = new EntityReference("systemuser", deputy) });

        w.World.As(deputy).Update(new Entity(PlanTable, w.PlanId) { ["apx_steeringcommitteeid"] = new EntityReference("team", OtherTeamId) });

        Assert.AreEqual(OtherTeamId, w.World.Stored(PlanTable, w.PlanId).GetAttributeValue<EntityReference>("apx_steeringcommitteeid").Id);
    }

    [TestMethod]
    public void Retrieve_CommitteeColumn_ReadersSeeItOthersDoNot()
    {
        var w = new IntegrityWorld();
        var outsider = w.World.Security.CreateUser("Olga", "Outside", NorthUnitId, new Guid("5e000000-0000-4000-8000-000000000009"), Manager);
        var columns = new Microsoft.Xrm.Sdk.Query.ColumnSet("apx_name", "apx_steeringcommitteeid");

        var seen = w.Seller.Retrieve(PlanTable, w.PlanId, columns);
        var hidden = w.World.As(outsider).Retrieve(PlanTable, w.PlanId, columns);
        var listed = w.World.As(outsider).RetrieveMultiple(new Microsoft.Xrm.Sdk.Query.QueryExpression(PlanTable) { ColumnSet = columns }).Entities.Single();

        Assert.AreEqual(CommitteeId, seen.GetAttributeValue<EntityReference>("apx_steeringcommitteeid").Id);
        Assert.IsFalse(hidden.Contains("apx_steeringcommitteeid"));
        Assert.IsFalse(listed.Contains("apx_steeringcommitteeid"));
        Assert.AreEqual("Contoso 2027", hidden.GetAttributeValue<string>("apx_name"));
    }

    [TestMethod]
    public void RetrieveMultiple_CommitteeColumnThroughALink_ReadersSeeItOthersDoNot()
    {
        var w = new IntegrityWorld();
        var outsider = w.World.Security.CreateUser("Olga", "Outside", NorthUnitId, new Guid("5e000000-0000-4000-8000-000000000009"), Manager);
        var fetch = new Microsoft.Xrm.Sdk.Query.FetchExpression(
            "<fetch><entity name='apx_accountplan'><attribute name='apx_name' />" +
            "<link-entity name='apx_accountplan' from='apx_accountplanid' to='apx_accountplanid' alias='p'><attribute name='apx_steeringcommitteeid' /></link-entity>" +
            "</entity></fetch>");

        var seen = w.Seller.RetrieveMultiple(fetch).Entities.Single();
        var hidden = w.World.As(outsider).RetrieveMultiple(fetch).Entities.Single();

        Assert.AreEqual(CommitteeId, ((EntityReference)seen.GetAttributeValue<AliasedValue>("p.apx_steeringcommitteeid").Value).Id);
        Assert.IsFalse(hidden.Contains("p.apx_steeringcommitteeid"));
        Assert.AreEqual("Contoso 2027", hidden.GetAttributeValue<string>("apx_name"));
    }
}
