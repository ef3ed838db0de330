namespace AccountPlanXrm.Emulator.Security;

/// <summary>
/// How far a role privilege reaches, as the role XML writes it (<c>level="Basic|Local|Deep|Global"</c>):
/// the user (and the user's teams), the business unit, the business unit and its children, the organization.
/// </summary>
public enum PrivilegeDepth
{
    /// <summary>No privilege.</summary>
    None = 0,

    /// <summary>User: records the principal (or one of the user's teams) owns, and records shared with them.</summary>
    Basic = 1,

    /// <summary>Business unit: records owned in the principal's business unit.</summary>
    Local = 2,

    /// <summary>Parent: child business units: records owned in the principal's business unit or below it.</summary>
    Deep = 3,

    /// <summary>Organization: every record.</summary>
    Global = 4,
}

/// <summary>The access rights of a privilege check, with the platform's <c>AccessRights</c> values.</summary>
[Flags]
public enum AccessRights
{
    None = 0,
    ReadAccess = 1,
    WriteAccess = 2,
    AppendAccess = 4,
    AppendToAccess = 16,
    CreateAccess = 32,
    DeleteAccess = 65536,
    ShareAccess = 262144,
    AssignAccess = 524288,
}

/// <summary>Privilege names: <c>prv</c> + action + table schema name (e.g. <c>prvReadapx_AccountPlan</c>).</summary>
public static class PrivilegeNames
{
    /// <summary>The action word of a single access right in a privilege name.</summary>
    public static string Action(AccessRights right) => right switch
    {
        AccessRights.ReadAccess => "Read",
        AccessRights.WriteAccess => "Write",
        AccessRights.AppendAccess => "Append",
        AccessRights.AppendToAccess => "AppendTo",
        AccessRights.CreateAccess => "Create",
        AccessRights.DeleteAccess => "Delete",
        AccessRights.ShareAccess => "Share",
        AccessRights.AssignAccess => "Assign",
        _ => throw new ArgumentOutOfRangeException(nameof(right), right, "A privilege names exactly one access right."),
    };

    /// <summary>
    /// The name a table's privileges carry: its schema name, except the platform's shared names: every activity
    /// table uses <c>Activity</c> (prvReadActivity covers task, opportunityclose, ...) and systemuser uses <c>User</c>.
    /// </summary>
    public static string TableToken(string logicalName, string schemaName, bool isActivity) =>
        isActivity ? "Activity" : logicalName == "systemuser" ? "User" : schemaName;

    /// <summary>The privilege for one right on a table, e.g. (ReadAccess, apx_AccountPlan) → prvReadapx_AccountPlan.</summary>
    public static string For(AccessRights right, string tableToken) => "prv" + Action(right) + tableToken;

    /// <summary>The single rights a privilege check walks through, in the platform's order.</summary>
    public static readonly AccessRights[] All =
    [
        AccessRights.CreateAccess, AccessRights.ReadAccess, AccessRights.WriteAccess, AccessRights.DeleteAccess,
        AccessRights.AppendAccess, AccessRights.AppendToAccess, AccessRights.AssignAccess, AccessRights.ShareAccess,
    ];
}
