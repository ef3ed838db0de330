using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Xml.Linq;

namespace AccountPlanXrm.Emulator.Security;

/// <summary>A security role: its privileges and the depth of each (immutable, shared between emulators).</summary>
public sealed class SecurityRole
{
    public SecurityRole(Guid id, string name, IReadOnlyDictionary<string, PrivilegeDepth> privileges, bool isAdministrator = false)
    {
        Id = id;
        Name = name;
        Privileges = privileges.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        IsAdministrator = isAdministrator;
    }

    /// <summary>The platform's System Administrator role id (the same in every organization).</summary>
    public static readonly Guid SystemAdministratorId = new("627090ff-40a3-4053-8790-584edc5be201");

    /// <summary>Every privilege at organization depth, like the platform's System Administrator role.</summary>
    public static SecurityRole SystemAdministrator { get; } = new(SystemAdministratorId, "System Administrator", new Dictionary<string, PrivilegeDepth>(), isAdministrator: true);

    public Guid Id { get; }

    public string Name { get; }

    /// <summary>Privilege name (case-insensitive) → depth. Privileges without access are absent.</summary>
    public IReadOnlyDictionary<string, PrivilegeDepth> Privileges { get; }

    /// <summary>True for System Administrator: every privilege at Global, whatever the tables are.</summary>
    public bool IsAdministrator { get; }

    public PrivilegeDepth DepthOf(string privilege) =>
        IsAdministrator ? PrivilegeDepth.Global : Privileges.TryGetValue(privilege, out var depth) ? depth : PrivilegeDepth.None;

    public int PrivilegeCount => Privileges.Count;

    /// <summary>Parses one unpacked role file (<c>Roles/&lt;name&gt;.xml</c>: <c>&lt;Role id= name=&gt;&lt;RolePrivileges&gt;&lt;RolePrivilege name= level=/&gt;</c>).</summary>
    public static SecurityRole Parse(XDocument document, string source)
    {
        var root = document.Root ?? throw new InvalidDataException($"{source}: empty role file.");
        if (root.Name.LocalName != "Role")
        {
            throw new InvalidDataException($"{source}: the root element is <{root.Name.LocalName}>, expected <Role>.");
        }

        var name = (string?)root.Attribute("name") ?? Path.GetFileNameWithoutExtension(source);
        var id = Guid.TryParse(((string?)root.Attribute("id"))?.Trim('{', '}'), out var parsed) ? parsed : Guid.Empty;
        var privileges = new Dictionary<string, PrivilegeDepth>(StringComparer.OrdinalIgnoreCase);
        foreach (var element in root.Descendants().Where(e => e.Name.LocalName == "RolePrivilege"))
        {
            var privilege = (string?)element.Attribute("name");
            if (string.IsNullOrEmpty(privilege))
            {
                continue;
            }

            var depth = ParseDepth((string?)element.Attribute("level"));
            if (!privileges.TryGetValue(privilege, out var existing) || existing < depth)
            {
                privileges[privilege] = depth;
            }
        }

        return new SecurityRole(id, name, privileges);
    }

    /// <summary>The depth names of the role XML (Basic, Local, Deep, Global); anything else is None.</summary>
    public static PrivilegeDepth ParseDepth(string? level) => level?.Trim() switch
    {
        "Basic" => PrivilegeDepth.Basic,
        "Local" => PrivilegeDepth.Local,
        "Deep" => PrivilegeDepth.Deep,
        "Global" => PrivilegeDepth.Global,
        _ => PrivilegeDepth.None,
    };
}

/// <summary>The roles of an unpacked solution (<c>Roles/*.xml</c>), parsed once per folder.</summary>
public static class RoleCatalog
{
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, SecurityRole>> Cache = new(StringComparer.Ordinal);

    /// <summary>Role name (case-insensitive) → role, for the solution folder (empty when it has no Roles folder).</summary>
    public static IReadOnlyDictionary<string, SecurityRole> Load(string? solutionFolder)
    {
        if (string.IsNullOrEmpty(solutionFolder))
        {
            return FrozenDictionary<string, SecurityRole>.Empty;
        }

        return Cache.GetOrAdd(Path.GetFullPath(solutionFolder), static folder =>
        {
            var roles = new Dictionary<string, SecurityRole>(StringComparer.OrdinalIgnoreCase);
            var directory = Path.Combine(folder, "Roles");
            if (Directory.Exists(directory))
            {
                foreach (var file in Directory.EnumerateFiles(directory, "*.xml").Order(StringComparer.Ordinal))
                {
                    var role = SecurityRole.Parse(XDocument.Load(file), file);
                    roles[role.Name] = role;
                }
            }

            return roles.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        });
    }
}
