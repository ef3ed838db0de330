using AccountPlanXrm.Emulator;
using AccountPlanXrm.Emulator.Security;
using AccountPlanXrm.TestSupport;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Security.Tests;

/// <summary>
/// An emulator over the repository's Solution/src with the plug-in assembly and security enabled: two sales
/// business units under the root, users holding the solution's roles, the steering committee as an owner team,
/// accounts owned in each business unit and the two plan templates. Fixed clock and ids.
/// </summary>
public sealed class SecurityWorld
{
    public const string Contributor = "Account Plan Contributor";
    public const string Manager = "Account Plan Manager";
    public const string SteeringMember = "Steering Committee Member";
    public const string Administrator = "Account Plan Administrator";
    public const string CommitteeEditors = "Account Plan Steering Committee Editors";
    public const string CommitteeReaders = "Account Plan Steering Committee Readers";

    public const string PlanTable = "apx_accountplan";
    public const string MeasureTable = "apx_planmeasure";
    public const string DecisionTable = "apx_plandecision";
    public const string TemplateTable = "apx_plantemplate";

    public static readonly DateTime Now = PlanScenario.Now;
    public static readonly Guid NorthUnitId = new("b0000000-0000-4000-8000-00000000000a");
    public static readonly Guid SouthUnitId = new("b0000000-0000-4000-8000-00000000000b");
    public static readonly Guid SellerId = new("5e000000-0000-4000-8000-000000000001");
    public static readonly Guid ColleagueId = new("5e000000-0000-4000-8000-000000000002");
    public static readonly Guid SouthSellerId = new("5e000000-0000-4000-8000-000000000003");
    public static readonly Guid ManagerId = new("3a000000-0000-4000-8000-000000000001");
    public static readonly Guid MemberId = new("5c000000-0000-4000-8000-000000000001");
    public static readonly Guid AdminId = new("ad000000-0000-4000-8000-000000000001");
    public static readonly Guid CommitteeId = new("7ea00000-0000-4000-8000-000000000001");
    public static readonly Guid ContosoId = PlanScenario.ContosoId;
    public static readonly Guid FabrikamId = PlanScenario.FabrikamId;
    public static readonly Guid FullTemplateId = PlanScenario.FullTemplateId;

    public SecurityWorld()
    {
        Emulator = PlanScenario.Emulator(typeof(AccountPlanXrm.Plugins.Model.Plan).Assembly).Build();
        Security = Emulator.EnableSecurity();
        Security.CreateBusinessUnit("Sales North", id: NorthUnitId);
        Security.CreateBusinessUnit("Sales South", id: SouthUnitId);
        Security.CreateUser("Sam", "Seller", NorthUnitId, SellerId, Contributor);
        Security.CreateUser("Cleo", "Colleague", NorthUnitId, ColleagueId, Contributor);
        Security.CreateUser("Sid", "South", SouthUnitId, SouthSellerId, Contributor);
        Security.CreateUser("Mona", "Manager", NorthUnitId, ManagerId, Manager);
        Security.CreateUser("Stella", "Steering", null, MemberId, SteeringMember);
        Security.CreateUser("Ada", "Admin", null, AdminId, Administrator);
        Security.CreateTeam("Steering committee", null, CommitteeId);
        Security.AddTeamMembers(CommitteeId, MemberId);

        // Column security as an administrator sets it up after import: the profiles of the solution, managers and
        // administrators edit the steering committee, sellers and committee members see it.
        Security.AddFieldSecurityProfileMembers(CommitteeEditors, ManagerId, AdminId);
        Security.AddFieldSecurityProfileMembers(CommitteeReaders, SellerId, ColleagueId, SouthSellerId, MemberId);

        Emulator.Seed(
            new Entity(TemplateTable, FullTemplateId)
            {
                ["apx_name"] = "Full", ["apx_depth"] = new OptionSetValue(726000000), ["apx_isdefault"] = true,
                ["apx_compactthreshold"] = 3, ["apx_defaultcadence"] = new OptionSetValue(726000000),
            },
            PlanScenario.Account(ContosoId, "Contoso", owner: SellerId),
            PlanScenario.Account(FabrikamId, "Fabrikam", owner: SouthSellerId));
    }

    public XrmEmulator Emulator { get; }

    public EmulatorSecurity Security { get; }

    public IOrganizationService As(Guid userId) => Emulator.GetService(userId);

    public IOrganizationService System => Emulator.GetSystemService();

    /// <summary>Creates a plan as the given user (for the account, default Contoso) and returns its id.</summary>
    public Guid CreatePlan(Guid userId, string name, Guid? account = null, int year = 2027) =>
        As(userId).Create(PlanScenario.Plan(name, account ?? ContosoId, new DateTime(year, 1, 1), new DateTime(year, 12, 31), 100_000m));

    public Guid CreateDecision(Guid userId, Guid plan, string name = "Budget for roadshow") =>
        As(userId).Create(new Entity(DecisionTable)
        {
            ["apx_name"] = name,
            ["apx_accountplanid"] = new EntityReference(PlanTable, plan),
            ["apx_decisiontype"] = new OptionSetValue(726000000),
            ["apx_requestedbudget"] = new Money(20_000m),
        });

    /// <summary>Gives a plan its steering committee (as SYSTEM, the way an administrator would set it up).</summary>
    public void SetCommittee(Guid plan) =>
        System.Update(new Entity(PlanTable, plan) { ["apx_steeringcommitteeid"] = new EntityReference("team", CommitteeId) });

    public Entity Stored(string table, Guid id) => Emulator.Peek(table, id) ?? throw new InvalidOperationException($"no {table} {id}");
}
