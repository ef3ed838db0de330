using System.Security.Cryptography;
using System.Text;

namespace AccountPlanXrm.Emulator.Security;

/// <summary>
/// Dataverse's record-based security for one emulator: roles read from the solution (<c>Roles/*.xml</c>) plus
/// System Administrator, role assignments of users and owner teams, team membership (the teammembership rows),
/// the business unit tree (businessunit.parentbusinessunitid), ownership by user or team, a
/// principal-object-access table for sharing and column (field) security. Requests as SYSTEM are never checked.
/// <para>Turn it on with <see cref="XrmEmulator.EnableSecurity"/>; before that every caller may do everything.</para>
/// <para>
/// A facade over its parts: <see cref="RoleAssignments"/> (roles and the calling principal), <see cref="RecordAccess"/>
/// (depths and sharing), <see cref="RequestAuthorizer"/> (the checks of each message and their faults) and
/// <see cref="ColumnSecurity"/> (field security profiles). Every entry point takes the emulator's lock.
/// </para>
/// </summary>
public sealed class EmulatorSecurity
{
    /// <summary>0x80040220 PrivilegeDenied: the principal holds the privilege at no depth.</summary>
    public const int PrivilegeDeniedErrorCode = -2147220960;

    /// <summary>0x80048306 AccessDenied: the privilege is held but its depth (or sharing) does not reach the record.</summary>
    public const int AccessDeniedErrorCode = -2147187962;

    /// <summary>0x8004F502 AttributePrivilegeCreateIsMissing.</summary>
    public const int SecuredFieldCreateErrorCode = -2147158782;

    /// <summary>0x8004F507 AttributePermissionUpdateIsMissingDuringUpdate.</summary>
    public const int SecuredFieldUpdateErrorCode = -2147158777;

    /// <summary>The privilege BypassCustomPluginExecution requires.</summary>
    public const string BypassPrivilege = "prvBypassCustomPlugins";

    private readonly XrmEmulator _emulator;
    private readonly RoleAssignments _roles;
    private readonly RecordAccess _access;
    private readonly ColumnSecurity _columns;
    private readonly RequestAuthorizer _authorizer;

    internal EmulatorSecurity(XrmEmulator emulator, IReadOnlyDictionary<string, SecurityRole> solutionRoles)
    {
        _emulator = emulator;
        _roles = new RoleAssignments(emulator, solutionRoles);
        _access = new RecordAccess(emulator);
        _columns = new ColumnSecurity(emulator);
        _authorizer = new RequestAuthorizer(emulator, _roles, _access, _columns);
    }

    /// <summary>The roles users and teams can be given: the solution's and System Administrator.</summary>
    public IReadOnlyCollection<SecurityRole> Roles => _roles.Roles;

    /// <summary>Adds a role defined in code (e.g. a deliberately incomplete one for a test).</summary>
    public EmulatorSecurity DefineRole(string name, params (string Privilege, PrivilegeDepth Depth)[] privileges)
    {
        lock (_emulator.SyncRoot)
        {
            _roles.Define(new SecurityRole(DeterministicGuid("role:" + name), name, privileges.ToDictionary(p => p.Privilege, p => p.Depth, StringComparer.OrdinalIgnoreCase)));
        }

        return this;
    }

    /// <summary>Creates a business unit under the given parent (default: the root business unit).</summary>
    public Guid CreateBusinessUnit(string name, Guid? parentBusinessUnitId = null, Guid? id = null)
    {
        var unit = new Entity("businessunit", id ?? Guid.Empty)
        {
            ["name"] = name,
            ["parentbusinessunitid"] = new EntityReference("businessunit", parentBusinessUnitId ?? _emulator.RootBusinessUnitId),
            ["isdisabled"] = false,
        };
        return _emulator.GetSystemService().Create(unit);
    }

    /// <summary>Creates a user in the business unit (default: root) with the given roles.</summary>
    public Guid CreateUser(string firstName, string lastName, Guid? businessUnitId = null, Guid? id = null, params string[] roles)
    {
        var user = _emulator.CreateUser(firstName, lastName, id, businessUnitId);
        AssignRoles(user, roles);
        return user;
    }

    /// <summary>Creates an owner team in the business unit (default: root) with the given roles.</summary>
    public Guid CreateTeam(string name, Guid? businessUnitId = null, Guid? id = null, params string[] roles)
    {
        var team = new Entity("team", id ?? Guid.Empty)
        {
            ["name"] = name,
            ["businessunitid"] = new EntityReference("businessunit", businessUnitId ?? _emulator.RootBusinessUnitId),
            ["teamtype"] = new OptionSetValue(0),
            ["administratorid"] = new EntityReference("systemuser", _emulator.SystemUserId),
        };
        var teamId = _emulator.GetSystemService().Create(team);
        AssignRoles(teamId, roles);
        return teamId;
    }

    /// <summary>Adds users to a team (teammembership rows, as AddMembersTeam writes them).</summary>
    public void AddTeamMembers(Guid teamId, params Guid[] userIds)
    {
        var references = new EntityReferenceCollection();
        foreach (var user in userIds)
        {
            references.Add(new EntityReference("systemuser", user));
        }

        _emulator.GetSystemService().Associate("team", teamId, new Relationship("teammembership_association"), references);
    }

    /// <summary>Gives roles (by name) to a user or a team.</summary>
    public void AssignRoles(Guid principalId, params string[] roleNames)
    {
        lock (_emulator.SyncRoot)
        {
            _roles.Assign(principalId, roleNames);
        }
    }

    /// <summary>Removes a role from a user or a team.</summary>
    public void RemoveRole(Guid principalId, string roleName)
    {
        lock (_emulator.SyncRoot)
        {
            _roles.Remove(principalId, roleName);
        }
    }

    /// <summary>The role names of a user or team.</summary>
    public IReadOnlyList<string> RolesOf(Guid principalId)
    {
        lock (_emulator.SyncRoot)
        {
            return _roles.RolesOf(principalId);
        }
    }

    /// <summary>
    /// Shares a record with a user or team (GrantAccess/ModifyAccess semantics: the rights replace the principal's
    /// shared rights; <see cref="AccessRights.None"/> revokes). Shared rights count only where the principal has
    /// the privilege at some depth, as on the platform.
    /// </summary>
    public void Share(EntityReference record, EntityReference principal, AccessRights rights)
    {
        lock (_emulator.SyncRoot)
        {
            _access.SetShare(record.LogicalName, record.Id, principal.Id, rights, journal: false);
        }
    }

    /// <summary>The shared rights of a principal on a record (principal-object-access), without role access.</summary>
    public AccessRights SharedRights(EntityReference record, Guid principalId)
    {
        lock (_emulator.SyncRoot)
        {
            return _access.SharedRights(record.LogicalName, record.Id, principalId);
        }
    }

    /// <summary>Whether the user holds the right on the stored record (roles, teams, sharing), like RetrievePrincipalAccess.</summary>
    public bool HasAccess(Guid userId, EntityReference record, AccessRights right)
    {
        lock (_emulator.SyncRoot)
        {
            var table = _emulator.TableOrFault(record.LogicalName);
            var row = table.Find(record.Id) ?? throw Faults.NotFound(record.LogicalName, record.Id);
            return _access.Evaluate(_roles.Principal(userId), table.Metadata, row.Entity, right) == RecordAccess.Outcome.Granted;
        }
    }

    /// <summary>The deepest depth the user holds a privilege at, through own roles or any team's roles.</summary>
    public PrivilegeDepth DepthOf(Guid userId, string privilege)
    {
        lock (_emulator.SyncRoot)
        {
            var principal = _roles.Principal(userId);
            return principal.Grants.Select(g => g.Role.DepthOf(privilege)).DefaultIfEmpty(PrivilegeDepth.None).Max();
        }
    }

    /// <summary>The object type code the faults name (fixed for system tables; 10000 and up for custom tables, by name).</summary>
    public int ObjectTypeCode(string table) => _access.ObjectTypeCode(table);

    /// <summary>The id the faults give a privilege (a stable name-based id; organizations assign their own).</summary>
    public static Guid PrivilegeId(string privilege) => DeterministicGuid("privilege:" + privilege.ToLowerInvariant());

    /// <summary>The solution's secured columns and field security profiles.</summary>
    public FieldSecurityCatalog FieldSecurity => _columns.FieldSecurity;

    /// <summary>Adds users or teams to a field security profile of the solution (systemuserprofiles / teamprofiles).</summary>
    public void AddFieldSecurityProfileMembers(string profileName, params Guid[] principalIds)
    {
        lock (_emulator.SyncRoot)
        {
            _columns.AddProfileMembers(profileName, principalIds);
        }
    }

    /// <summary>
    /// What the user may do with a secured column: System Administrators everything; others what the profiles they or
    /// their teams belong to grant (the union). Unsecured columns are always allowed.
    /// </summary>
    public FieldPermission ColumnAccess(Guid userId, string table, string column)
    {
        lock (_emulator.SyncRoot)
        {
            return _columns.ColumnAccess(_roles.Principal(userId), table, column);
        }
    }

    internal bool IsChecked(Caller caller) => caller.UserId != _emulator.SystemUserId;

    /// <summary>The checks of a calling user's request before the main operation (see <see cref="RequestAuthorizer"/>).</summary>
    internal void Authorize(string message, MessageContext context) => _authorizer.Authorize(message, context);

    /// <summary>BypassCustomPluginExecution needs <see cref="BypassPrivilege"/>.</summary>
    internal void AuthorizeBypass(Guid userId) => _authorizer.AuthorizeBypass(userId);

    /// <summary>Whether the user may read a row, for RetrieveMultiple row filtering.</summary>
    internal Func<string, Entity, bool> ReadFilter(Guid userId) => _access.ReadFilter(_roles.Principal(userId));

    /// <summary>Retrieve/RetrieveMultiple: secured columns the caller may not read are left out of the returned rows.</summary>
    internal void MaskColumns(Guid userId, OrganizationResponse response)
    {
        if (_columns.FieldSecurity.Secured.Count > 0)
        {
            _columns.MaskColumns(_roles.Principal(userId), response);
        }
    }

    private static Guid DeterministicGuid(string text)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(text));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x30);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash);
    }
}
