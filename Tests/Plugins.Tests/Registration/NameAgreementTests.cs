using System.Text.RegularExpressions;
using System.Xml.Linq;
using AccountPlanXrm.Plugins.Model;
using AccountPlanXrm.Plugins.Resources;

namespace AccountPlanXrm.Plugins.Tests.Registration;

/// <summary>
/// One thing, one name: the plug-ins' messages (Plugins/Resources/Messages.cs) and the web resources' strings
/// (WebResources/src/shared/i18n.ts) call sections, columns, statuses, choices and tables by the labels the solution
/// gives them in Solution/src (English 1033 and German 1031): the form's tabs, the columns' display names, the option
/// and status labels, the tables' display names.
/// </summary>
[TestClass]
public sealed partial class NameAgreementTests
{
    private static readonly Lazy<SolutionLabels> Labels = new(() => SolutionLabels.Read(Repository.SolutionSource));
    private static readonly Lazy<string> I18n = new(() =>
        File.ReadAllText(Repository.PathOf("WebResources", "src", "shared", "i18n.ts")));

    private static readonly (PlanSection Section, string Tab, string Key)[] Sections =
    {
        (PlanSection.Analysis, "tab_analysis", "analysis"),
        (PlanSection.Position, "tab_position", "position"),
        (PlanSection.Goals, "tab_goals", "goals"),
        (PlanSection.Measures, "tab_measures", "measures"),
        (PlanSection.Stakeholders, "tab_stakeholders", "stakeholders"),
        (PlanSection.Summary, "tab_summary", "summary"),
    };

    /// <summary>The choice maps of i18n.ts and the column whose labels they repeat.</summary>
    private static readonly (string Map, string Table, string Column)[] ChoiceMaps =
    {
        ("planStatus", Plan.EntityName, Plan.StatusCode),
        ("measureStatus", Measure.EntityName, Measure.StatusCode),
        ("decisionStatus", Decision.EntityName, Decision.StatusCode),
        ("decisionType", Decision.EntityName, Decision.DecisionType),
        ("rating", Review.EntityName, "apx_rating"),
        ("side", Stakeholder.EntityName, Stakeholder.Side),
        ("influence", Stakeholder.EntityName, Stakeholder.Influence),
        ("attitude", Stakeholder.EntityName, Stakeholder.Attitude),
        ("channel", Stakeholder.EntityName, Stakeholder.Channel),
        ("frequency", Stakeholder.EntityName, Stakeholder.Frequency),
        ("selectionReason", Plan.EntityName, Plan.SelectionReason),
    };

    [TestMethod]
    public void MessagesSectionName_EverySection_EqualsFormTabLabel()
    {
        var differences = new List<string>();
        foreach (var (section, tab, _) in Sections)
        {
            foreach (var language in Languages)
            {
                Compare(differences, $"SectionName({section}) {language}", Labels.Value.Tab(tab, language), Messages(language).SectionName(section));
            }
        }

        Assert.IsEmpty(differences, string.Join("\n", differences));
    }

    [TestMethod]
    public void MessagesColumnLabel_EveryLabelledColumn_EqualsDisplayName()
    {
        var differences = new List<string>();
        var checkedColumns = 0;
        var seen = new HashSet<string>();
        foreach (var table in new[] { Plan.EntityName, Measure.EntityName, Decision.EntityName })
        {
            foreach (var column in Labels.Value.Columns(table).Where(c => Messages(1033).ColumnLabel(c) != c && seen.Add(c)))
            {
                checkedColumns++;
                foreach (var language in Languages)
                {
                    Compare(differences, $"ColumnLabel({column}) {language}", WithoutUnit(Labels.Value.Column(table, column, language)), Messages(language).ColumnLabel(column));
                }
            }
        }

        Assert.IsGreaterThan(20, checkedColumns, "the labelled columns were not found");
        Assert.IsEmpty(differences, string.Join("\n", differences));
    }

    [TestMethod]
    public void MessagesPlanStatusAndDecisionType_EveryValue_EqualsOptionLabel()
    {
        var differences = new List<string>();
        foreach (var language in Languages)
        {
            foreach (var (value, label) in Labels.Value.Options(Plan.EntityName, Plan.StatusCode, language))
            {
                Compare(differences, $"PlanStatus({value}) {language}", label, Messages(language).PlanStatus(value));
            }

            foreach (var (value, label) in Labels.Value.Options(Decision.EntityName, Decision.DecisionType, language))
            {
                Compare(differences, $"DecisionTypeLabel({value}) {language}", label, Messages(language).DecisionTypeLabel(value));
            }
        }

        Assert.IsEmpty(differences, string.Join("\n", differences));
    }

    [TestMethod]
    public void I18nSectionsColumnsAndChoices_BothLanguages_EqualSolutionLabels()
    {
        var differences = new List<string>();
        foreach (var language in Languages)
        {
            var strings = I18nObject(language);
            var sections = Map(strings, "sections");
            foreach (var (_, tab, key) in Sections)
            {
                Compare(differences, $"i18n {language} sections.{key}", Labels.Value.Tab(tab, language), sections.GetValueOrDefault(key));
            }

            foreach (var (column, text) in Map(strings, "columns"))
            {
                Compare(differences, $"i18n {language} columns.{column}", WithoutUnit(Labels.Value.Column(Plan.EntityName, column, language)), text);
            }

            foreach (var (name, table, column) in ChoiceMaps)
            {
                var map = Map(strings, name);
                var options = Labels.Value.Options(table, column, language).ToList();
                Assert.IsNotEmpty(options, $"{table}.{column} has no options");
                foreach (var (value, label) in options)
                {
                    Compare(differences, $"i18n {language} {name}[{value}]", label, map.GetValueOrDefault(value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
        }

        Assert.IsEmpty(differences, string.Join("\n", differences));
    }

    [TestMethod]
    public void MessagesAndI18nTexts_TableNames_SpelledAsTheTableDisplayNames()
    {
        // A table named in a text is written as its display name in the text's language: the same letters, at most
        // the case differs (an English sentence writes "account plan"), never a variant such as "Account-Plan" for
        // "Accountplan". Role names (not localized) are names of their own.
        var findings = new List<string>();
        var count = 0;
        foreach (var language in Languages)
        {
            var texts = MessageTexts(language).Concat(SourceText.Literals(I18nObject(language)))
                .Select(text => SecurityRoles.CommitteeEditors.Aggregate(text, (t, role) => t.Replace(role, "…", StringComparison.Ordinal)))
                .Distinct()
                .ToList();
            count += texts.Count;
            findings.AddRange(texts.SelectMany(text => NearMisses(text, Labels.Value.TableNames(language))));
        }

        Assert.IsGreaterThan(200, count, "the texts were not found");
        Assert.IsEmpty(findings, string.Join("\n", findings.Distinct()));
    }

    /// <summary>Every text <see cref="Resources.Messages"/> composes in a language, for a spread of arguments (every status, table, section).</summary>
    private static IEnumerable<string> MessageTexts(int language)
    {
        var candidates = new Dictionary<Type, object[]>
        {
            [typeof(string)] = new object[] { "X", Measure.EntityName, Stakeholder.EntityName, Decision.EntityName, Review.EntityName },
            [typeof(int)] = new object[] { 1, 2, 726000000, 726000001, 726000002 },
            [typeof(decimal)] = new object[] { 1m },
            [typeof(DateTime)] = new object[] { new DateTime(2027, 1, 1) },
            [typeof(PlanSection)] = Enum.GetValues<PlanSection>().Cast<object>().ToArray(),
        };
        var messages = Messages(language);
        foreach (var method in typeof(Messages).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
                     .Where(m => m.ReturnType == typeof(string) && m.DeclaringType == typeof(Messages)))
        {
            var parameters = method.GetParameters();
            if (parameters.Any(p => !candidates.ContainsKey(p.ParameterType)))
            {
                continue;
            }

            IEnumerable<object[]> calls = [[]];
            foreach (var parameter in parameters)
            {
                // Tables matter for the first text argument only (ChildCount); every other text is a placeholder.
                var values = parameter.ParameterType == typeof(string) && parameter.Position > 0 ? ["X"] : candidates[parameter.ParameterType];
                calls = calls.SelectMany(call => values.Select(value => call.Append(value).ToArray()));
            }

            foreach (var call in calls)
            {
                yield return (string)method.Invoke(messages, call)!;
            }
        }
    }

    [TestMethod]
    [DataRow("Review des Account-Plans", "Accountplan", "Account-Plans")]
    [DataRow("the Plan measure", "Planmaßnahme", null)]
    [DataRow("Ein Plan Maßnahme", "Planmaßnahme", "Plan Maßnahme")]
    [DataRow("An account plan needs", "Account Plan", null)]
    public void NearMisses_VariantOfAName_Reported(string text, string name, string? expected)
    {
        var findings = NearMisses(text, [name]).ToList();

        if (expected == null)
        {
            Assert.IsEmpty(findings);
        }
        else
        {
            Assert.HasCount(1, findings);
            StringAssert.StartsWith(findings[0], $"\"{expected}\"");
        }
    }

    private static readonly int[] Languages = { 1033, 1031 };

    private static Messages Messages(int language) => new(language);

    private static void Compare(List<string> differences, string what, string? solution, string? text)
    {
        if (!string.Equals(solution, text, StringComparison.Ordinal))
        {
            differences.Add($"{what}: \"{text}\", the solution says \"{solution}\"");
        }
    }

    /// <summary>A display name without a trailing percent unit ("Margin target (%)" names the column "Margin target"; "Won revenue (exact sum)" keeps its qualifier).</summary>
    private static string? WithoutUnit(string? label) => label == null ? null : UnitSuffix().Replace(label, string.Empty);

    /// <summary>The object literal of one language in i18n.ts (<c>const en: Strings = { ... };</c>).</summary>
    private static string I18nObject(int language)
    {
        var name = language == 1031 ? "de" : "en";
        var start = I18n.Value.IndexOf($"const {name}: Strings = {{", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, start, $"i18n.ts has no {name} strings");
        var end = I18n.Value.IndexOf("\n};", start, StringComparison.Ordinal);
        return I18n.Value.Substring(start, end - start);
    }

    /// <summary>The string entries of one nested object literal (<c>name: { key: "text", ... }</c>).</summary>
    private static Dictionary<string, string> Map(string strings, string name)
    {
        var match = Regex.Match(strings, @"\n  " + name + @": \{(?<body>[^{}]*)\}");
        Assert.IsTrue(match.Success, $"i18n.ts has no map {name}");
        return Entry().Matches(match.Groups["body"].Value).ToDictionary(m => m.Groups[1].Value, m => Regex.Unescape(m.Groups[2].Value));
    }

    /// <summary>Word runs (1 to 3 words joined by a space or a hyphen) that spell a name with other separators.</summary>
    private static IEnumerable<string> NearMisses(string text, IEnumerable<string> names)
    {
        var words = Word().Matches(text).ToList();
        foreach (var name in names)
        {
            var key = Normalize(name);
            for (var i = 0; i < words.Count; i++)
            {
                for (var n = 1; n <= 3 && i + n <= words.Count; n++)
                {
                    var first = words[i];
                    var last = words[i + n - 1];
                    var run = text.Substring(first.Index, last.Index + last.Length - first.Index);
                    if (run.Any(c => !char.IsLetterOrDigit(c) && c != ' ' && c != '-'))
                    {
                        break;
                    }

                    // The name, or the name with an -s ending (plural, German genitive: "des Accountplans").
                    var normalized = Normalize(run);
                    var ending = normalized == key ? string.Empty : normalized == key + "s" ? "s" : null;
                    if (ending != null && !string.Equals(run, name + ending, StringComparison.OrdinalIgnoreCase))
                    {
                        yield return $"\"{run}\" in \"{text}\": the table is \"{name}\"";
                    }
                }
            }
        }
    }

    private static string Normalize(string text) => new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    [GeneratedRegex(@"\s*\(%\)$")]
    private static partial Regex UnitSuffix();

    [GeneratedRegex(@"(\w+): ""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Entry();

    [GeneratedRegex(@"[\p{L}\p{N}_]+")]
    private static partial Regex Word();

    /// <summary>The labels of the solution's tables, columns, options and main form tabs (Solution/src).</summary>
    private sealed class SolutionLabels
    {
        private readonly Dictionary<string, XElement> tables = new();
        private readonly Dictionary<(string Tab, int Language), string> tabs = new();

        private readonly Dictionary<int, List<string>> tableNames = new() { [1033] = new(), [1031] = new() };

        /// <summary>The display names (singular and plural) of the solution's own tables in a language.</summary>
        public IReadOnlyList<string> TableNames(int language) => tableNames[language];

        public static SolutionLabels Read(string folder)
        {
            var labels = new SolutionLabels();
            foreach (var file in Directory.EnumerateFiles(Path.Combine(folder, "Entities"), "Entity.xml", SearchOption.AllDirectories))
            {
                var root = XDocument.Load(file).Root!;
                var entity = root.Descendants("entity").First();
                var name = ((string)entity.Attribute("Name")!).ToLowerInvariant();
                labels.tables[name] = entity;
                if (name.StartsWith("apx_", StringComparison.Ordinal))
                {
                    foreach (var label in root.Descendants().Where(e => e.Name == "LocalizedName" || e.Name == "LocalizedCollectionName"))
                    {
                        labels.tableNames[(int)label.Attribute("languagecode")!].Add((string)label.Attribute("description")!);
                    }
                }

                var forms = Path.Combine(Path.GetDirectoryName(file)!, "FormXml", "main");
                foreach (var form in name == Plan.EntityName ? Directory.EnumerateFiles(forms, "*.xml") : [])
                {
                    foreach (var tab in XDocument.Load(form).Descendants("tab"))
                    {
                        foreach (var label in tab.Element("labels")?.Elements("label") ?? [])
                        {
                            labels.tabs[((string)tab.Attribute("name")!, (int)label.Attribute("languagecode")!)] = (string)label.Attribute("description")!;
                        }
                    }
                }
            }

            return labels;
        }

        public string? Tab(string name, int language) => tabs.GetValueOrDefault((name, language));

        public IEnumerable<string> Columns(string table) =>
            Attributes(table).Select(a => (string)a.Element("LogicalName")!);

        public string? Column(string table, string column, int language) =>
            Label(Attribute(table, column)?.Element("displaynames")?.Elements("displayname"), language);

        /// <summary>The options (or statuses) of a choice column with their label in the language.</summary>
        public IEnumerable<(int Value, string? Label)> Options(string table, string column, int language) =>
            (Attribute(table, column)?.Descendants().Where(e => e.Name == "option" || e.Name == "status") ?? [])
                .Select(o => ((int)o.Attribute("value")!, Label(o.Element("labels")?.Elements("label"), language)));

        private IEnumerable<XElement> Attributes(string table) =>
            tables.TryGetValue(table, out var entity) ? entity.Descendants("attribute").Where(a => a.Element("LogicalName") != null) : [];

        private XElement? Attribute(string table, string column) =>
            Attributes(table).FirstOrDefault(a => (string)a.Element("LogicalName")! == column);

        private static string? Label(IEnumerable<XElement>? labels, int language) =>
            labels?.FirstOrDefault(l => (int)l.Attribute("languagecode")! == language)?.Attribute("description")?.Value;
    }
}
