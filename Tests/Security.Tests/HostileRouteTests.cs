using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using static AccountPlanXrm.Security.Tests.IntegrityWorld;
using static AccountPlanXrm.Security.Tests.SecurityWorld;

namespace AccountPlanXrm.Security.Tests;

/// <summary>
/// A hostile seller creates plans directly in a gated status, on every route a create can take; the platform's own
/// rule for statecode/statuscode on Create (statecode is not valid for create, the status must belong to the default
/// state) holds too. Security on.
/// </summary>
[TestClass]
public sealed class PlanCreateRouteTests
{
    private const string GateRefusal = "The plan cannot move to Active while required sections are incomplete.";
    private const int InvalidStateCodeStatusCode = -2147187704;

    private static Entity NewPlan(int status, int year = 2029) => new(PlanTable)
    {
        ["apx_name"] = $"Contoso {year}", ["apx_accountid"] = new EntityReference("account", ContosoId),
        ["apx_periodstart"] = new DateTime(year, 1, 1), ["apx_periodend"] = new DateTime(year, 12, 31),
        ["statuscode"] = new OptionSetValue(status),
    };

    [TestMethod]
    public void Create_PlanDirectlyActiveWithEmptySections_RefusedAndNothingWritten()
    {
        var w = new IntegrityWorld();

        var message = Refusal(() => w.Seller.Create(NewPlan(Active)));

        StringAssert.Contains(message, GateRefusal);
        StringAssert.Contains(message, "Customer analysis: Business model, Products and services");
        Assert.AreEqual(1, w.World.Emulator.Count(PlanTable));
    }

    [TestMethod]
    public void Create_PlanDirectlyActiveWithFilledColumns_RefusedForTheMeasureItCannotHaveYet()
    {
        var w = new IntegrityWorld();
        var plan = NewPlan(Active);
        plan["apx_businessmodel"] = "Machines";
        plan["apx_products"] = "Spare parts";

        var message = Refusal(() => w.Seller.Create(plan));

        StringAssert.Contains(message, "Operative measures: at least 1 measure(s) (0 present)");
        Assert.AreEqual(1, w.World.Emulator.Count(PlanTable));
    }

    [TestMethod]
    public void Upsert_CreatingPlanInReview_Refused()
    {
        var w = new IntegrityWorld();
        var plan = NewPlan(InReview);
        plan.Id = new Guid("a0000000-0000-4000-8000-0000000000f1");

        var message = Refusal(() => w.Seller.Execute(new UpsertRequest { Target = plan }));

        StringAssert.Contains(message, "The plan cannot move to In review");
        Assert.IsNull(w.World.Emulator.Peek(PlanTable, plan.Id));
    }

    [TestMethod]
    public void Upsert_CreatingPlanByAlternateKeyDirectlyActive_Refused()
    {
        var w = new IntegrityWorld();
        var plan = new Entity(PlanTable, new KeyAttributeCollection
        {
            { "apx_accountid", new EntityReference("account", ContosoId) }, { "apx_periodstart", new DateTime(2029, 1, 1) },
        })
        {
            ["apx_name"] = "Contoso 2029", ["apx_periodend"] = new DateTime(2029, 12, 31), ["statuscode"] = new OptionSetValue(Active),
        };

        var message = Refusal(() => w.Seller.Execute(new UpsertRequest { Target = plan }));

        StringAssert.Contains(message, GateRefusal);
        Assert.AreEqual(1, w.World.Emulator.Count(PlanTable));
    }

    [TestMethod]
    public void CreateMultiple_OnePlanDirectlyActive_RefusedWholeRequest()
    {
        var w = new IntegrityWorld();
        var targets = new EntityCollection { EntityName = PlanTable };
        targets.Entities.Add(NewPlan(Draft, 2029));
        targets.Entities.Add(NewPlan(Active, 2030));

        var message = Refusal(() => w.Seller.Execute(new CreateMultipleRequest { Targets = targets }));

        StringAssert.Contains(message, GateRefusal);
        Assert.AreEqual(1, w.World.Emulator.Count(PlanTable), "the draft of the same request is rolled back too");
    }

    [TestMethod]
    public void ExecuteMultiple_CreatePlanDirectlyActive_FaultedItemAndNoPlan()
    {
        var w = new IntegrityWorld();
        var response = (ExecuteMultipleResponse)w.Seller.Execute(new ExecuteMultipleRequest
        {
            Requests = new OrganizationRequestCollection { new CreateRequest { Target = NewPlan(Active) } },
            Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
        });

        StringAssert.Contains(response.Responses.Single().Fault.Message, GateRefusal);
        Assert.AreEqual(1, w.World.Emulator.Count(PlanTable));
    }

    [TestMethod]
    public void ExecuteTransaction_CreateDraftThenCreateActive_RolledBackWhole()
    {
        var w = new IntegrityWorld();
        var requests = new OrganizationRequestCollection
        {
            new CreateRequest { Target = NewPlan(Draft, 2029) },
            new CreateRequest { Target = NewPlan(InReview, 2030) },
        };

        var fault = FaultAssert.Catch(() => w.Seller.Execute(new ExecuteTransactionRequest { Requests = requests }));

        StringAssert.Contains(fault.Message, "The plan cannot move to In review");
        Assert.AreEqual(1, w.World.Emulator.Count(PlanTable));
    }

    [TestMethod]
    public void Create_PlanWithInactiveStateAndClosedStatus_PlatformFaultAsStatecodeIsNotValidForCreate()
    {
        var w = new IntegrityWorld();
        var plan = NewPlan(2);
        plan["statecode"] = new OptionSetValue(1);

        var fault = FaultAssert.Catch(() => w.World.System.Create(plan));

        Assert.AreEqual(InvalidStateCodeStatusCode, fault.Detail.ErrorCode);
        Assert.AreEqual(1, w.World.Emulator.Count(PlanTable));
    }

    [TestMethod]
    public void Create_PlanWithInactiveStateOnly_CreatedActiveInDraft()
    {
        var w = new IntegrityWorld();
        var plan = NewPlan(Draft);
        plan.Attributes.Remove("statuscode");
        plan["statecode"] = new OptionSetValue(1);

        var id = w.Seller.Create(plan);

        Assert.AreEqual(0, w.World.Stored(PlanTable, id).GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.AreEqual(Draft, w.StatusOf(PlanTable, id));
    }
}

/// <summary>
/// A hostile seller starts measures and a committee member decides on routes the update tests do not take: measures
/// created started, decisions created approved, bulk and transactional updates, relationship messages, assignment.
/// </summary>
[TestClass]
public sealed class DecisionRouteTests
{
    private static Entity StartedMeasure(IntegrityWorld w, string name, decimal budget, Guid? decision = null, int status = InProgress)
    {
        var measure = new Entity(MeasureTable)
        {
            ["apx_name"] = name, ["apx_accountplanid"] = new EntityReference(PlanTable, w.PlanId), ["apx_budget"] = new Money(budget),
            ["statuscode"] = new OptionSetValue(status),
        };
        if (decision is Guid id)
        {
            measure["apx_decisionid"] = new EntityReference(DecisionTable, id);
        }

        return measure;
    }

    private static OrganizationRequest Assign(Guid plan, EntityReference assignee) =>
        new("Assign") { ["Target"] = new EntityReference(PlanTable, plan), ["Assignee"] = assignee };

    [TestMethod]
    public void Create_MeasureInProgressAboveThreshold_RefusedAndNothingWritten()
    {
        var w = new IntegrityWorld();

        var message = Refusal(() => w.Seller.Create(StartedMeasure(w, "Roadshow", 50_000m)));

        StringAssert.Contains(message, "needs an approved decision before it can move to In progress");
        Assert.AreEqual(0, w.World.Emulator.Count(MeasureTable));
    }

    [TestMethod]
    public void Create_MeasureDone_PlatformFaultAsDoneIsNotAStatusOfTheActiveState()
    {
        var w = new IntegrityWorld();
        var measure = StartedMeasure(w, "Mailing", 1_000m, status: Done);
        measure["statecode"] = new OptionSetValue(1);

        var fault = FaultAssert.Catch(() => w.Seller.Create(measure));

        Assert.AreEqual(-2147187704, fault.Detail.ErrorCode);
        StringAssert.StartsWith(fault.Message, "2 is not a valid status code for state code apx_PlanMeasureState.Active");
        Assert.AreEqual(0, w.World.Emulator.Count(MeasureTable));
    }

    [TestMethod]
    public void Upsert_CreatingMeasureInProgressAboveThreshold_Refused()
    {
        var w = new IntegrityWorld();
        var measure = StartedMeasure(w, "Roadshow", 50_000m);
        measure.Id = new Guid("a0000000-0000-4000-8000-0000000000f2");

        var message = Refusal(() => w.Seller.Execute(new UpsertRequest { Target = measure }));

        StringAssert.Contains(message, "needs an approved decision");
        Assert.AreEqual(0, w.World.Emulator.Count(MeasureTable));
    }

    [TestMethod]
    public void CreateMultiple_TwoStartedMeasuresTogetherBeyondOneDecision_Refused()
    {
        var w = new IntegrityWorld();
        var decision = w.ApprovedDecision(40_000m);
        var targets = new EntityCollection { EntityName = MeasureTable };
        targets.Entities.Add(StartedMeasure(w, "Fair", 25_000m, decision));
        targets.Entities.Add(StartedMeasure(w, "Roadshow", 25_000m, decision));

        var message = Refusal(() => w.Seller.Execute(new CreateMultipleRequest { Targets = targets }));

        StringAssert.Contains(message, "does not cover the measure \"Roadshow\"");
        Assert.AreEqual(0, w.World.Emulator.Count(MeasureTable));
        Assert.AreEqual(0, w.DecisionViolations().Count);
    }

    [TestMethod]
    public void UpdateMultiple_TwoMeasuresStartedTogetherBeyondOneDecision_Refused()
    {
        var w = new IntegrityWorld();
        var decision = w.ApprovedDecision(40_000m);
        var first = w.AddMeasure("Fair", 25_000m);
        var second = w.AddMeasure("Roadshow", 25_000m);
        var targets = new EntityCollection { EntityName = MeasureTable };
        foreach (var id in new[] { first, second })
        {
            targets.Entities.Add(new Entity(MeasureTable, id) { ["statuscode"] = new OptionSetValue(InProgress), ["apx_decisionid"] = new EntityReference(DecisionTable, decision) });
        }

        var message = Refusal(() => w.Seller.Execute(new UpdateMultipleRequest { Targets = targets }));

        StringAssert.Contains(message, "does not cover");
        Assert.AreEqual(Planned, w.StatusOf(MeasureTable, first));
        Assert.AreEqual(Planned, w.StatusOf(MeasureTable, second));
    }

    [TestMethod]
    public void ExecuteTransaction_TwoMeasuresStartedBeyondOneDecision_RolledBackWhole()
    {
        var w = new IntegrityWorld();
        var decision = w.ApprovedDecision(40_000m);
        var first = w.AddMeasure("Fair", 25_000m);
        var second = w.AddMeasure("Roadshow", 25_000m);
        var requests = new OrganizationRequestCollection();
        foreach (var id in new[] { first, second })
        {
            requests.Add(new UpdateRequest { Target = new Entity(MeasureTable, id) { ["statuscode"] = new OptionSetValue(InProgress), ["apx_decisionid"] = new EntityReference(DecisionTable, decision) } });
        }

        var fault = FaultAssert.Catch(() => w.Seller.Execute(new ExecuteTransactionRequest { Requests = requests }));

        StringAssert.Contains(fault.Message, "does not cover");
        Assert.AreEqual(Planned, w.StatusOf(MeasureTable, first));
        Assert.AreEqual(0, w.DecisionViolations().Count);
    }

    [TestMethod]
    public void Create_DecisionDirectlyApprovedBySellerMemberOrOwner_RefusedAndNothingWritten()
    {
        var w = new IntegrityWorld();
        w.World.Security.AssignRoles(MemberId, Contributor);
        Entity Approved() => new(DecisionTable)
        {
            ["apx_name"] = "Self-service", ["apx_accountplanid"] = new EntityReference(PlanTable, w.PlanId),
            ["apx_decisiontype"] = new OptionSetValue(BudgetType), ["apx_requestedbudget"] = new Money(90_000m),
            ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(IntegrityWorld.Approved),
        };

        var bySeller = FaultAssert.Catch(() => w.Seller.Create(Approved()));
        var byMember = FaultAssert.Catch(() => w.Member.Create(Approved()));

        Assert.AreEqual(0, w.World.Emulator.Count(DecisionTable));
        Assert.IsNotNull(bySeller);
        Assert.AreEqual("You proposed the decision \"Self-service\" and therefore cannot approve or reject it.", byMember.Message);
    }

    [TestMethod]
    public void Create_DecisionDeferredThenApprovedByProposingMember_Refused()
    {
        var w = new IntegrityWorld();
        w.World.Security.AssignRoles(MemberId, Contributor);
        var decision = w.Member.Create(new Entity(DecisionTable)
        {
            ["apx_name"] = "Parked", ["apx_accountplanid"] = new EntityReference(PlanTable, w.PlanId),
            ["apx_decisiontype"] = new OptionSetValue(BudgetType), ["apx_requestedbudget"] = new Money(90_000m),
            ["statuscode"] = new OptionSetValue(726000000),
        });

        var message = Refusal(() => w.Decide(decision, IntegrityWorld.Approved));

        StringAssert.Contains(message, "You proposed the decision \"Parked\"");
    }

    [TestMethod]
    public void Upsert_ApprovedDecisionAmountRaised_Refused()
    {
        var w = new IntegrityWorld();
        var decision = w.ApprovedDecision(30_000m);

        var message = Refusal(() => w.Seller.Execute(new UpsertRequest { Target = new Entity(DecisionTable, decision) { ["apx_requestedbudget"] = new Money(90_000m) } }));

        StringAssert.Contains(message, "can no longer be changed");
        Assert.AreEqual(30_000m, w.World.Stored(DecisionTable, decision).GetAttributeValue<Money>("apx_requestedbudget").Value);
    }

    [TestMethod]
    public void Associate_StartedMeasureToAnotherPlan_RefusedAsDecisionOfOtherPlan()
    {
        var w = new IntegrityWorld();
        var decision = w.ApprovedDecision(30_000m);
        var measure = w.AddMeasure("Fair", 25_000m);
        w.Start(measure, decision);
        var other = w.World.CreatePlan(SellerId, "Contoso 2028", year: 2028);

        var message = Refusal(() => w.Seller.Associate(PlanTable, other, new Relationship("apx_accountplan_apx_planmeasure"), new EntityReferenceCollection { new(MeasureTable, measure) }));

        Assert.AreEqual("The decision linked to the measure \"Fair\" belongs to another plan.", message);
        Assert.AreEqual(w.PlanId, w.World.Stored(MeasureTable, measure).GetAttributeValue<EntityReference>("apx_accountplanid").Id);
    }

    [TestMethod]
    public void Associate_StartedMeasureOverThresholdToDecisionThroughRelationship_JudgedAsRelink()
    {
        var w = new IntegrityWorld();
        var approved = w.ApprovedDecision(30_000m);
        var proposed = w.Propose(30_000m);
        var measure = w.AddMeasure("Fair", 25_000m);
        w.Start(measure, approved);

        var message = Refusal(() => w.Seller.Associate(DecisionTable, proposed, new Relationship("apx_plandecision_apx_planmeasure"), new EntityReferenceCollection { new(MeasureTable, measure) }));

        StringAssert.Contains(message, "needs an approved decision");
        Assert.AreEqual(approved, w.World.Stored(MeasureTable, measure).GetAttributeValue<EntityReference>("apx_decisionid").Id);
    }

    [TestMethod]
    public void Disassociate_StartedMeasureOverThresholdFromItsDecision_Refused()
    {
        var w = new IntegrityWorld();
        var approved = w.ApprovedDecision(30_000m);
        var measure = w.AddMeasure("Fair", 25_000m);
        w.Start(measure, approved);

        var message = Refusal(() => w.Seller.Disassociate(DecisionTable, approved, new Relationship("apx_plandecision_apx_planmeasure"), new EntityReferenceCollection { new(MeasureTable, measure) }));

        StringAssert.Contains(message, "needs an approved decision");
        Assert.AreEqual(approved, w.World.Stored(MeasureTable, measure).GetAttributeValue<EntityReference>("apx_decisionid").Id);
    }

    [TestMethod]
    public void Approve_PlanAssignedToTeamOfTheMember_RefusedAsOwner()
    {
        var w = new IntegrityWorld();
        var team = w.World.Security.CreateTeam("Key account team", NorthUnitId, new Guid("7ea00000-0000-4000-8000-0000000000a1"), Contributor);
        w.World.Security.AddTeamMembers(team, SellerId, MemberId);
        var decision = w.Propose(30_000m);
        w.Seller.Execute(Assign(w.PlanId, new EntityReference("team", team)));

        var message = Refusal(() => w.Decide(decision, IntegrityWorld.Approved));

        StringAssert.Contains(message, "You own the plan \"Contoso 2027\"");
        Assert.AreEqual(Proposed, w.StatusOf(DecisionTable, decision));
    }

    [TestMethod]
    public void Assign_PlanOwnedByMemberWithPendingDecision_RefusedSoTheOwnerCannotDecideAfterwards()
    {
        var w = new IntegrityWorld();
        w.World.Security.AssignRoles(MemberId, Contributor);
        var decision = w.Propose(30_000m);
        w.World.System.Update(new Entity(PlanTable, w.PlanId) { ["ownerid"] = new EntityReference("systemuser", MemberId) });

        var byAssign = Refusal(() => w.Member.Execute(Assign(w.PlanId, new EntityReference("systemuser", SellerId))));
        var byUpdate = Refusal(() => w.Member.Update(new Entity(PlanTable, w.PlanId) { ["ownerid"] = new EntityReference("systemuser", SellerId) }));

        StringAssert.Contains(byAssign, "you cannot hand it over while a decision on it is pending");
        Assert.AreEqual(byAssign, byUpdate);
        Assert.AreEqual(MemberId, w.World.Stored(PlanTable, w.PlanId).GetAttributeValue<EntityReference>("ownerid").Id);
        Assert.AreEqual(Proposed, w.StatusOf(DecisionTable, decision));
    }

    [TestMethod]
    public void Assign_PlanOwnedByMemberWithoutPendingDecision_Succeeds()
    {
        var w = new IntegrityWorld();
        w.World.Security.AssignRoles(MemberId, Contributor);
        w.World.System.Update(new Entity(PlanTable, w.PlanId) { ["ownerid"] = new EntityReference("systemuser", MemberId) });

        w.Member.Execute(Assign(w.PlanId, new EntityReference("systemuser", SellerId)));

        Assert.AreEqual(SellerId, w.World.Stored(PlanTable, w.PlanId).GetAttributeValue<EntityReference>("ownerid").Id);
    }

    [TestMethod]
    public void Assign_MemberOwnedPlanWithPendingDecisionByAdministrator_Succeeds()
    {
        var w = new IntegrityWorld();
        w.Propose(30_000m);
        w.World.System.Update(new Entity(PlanTable, w.PlanId) { ["ownerid"] = new EntityReference("systemuser", MemberId) });

        w.World.As(AdminId).Execute(Assign(w.PlanId, new EntityReference("systemuser", SellerId)));

        Assert.AreEqual(SellerId, w.World.Stored(PlanTable, w.PlanId).GetAttributeValue<EntityReference>("ownerid").Id);
    }
}

/// <summary>Plans stay complete on routes the update tests do not take: relationship messages, bulk deletes, upserts, template removal.</summary>
[TestClass]
public sealed class ChildRouteTests
{
    [TestMethod]
    public void Disassociate_OnlyMeasureOfActivePlan_RefusedAndLinkKept()
    {
        var w = new IntegrityWorld();
        var measure = w.CompleteAndActivate();

        var message = Refusal(() => w.Seller.Disassociate(PlanTable, w.PlanId, new Relationship("apx_accountplan_apx_planmeasure"), new EntityReferenceCollection { new(MeasureTable, measure) }));

        StringAssert.Contains(message, "must stay complete");
        Assert.AreEqual(w.PlanId, w.World.Stored(MeasureTable, measure).GetAttributeValue<EntityReference>("apx_accountplanid").Id);
    }

    [TestMethod]
    public void Associate_OnlyMeasureOfActivePlanToAnotherPlan_Refused()
    {
        var w = new IntegrityWorld();
        var measure = w.CompleteAndActivate();
        var other = w.World.CreatePlan(SellerId, "Contoso 2028", year: 2028);

        var message = Refusal(() => w.Seller.Associate(PlanTable, other, new Relationship("apx_accountplan_apx_planmeasure"), new EntityReferenceCollection { new(MeasureTable, measure) }));

        StringAssert.Contains(message, "must stay complete");
        Assert.AreEqual(w.PlanId, w.World.Stored(MeasureTable, measure).GetAttributeValue<EntityReference>("apx_accountplanid").Id);
    }

    [TestMethod]
    public void Upsert_OnlyMeasureOfActivePlanMovedToAnotherPlan_Refused()
    {
        var w = new IntegrityWorld();
        var measure = w.CompleteAndActivate();
        var other = w.World.CreatePlan(SellerId, "Contoso 2028", year: 2028);

        var message = Refusal(() => w.Seller.Execute(new UpsertRequest { Target = new Entity(MeasureTable, measure) { ["apx_accountplanid"] = new EntityReference(PlanTable, other) } }));

        StringAssert.Contains(message, "must stay complete");
        Assert.AreEqual(w.PlanId, w.World.Stored(MeasureTable, measure).GetAttributeValue<EntityReference>("apx_accountplanid").Id);
    }

    [TestMethod]
    public void ExecuteMultiple_DeleteOnlyMeasureOfActivePlan_FaultedItemAndMeasureKept()
    {
        var w = new IntegrityWorld();
        var measure = w.CompleteAndActivate();

        var response = (ExecuteMultipleResponse)w.Seller.Execute(new ExecuteMultipleRequest
        {
            Requests = new OrganizationRequestCollection { new DeleteRequest { Target = new EntityReference(MeasureTable, measure) } },
            Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
        });

        StringAssert.Contains(response.Responses.Single().Fault.Message, "must stay complete");
        Assert.IsNotNull(w.World.Emulator.Peek(MeasureTable, measure));
    }

    [TestMethod]
    public void SetState_DeactivateOnlyStakeholderOfActivePlan_Refused()
    {
        var w = new IntegrityWorld();
        w.World.System.Update(new Entity(TemplateTable, FullTemplateId) { ["apx_minstakeholders"] = 1 });
        var stakeholder = w.Seller.Create(new Entity(StakeholderTable) { ["apx_name"] = "CFO", ["apx_accountplanid"] = new EntityReference(PlanTable, w.PlanId) });
        w.CompleteAndActivate();

        var message = Refusal(() => w.Seller.Execute(new SetStateRequest
        {
            EntityMoniker = new EntityReference(StakeholderTable, stakeholder), State = new OptionSetValue(1), Status = new OptionSetValue(2),
        }));

        StringAssert.Contains(message, "Stakeholders");
        Assert.AreEqual(0, w.World.Stored(StakeholderTable, stakeholder).GetAttributeValue<OptionSetValue>("statecode").Value);
    }

    [TestMethod]
    public void Upsert_OnlyStakeholderOfActivePlanMovedAway_Refused()
    {
        var w = new IntegrityWorld();
        w.World.System.Update(new Entity(TemplateTable, FullTemplateId) { ["apx_minstakeholders"] = 1 });
        var stakeholder = w.Seller.Create(new Entity(StakeholderTable) { ["apx_name"] = "CFO", ["apx_accountplanid"] = new EntityReference(PlanTable, w.PlanId) });
        w.CompleteAndActivate();
        var other = w.World.CreatePlan(SellerId, "Contoso 2028", year: 2028);

        var message = Refusal(() => w.Seller.Execute(new UpsertRequest { Target = new Entity(StakeholderTable, stakeholder) { ["apx_accountplanid"] = new EntityReference(PlanTable, other) } }));

        StringAssert.Contains(message, "must stay complete");
    }

    [TestMethod]
    public void Disassociate_LaxTemplateFromActivePlan_JudgedByDefaultAndRefused()
    {
        var w = new IntegrityWorld();
        w.Seller.Update(new Entity(PlanTable, w.PlanId) { ["apx_templateid"] = new EntityReference(TemplateTable, LaxTemplateId) });
        w.Seller.Update(new Entity(PlanTable, w.PlanId) { ["statuscode"] = new OptionSetValue(Active) });

        var message = Refusal(() => w.Seller.Disassociate(TemplateTable, LaxTemplateId, new Relationship("apx_plantemplate_apx_accountplan"), new EntityReferenceCollection { new(PlanTable, w.PlanId) }));

        StringAssert.Contains(message, "must stay complete");
        Assert.AreEqual(LaxTemplateId, w.World.Stored(PlanTable, w.PlanId).GetAttributeValue<EntityReference>("apx_templateid").Id);
    }

    [TestMethod]
    public void Delete_TemplateOfActivePlanByAdministrator_RestrictedAndPlanKeepsIt()
    {
        var w = new IntegrityWorld();
        w.Seller.Update(new Entity(PlanTable, w.PlanId) { ["apx_templateid"] = new EntityReference(TemplateTable, LaxTemplateId) });
        w.Seller.Update(new Entity(PlanTable, w.PlanId) { ["statuscode"] = new OptionSetValue(Active) });

        var fault = FaultAssert.Catch(() => w.World.System.Delete(TemplateTable, LaxTemplateId));

        Assert.AreEqual(-2147220953, fault.Detail.ErrorCode);
        Assert.IsNotNull(w.World.Emulator.Peek(TemplateTable, LaxTemplateId));
        Assert.AreEqual(LaxTemplateId, w.World.Stored(PlanTable, w.PlanId).GetAttributeValue<EntityReference>("apx_templateid").Id);
    }
}
