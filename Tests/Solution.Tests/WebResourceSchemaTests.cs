using System.Text.RegularExpressions;
using System.Xml.Linq;
using AccountPlanXrm.Solution.Tests.Support;

namespace AccountPlanXrm.Solution.Tests;

/// <summary>
/// The web resources' <c>shared/schema.ts</c> names the same tables, columns, choice values, tabs and controls as
/// <c>Solution/src</c>: a renamed column or a re-numbered status in the solution fails here, not in a browser.
/// </summary>
[TestClass]
public sealed partial class WebResourceSchemaTests
{
    private const string PlanForm = "Entities/apx_AccountPlan/FormXml/main";

    [GeneratedRegex("export const (?<name>[A-Z_]+) = \"(?<value>[^\"]+)\";")]
    private static partial Regex StringConstant();

    [GeneratedRegex(@"export const (?<name>\w+) = \{(?<body>[^}]*)\} as const;", RegexOptions.Singleline)]
    private static partial Regex ChoiceObject();

    [GeneratedRegex(@"(?<key>\w+): (?<value>\d+),")]
    private static partial Regex ChoiceEntry();

    [GeneratedRegex("\"(?<name>apx_[a-z0-9_]+)\"")]
    private static partial Regex ApxLiteral();

    [GeneratedRegex("\"(?<name>(?:tab|Subgrid|subgrid|WebResource)_[A-Za-z0-9_]+)\"")]
    private static partial Regex FormName();

    private static string Schema => File.ReadAllText(Path.Combine(Repository.FindRoot()!, "WebResources", "src", "shared", "schema.ts"));

    private static string Source => Repository.FindSolutionSource()!;

    private static Dictionary<string, XDocument> Tables() =>
        Directory.EnumerateFiles(Path.Combine(Source, "Entities"), "Entity.xml", SearchOption.AllDirectories)
            .Select(f => XDocument.Load(f))
            .ToDictionary(d => d.Root!.Element("Name")!.Value.ToLowerInvariant(), StringComparer.Ordinal);

    private static HashSet<string> Columns(XDocument table) =>
        table.Descendants("attribute").Select(a => (string?)a.Element("LogicalName") ?? string.Empty).ToHashSet(StringComparer.Ordinal);

    private static XElement MainPlanForm() =>
        XDocument.Load(Directory.EnumerateFiles(Path.Combine(Source, PlanForm), "*.xml").Single(f => !f.EndsWith("_managed.xml", StringComparison.Ordinal))).Root!;

    [TestMethod]
    public void TableConstants_NameTablesOfTheSolution()
    {
        var tables = Tables();

        var constants = StringConstant().Matches(Schema).Where(m => m.Groups["value"].Value.StartsWith("apx_", StringComparison.Ordinal) && !m.Groups["value"].Value.Contains('/')).ToList();

        Assert.IsNotEmpty(constants);
        foreach (var constant in constants)
        {
            Assert.IsTrue(tables.ContainsKey(constant.Groups["value"].Value), $"{constant.Groups["name"].Value} = {constant.Groups["value"].Value}");
        }
    }

    [TestMethod]
    public void ApxLiterals_AreTablesOrColumnsOfThePlanOrTemplate()
    {
        var tables = Tables();
        var known = new HashSet<string>(tables.Keys, StringComparer.Ordinal);
        known.UnionWith(Columns(tables["apx_accountplan"]));
        known.UnionWith(Columns(tables["apx_plantemplate"]));

        var unknown = ApxLiteral().Matches(Schema).Select(m => m.Groups["name"].Value).Where(n => !known.Contains(n)).Distinct().ToList();

        Assert.IsEmpty(unknown, string.Join(", ", unknown));
    }

    [TestMethod]
    [DataRow("PlanStatus", "apx_accountplan", "status")]
    [DataRow("MeasureStatus", "apx_planmeasure", "status")]
    [DataRow("DecisionStatus", "apx_plandecision", "status")]
    [DataRow("ReviewRating", "apx_planreview", "option")]
    public void ChoiceObjects_UseValuesTheTableDefines(string name, string table, string element)
    {
        var entity = Tables()[table];
        var values = entity.Descendants(element).Select(e => (string?)e.Attribute("value")).Where(v => v is not null).ToHashSet(StringComparer.Ordinal);
        var body = ChoiceObject().Matches(Schema).Single(m => m.Groups["name"].Value == name).Groups["body"].Value;

        var entries = ChoiceEntry().Matches(body).ToList();

        Assert.IsNotEmpty(entries, name);
        foreach (var entry in entries)
        {
            Assert.IsTrue(values.Contains(entry.Groups["value"].Value), $"{name}.{entry.Groups["key"].Value} = {entry.Groups["value"].Value} is not a {element} value of {table}");
        }
    }

    [TestMethod]
    public void FormNames_ExistOnThePlanForm()
    {
        var form = MainPlanForm();
        var names = form.Descendants("tab").Select(t => (string?)t.Attribute("name"))
            .Concat(form.Descendants("control").Select(c => (string?)c.Attribute("id")))
            .Where(n => n is not null).ToHashSet(StringComparer.Ordinal);

        var referenced = FormName().Matches(Schema).Select(m => m.Groups["name"].Value).Distinct().ToList();

        Assert.IsNotEmpty(referenced);
        foreach (var name in referenced.Where(n => !n.StartsWith("subgrid_", StringComparison.Ordinal)))
        {
            Assert.IsTrue(names.Contains(name), $"{name} is not a tab or control of the plan form");
        }
    }

    [TestMethod]
    public void WebResourceNames_AreWebResourcesOfTheSolution()
    {
        var names = Directory.EnumerateFiles(Path.Combine(Source, "WebResources"), "*.data.xml", SearchOption.AllDirectories)
            .Select(f => (string?)XDocument.Load(f).Root!.Element("Name")).ToHashSet(StringComparer.Ordinal);

        var referenced = StringConstant().Matches(Schema).Select(m => m.Groups["value"].Value).Where(v => v.StartsWith("apx_/", StringComparison.Ordinal)).ToList();

        Assert.IsNotEmpty(referenced);
        foreach (var name in referenced)
        {
            Assert.IsTrue(names.Contains(name), name);
        }
    }
}
