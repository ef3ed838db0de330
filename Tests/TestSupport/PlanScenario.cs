using System.Reflection;
using AccountPlanXrm.Emulator;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.TestSupport;

/// <summary>
/// The common ground of the plan scenarios (the plug-in pipeline, security and integrity worlds): an emulator over
/// the repository's solution with the plug-in assembly bound, the fixed clock, the fixed ids of the reference
/// accounts and templates, and the rows a scenario creates (accounts, plans).
/// </summary>
public static class PlanScenario
{
    public static readonly DateTime Now = new(2027, 3, 15, 9, 0, 0, DateTimeKind.Utc);
    public static readonly Guid FullTemplateId = new("7e000000-0000-4000-8000-000000000001");
    public static readonly Guid CompactTemplateId = new("7e000000-0000-4000-8000-000000000002");
    public static readonly Guid ContosoId = new("ac000000-0000-4000-8000-000000000001");
    public static readonly Guid ContosoChildId = new("ac000000-0000-4000-8000-000000000002");
    public static readonly Guid FabrikamId = new("ac000000-0000-4000-8000-000000000003");

    /// <summary>An emulator builder over <see cref="Repository.SolutionSource"/> with the plug-in assembly bound and the clock at <see cref="Now"/>.</summary>
    public static EmulatorBuilder Emulator(Assembly plugins) =>
        XrmEmulator.Builder().WithSolution(Repository.SolutionSource).WithPluginAssembly(plugins).WithClock(Now);

    /// <summary>An account row (owned by a user when given, below a parent when given).</summary>
    public static Entity Account(Guid id, string name, Guid? owner = null, Guid? parent = null)
    {
        var account = new Entity("account", id) { ["name"] = name };
        if (parent is { } parentId)
        {
            account["parentaccountid"] = new EntityReference("account", parentId);
        }

        if (owner is { } ownerId)
        {
            account["ownerid"] = new EntityReference("systemuser", ownerId);
        }

        return account;
    }

    /// <summary>A new account plan for an account and a period, with a revenue target when given.</summary>
    public static Entity Plan(string name, Guid account, DateTime start, DateTime end, decimal? target)
    {
        var plan = new Entity("apx_accountplan")
        {
            ["apx_name"] = name,
            ["apx_accountid"] = new EntityReference("account", account),
            ["apx_periodstart"] = start,
            ["apx_periodend"] = end,
        };
        if (target is { } value)
        {
            plan["apx_revenuetarget"] = new Money(value);
        }

        return plan;
    }
}
