using System.Security.Cryptography;
using System.Text;
using AccountPlanXrm.Emulator.Metadata;
using AccountPlanXrm.Emulator.Pipeline;
using AccountPlanXrm.Emulator.Store;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Emulator.Security;

/// <summary>
/// Dataverse's record-based security for one emulator: roles read from the solution (<c>Roles/*.xml</c>) plus
/// System Administrator, role assignments of users and owner teams, team membership (the teammembership rows),
/// the business unit tree (businessunit.parentbusinessunitid), ownership by user or team and a
/// principal-object-access table for sharing. Requests as SYSTEM are never checked.
/// <para>Turn it on with <see cref="XrmEmulator.EnableSecurity"/>; before that every caller may do everything.</para>
/// </summary>
public sealed partial class EmulatorSecurity
{
    private static readonly HashSet<string> SystemLookups = new(StringComparer.Ordinal)
    {
        "ownerid", "owninguser", "owningteam", "owningbusinessunit", "createdby", "modifiedby", "createdonbehalfby", "modifiedonbehalfby",
    };

    // Object type codes of the baseline system tables (the platform's fixed values); custom tables get 10000 and up.
    private static readonly Dictionary<string, int> SystemTypeCodes = new(StringComparer.Ordinal)
    {
        ["account"] = 1, ["contact"] = 2, ["opportunity"] = 3, ["systemuser"] = 8, ["team"] = 9, ["businessunit"] = 10,
        ["teammembership"] = 23, ["role"] = 1036, ["organization"] = 1019, ["opportunityclose"] = 4208, ["task"] = 4212, ["transactioncurrency"] = 9105,
    };

    private readonly XrmEmulator _emulator;
    private readonly Dictionary<string, SecurityRole> _roles;
    private readonly Dictionary<Guid, HashSet<string>> _principalRoles = [];
    private readonly Dictionary<(string Table, Guid Id), Dictionary<Guid, AccessRights>> _shares = [];
    private readonly HashSet<string> _unsecuredTables;
    private readonly Dictionary<string, int> _typeCodes;
    private readonly Dictionary<(string Table, AccessRights Right), string> _privilegeNames = [];

    internal EmulatorSecurity(XrmEmulator emulator, IReadOnlyDictionary<string, SecurityRole> solutionRoles)
    {
        _emulator = emulator;
        _roles = new Dictionary<string, SecurityRole>(solutionRoles, StringComparer.OrdinalIgnoreCase)
        {
            [SecurityRole.SystemAdministrator.Name] = SecurityRole.SystemAdministrator,
        };

        // Intersect tables of N:N relationships carry no privileges of their own.
        _unsecuredTables = new HashSet<string>(
            emulator.Metadata.Relationships.Where(r => r.IsManyToMany).Select(r => r.IntersectEntity),
            StringComparer.Ordinal);
        _typeCodes = new Dictionary<string, int>(SystemTypeCodes, StringComparer.Ordinal);
        var next = 10000;
        foreach (var table in emulator.Metadata.Tables.Select(t => t.LogicalName).Where(n => !SystemTypeCodes.ContainsKey(n)).Order(StringComparer.Ordinal))
        {
            _typeCodes[table] = next++;
        }
    }

    /// <summary>The roles users and teams can be given: the solution's and System Administrator.</summary>
    public IReadOnlyCollection<SecurityRole> Roles => _roles.Values;

    /// <summary>Adds a role defined in code (e.g. a deliberately incomplete one for a test).</summary>
    public EmulatorSecurity DefineRole(string name, params (string Privilege, PrivilegeDepth Depth)[] privileges)
    {
        lock (_emulator.SyncRoot)
        {
            var role = new SecurityRole(DeterministicGuid("role:" + name), name, privileges.ToDictionary(p => p.Privilege, p => p.Depth, StringComparer.OrdinalIgnoreCase));
            _roles[name] = role;
            if (_emulator.Store.GetTable("role") is { } table && table.Find(role.Id) == null)
            {
                _emulator.Store.Insert(table, new Entity("role", role.Id)
                {
                    ["roleid"] = role.Id, ["name"] = name, ["businessunitid"] = new EntityReference("businessunit", _emulator.RootBusinessUnitId),
                });
                _emulator.Store.CommitAll();
            }
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
            foreach (var name in roleNames)
            {
                if (!_roles.ContainsKey(name))
                {
                    throw new ArgumentException($"There is no security role named '{name}'. Known roles: {string.Join(", ", _roles.Keys.Order(StringComparer.Ordinal))}.", nameof(roleNames));
                }

                if (!_principalRoles.TryGetValue(principalId, out var set))
                {
                    _principalRoles[principalId] = set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                }

                set.Add(name);
                _emulator.SetRoleRow(principalId, _roles[name].Id, IsTeam(principalId), assigned: true);
            }

            _emulator.Store.CommitAll();
        }
    }

    private bool IsTeam(Guid principalId) => _emulator.Store.GetTable("team")?.Find(principalId) is { Deleted: false };

    /// <summary>Removes a role from a user or a team.</summary>
    public void RemoveRole(Guid principalId, string roleName)
    {
        lock (_emulator.SyncRoot)
        {
            if (_principalRoles.TryGetValue(principalId, out var set) && set.Remove(roleName) && _roles.TryGetValue(roleName, out var role))
            {
                _emulator.SetRoleRow(principalId, role.Id, IsTeam(principalId), assigned: false);
                _emulator.Store.CommitAll();
            }
        }
    }

    /// <summary>The role names of a user or team.</summary>
    public IReadOnlyList<string> RolesOf(Guid principalId)
    {
        lock (_emulator.SyncRoot)
        {
            return _principalRoles.TryGetValue(principalId, out var set) ? set.Order(StringComparer.Ordinal).ToArray() : [];
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
            SetShare(record.LogicalName, record.Id, principal.Id, rights, journal: false);
        }
    }

    /// <summary>The shared rights of a principal on a record (principal-object-access), without role access.</summary>
    public AccessRights SharedRights(EntityReference record, Guid principalId)
    {
        lock (_emulator.SyncRoot)
        {
            return _shares.TryGetValue((record.LogicalName, record.Id), out var entries) && entries.TryGetValue(principalId, out var rights) ? rights : AccessRights.None;
        }
    }

    /// <summary>Whether the user holds the right on the stored record (roles, teams, sharing), like RetrievePrincipalAccess.</summary>
    public bool HasAccess(Guid userId, EntityReference record, AccessRights right)
    {
        lock (_emulator.SyncRoot)
        {
            var table = _emulator.TableOrFault(record.LogicalName);
            var row = table.Find(record.Id) ?? throw Faults.NotFound(record.LogicalName, record.Id);
            return Evaluate(Principal(userId), table.Metadata, row.Entity, right) == Outcome.Granted;
        }
    }

    /// <summary>The deepest depth the user holds a privilege at, through own roles or any team's roles.</summary>
    public PrivilegeDepth DepthOf(Guid userId, string privilege)
    {
        lock (_emulator.SyncRoot)
        {
            var principal = Principal(userId);
            return principal.Grants.Select(g => g.Role.DepthOf(privilege)).DefaultIfEmpty(PrivilegeDepth.None).Max();
        }
    }

    /// <summary>The object type code the faults name (fixed for system tables; 10000 and up for custom tables, by name).</summary>
    public int ObjectTypeCode(string table) => _typeCodes.TryGetValue(table, out var code) ? code : 0;

    /// <summary>The id the faults give a privilege (a stable name-based id; organizations assign their own).</summary>
    public static Guid PrivilegeId(string privilege) => DeterministicGuid("privilege:" + privilege.ToLowerInvariant());

    internal bool IsChecked(Caller caller) => caller.UserId != _emulator.SystemUserId;

    internal bool IsSecured(TableMetadata table) => !_unsecuredTables.Contains(table.LogicalName);

    internal string PrivilegeName(TableMetadata table, AccessRights right)
    {
        if (!_privilegeNames.TryGetValue((table.LogicalName, right), out var name))
        {
            name = PrivilegeNames.For(right, PrivilegeNames.TableToken(table.LogicalName, table.SchemaName, table.IsActivity));
            _privilegeNames[(table.LogicalName, right)] = name;
        }

        return name;
    }

    internal void SetShare(string table, Guid id, Guid principal, AccessRights rights, bool journal)
    {
        var key = (table, id);
        if (!_shares.TryGetValue(key, out var entries))
        {
            _shares[key] = entries = [];
        }

        var had = entries.TryGetValue(principal, out var old);
        if (rights == AccessRights.None)
        {
            entries.Remove(principal);
        }
        else
        {
            entries[principal] = rights;
        }

        if (journal)
        {
            _emulator.Store.RecordUndo(() =>
            {
                if (had)
                {
                    entries[principal] = old;
                }
                else
                {
                    entries.Remove(principal);
                }
            });
        }
    }

    /// <summary>The calling user with the roles that apply: own roles, and each owner team's roles for that team.</summary>
    internal SecurityPrincipal Principal(Guid userId)
    {
        var businessUnit = _emulator.BusinessUnitOf(userId);
        var teams = TeamsOf(userId);
        var grants = new List<RoleGrant>();
        var roleCount = 0;
        if (_principalRoles.TryGetValue(userId, out var own))
        {
            foreach (var name in own)
            {
                grants.Add(new RoleGrant(_roles[name], userId, false, businessUnit));
                roleCount++;
            }
        }

        foreach (var team in teams)
        {
            if (_principalRoles.TryGetValue(team, out var teamRoles))
            {
                var teamUnit = BusinessUnitOfTeam(team);
                foreach (var name in teamRoles)
                {
                    grants.Add(new RoleGrant(_roles[name], team, true, teamUnit));
                }
            }
        }

        return new SecurityPrincipal(userId, businessUnit, teams, grants, roleCount, grants.Where(g => !g.ViaTeam).Sum(g => g.Role.PrivilegeCount));
    }

    internal enum Outcome
    {
        Granted,
        NoPrivilege,
        NoAccess,
    }

    /// <summary>Privilege check then access check of one right on a stored (or prospective) record.</summary>
    internal Outcome Evaluate(SecurityPrincipal principal, TableMetadata table, Entity record, AccessRights right)
    {
        if (!IsSecured(table))
        {
            return Outcome.Granted;
        }

        var privilege = PrivilegeName(table, right);
        var any = false;
        foreach (var grant in principal.Grants)
        {
            var depth = grant.Role.DepthOf(privilege);
            if (depth == PrivilegeDepth.None)
            {
                continue;
            }

            any = true;
            if (Reaches(grant, depth, principal, table, record))
            {
                return Outcome.Granted;
            }
        }

        if (!any)
        {
            return Outcome.NoPrivilege;
        }

        return SharedWith(principal, table.LogicalName, record.Id, right) ? Outcome.Granted : Outcome.NoAccess;
    }

    /// <summary>Whether a record passes the access check of the right, for RetrieveMultiple row filtering.</summary>
    internal Func<string, Entity, bool> ReadFilter(Guid userId)
    {
        var principal = Principal(userId);
        var perTable = new Dictionary<string, (TableMetadata? Table, (RoleGrant Grant, PrivilegeDepth Depth)[] Reads, bool All)>(StringComparer.Ordinal);
        return (tableName, row) =>
        {
            if (!perTable.TryGetValue(tableName, out var plan))
            {
                // Per table once: the grants that hold Read, and whether one of them reads every row.
                var table = _emulator.Metadata.FindTable(tableName);
                var privilege = table == null ? string.Empty : PrivilegeName(table, AccessRights.ReadAccess);
                var reads = table == null ? [] : principal.Grants.Select(g => (g, g.Role.DepthOf(privilege))).Where(p => p.Item2 != PrivilegeDepth.None).ToArray();
                var all = table == null || !IsSecured(table) || reads.Any(r => r.Item2 == PrivilegeDepth.Global)
                    || (reads.Length > 0 && OwnerOf(table, new Entity(tableName)) == (null, null) && !table.HasOwner && !table.Columns.ContainsKey("businessunitid"));
                perTable[tableName] = plan = (table, reads, all);
            }

            if (plan.All)
            {
                return true;
            }

            foreach (var (grant, depth) in plan.Reads)
            {
                if (Reaches(grant, depth, principal, plan.Table!, row))
                {
                    return true;
                }
            }

            return plan.Reads.Length > 0 && SharedWith(principal, tableName, row.Id, AccessRights.ReadAccess);
        };
    }

    private bool Reaches(RoleGrant grant, PrivilegeDepth depth, SecurityPrincipal principal, TableMetadata table, Entity record)
    {
        if (depth == PrivilegeDepth.Global)
        {
            return true;
        }

        var (owner, unit) = OwnerOf(table, record);
        if (owner == null && unit == null)
        {
            // Organization-owned tables know only "organization" depth: any depth grants every row.
            return true;
        }

        switch (depth)
        {
            case PrivilegeDepth.Basic:
                if (owner is Guid ownerId)
                {
                    // A user's own records and records of the user's teams; a team role reaches the team's records.
                    return grant.ViaTeam ? ownerId == grant.PrincipalId : ownerId == principal.UserId || principal.Teams.Contains(ownerId);
                }

                return unit == grant.BusinessUnitId && table.LogicalName == "businessunit";
            case PrivilegeDepth.Local:
                return unit == grant.BusinessUnitId;
            case PrivilegeDepth.Deep:
                return unit is Guid u && IsUnder(u, grant.BusinessUnitId);
            default:
                return false;
        }
    }

    /// <summary>The owner and owning business unit of a record (both null for organization-owned tables).</summary>
    private (Guid? Owner, Guid? Unit) OwnerOf(TableMetadata table, Entity record)
    {
        static Guid? Ref(Entity e, string column) => e.Attributes.TryGetValue(column, out var v) && v is EntityReference r ? r.Id : null;

        if (table.HasOwner)
        {
            return (Ref(record, "ownerid"), Ref(record, "owningbusinessunit"));
        }

        return table.LogicalName switch
        {
            "businessunit" => (null, record.Id),
            "systemuser" => (record.Id, Ref(record, "businessunitid")),
            "team" => (record.Id, Ref(record, "businessunitid")),
            _ => table.Columns.ContainsKey("businessunitid") ? (null, Ref(record, "businessunitid")) : (null, null),
        };
    }

    private bool IsUnder(Guid unit, Guid ancestor)
    {
        var table = _emulator.Store.GetTable("businessunit");
        var current = (Guid?)unit;
        for (var guard = 0; current is Guid id && guard < 1000; guard++)
        {
            if (id == ancestor)
            {
                return true;
            }

            current = table?.Find(id)?.Entity.Attributes.TryGetValue("parentbusinessunitid", out var p) == true && p is EntityReference parent ? parent.Id : null;
        }

        return false;
    }

    private bool SharedWith(SecurityPrincipal principal, string table, Guid id, AccessRights right)
    {
        if (!_shares.TryGetValue((table, id), out var entries))
        {
            return false;
        }

        if (entries.TryGetValue(principal.UserId, out var rights) && (rights & right) == right)
        {
            return true;
        }

        return principal.Teams.Any(t => entries.TryGetValue(t, out var teamRights) && (teamRights & right) == right);
    }

    private HashSet<Guid> TeamsOf(Guid userId)
    {
        var teams = new HashSet<Guid>();
        var memberships = _emulator.Store.GetTable("teammembership");
        if (memberships == null)
        {
            return teams;
        }

        foreach (var row in memberships.RowsByIndex("systemuserid", userId))
        {
            if (!row.Deleted && row.Entity.Attributes.TryGetValue("teamid", out var t) && t is Guid team)
            {
                teams.Add(team);
            }
        }

        return teams;
    }

    private Guid BusinessUnitOfTeam(Guid teamId)
    {
        var row = _emulator.Store.GetTable("team")?.Find(teamId);
        return row != null && row.Entity.Attributes.TryGetValue("businessunitid", out var bu) && bu is EntityReference r ? r.Id : _emulator.RootBusinessUnitId;
    }

    private static Guid DeterministicGuid(string text)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(text));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x30);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash);
    }
}

/// <summary>A role that applies to a user: directly (the user's business unit) or through an owner team (the team's).</summary>
internal sealed record RoleGrant(SecurityRole Role, Guid PrincipalId, bool ViaTeam, Guid BusinessUnitId);

/// <summary>The calling user as the checks see it.</summary>
internal sealed record SecurityPrincipal(Guid UserId, Guid BusinessUnitId, HashSet<Guid> Teams, List<RoleGrant> Grants, int RoleCount, int PrivilegeCount);
