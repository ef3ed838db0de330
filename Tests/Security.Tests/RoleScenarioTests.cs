using AccountPlanXrm.Emulator;
using AccountPlanXrm.Emulator.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using static AccountPlanXrm.Security.Tests.SecurityWorld;

namespace AccountPlanXrm.Security.Tests;

/// <summary>The solution's roles, used by people of each role, through the registered plug-ins.</summary>
[TestClass]
public sealed class RoleScenarioTests
{
    private static int PlanStatus(SecurityWorld world, Guid plan) => world.Stored(PlanTable, plan).GetAttributeValue<OptionSetValue>("statuscode").Value;

    private static QueryExpression AllPlans() => new(PlanTable) { ColumnSet = new ColumnSet("apx_name"), Orders = { new OrderExpression("apx_name", OrderType.Ascending) } };

    [TestMethod]
    public void Seller_CreatesAndEditsOwnPlan_Succeeds()
    {
        var world = new SecurityWorld();

        var plan = world.CreatePlan(SellerId, "Contoso 2027");
        world.As(SellerId).Update(new Entity(PlanTable, plan) { ["apx_businessmodel"] = "Wholesale", ["apx_planbudget"] = new Money(50_000m) });

        var stored = world.Stored(PlanTable, plan);
        Assert.AreEqual(SellerId, stored.GetAttributeValue<EntityReference>("ownerid").Id);
        Assert.AreEqual(NorthUnitId, stored.GetAttributeValue<EntityReference>("owningbusinessunit").Id);
        Assert.AreEqual("Wholesale", stored.GetAttributeValue<string>("apx_businessmodel"));
        Assert.AreEqual(FullTemplateId, stored.GetAttributeValue<EntityReference>("apx_templateid").Id, "the validation step defaulted the template the seller may append to");
    }

    [TestMethod]
    public void Seller_RetrievesPlanOfOtherBusinessUnit_FailsWithAccessDenied()
    {
        var world = new SecurityWorld();
        var southPlan = world.CreatePlan(SouthSellerId, "Fabrikam 2027", FabrikamId);

        var fault = FaultAssert.Catch(() => world.As(SellerId).Retrieve(PlanTable, southPlan, new ColumnSet("apx_name")));

        Assert.AreEqual(EmulatorSecurity.AccessDeniedErrorCode, fault.Detail.ErrorCode);
        Assert.AreEqual(-2147187962, fault.Detail.ErrorCode);
        StringAssert.StartsWith(fault.Detail.Message, $"Principal with id {SellerId} does not have ReadAccess right(s) for record with id {southPlan} of entity apx_accountplan.");
    }

    [TestMethod]
    public void Seller_RetrieveMultiplePlans_ReturnsOnlyOwnBusinessUnitsPlans()
    {
        var world = new SecurityWorld();
        world.CreatePlan(SellerId, "Contoso 2027");
        world.CreatePlan(ColleagueId, "Contoso 2028", year: 2028);
        world.CreatePlan(SouthSellerId, "Fabrikam 2027", FabrikamId);

        var names = world.As(SellerId).RetrieveMultiple(AllPlans()).Entities.Select(e => e.GetAttributeValue<string>("apx_name")).ToArray();
        var fetchCount = world.As(SellerId).RetrieveMultiple(new FetchExpression(
            "<fetch aggregate='true'><entity name='apx_accountplan'><attribute name='apx_accountplanid' alias='n' aggregate='count' /></entity></fetch>")).Entities[0];

        CollectionAssert.AreEqual(new[] { "Contoso 2027", "Contoso 2028" }, names);
        Assert.AreEqual(2, (int)fetchCount.GetAttributeValue<AliasedValue>("n").Value, "aggregates count only readable rows");
    }

    [TestMethod]
    public void Seller_UpdatesColleaguesPlan_FailsWithAccessDeniedAndWritesNothing()
    {
        var world = new SecurityWorld();
        var plan = world.CreatePlan(ColleagueId, "Contoso 2027");
        var before = world.Stored(PlanTable, plan);

        var fault = FaultAssert.Catch(() => world.As(SellerId).Update(new Entity(PlanTable, plan) { ["apx_businessmodel"] = "Changed" }));

        Assert.AreEqual(-2147187962, fault.Detail.ErrorCode);
        StringAssert.Contains(fault.Detail.Message, "does not have WriteAccess right(s)");
        var after = world.Stored(PlanTable, plan);
        Assert.IsFalse(after.Contains("apx_businessmodel"));
        Assert.AreEqual(before.GetAttributeValue<long>("versionnumber"), after.GetAttributeValue<long>("versionnumber"));
    }

    [TestMethod]
    public void Seller_CreatesPlanForAccountOfOtherBusinessUnit_FailsOnAppendToAndCreatesNothing()
    {
        var world = new SecurityWorld();

        var fault = FaultAssert.Catch(() => world.CreatePlan(SellerId, "Fabrikam 2027", FabrikamId));

        Assert.AreEqual(-2147187962, fault.Detail.ErrorCode);
        StringAssert.Contains(fault.Detail.Message, $"does not have AppendToAccess right(s) for record with id {FabrikamId} of entity account.");
        Assert.AreEqual(0, world.Emulator.Count(PlanTable));
    }

    [TestMethod]
    public void Manager_ReadsAndEditsBusinessUnitPlans_Succeeds()
    {
        var world = new SecurityWorld();
        var sellers = world.CreatePlan(SellerId, "Contoso 2027");
        var colleagues = world.CreatePlan(ColleagueId, "Contoso 2028", year: 2028);
        world.CreatePlan(SouthSellerId, "Fabrikam 2027", FabrikamId);
        var manager = world.As(ManagerId);

        var names = manager.RetrieveMultiple(AllPlans()).Entities.Select(e => e.GetAttributeValue<string>("apx_name")).ToArray();
        manager.Update(new Entity(PlanTable, sellers) { ["apx_decisionthreshold"] = new Money(10_000m) });
        manager.Update(new Entity(PlanTable, colleagues) { ["apx_managementsummary"] = "Focus on services" });
        manager.Update(new Entity(PlanTable, sellers) { ["apx_steeringcommitteeid"] = new EntityReference("team", CommitteeId) });

        CollectionAssert.AreEqual(new[] { "Contoso 2027", "Contoso 2028" }, names);
        Assert.AreEqual(10_000m, world.Stored(PlanTable, sellers).GetAttributeValue<Money>("apx_decisionthreshold").Value);
        Assert.AreEqual("Focus on services", world.Stored(PlanTable, colleagues).GetAttributeValue<string>("apx_managementsummary"));
        Assert.AreEqual(CommitteeId, world.Stored(PlanTable, sellers).GetAttributeValue<EntityReference>("apx_steeringcommitteeid").Id);
    }

    [TestMethod]
    public void Manager_UpdatesPlanOfOtherBusinessUnit_FailsWithAccessDeniedAndWritesNothing()
    {
        var world = new SecurityWorld();
        var southPlan = world.CreatePlan(SouthSellerId, "Fabrikam 2027", FabrikamId);

        var fault = FaultAssert.Catch(() => world.As(ManagerId).Update(new Entity(PlanTable, southPlan) { ["apx_managementsummary"] = "Mine now" }));

        Assert.AreEqual(-2147187962, fault.Detail.ErrorCode);
        Assert.IsFalse(world.Stored(PlanTable, southPlan).Contains("apx_managementsummary"));
    }

    [TestMethod]
    public void SteeringMember_ReadsAllPlans_Succeeds()
    {
        var world = new SecurityWorld();
        var north = world.CreatePlan(SellerId, "Contoso 2027");
        world.CreatePlan(SouthSellerId, "Fabrikam 2027", FabrikamId);

        var names = world.As(MemberId).RetrieveMultiple(AllPlans()).Entities.Select(e => e.GetAttributeValue<string>("apx_name")).ToArray();
        var single = world.As(MemberId).Retrieve(PlanTable, north, new ColumnSet("apx_name", "apx_revenuetarget"));

        CollectionAssert.AreEqual(new[] { "Contoso 2027", "Fabrikam 2027" }, names);
        Assert.AreEqual(100_000m, single.GetAttributeValue<Money>("apx_revenuetarget").Value);
    }

    [TestMethod]
    public void SteeringMember_UpdatesPlan_FailsWithPrivilegeDeniedAndWritesNothing()
    {
        var world = new SecurityWorld();
        var plan = world.CreatePlan(SellerId, "Contoso 2027");
        var version = world.Stored(PlanTable, plan).GetAttributeValue<long>("versionnumber");

        var fault = FaultAssert.Catch(() => world.As(MemberId).Update(new Entity(PlanTable, plan) { ["apx_revenuetarget"] = new Money(1m) }));

        Assert.AreEqual(EmulatorSecurity.PrivilegeDeniedErrorCode, fault.Detail.ErrorCode);
        Assert.AreEqual(-2147220960, fault.Detail.ErrorCode);
        StringAssert.StartsWith(fault.Detail.Message, $"Principal user (Id={MemberId}, type=8, roleCount=1, ");
        StringAssert.Contains(fault.Detail.Message, "is missing prvWriteapx_AccountPlan privilege (Id=");
        StringAssert.Contains(fault.Detail.Message, "for entity 'apx_accountplan' (LocalizedName='Account Plan')");
        Assert.AreEqual(100_000m, world.Stored(PlanTable, plan).GetAttributeValue<Money>("apx_revenuetarget").Value);
        Assert.AreEqual(version, world.Stored(PlanTable, plan).GetAttributeValue<long>("versionnumber"));
    }

    [TestMethod]
    public void SteeringMember_ApprovesDecision_SucceedsAndIsStampedAsDecider()
    {
        var world = new SecurityWorld();
        var plan = world.CreatePlan(SellerId, "Contoso 2027");
        world.SetCommittee(plan);
        var decision = world.CreateDecision(SellerId, plan);

        world.As(MemberId).Update(new Entity(DecisionTable, decision) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });

        var stored = world.Stored(DecisionTable, decision);
        Assert.AreEqual(2, stored.GetAttributeValue<OptionSetValue>("statuscode").Value);
        Assert.AreEqual(MemberId, stored.GetAttributeValue<EntityReference>("apx_decidedbyid").Id);
    }

    [TestMethod]
    public void SteeringMember_RejectsDecisionBySetState_Succeeds()
    {
        var world = new SecurityWorld();
        var plan = world.CreatePlan(SellerId, "Contoso 2027");
        world.SetCommittee(plan);
        var decision = world.CreateDecision(SellerId, plan);

        world.As(MemberId).Execute(new OrganizationRequest("SetState")
        {
            ["EntityMoniker"] = new EntityReference(DecisionTable, decision), ["State"] = new OptionSetValue(1), ["Status"] = new OptionSetValue(726000001),
        });

        Assert.AreEqual(726000001, world.Stored(DecisionTable, decision).GetAttributeValue<OptionSetValue>("statuscode").Value);
    }

    [TestMethod]
    public void Seller_ApprovesOwnDecisionByUpdate_IsRefusedAndWritesNothing()
    {
        var world = new SecurityWorld();
        var plan = world.CreatePlan(SellerId, "Contoso 2027");
        world.SetCommittee(plan);
        var decision = world.CreateDecision(SellerId, plan);

        var fault = FaultAssert.Catch(() => world.As(SellerId).Update(new Entity(DecisionTable, decision) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) }));

        // The seller holds Write on own decisions (to draft them); the decision gate refuses the status change.
        Assert.AreEqual(ErrorCodes.IsvAborted, fault.Detail.ErrorCode);
        AssertStillProposed(world, decision);
    }

    [TestMethod]
    public void Seller_ApprovesOwnDecisionBySetState_IsRefusedAndWritesNothing()
    {
        var world = new SecurityWorld();
        var plan = world.CreatePlan(SellerId, "Contoso 2027");
        world.SetCommittee(plan);
        var decision = world.CreateDecision(SellerId, plan);

        var fault = FaultAssert.Catch(() => world.As(SellerId).Execute(new OrganizationRequest("SetState")
        {
            ["EntityMoniker"] = new EntityReference(DecisionTable, decision), ["State"] = new OptionSetValue(1), ["Status"] = new OptionSetValue(2),
        }));

        Assert.AreEqual(ErrorCodes.IsvAborted, fault.Detail.ErrorCode);
        AssertStillProposed(world, decision);
    }

    [TestMethod]
    public void Seller_ApprovesDecisionsInExecuteMultiple_EveryItemFailsAndNothingIsWritten()
    {
        var world = new SecurityWorld();
        var plan = world.CreatePlan(SellerId, "Contoso 2027");
        world.SetCommittee(plan);
        var own = world.CreateDecision(SellerId, plan);
        var colleaguesPlan = world.CreatePlan(ColleagueId, "Contoso 2028", year: 2028);
        world.SetCommittee(colleaguesPlan);
        var colleagues = world.CreateDecision(ColleagueId, colleaguesPlan);
        var batch = new ExecuteMultipleRequest
        {
            Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
            Requests = new OrganizationRequestCollection
            {
                new UpdateRequest { Target = new Entity(DecisionTable, own) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2), ["apx_decidedbyid"] = new EntityReference("systemuser", MemberId) } },
                new OrganizationRequest("SetState")
                {
                    ["EntityMoniker"] = new EntityReference(DecisionTable, colleagues), ["State"] = new OptionSetValue(1), ["Status"] = new OptionSetValue(2),
                },
                new UpdateRequest { Target = new Entity(DecisionTable, colleagues) { ["apx_decisionnotes"] = "Approved in the hallway" } },
            },
        };

        var response = (ExecuteMultipleResponse)world.As(SellerId).Execute(batch);

        Assert.AreEqual(3, response.Responses.Count);
        Assert.AreEqual(ErrorCodes.IsvAborted, response.Responses[0].Fault.ErrorCode, "own decision: the decision gate refuses");
        Assert.AreEqual(ErrorCodes.IsvAborted, response.Responses[1].Fault.ErrorCode, "the gate runs in PreValidation, before the platform's privilege check");
        Assert.AreEqual(-2147187962, response.Responses[2].Fault.ErrorCode, "colleague's decision: the platform refuses (Basic write)");
        AssertStillProposed(world, own);
        AssertStillProposed(world, colleagues);
        Assert.IsFalse(world.Stored(DecisionTable, colleagues).Contains("apx_decisionnotes"));
    }

    [TestMethod]
    public void Seller_EditsColleaguesDecision_FailsWithAccessDeniedAndWritesNothing()
    {
        var world = new SecurityWorld();
        var plan = world.CreatePlan(ColleagueId, "Contoso 2027");
        world.SetCommittee(plan);
        var decision = world.CreateDecision(ColleagueId, plan);

        var fault = FaultAssert.Catch(() => world.As(SellerId).Update(new Entity(DecisionTable, decision) { ["apx_requestedbudget"] = new Money(90_000m) }));

        Assert.AreEqual(-2147187962, fault.Detail.ErrorCode);
        StringAssert.Contains(fault.Detail.Message, $"does not have WriteAccess right(s) for record with id {decision} of entity apx_plandecision.");
        Assert.AreEqual(20_000m, world.Stored(DecisionTable, decision).GetAttributeValue<Money>("apx_requestedbudget").Value);
        AssertStillProposed(world, decision);
    }

    [TestMethod]
    public void SteeringMember_CreatesDecision_FailsWithPrivilegeDeniedAndCreatesNothing()
    {
        var world = new SecurityWorld();
        var plan = world.CreatePlan(SellerId, "Contoso 2027");

        var fault = FaultAssert.Catch(() => world.CreateDecision(MemberId, plan));

        Assert.AreEqual(-2147220960, fault.Detail.ErrorCode);
        StringAssert.Contains(fault.Detail.Message, "is missing prvCreateapx_PlanDecision privilege");
        Assert.AreEqual(0, world.Emulator.Count(DecisionTable));
    }

    [TestMethod]
    public void Administrator_ManagesTemplates_Succeeds()
    {
        var world = new SecurityWorld();
        var admin = world.As(AdminId);

        var compact = admin.Create(new Entity(TemplateTable) { ["apx_name"] = "Compact", ["apx_depth"] = new OptionSetValue(726000001), ["apx_isdefault"] = false });
        admin.Update(new Entity(TemplateTable, compact) { ["apx_minmeasures"] = 2 });
        admin.Update(new Entity(TemplateTable, FullTemplateId) { ["apx_requiredgoals"] = "apx_revenuetarget" });
        var retrieved = admin.Retrieve(TemplateTable, compact, new ColumnSet("apx_minmeasures"));
        admin.Delete(TemplateTable, compact);

        Assert.AreEqual(2, retrieved.GetAttributeValue<int>("apx_minmeasures"));
        Assert.AreEqual("apx_revenuetarget", world.Stored(TemplateTable, FullTemplateId).GetAttributeValue<string>("apx_requiredgoals"));
        Assert.IsNull(world.Emulator.Peek(TemplateTable, compact));
    }

    [TestMethod]
    public void Seller_CreatesOrEditsTemplate_FailsWithPrivilegeDeniedAndWritesNothing()
    {
        var world = new SecurityWorld();
        var seller = world.As(SellerId);

        var create = FaultAssert.Catch(() => seller.Create(new Entity(TemplateTable) { ["apx_name"] = "Mine" }));
        var update = FaultAssert.Catch(() => seller.Update(new Entity(TemplateTable, FullTemplateId) { ["apx_minmeasures"] = 0 }));
        var readable = seller.Retrieve(TemplateTable, FullTemplateId, new ColumnSet("apx_name"));

        Assert.AreEqual(-2147220960, create.Detail.ErrorCode);
        StringAssert.Contains(create.Detail.Message, "is missing prvCreateapx_PlanTemplate privilege");
        Assert.AreEqual(-2147220960, update.Detail.ErrorCode);
        StringAssert.Contains(update.Detail.Message, "is missing prvWriteapx_PlanTemplate privilege");
        Assert.AreEqual(1, world.Emulator.Count(TemplateTable));
        Assert.IsFalse(world.Stored(TemplateTable, FullTemplateId).Contains("apx_minmeasures"));
        Assert.AreEqual("Full", readable.GetAttributeValue<string>("apx_name"));
    }

    [TestMethod]
    public void Seller_AddsMeasureToOwnPlan_KpiRollupWritesThePlanAsSystem()
    {
        var world = new SecurityWorld();
        var plan = world.CreatePlan(SellerId, "Contoso 2027");

        world.As(SellerId).Create(new Entity(MeasureTable)
        {
            ["apx_name"] = "Workshop", ["apx_accountplanid"] = new EntityReference(PlanTable, plan), ["apx_budget"] = new Money(1_000m),
        });

        var stored = world.Stored(PlanTable, plan);
        Assert.AreEqual(1, stored.GetAttributeValue<int>("apx_measurecount"));
        Assert.AreEqual(1_000m, stored.GetAttributeValue<Money>("apx_measurebudget").Value);
    }

    [TestMethod]
    public void Seller_AddsMeasureToColleaguesPlan_FailsOnAppendToAndCreatesNothing()
    {
        var world = new SecurityWorld();
        var plan = world.CreatePlan(ColleagueId, "Contoso 2027");

        var fault = FaultAssert.Catch(() => world.As(SellerId).Create(new Entity(MeasureTable) { ["apx_name"] = "Workshop", ["apx_accountplanid"] = new EntityReference(PlanTable, plan) }));

        Assert.AreEqual(-2147187962, fault.Detail.ErrorCode);
        StringAssert.Contains(fault.Detail.Message, "AppendToAccess");
        Assert.AreEqual(0, world.Emulator.Count(MeasureTable));
        Assert.IsFalse(world.Stored(PlanTable, plan).Contains("apx_measurecount") && world.Stored(PlanTable, plan).GetAttributeValue<int>("apx_measurecount") > 0);
    }

    private static void AssertStillProposed(SecurityWorld world, Guid decision)
    {
        var stored = world.Stored(DecisionTable, decision);
        Assert.AreEqual(1, stored.GetAttributeValue<OptionSetValue>("statuscode").Value);
        Assert.AreEqual(0, stored.GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.IsFalse(stored.Contains("apx_decidedbyid"));
    }
}
