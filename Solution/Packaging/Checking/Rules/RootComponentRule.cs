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
        void Expect(IEnumerable<SourceElement> components, string type, Func<XElement, string?> key, Func<XElement, string> what)
        {
            foreach (var component in components)
            {
                expected.Add((type + "|" + key(component.Element), $"{what(component.Element)} (type {type})", component.File));
            }
        }

        foreach (var entity in model.Entities.Values)
        {
            expected.Add(("1|" + entity.LogicalName, $"table '{entity.LogicalName}' (type 1)", entity.File));
        }

        Expect(model.OptionSets, "9", o => o.Attr("Name"), o => $"choice '{o.Attr("Name")}'");
        Expect(model.Roles, "20", r => Id(r.Attr("id")), r => $"role '{r.Attr("name")}'");
        Expect(model.Dashboards, "60", d => Id(d.Text("FormId")), d => $"dashboard {d.Text("FormId")}");
        Expect(model.WebResources, "61", w => w.Text("Name"), w => $"web resource '{w.Text("Name")}'");
        Expect(model.SiteMaps, "62", m => m.Text("SiteMapUniqueName"), m => $"sitemap '{m.Text("SiteMapUniqueName")}'");
        Expect(model.AppModules, "80", a => a.Text("UniqueName"), a => $"app '{a.Text("UniqueName")}'");
        Expect(model.Assemblies, "91", a => Id(a.Attr("PluginAssemblyId")), a => $"plug-in assembly '{a.Attr("FullName")}'");
        Expect(model.FieldSecurityProfiles, "70", p => Id(p.Attr("fieldsecurityprofileid")), p => $"field security profile '{p.Attr("name")}'");
        Expect(model.Steps, "92", s => Id(s.Attr("SdkMessageProcessingStepId")), s => $"step '{s.Attr("Name")}'");
        return expected;
    }
}
