namespace AccountPlanXrm.Emulator.Security;

/// <summary>
/// Column (field) security: which users and teams belong to the solution's field security profiles, what they may do
/// with a secured column, the create/update checks and the masking of unreadable columns in returned rows. Callers
/// hold the emulator's lock.
/// </summary>
internal sealed class ColumnSecurity(XrmEmulator emulator)
{
    private readonly Dictionary<string, HashSet<Guid>> _profileMembers = new(StringComparer.OrdinalIgnoreCase);
    private FieldSecurityCatalog? _catalog;

    /// <summary>The solution's secured columns and field security profiles (read when first needed).</summary>
    public FieldSecurityCatalog FieldSecurity => _catalog ??= FieldSecurityCatalog.Load(emulator.Solution.Folder);

    /// <summary>Adds users or teams to a field security profile of the solution (systemuserprofiles / teamprofiles).</summary>
    public void AddProfileMembers(string profileName, Guid[] principalIds)
    {
        if (!FieldSecurity.Profiles.ContainsKey(profileName))
        {
            throw new ArgumentException($"There is no field security profile named '{profileName}'. Known profiles: {string.Join(", ", FieldSecurity.Profiles.Keys.Order(StringComparer.Ordinal))}.", nameof(profileName));
        }

        if (!_profileMembers.TryGetValue(profileName, out var members))
        {
            _profileMembers[profileName] = members = [];
        }

        members.UnionWith(principalIds);
    }

    /// <summary>
    /// What the user may do with a secured column: System Administrators everything; others what the profiles they or
    /// their teams belong to grant (the union). Unsecured columns are always allowed.
    /// </summary>
    public FieldPermission ColumnAccess(SecurityPrincipal principal, string table, string column)
    {
        if (!FieldSecurity.IsSecured(table, column) || principal.Grants.Any(g => g.Role.IsAdministrator))
        {
            return new FieldPermission(table, column, true, true, true);
        }

        bool read = false, create = false, update = false;
        foreach (var (profileName, members) in _profileMembers)
        {
            if (!members.Contains(principal.UserId) && !principal.Teams.Overlaps(members))
            {
                continue;
            }

            foreach (var permission in FieldSecurity.Profiles[profileName].Permissions)
            {
                if (permission.Table == table && permission.Column == column)
                {
                    read |= permission.CanRead;
                    create |= permission.CanCreate;
                    update |= permission.CanUpdate;
                }
            }
        }

        return new FieldPermission(table, column, read, create, update);
    }

    /// <summary>Create/Update: every secured column the request writes needs the create/update permission.</summary>
    public void DemandColumns(SecurityPrincipal principal, string table, Entity target, bool create)
    {
        if (!FieldSecurity.Secured.TryGetValue(table, out var secured))
        {
            return;
        }

        foreach (var pair in target.Attributes)
        {
            if (!secured.Contains(pair.Key) || (create && pair.Value == null))
            {
                continue;
            }

            var access = ColumnAccess(principal, table, pair.Key);
            if (create && !access.CanCreate)
            {
                // The platform's text for 0x8004F502 (learn.microsoft.com, "Web service error codes").
                throw Faults.Create(EmulatorSecurity.SecuredFieldCreateErrorCode, "The user does not have create permissions to a secured field. The requested operation could not be completed.");
            }

            if (!create && !access.CanUpdate)
            {
                // The platform's text for 0x8004F507.
                throw Faults.Create(EmulatorSecurity.SecuredFieldUpdateErrorCode, "The user doesn't have AttributePrivilegeUpdate and not granted shared access for a secured attribute during update operation");
            }
        }
    }

    /// <summary>Retrieve/RetrieveMultiple: secured columns the caller may not read are left out of the returned rows.</summary>
    public void MaskColumns(SecurityPrincipal principal, OrganizationResponse response)
    {
        bool Hidden(string table, string column) =>
            FieldSecurity.IsSecured(table, column) && !ColumnAccess(principal, table, column).CanRead;

        void Mask(Entity? row)
        {
            if (row is null)
            {
                return;
            }

            // The row's own columns, and linked or aggregated ones (AliasedValue names the table and column they come from).
            var hidden = row.Attributes
                .Where(pair => pair.Value is AliasedValue aliased
                    ? Hidden(aliased.EntityLogicalName, aliased.AttributeLogicalName)
                    : row.LogicalName is { } table && Hidden(table, pair.Key))
                .Select(pair => pair.Key)
                .ToList();
            foreach (var column in hidden)
            {
                row.Attributes.Remove(column);
                row.FormattedValues.Remove(column);
            }
        }

        if (response.Results.TryGetValue("Entity", out var single))
        {
            Mask(single as Entity);
        }

        if (response.Results.TryGetValue("EntityCollection", out var many) && many is EntityCollection collection)
        {
            foreach (var row in collection.Entities)
            {
                Mask(row);
            }
        }
    }
}
