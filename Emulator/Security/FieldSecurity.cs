using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.ServiceModel;
using System.Xml.Linq;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Emulator.Security;

/// <summary>What one field security profile grants on one secured column (FieldPermission: 4 = allowed, 0 = not).</summary>
public sealed record FieldPermission(string Table, string Column, bool CanRead, bool CanCreate, bool CanUpdate);

/// <summary>A field security profile of the solution (<c>Other/FieldSecurityProfiles.xml</c>).</summary>
public sealed record FieldSecurityProfile(Guid Id, string Name, IReadOnlyList<FieldPermission> Permissions);

/// <summary>
/// Column (field) security as the solution declares it: the secured columns (<c>&lt;IsSecured&gt;1</c> in
/// <c>Entities/*/Entity.xml</c>) and the field security profiles of <c>Other/FieldSecurityProfiles.xml</c>
/// (<c>&lt;FieldSecurityProfile name= fieldsecurityprofileid=&gt;&lt;FieldPermissions&gt;&lt;FieldPermission&gt;</c> with
/// <c>EntityName</c>, <c>AttributeName</c>, <c>CanRead</c>, <c>CanCreate</c>, <c>CanUpdate</c>). Parsed once per folder.
/// </summary>
public sealed class FieldSecurityCatalog
{
    private static readonly ConcurrentDictionary<string, FieldSecurityCatalog> Cache = new(StringComparer.Ordinal);

    private FieldSecurityCatalog(IReadOnlyDictionary<string, FrozenSet<string>> secured, IReadOnlyDictionary<string, FieldSecurityProfile> profiles)
    {
        Secured = secured;
        Profiles = profiles;
    }

    public static FieldSecurityCatalog Empty { get; } = new(FrozenDictionary<string, FrozenSet<string>>.Empty, FrozenDictionary<string, FieldSecurityProfile>.Empty);

    /// <summary>Table → its secured columns.</summary>
    public IReadOnlyDictionary<string, FrozenSet<string>> Secured { get; }

    /// <summary>Profile name (case-insensitive) → profile.</summary>
    public IReadOnlyDictionary<string, FieldSecurityProfile> Profiles { get; }

    public bool IsSecured(string table, string column) => Secured.TryGetValue(table, out var columns) && columns.Contains(column);

    public static FieldSecurityCatalog Load(string? solutionFolder) =>
        string.IsNullOrEmpty(solutionFolder) ? Empty : Cache.GetOrAdd(Path.GetFullPath(solutionFolder), Read);

    private static FieldSecurityCatalog Read(string folder)
    {
        var secured = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var entities = Path.Combine(folder, "Entities");
        if (Directory.Exists(entities))
        {
            foreach (var file in Directory.EnumerateFiles(entities, "Entity.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var root = XDocument.Load(file).Root;
                var table = root?.Descendants("entity").FirstOrDefault()?.Attribute("Name")?.Value?.ToLowerInvariant();
                if (root == null || table == null)
                {
                    continue;
                }

                foreach (var attribute in root.Descendants("attribute"))
                {
                    if (attribute.Element("IsSecured")?.Value.Trim() == "1" && attribute.Element("LogicalName")?.Value is { Length: > 0 } column)
                    {
                        if (!secured.TryGetValue(table, out var set))
                        {
                            secured[table] = set = new HashSet<string>(StringComparer.Ordinal);
                        }

                        set.Add(column.ToLowerInvariant());
                    }
                }
            }
        }

        var profiles = new Dictionary<string, FieldSecurityProfile>(StringComparer.OrdinalIgnoreCase);
        var profileFile = Path.Combine(folder, "Other", "FieldSecurityProfiles.xml");
        if (File.Exists(profileFile))
        {
            foreach (var profile in XDocument.Load(profileFile).Root?.Elements("FieldSecurityProfile") ?? [])
            {
                var name = profile.Attribute("name")?.Value ?? string.Empty;
                var id = Guid.TryParse(profile.Attribute("fieldsecurityprofileid")?.Value.Trim('{', '}'), out var parsed) ? parsed : Guid.Empty;
                var permissions = profile.Descendants("FieldPermission").Select(p => new FieldPermission(
                    (p.Element("EntityName")?.Value ?? string.Empty).Trim().ToLowerInvariant(),
                    (p.Element("AttributeName")?.Value ?? string.Empty).Trim().ToLowerInvariant(),
                    Allowed(p, "CanRead"), Allowed(p, "CanCreate"), Allowed(p, "CanUpdate"))).ToArray();
                profiles[name] = new FieldSecurityProfile(id, name, permissions);
            }
        }

        return new FieldSecurityCatalog(
            secured.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal),
            profiles.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
    }

    // FieldPermission CanRead/CanCreate/CanUpdate: 4 = allowed, 0 = not allowed (the FieldPermission table's choices).
    private static bool Allowed(XElement permission, string element) =>
        int.TryParse(permission.Element(element)?.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value == 4;
}

/// <summary>Column security of the emulator: profile membership and the checks the platform applies to secured columns.</summary>
public sealed partial class EmulatorSecurity
{
    /// <summary>0x8004F502 AttributePrivilegeCreateIsMissing.</summary>
    public const int SecuredFieldCreateErrorCode = -2147158782;

    /// <summary>0x8004F507 AttributePermissionUpdateIsMissingDuringUpdate.</summary>
    public const int SecuredFieldUpdateErrorCode = -2147158777;

    private readonly Dictionary<string, HashSet<Guid>> _profileMembers = new(StringComparer.OrdinalIgnoreCase);
    private FieldSecurityCatalog? _fieldSecurity;

    /// <summary>The solution's secured columns and field security profiles.</summary>
    public FieldSecurityCatalog FieldSecurity => _fieldSecurity ??= FieldSecurityCatalog.Load(_emulator.Solution.Folder);

    /// <summary>Adds users or teams to a field security profile of the solution (systemuserprofiles / teamprofiles).</summary>
    public void AddFieldSecurityProfileMembers(string profileName, params Guid[] principalIds)
    {
        lock (_emulator.SyncRoot)
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
    }

    /// <summary>
    /// What the user may do with a secured column: System Administrators everything; others what the profiles they or
    /// their teams belong to grant (the union). Unsecured columns are always allowed.
    /// </summary>
    public FieldPermission ColumnAccess(Guid userId, string table, string column)
    {
        lock (_emulator.SyncRoot)
        {
            return ColumnAccess(Principal(userId), table, column);
        }
    }

    internal FieldPermission ColumnAccess(SecurityPrincipal principal, string table, string column)
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
    private void DemandColumns(SecurityPrincipal principal, string table, Entity target, bool create)
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
                throw Faults.Create(SecuredFieldCreateErrorCode, "The user does not have create permissions to a secured field. The requested operation could not be completed.");
            }

            if (!create && !access.CanUpdate)
            {
                // The platform's text for 0x8004F507.
                throw Faults.Create(SecuredFieldUpdateErrorCode, "The user doesn't have AttributePrivilegeUpdate and not granted shared access for a secured attribute during update operation");
            }
        }
    }

    /// <summary>Retrieve/RetrieveMultiple: secured columns the caller may not read are left out of the returned rows.</summary>
    internal void MaskColumns(Guid userId, OrganizationResponse response)
    {
        if (FieldSecurity.Secured.Count == 0)
        {
            return;
        }

        var principal = Principal(userId);
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
