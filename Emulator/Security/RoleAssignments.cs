namespace AccountPlanXrm.Emulator.Security;

/// <summary>
/// The roles of one emulator (the solution's, System Administrator and roles defined in code), which users and owner
/// teams hold them, and the calling user as the checks see it: own roles plus each owner team's roles for that team.
/// Callers hold the emulator's lock.
/// </summary>
internal sealed class RoleAssignments
{
    private readonly XrmEmulator _emulator;
    private readonly Dictionary<string, SecurityRole> _roles;
    private readonly Dictionary<Guid, HashSet<string>> _principalRoles = [];

    public RoleAssignments(XrmEmulator emulator, IReadOnlyDictionary<string, SecurityRole> solutionRoles)
    {
        _emulator = emulator;
        _roles = new Dictionary<string, SecurityRole>(solutionRoles, StringComparer.OrdinalIgnoreCase)
        {
            [SecurityRole.SystemAdministrator.Name] = SecurityRole.SystemAdministrator,
        };
    }

    public IReadOnlyCollection<SecurityRole> Roles => _roles.Values;

    /// <summary>Adds (or replaces) a role and writes its role row when the store has none.</summary>
    public void Define(SecurityRole role)
    {
        _roles[role.Name] = role;
        if (_emulator.Store.GetTable("role") is { } table && table.Find(role.Id) == null)
        {
            _emulator.Store.Insert(table, new Entity("role", role.Id)
            {
                ["roleid"] = role.Id, ["name"] = role.Name, ["businessunitid"] = new EntityReference("businessunit", _emulator.RootBusinessUnitId),
            });
            _emulator.Store.CommitAll();
        }
    }

    public void Assign(Guid principalId, string[] roleNames)
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

    public void Remove(Guid principalId, string roleName)
    {
        if (_principalRoles.TryGetValue(principalId, out var set) && set.Remove(roleName) && _roles.TryGetValue(roleName, out var role))
        {
            _emulator.SetRoleRow(principalId, role.Id, IsTeam(principalId), assigned: false);
            _emulator.Store.CommitAll();
        }
    }

    public IReadOnlyList<string> RolesOf(Guid principalId) =>
        _principalRoles.TryGetValue(principalId, out var set) ? set.Order(StringComparer.Ordinal).ToArray() : [];

    private bool IsTeam(Guid principalId) => _emulator.Store.GetTable("team")?.Find(principalId) is { Deleted: false };

    /// <summary>The calling user with the roles that apply: own roles, and each owner team's roles for that team.</summary>
    public SecurityPrincipal Principal(Guid userId)
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
}

/// <summary>A role that applies to a user: directly (the user's business unit) or through an owner team (the team's).</summary>
internal sealed record RoleGrant(SecurityRole Role, Guid PrincipalId, bool ViaTeam, Guid BusinessUnitId);

/// <summary>The calling user as the checks see it.</summary>
internal sealed record SecurityPrincipal(Guid UserId, Guid BusinessUnitId, HashSet<Guid> Teams, List<RoleGrant> Grants, int RoleCount, int PrivilegeCount)
{
    /// <summary>Whether one of the user's roles holds the privilege at some depth.</summary>
    public bool Holds(string privilege) => Grants.Any(g => g.Role.DepthOf(privilege) != PrivilegeDepth.None);
}
