using System.ServiceModel;
using AccountPlanXrm.Emulator;
using AccountPlanXrm.Emulator.Security;
using AccountPlanXrm.Plugins.Model;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Plugins.Tests.Pipeline;

/// <summary>
/// Issue 8, plug-in side, with the emulator's security enabled: what the user asks for is read with the calling
/// user's service (a user never reads through a plug-in what the user could not read directly), and SYSTEM is used
/// only where the product needs it (KPI writes to plans the user may not write, rules that count rows the user
/// cannot see). Two sales business units; a seller in North holds the solution's Contributor role.
/// </summary>
[TestClass]
public sealed class CallerServiceTests
{
    private static readonly DateTime Now = new(2027, 3, 15, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid NorthId = new("b0000000-0000-4000-8000-00000000001a");
    private static readonly Guid SouthId = new("b0000000-0000-4000-8000-00000000001b");
    private static readonly Guid SellerId = new("5e000000-0000-4000-8000-000000000011");
    private static readonly Guid SouthSellerId = new("5e000000-0000-4000-8000-000000000013");
    private static readonly Guid MemberId = new("5c000000-0000-4000-8000-000000000011");
    private static readonly Guid TemplateId = new("7e000000-0000-4000-8000-000000000011");
    private static readonly Guid ContosoId = new("ac000000-0000-4000-8000-000000000011");
    private static readonly Guid FabrikamId = new("ac000000-0000-4000-8000-000000000013");

    private static (XrmEmulator Emulator, EmulatorSecurity Security) World()
    {
        var emulator = XrmEmulator.Builder()
            .WithSolution(Repository.SolutionSource)
            .WithPluginAssembly(typeof(Plan).Assembly)
            .WithClock(Now)
            .Build();
        var security = emulator.EnableSecurity();
        security.CreateBusinessUnit("Sales North", id: NorthId);
        security.CreateBusinessUnit("Sales South", id: SouthId);
        security.CreateUser("Sam", "Seller", NorthId, SellerId, "Account Plan Contributor");
        security.CreateUser("Sid", "South", SouthId, SouthSellerId, "Account Plan Contributor");
        security.CreateUser("Stella", "Steering", null, MemberId, "Steering Committee Member");
        emulator.Seed(
            new Entity(Template.EntityName, TemplateId)
            {
                [Template.Name] = "Full", [Template.Depth] = new OptionSetValue(Template.DepthFull), [Template.IsDefault] = true,
                [Template.DefaultCadence] = new OptionSetValue(Plan.CadenceQuarterly), [Template.RequiredGoals] = "apx_revenuetarget",
            },
            new Entity(Account.EntityName, ContosoId) { [Account.Name] = "Contoso", ["ownerid"] = new EntityReference("systemuser", SellerId) },
            new Entity(Account.EntityName, FabrikamId) { [Account.Name] = "Fabrikam", ["ownerid"] = new EntityReference("systemuser", SouthSellerId) });
        return (emulator, security);
    }

    private static Guid SeedPlan(XrmEmulator emulator, Guid owner, Guid account, string name, int status = Plan.StatusDraft)
    {
        var plan = new Entity(Plan.EntityName, Guid.Empty)
        {
            [Plan.Name] = name, [Plan.AccountId] = new EntityReference(Account.EntityName, account),
            [Plan.PeriodStart] = new DateTime(2027, 1, 1), [Plan.PeriodEnd] = new DateTime(2027, 12, 31),
            [Plan.RevenueTarget] = new Money(100_000m), [Plan.TemplateId] = new EntityReference(Template.EntityName, TemplateId),
            [Plan.StateCode] = new OptionSetValue(Plan.StateActive), [Plan.StatusCode] = new OptionSetValue(status),
            ["ownerid"] = new EntityReference("systemuser", owner),
        };
        emulator.Seed(plan);
        return plan.Id;
    }

    private static void SeedWon(XrmEmulator emulator, Guid account, Guid owner, decimal value) =>
        emulator.Seed(new Entity(Opportunity.EntityName)
        {
            ["name"] = "Deal", [Opportunity.CustomerId] = new EntityReference(Account.EntityName, account),
            ["ownerid"] = new EntityReference("systemuser", owner), ["estimatedvalue"] = new Money(value), ["actualvalue"] = new Money(value),
            [Opportunity.ActualCloseDate] = new DateTime(2027, 1, 10), [Opportunity.StateCode] = new OptionSetValue(Opportunity.StateWon),
            ["statuscode"] = new OptionSetValue(3),
        });

    private static Entity[] Rank(XrmEmulator emulator, Guid user) =>
        ((EntityCollection)emulator.GetService(user).Execute(new OrganizationRequest("apx_RankAccounts")).Results["Ranking"]).Entities.ToArray();

    [TestMethod]
    public void RankAccounts_AsSeller_RanksOnlyReadableAccountsAndPlans()
    {
        // Arrange: Contoso (North) has a current plan owned in South, which the seller cannot read.
        var (emulator, _) = World();
        SeedWon(emulator, ContosoId, SellerId, 50_000m);
        SeedWon(emulator, FabrikamId, SouthSellerId, 80_000m);
        SeedPlan(emulator, SouthSellerId, ContosoId, "Contoso 2027 (South)", Plan.StatusActive);

        // Act
        var ranking = Rank(emulator, SellerId);

        // Assert
        Assert.AreEqual(1, ranking.Length);
        Assert.AreEqual("Contoso", ranking[0].GetAttributeValue<string>(Account.Name));
        Assert.AreEqual(50_000m, ranking[0].GetAttributeValue<Money>("apx_wonrevenue").Value);
        Assert.IsFalse(ranking[0].GetAttributeValue<bool>("apx_hascurrentplan"));
    }

    [TestMethod]
    public void RankAccounts_AsCommitteeMemberReadingAll_RanksEveryAccountWithItsPlan()
    {
        // Arrange
        var (emulator, _) = World();
        SeedWon(emulator, ContosoId, SellerId, 50_000m);
        SeedWon(emulator, FabrikamId, SouthSellerId, 80_000m);
        var plan = SeedPlan(emulator, SouthSellerId, ContosoId, "Contoso 2027 (South)", Plan.StatusActive);

        // Act
        var ranking = Rank(emulator, MemberId);

        // Assert
        CollectionAssert.AreEqual(new[] { "Fabrikam", "Contoso" }, ranking.Select(r => r.GetAttributeValue<string>(Account.Name)).ToArray());
        Assert.IsTrue(ranking[1].GetAttributeValue<bool>("apx_hascurrentplan"));
        Assert.AreEqual(plan, ranking[1].GetAttributeValue<EntityReference>("apx_currentplanid").Id);
    }

    [TestMethod]
    public void RecalculatePlan_PlanTheCallerCannotRead_AccessFaultAndNothingWritten()
    {
        // Arrange
        var (emulator, _) = World();
        var plan = SeedPlan(emulator, SouthSellerId, FabrikamId, "Fabrikam 2027");
        var before = emulator.Peek(Plan.EntityName, plan)!;

        // Act
        var fault = FaultAssert.Catch(() => emulator.GetService(SellerId).Execute(
            new OrganizationRequest("apx_RecalculatePlan") { ["Target"] = new EntityReference(Plan.EntityName, plan) }));

        // Assert
        Assert.AreEqual(AccountPlanXrm.Plugins.Infrastructure.Faults.AccessDenied, fault.Detail.ErrorCode);
        var after = emulator.Peek(Plan.EntityName, plan)!;
        Assert.IsFalse(after.Contains(Plan.KpisCalculatedOn));
        Assert.AreEqual(before.GetAttributeValue<long>("versionnumber"), after.GetAttributeValue<long>("versionnumber"));
    }

    [TestMethod]
    public void RecalculatePlan_ReadOnlyCommitteeMember_KpisWrittenAsSystem()
    {
        // Arrange: the member reads every plan but may not write plans.
        var (emulator, security) = World();
        var plan = SeedPlan(emulator, SouthSellerId, FabrikamId, "Fabrikam 2027");
        SeedWon(emulator, FabrikamId, SouthSellerId, 80_000m);
        Assert.IsFalse(security.HasAccess(MemberId, new EntityReference(Plan.EntityName, plan), AccessRights.WriteAccess));

        // Act
        var response = emulator.GetService(MemberId).Execute(
            new OrganizationRequest("apx_RecalculatePlan") { ["Target"] = new EntityReference(Plan.EntityName, plan) });

        // Assert
        Assert.AreEqual(80_000m, ((Money)response.Results["WonRevenue"]).Value);
        var stored = emulator.Peek(Plan.EntityName, plan)!;
        Assert.AreEqual(80_000m, stored.GetAttributeValue<Money>(Plan.WonRevenue).Value);
        Assert.AreEqual(Now, stored.GetAttributeValue<DateTime>(Plan.KpisCalculatedOn));
    }

    [TestMethod]
    public void CreateOpportunity_PlanOwnedInAnotherBusinessUnit_RollupWritesKpisAsSystem()
    {
        // Arrange: the seller may work opportunities but cannot read or write the South seller's plan of Contoso.
        var (emulator, security) = World();
        security.DefineRole("Opportunity seller",
            ("prvCreateOpportunity", PrivilegeDepth.Global), ("prvReadOpportunity", PrivilegeDepth.Global),
            ("prvWriteOpportunity", PrivilegeDepth.Global), ("prvAppendOpportunity", PrivilegeDepth.Global),
            ("prvAppendToAccount", PrivilegeDepth.Global), ("prvCreateOpportunityClose", PrivilegeDepth.Global),
            ("prvAppendOpportunityClose", PrivilegeDepth.Global), ("prvAppendToOpportunity", PrivilegeDepth.Global),
            ("prvReadOpportunityClose", PrivilegeDepth.Global));
        security.AssignRoles(SellerId, "Opportunity seller");
        var plan = SeedPlan(emulator, SouthSellerId, ContosoId, "Contoso 2027 (South)");
        Assert.IsFalse(security.HasAccess(SellerId, new EntityReference(Plan.EntityName, plan), AccessRights.ReadAccess));
        var service = emulator.GetService(SellerId);

        // Act
        service.Create(new Entity(Opportunity.EntityName)
        {
            ["name"] = "Deal", [Opportunity.CustomerId] = new EntityReference(Account.EntityName, ContosoId),
            ["estimatedvalue"] = new Money(30_000m), [Opportunity.CloseProbability] = 50, [Opportunity.EstimatedCloseDate] = new DateTime(2027, 6, 1),
        });

        // Assert
        var stored = emulator.Peek(Plan.EntityName, plan)!;
        Assert.AreEqual(30_000m, stored.GetAttributeValue<Money>(Plan.OpenPipeline).Value);
        Assert.AreEqual(15_000m, stored.GetAttributeValue<Money>(Plan.WeightedPipeline).Value);
    }

    [TestMethod]
    public void CreatePlan_OverlapsPlanTheCallerCannotRead_RefusedWithoutNamingIt()
    {
        // Arrange
        var (emulator, _) = World();
        SeedPlan(emulator, SouthSellerId, ContosoId, "Contoso secret plan");

        // Act
        var fault = FaultAssert.Catch(() => emulator.GetService(SellerId).Create(new Entity(Plan.EntityName)
        {
            [Plan.Name] = "Contoso 2027", [Plan.AccountId] = new EntityReference(Account.EntityName, ContosoId),
            [Plan.PeriodStart] = new DateTime(2027, 1, 1), [Plan.PeriodEnd] = new DateTime(2027, 12, 31),
        }));

        // Assert
        Assert.AreEqual("The account already has a plan in Draft, In review or Active whose period overlaps this one.", fault.Detail.Message);
        Assert.AreEqual(1, emulator.Count(Plan.EntityName));
    }

    [TestMethod]
    public void CreatePlan_OverlapsPlanTheCallerCanRead_RefusedNamingIt()
    {
        // Arrange
        var (emulator, _) = World();
        SeedPlan(emulator, SellerId, ContosoId, "Contoso first plan");

        // Act
        var fault = FaultAssert.Catch(() => emulator.GetService(SellerId).Create(new Entity(Plan.EntityName)
        {
            [Plan.Name] = "Contoso 2027", [Plan.AccountId] = new EntityReference(Account.EntityName, ContosoId),
            [Plan.PeriodStart] = new DateTime(2027, 1, 1), [Plan.PeriodEnd] = new DateTime(2027, 12, 31),
        }));

        // Assert
        StringAssert.StartsWith(fault.Detail.Message, "The account already has the plan \"Contoso first plan\" (2027-01-01 to 2027-12-31)");
    }
}
