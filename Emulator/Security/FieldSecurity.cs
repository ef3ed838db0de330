using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Xml.Linq;

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
