using System.ServiceModel;
using AccountPlanXrm.Emulator;
using AccountPlanXrm.Emulator.Security;
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

    public static readonly DateTime Now = new(2027, 3, 15, 9, 0, 0, DateTimeKind.Utc);
    public static readonly Guid NorthUnitId = new("b0000000-0000-4000-8000-00000000000a");
    public static readonly Guid SouthUnitId = new("b0000000-0000-4000-8000-00000000000b");
    public static readonly Guid SellerId = new("5e000000-0000-4000-8000-000000000001");
    public static readonly Guid ColleagueId = new("5e000000-0000-4000-8000-000000000002");
    public static readonly Guid SouthSellerId = new("5e000000-0000-4000-8000-000000000003");
    public static readonly Guid ManagerId = new("3a000000-0000-4000-8000-000000000001");
    public static readonly Guid MemberId = new("5c000000-0000-4000-8000-000000000001");
    public static readonly Guid AdminId = new("ad000000-0000-4000-8000-000000000001");
    public static readonly Guid CommitteeId = new("7ea00000-0000-4000-8000-000000000001");
    public static readonly Guid ContosoId = new("ac000000-0000-4000-8000-000000000001");
    public static readonly Guid FabrikamId = new("ac000000-0000-4000-8000-000000000003");
    public static readonly Guid FullTemplateId = new("7e000000-0000-4000-8000-000000000001");

    public SecurityWorld()
    {
        Emulator = XrmEmulator.Builder()
            .WithSolution(SolutionFolder)
            .WithPluginAssembly(typeof(AccountPlanXrm.Plugins.Model.Plan).Assembly)
            .WithClock(Now)
            .Build();
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
            new Entity("account", ContosoId) { ["name"] = "Contoso", ["ownerid"] = new EntityReference("systemuser", SellerId) },
            new Entity("account", FabrikamId) { ["name"] = "Fabrikam", ["ownerid"] = new EntityReference("systemuser", SouthSellerId) });
    }

    public XrmEmulator Emulator { get; }

    public EmulatorSecurity Security { get; }

    public IOrganizationService As(Guid userId) => Emulator.GetService(userId);

    public IOrganizationService System => Emulator.GetSystemService();

    public static string SolutionFolder { get; } = Environment.GetEnvironmentVariable("APX_TEST_SOLUTION") is { Length: > 0 } folder ? folder : FindSolution();

    private static string FindSolution()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "AccountPlanXrm.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("repository root"), "Solution", "src");
    }

    /// <summary>Creates a plan as the given user (for the account, default Contoso) and returns its id.</summary>
    public Guid CreatePlan(Guid userId, string name, Guid? account = null, int year = 2027) =>
        As(userId).Create(new Entity(PlanTable)
        {
            ["apx_name"] = name,
            ["apx_accountid"] = new EntityReference("account", account ?? ContosoId),
            ["apx_periodstart"] = new DateTime(year, 1, 1),
            ["apx_periodend"] = new DateTime(year, 12, 31),
            ["apx_revenuetarget"] = new Money(100_000m),
        });

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

    public static FaultException<OrganizationServiceFault> Fault(Action action)
    {
        try
        {
            action();
        }
        catch (FaultException<OrganizationServiceFault> fault)
        {
            return fault;
        }

        Assert.Fail("The request was expected to fail.");
        throw new InvalidOperationException();
    }
}
