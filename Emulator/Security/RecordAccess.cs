namespace AccountPlanXrm.Emulator.Security;

/// <summary>
/// Record-based access: whether a principal's privilege depths (Basic = own and own teams' records, Local = the
/// business unit, Deep = the business unit and below, Global = all) or the principal-object-access (sharing) table
/// reach a record. Also the privilege names and object type codes of the tables. Callers hold the emulator's lock.
/// </summary>
internal sealed class RecordAccess
{
    // Object type codes of the baseline system tables (the platform's fixed values); custom tables get 10000 and up.
    private static readonly Dictionary<string, int> SystemTypeCodes = new(StringComparer.Ordinal)
    {
        ["account"] = 1, ["contact"] = 2, ["opportunity"] = 3, ["systemuser"] = 8, ["team"] = 9, ["businessunit"] = 10,
        ["teammembership"] = 23, ["role"] = 1036, ["organization"] = 1019, ["opportunityclose"] = 4208, ["task"] = 4212, ["transactioncurrency"] = 9105,
    };

    private readonly XrmEmulator _emulator;
    private readonly Dictionary<(string Table, Guid Id), Dictionary<Guid, AccessRights>> _shares = [];
    private readonly HashSet<string> _unsecuredTables;
    private readonly Dictionary<string, int> _typeCodes;
    private readonly Dictionary<(string Table, AccessRights Right), string> _privilegeNames = [];

    public RecordAccess(XrmEmulator emulator)
    {
        _emulator = emulator;

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

    internal enum Outcome
    {
        Granted,
        NoPrivilege,
        NoAccess,
    }

    public int ObjectTypeCode(string table) => _typeCodes.TryGetValue(table, out var code) ? code : 0;

    public bool IsSecured(TableMetadata table) => !_unsecuredTables.Contains(table.LogicalName);

    public string PrivilegeName(TableMetadata table, AccessRights right)
    {
        if (!_privilegeNames.TryGetValue((table.LogicalName, right), out var name))
        {
            name = PrivilegeNames.For(right, PrivilegeNames.TableToken(table.LogicalName, table.SchemaName, table.IsActivity));
            _privilegeNames[(table.LogicalName, right)] = name;
        }

        return name;
    }

    /// <summary>Whether the principal holds the table's privilege for the right at some depth.</summary>
    public bool HoldsPrivilege(SecurityPrincipal principal, TableMetadata table, AccessRights right) =>
        principal.Holds(PrivilegeName(table, right));

    public AccessRights SharedRights(string table, Guid id, Guid principalId) =>
        _shares.TryGetValue((table, id), out var entries) && entries.TryGetValue(principalId, out var rights) ? rights : AccessRights.None;

    /// <summary>Sets a principal's shared rights on a record (they replace; None revokes), undone on rollback when journaled.</summary>
    public void SetShare(string table, Guid id, Guid principal, AccessRights rights, bool journal)
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

    /// <summary>Privilege check then access check of one right on a stored (or prospective) record.</summary>
    public Outcome Evaluate(SecurityPrincipal principal, TableMetadata table, Entity record, AccessRights right)
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
    public Func<string, Entity, bool> ReadFilter(SecurityPrincipal principal)
    {
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
    private static (Guid? Owner, Guid? Unit) OwnerOf(TableMetadata table, Entity record)
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
}
