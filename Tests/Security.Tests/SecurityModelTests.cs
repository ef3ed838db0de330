using AccountPlanXrm.Emulator;
using AccountPlanXrm.Emulator.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using static AccountPlanXrm.Security.Tests.SecurityWorld;

namespace AccountPlanXrm.Security.Tests;

/// <summary>The platform's security rules the emulator enforces: depths, teams, sharing, SYSTEM, roles read from the solution.</summary>
[TestClass]
public sealed class SecurityModelTests
{
    [TestMethod]
    public void RolesFromSolution_AreReadWithTheirDepths()
    {
        var world = new SecurityWorld();

        var contributor = world.Security.Roles.Single(r => r.Name == Contributor);

        CollectionAssert.IsSubsetOf(
            new[] { Contributor, Manager, SteeringMember, Administrator, "System Administrator" },
            world.Security.Roles.Select(r => r.Name).ToArray());
        Assert.AreEqual(PrivilegeDepth.Basic, contributor.DepthOf("prvWriteapx_AccountPlan"));
        Assert.AreEqual(PrivilegeDepth.Local, contributor.DepthOf("prvReadapx_AccountPlan"));
        Assert.AreEqual(PrivilegeDepth.Global, contributor.DepthOf("PRVREADAPX_PLANTEMPLATE"), "privilege names compare case-insensitively");
        Assert.AreEqual(PrivilegeDepth.None, contributor.DepthOf("prvDeleteapx_AccountPlan"));
    }

    [TestMethod]
    public void WithoutEnableSecurity_EveryCallerMayDoEverything()
    {
        var emulator = XrmEmulator.Builder().WithSolution(Repository.SolutionSource).Build();
        var nobody = emulator.CreateUser("No", "Roles");

        var id = emulator.GetService(nobody).Create(new Entity("account") { ["name"] = "Open" });

        Assert.IsNull(emulator.Security);
        Assert.IsNotNull(emulator.Peek("account", id));
    }

    [TestMethod]
    public void UserWithoutRoles_CreatesAccount_FailsWithPrivilegeDenied()
    {
        var world = new SecurityWorld();
        var nobody = world.Security.CreateUser("No", "Roles", NorthUnitId);

        var fault = FaultAssert.Catch(() => world.As(nobody).Create(new Entity("account") { ["name"] = "Nope" }));

        Assert.AreEqual(-2147220960, fault.Detail.ErrorCode);
        StringAssert.StartsWith(fault.Detail.Message, $"Principal user (Id={nobody}, type=8, roleCount=0, privilegeCount=0, accessMode=0), is missing prvCreateAccount privilege (Id={EmulatorSecurity.PrivilegeId("prvCreateAccount")}) on OTC=1 for entity 'account'");
        Assert.AreEqual(2, world.Emulator.Count("account"));
    }

    [TestMethod]
    public void RetrieveMultiple_WithoutAnyReadPrivilege_FailsWithPrivilegeDenied()
    {
        var world = new SecurityWorld();
        var nobody = world.Security.CreateUser("No", "Roles", NorthUnitId);

        var fault = FaultAssert.Catch(() => world.As(nobody).RetrieveMultiple(new QueryExpression("apx_accountplan") { ColumnSet = new ColumnSet("apx_name") }));

        Assert.AreEqual(-2147220960, fault.Detail.ErrorCode);
        StringAssert.Contains(fault.Detail.Message, "is missing prvReadapx_AccountPlan privilege");
    }

    [TestMethod]
    public void SystemUser_IsNeverChecked()
    {
        var world = new SecurityWorld();
        var southPlan = world.CreatePlan(SouthSellerId, "Fabrikam 2027", FabrikamId);

        world.System.Update(new Entity(PlanTable, southPlan) { ["apx_managementsummary"] = "By SYSTEM" });

        Assert.AreEqual("By SYSTEM", world.Stored(PlanTable, southPlan).GetAttributeValue<string>("apx_managementsummary"));
    }

    [TestMethod]
    public void DeepRead_InParentBusinessUnit_ReadsRecordsOfChildBusinessUnits()
    {
        var world = new SecurityWorld();
        world.Security.DefineRole("Regional reader", ("prvReadapx_AccountPlan", PrivilegeDepth.Deep));
        world.Security.DefineRole("Unit reader", ("prvReadapx_AccountPlan", PrivilegeDepth.Local));
        var regional = world.Security.CreateUser("Rita", "Regional", null, null, "Regional reader");
        var unitOnly = world.Security.CreateUser("Uwe", "Unit", null, null, "Unit reader");
        world.CreatePlan(SellerId, "Contoso 2027");
        world.CreatePlan(SouthSellerId, "Fabrikam 2027", FabrikamId);
        var query = new QueryExpression(PlanTable) { ColumnSet = new ColumnSet("apx_name") };

        var deep = world.As(regional).RetrieveMultiple(query).Entities.Count;
        var local = world.As(unitOnly).RetrieveMultiple(query).Entities.Count;

        Assert.AreEqual(2, deep, "root business unit, Deep: both child business units");
        Assert.AreEqual(0, local, "root business unit, Local: no plan is owned in the root");
    }

    [TestMethod]
    public void TeamOwnedPlan_MemberWithUserDepth_EditsIt_NonMemberCannot()
    {
        var world = new SecurityWorld();
        var team = world.Security.CreateTeam("Contoso account team", NorthUnitId);
        world.Security.AddTeamMembers(team, SellerId);
        var plan = world.CreatePlan(ColleagueId, "Contoso 2027");
        world.As(ManagerId).Execute(new OrganizationRequest("Assign")
        {
            ["Target"] = new EntityReference(PlanTable, plan), ["Assignee"] = new EntityReference("team", team),
        });

        world.As(SellerId).Update(new Entity(PlanTable, plan) { ["apx_products"] = "Machines" });
        var fault = FaultAssert.Catch(() => world.As(ColleagueId).Update(new Entity(PlanTable, plan) { ["apx_products"] = "Other" }));

        Assert.AreEqual(team, world.Stored(PlanTable, plan).GetAttributeValue<EntityReference>("ownerid").Id);
        Assert.AreEqual("Machines", world.Stored(PlanTable, plan).GetAttributeValue<string>("apx_products"));
        Assert.AreEqual(-2147187962, fault.Detail.ErrorCode);
    }

    [TestMethod]
    public void TeamRole_GivesMembersTheTeamsPrivileges()
    {
        var world = new SecurityWorld();
        var nobody = world.Security.CreateUser("No", "Roles", NorthUnitId);
        var team = world.Security.CreateTeam("Planners", NorthUnitId, null, Contributor);
        world.Security.AddTeamMembers(team, nobody);
        var plan = world.CreatePlan(SellerId, "Contoso 2027");

        var read = world.As(nobody).Retrieve(PlanTable, plan, new ColumnSet("apx_name"));
        var fault = FaultAssert.Catch(() => world.As(nobody).Update(new Entity(PlanTable, plan) { ["apx_products"] = "x" }));

        Assert.AreEqual("Contoso 2027", read.GetAttributeValue<string>("apx_name"), "Local read of the team's business unit");
        Assert.AreEqual(-2147187962, fault.Detail.ErrorCode, "Basic write of the team reaches the team's records only");
    }

    [TestMethod]
    public void Seller_AssignsOwnPlanToColleague_ThenCannotEditIt()
    {
        var world = new SecurityWorld();
        var plan = world.CreatePlan(SellerId, "Contoso 2027");

        world.As(SellerId).Execute(new OrganizationRequest("Assign")
        {
            ["Target"] = new EntityReference(PlanTable, plan), ["Assignee"] = new EntityReference("systemuser", ColleagueId),
        });
        var fault = FaultAssert.Catch(() => world.As(SellerId).Update(new Entity(PlanTable, plan) { ["apx_products"] = "x" }));

        Assert.AreEqual(ColleagueId, world.Stored(PlanTable, plan).GetAttributeValue<EntityReference>("ownerid").Id);
        Assert.AreEqual(-2147187962, fault.Detail.ErrorCode);
    }

    [TestMethod]
    public void SharedPlan_ReadableByUserOfOtherBusinessUnit_OnlyWithTheSharedRights()
    {
        var world = new SecurityWorld();
        var plan = world.CreatePlan(SellerId, "Contoso 2027");
        var reference = new EntityReference(PlanTable, plan);

        var before = FaultAssert.Catch(() => world.As(SouthSellerId).Retrieve(PlanTable, plan, new ColumnSet("apx_name")));
        world.Security.Share(reference, new EntityReference("systemuser", SouthSellerId), AccessRights.ReadAccess);
        var read = world.As(SouthSellerId).Retrieve(PlanTable, plan, new ColumnSet("apx_name"));
        var listed = world.As(SouthSellerId).RetrieveMultiple(new QueryExpression(PlanTable) { ColumnSet = new ColumnSet("apx_name") }).Entities.Count;
        var write = FaultAssert.Catch(() => world.As(SouthSellerId).Update(new Entity(PlanTable, plan) { ["apx_products"] = "x" }));
        world.Security.Share(reference, new EntityReference("systemuser", SouthSellerId), AccessRights.None);
        var revoked = FaultAssert.Catch(() => world.As(SouthSellerId).Retrieve(PlanTable, plan, new ColumnSet("apx_name")));

        Assert.AreEqual(-2147187962, before.Detail.ErrorCode);
        Assert.AreEqual("Contoso 2027", read.GetAttributeValue<string>("apx_name"));
        Assert.AreEqual(1, listed);
        Assert.AreEqual(-2147187962, write.Detail.ErrorCode);
        Assert.AreEqual(-2147187962, revoked.Detail.ErrorCode);
        Assert.IsTrue(world.Security.HasAccess(SellerId, reference, AccessRights.WriteAccess));
        Assert.IsFalse(world.Security.HasAccess(SouthSellerId, reference, AccessRights.ReadAccess));
    }

    [TestMethod]
    public void PluginUserService_ReadsOnlyWhatTheCallerMayRead()
    {
        // A step that reads through the calling user's service sees the caller's rows only; SYSTEM sees all.
        var world = new SecurityWorld();
        world.CreatePlan(SellerId, "Contoso 2027");
        world.CreatePlan(SouthSellerId, "Fabrikam 2027", FabrikamId);
        var factory = world.Emulator.GetServiceFactory();
        var query = new QueryExpression(PlanTable) { ColumnSet = new ColumnSet("apx_name") };

        var asSeller = factory.CreateOrganizationService(SellerId).RetrieveMultiple(query).Entities.Count;
        var asSystem = factory.CreateOrganizationService(null).RetrieveMultiple(query).Entities.Count;

        Assert.AreEqual(1, asSeller);
        Assert.AreEqual(2, asSystem);
    }
}
