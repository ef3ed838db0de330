namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// Root components of Other/Solution.xml: every component of the folder is one (<see cref="Rules.RootMissing"/>), and every
/// root component uses a documented type and, for the types the folder holds, refers to something in it
/// (<see cref="Rules.RootUnknown"/>; system tables the solution only extends are fine). Custom APIs have no root component.
/// </summary>
public sealed class RootComponentRule : ICheckRule
{
    private static readonly HashSet<string> DocumentedTypes = ["1", "9", "20", "60", "61", "62", "80", "91", "92", "95", "70", "29", "300", "380"];

    private static readonly HashSet<string> FolderTypes = ["1", "9", "20", "60", "61", "62", "70", "80", "91", "92"];

    public IReadOnlyList<string> Ids { get; } = [Rules.RootMissing, Rules.RootUnknown];

    public void Check(RuleContext context)
    {
        var manifest = context.Model.Solution?.Root?.Element("SolutionManifest");
        if (manifest is null)
        {
            return;
        }

        var file = SolutionLayout.SolutionFile;
        var roots = manifest.Element("RootComponents")?.Elements("RootComponent").ToList() ?? [];
        var declared = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var root in roots)
        {
            var type = root.Attr("type") ?? string.Empty;
            declared.Add(Key(root));
            if (!DocumentedTypes.Contains(type))
            {
                context.Report(file, root, Rules.RootUnknown, Severity.Error, $"root component type {type} is not a documented component type (custom APIs have no root component)");
            }
        }

        var expected = Expected(context.Model);
        foreach (var (key, what, sourceFile) in expected)
        {
            if (!declared.Contains(key))
            {
                context.Report(file, manifest.Element("RootComponents") ?? manifest, Rules.RootMissing, Severity.Error, $"{what} from {sourceFile} is not a root component");
            }
        }

        var expectedKeys = expected.Select(e => e.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var root in roots)
        {
            var type = root.Attr("type") ?? string.Empty;
            var systemTable = type == "1" && SystemTableBaseline.HasTable(root.Attr("schemaName") ?? string.Empty) && root.Attr("behavior") != "0";
            if (FolderTypes.Contains(type) && !expectedKeys.Contains(Key(root)) && !systemTable)
            {
                context.Report(file, root, Rules.RootUnknown, Severity.Error, $"root component type {type} '{root.Attr("schemaName") ?? root.Attr("id")}' is not in the folder");
            }
        }
    }

    private static string Key(XElement root) =>
        (root.Attr("type") ?? string.Empty) + "|" + (root.Attr("id") is { } id ? XmlFiles.NormalizeId(id) : root.Attr("schemaName") ?? string.Empty);

    /// <summary>The root component each component of the folder needs: key (type|id or type|name), description, file.</summary>
    private static List<(string Key, string What, string File)> Expected(SolutionModel model)
    {
        static string Id(string? id) => XmlFiles.NormalizeId(id ?? string.Empty);
        var expected = new List<(string Key, string What, string File)>();
        foreach (var entity in model.Entities.Values)
        {
            expected.Add(("1|" + entity.LogicalName, $"table '{entity.LogicalName}' (type 1)", entity.File));
        }

        foreach (var optionSet in model.OptionSets)
        {
            expected.Add(("9|" + optionSet.Element.Attr("Name"), $"choice '{optionSet.Element.Attr("Name")}' (type 9)", optionSet.File));
        }

        foreach (var role in model.Roles)
        {
            expected.Add(("20|" + Id(role.Element.Attr("id")), $"role '{role.Element.Attr("name")}' (type 20)", role.File));
        }

        foreach (var dashboard in model.Dashboards)
        {
            expected.Add(("60|" + Id(dashboard.Element.Text("FormId")), $"dashboard {dashboard.Element.Text("FormId")} (type 60)", dashboard.File));
        }

        foreach (var webResource in model.WebResources)
        {
            expected.Add(("61|" + webResource.Element.Text("Name"), $"web resource '{webResource.Element.Text("Name")}' (type 61)", webResource.File));
        }

        foreach (var siteMap in model.SiteMaps)
        {
            expected.Add(("62|" + siteMap.Element.Text("SiteMapUniqueName"), $"sitemap '{siteMap.Element.Text("SiteMapUniqueName")}' (type 62)", siteMap.File));
        }

        foreach (var app in model.AppModules)
        {
            expected.Add(("80|" + app.Element.Text("UniqueName"), $"app '{app.Element.Text("UniqueName")}' (type 80)", app.File));
        }

        foreach (var assembly in model.Assemblies)
        {
            expected.Add(("91|" + Id(assembly.Element.Attr("PluginAssemblyId")), $"plug-in assembly '{assembly.Element.Attr("FullName")}' (type 91)", assembly.File));
        }

        foreach (var profile in model.FieldSecurityProfiles)
        {
            expected.Add(("70|" + Id(profile.Element.Attr("fieldsecurityprofileid")), $"field security profile '{profile.Element.Attr("name")}' (type 70)", profile.File));
        }

        foreach (var step in model.Steps)
        {
            expected.Add(("92|" + Id(step.Element.Attr("SdkMessageProcessingStepId")), $"step '{step.Element.Attr("Name")}' (type 92)", step.File));
        }

        return expected;
    }
}
