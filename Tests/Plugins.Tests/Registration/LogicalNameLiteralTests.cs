using System.Text.RegularExpressions;
using AccountPlanXrm.Emulator;

namespace AccountPlanXrm.Plugins.Tests.Registration;

/// <summary>
/// Logical names live in <c>Plugins/Model</c> (Schema.cs, ApiRows.cs) only: no other source of the plug-in assembly (texts in
/// <c>Plugins/Resources</c> aside) spells a table or column name in a string literal, in FetchXML text or otherwise.
/// </summary>
[TestClass]
public sealed partial class LogicalNameLiteralTests
{
    [TestMethod]
    public void PluginSources_OutsideModelAndResources_NoLogicalNameLiterals()
    {
        // Arrange
        var root = Repository.Root;
        var plugins = Path.Combine(root, "Plugins");
        var names = LogicalNames();
        var files = Directory.EnumerateFiles(plugins, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsExcluded(Path.GetRelativePath(plugins, f).Replace('\\', '/')))
            .ToList();

        // Act
        var findings = files
            .SelectMany(f => Find(File.ReadAllText(f), names).Select(hit => $"{Path.GetRelativePath(root, f)}: \"{hit}\""))
            .ToList();

        // Assert
        Assert.IsGreaterThan(10, files.Count, "the plug-in sources were not found");
        Assert.IsEmpty(findings, "Logical names outside Plugins/Model:\n" + string.Join("\n", findings));
    }

    [TestMethod]
    [DataRow("var q = new QueryExpression(\"opportunity\");", "opportunity")]
    [DataRow("row[\"apx_rank\"] = 1;", "apx_rank")]
    [DataRow("var x = \"<condition attribute=\\\"statecode\\\" operator=\\\"eq\\\" />\";", "statecode")]
    [DataRow("var v = @\"<entity name=\"\"account\"\">\";", "account")]
    public void Find_LiteralNamingATableOrColumn_Reported(string source, string expected)
    {
        // Arrange
        var names = new HashSet<string>(StringComparer.Ordinal) { "opportunity", "account", "statecode" };

        // Act
        var hits = Find(source, names).ToList();

        // Assert
        CollectionAssert.Contains(hits, expected);
    }

    [TestMethod]
    public void Find_NamesOnlyInCommentsOrAliases_NothingReported()
    {
        // Arrange
        var names = new HashSet<string>(StringComparer.Ordinal) { "opportunity" };
        var source = "/// the \"opportunity\" table\n// \"opportunity\"\nvar alias = \"won\"; var c = '\"';";

        // Act
        var hits = Find(source, names).ToList();

        // Assert
        Assert.IsEmpty(hits);
    }

    private static bool IsExcluded(string relative) =>
        relative.StartsWith("Model/", StringComparison.Ordinal) || relative.StartsWith("Resources/", StringComparison.Ordinal)
        || relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal);

    /// <summary>Every table and column logical name of the solution and the platform tables it uses.</summary>
    private static HashSet<string> LogicalNames()
    {
        var metadata = SolutionDefinition.Load(Repository.SolutionSource).Metadata;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in metadata.Tables)
        {
            names.Add(table.LogicalName);
            names.UnionWith(table.Columns.Keys);
        }

        return names;
    }

    /// <summary>The logical names the string literals of a C# source spell (whole literal, or a name in XML text).</summary>
    private static IEnumerable<string> Find(string source, ISet<string> names)
    {
        foreach (var literal in SourceText.Literals(source))
        {
            if (IsName(literal, names))
            {
                yield return literal;
            }

            foreach (Match match in XmlName().Matches(literal))
            {
                if (IsName(match.Groups[1].Value, names))
                {
                    yield return match.Groups[1].Value;
                }
            }
        }
    }

    private static bool IsName(string text, ISet<string> names) =>
        LogicalName().IsMatch(text) && (names.Contains(text) || text.StartsWith("apx_", StringComparison.Ordinal));

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex LogicalName();

    [GeneratedRegex("(?:name|attribute|from|to|alias)=\"([a-z][a-z0-9_]*)\"")]
    private static partial Regex XmlName();
}
