using System.Text.RegularExpressions;

namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// Rule <see cref="Rules.DependencyUndeclared"/>: a component that refers to a table an app brings (not plain Dataverse)
/// needs the table in the target environment. Exports list such needs in <c>Other/Solution.xml</c>
/// <c>MissingDependencies</c> (<c>&lt;Required type="1" schemaName="…"&gt;</c>, real-export-facts §3); the platform
/// checks them before it imports anything, so an environment without the app fails early with a list instead of
/// half-way with a missing-table fault. A reference is fine when the solution carries the table's full definition or
/// declares it as required (a stub that only adds columns, <c>unmodified="1"</c>, does not bring the table); otherwise
/// each referring component gets a warning.
/// </summary>
public sealed class DependencyRule : ICheckRule
{
    /// <summary>Component type code of a table in <c>MissingDependency/Required@type</c> (facts §3).</summary>
    private const string TableComponentType = "1";

    /// <summary>Tables the checker knows as system tables that are not part of every Dataverse environment.</summary>
    public static readonly IReadOnlyDictionary<string, string> AppProvidedTables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["opportunity"] = "Dynamics 365 Sales",
        ["opportunityclose"] = "Dynamics 365 Sales",
    };

    /// <summary>Table logical names declared as required in <c>MissingDependencies</c>.</summary>
    public static IReadOnlySet<string> DeclaredTables(XDocument? solution) =>
        (solution?.Root?.Element("SolutionManifest")?.Element("MissingDependencies")?.Elements("MissingDependency") ?? [])
            .Select(d => d.Element("Required"))
            .Where(r => r?.Attr("type") == TableComponentType && !string.IsNullOrEmpty(r.Attr("schemaName")))
            .Select(r => r!.Attr("schemaName")!.ToLowerInvariant())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static readonly Regex PrivilegeName = new("^prv(?:Create|Read|Write|Delete|AppendTo|Append|Assign|Share)(?<table>[A-Za-z0-9_]+)$", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    public IReadOnlyList<string> Ids { get; } = [Rules.DependencyUndeclared];

    public void Check(RuleContext context)
    {
        var declared = DeclaredTables(context.Model.Solution);
        bool Missing(string? table) =>
            !string.IsNullOrEmpty(table) && AppProvidedTables.ContainsKey(table) && !declared.Contains(table)
            && !(context.Model.Entities.TryGetValue(table, out var carried) && !carried.IsStub);

        void Warn(string file, XObject node, string what, string table) =>
            context.Report(file, node, Rules.DependencyUndeclared, Severity.Warning,
                $"{what} refers to table '{table}' ({AppProvidedTables[table]}), which the solution neither carries nor declares in MissingDependencies");

        foreach (var relationship in context.Model.Relationships)
        {
            foreach (var side in new[] { "ReferencedEntityName", "ReferencingEntityName" })
            {
                var table = relationship.Element.Text(side)?.ToLowerInvariant();
                if (Missing(table))
                {
                    Warn(relationship.File, relationship.Element, $"relationship '{relationship.Element.Attr("Name")}'", table!);
                }
            }
        }

        foreach (var step in context.Model.Steps)
        {
            var table = step.Element.Text("PrimaryEntity")?.ToLowerInvariant();
            if (Missing(table))
            {
                Warn(step.File, step.Element, $"plug-in step '{step.Element.Attr("Name")}'", table!);
            }
        }

        foreach (var entity in context.Model.Entities.Values)
        {
            foreach (var view in entity.Views)
            {
                foreach (var link in view.Element.Descendants("link-entity"))
                {
                    var table = link.Attr("name")?.ToLowerInvariant();
                    if (Missing(table))
                    {
                        Warn(view.File, link, $"view of '{entity.LogicalName}'", table!);
                    }
                }
            }
        }

        foreach (var role in context.Model.Roles)
        {
            foreach (var privilege in role.Element.Descendants("RolePrivilege"))
            {
                var match = PrivilegeName.Match(privilege.Attr("name") ?? string.Empty);
                var table = match.Success ? match.Groups["table"].Value.ToLowerInvariant() : null;
                if (Missing(table))
                {
                    Warn(role.File, privilege, $"role privilege '{privilege.Attr("name")}'", table!);
                }
            }
        }

        foreach (var siteMap in context.Model.SiteMaps)
        {
            foreach (var subArea in siteMap.Element.Descendants("SubArea"))
            {
                var table = subArea.Attr("Entity")?.ToLowerInvariant();
                if (Missing(table))
                {
                    Warn(siteMap.File, subArea, $"site map area '{subArea.Attr("Id")}'", table!);
                }
            }
        }
    }
}
