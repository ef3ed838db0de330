using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>Inputs of <see cref="SolutionChecker.Check"/>.</summary>
public sealed class CheckOptions
{
    /// <summary>The unpacked solution folder (Solution/src).</summary>
    public required string SourceFolder { get; init; }

    /// <summary>Folder with the Dataverse XSDs; null searches ../shared/schemas/dataverse above the folder.</summary>
    public string? SchemaFolder { get; init; }

    /// <summary>
    /// Languages every label collection must carry (the first is an error when missing, the others warnings). Null: English
    /// and German for our solution (house rule), the solution's base language for any other.
    /// </summary>
    public IReadOnlyList<int>? Languages { get; init; }

    /// <summary>
    /// Whether the house rules apply (publisher prefix, German labels, role coverage of our forms); null decides by the
    /// solution: ours (see <see cref="SolutionChecker.IsHouseSolution"/>) gets them, any other solution platform rules only.
    /// </summary>
    public bool? HouseRules { get; init; }
}

/// <summary>Result of a check: the findings in file/line order plus notes such as a skipped schema validation.</summary>
public sealed class CheckResult
{
    public required IReadOnlyList<Finding> Findings { get; init; }

    public required IReadOnlyList<string> Notes { get; init; }

    public required int FilesChecked { get; init; }

    /// <summary>Whether the house rules were applied (our solution, or asked for).</summary>
    public bool HouseRules { get; init; }

    public int Errors => Findings.Count(f => f.Severity == Severity.Error);

    public int Warnings => Findings.Count(f => f.Severity == Severity.Warning);
}

/// <summary>
/// Offline solution checker over the unpacked folder: references from forms, views, charts, steps and images to columns,
/// choice prefixes, unique ids, step registration rules, labels in every language, web resource names, form handlers,
/// root components and XSD structure. Rule ids follow the Power Apps checker where it has one.
/// </summary>
public static partial class SolutionChecker
{
    /// <summary>Well-known SDK message ids (identical in every organization).</summary>
    public static readonly IReadOnlyDictionary<string, string> WellKnownMessages = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["9ebdbb1b-ea3e-db11-86a7-000a3a5473e8"] = "Create",
        ["20bebb1b-ea3e-db11-86a7-000a3a5473e8"] = "Update",
        ["a1bdbb1b-ea3e-db11-86a7-000a3a5473e8"] = "Delete",
        ["8cbdbb1b-ea3e-db11-86a7-000a3a5473e8"] = "Assign",
        ["f2bdbb1b-ea3e-db11-86a7-000a3a5473e8"] = "Retrieve",
        ["03bebb1b-ea3e-db11-86a7-000a3a5473e8"] = "RetrieveMultiple",
        ["1cbebb1b-ea3e-db11-86a7-000a3a5473e8"] = "SetState",
        ["1dbebb1b-ea3e-db11-86a7-000a3a5473e8"] = "SetStateDynamicEntity",
        ["dbbdbb1b-ea3e-db11-86a7-000a3a5473e8"] = "Merge",
        ["c5bdbb1b-ea3e-db11-86a7-000a3a5473e8"] = "GrantAccess",
    };

    private const string SubgridClassId = "e7a81278-8635-4d9e-8d4d-59480b391c5b";
    private const string WebResourceClassId = "9fdf5f91-88b1-47f4-ad53-c11efc01a01d";

    private static readonly Dictionary<int, string[]> WebResourceExtensions = new()
    {
        [1] = [".htm", ".html"], [2] = [".css"], [3] = [".js"], [4] = [".xml"], [5] = [".png"], [6] = [".jpg", ".jpeg"],
        [7] = [".gif"], [8] = [".xap"], [9] = [".xsl", ".xslt"], [10] = [".ico"], [11] = [".svg"], [12] = [".resx"],
    };

    private static readonly string[] LabelElements = ["LocalizedName", "LocalizedCollectionName", "Description", "displayname", "label", "Title"];

    public static CheckResult Check(CheckOptions options)
    {
        var findings = new List<Finding>();
        var notes = new List<string>();
        if (!Directory.Exists(options.SourceFolder))
        {
            throw new SolutionFileException(options.SourceFolder, 0, "solution source folder not found");
        }

        var tree = new SourceTree(options.SourceFolder);
        var model = SolutionModel.Load(tree);
        foreach (var required in new[] { SolutionLayout.SolutionFile, SolutionLayout.CustomizationsFile })
        {
            if (!tree.FileExists(required))
            {
                findings.Add(new Finding(required, 0, Rules.MissingFile, Severity.Error, "required file is missing"));
            }
        }

        var house = options.HouseRules ?? IsHouseSolution(model);
        var languages = options.Languages ?? (house ? HouseLanguages : [BaseLanguage(model)]);
        var context = new Context(model, findings);
        CheckEntities(context);
        CheckForms(context);
        CheckViews(context);
        CheckCharts(context);
        CheckChoices(context);
        CheckRelationships(context);
        CheckSteps(context);
        CheckWebResources(context);
        CheckAppModules(context);
        CheckRoles(context);
        CheckRoleCoverage(context);
        CheckCustomApis(context);
        CheckDependencies(context);
        CheckIds(context);
        CheckLabels(context, languages);
        CheckRootComponents(context);
        CheckFieldSecurity(context);

        // Broken files come last so the other rules ran on everything readable.
        foreach (var error in tree.Errors)
        {
            findings.Add(new Finding(error.File, error.Line, Rules.XmlMalformed, Severity.Error, error.Message));
        }

        var schemaFolder = SchemaValidator.FindSchemaFolder(options.SchemaFolder, options.SourceFolder);
        if (schemaFolder is null)
        {
            notes.Add("skipped: schemas not found (structural validation needs ../shared/schemas/dataverse/" + SchemaValidator.MainSchema + ")");
        }
        else if (tree.Errors.Count > 0 || !tree.FileExists(SolutionLayout.SolutionFile) || !tree.FileExists(SolutionLayout.CustomizationsFile))
        {
            notes.Add("skipped: schema validation (fix the files above first)");
        }
        else
        {
            var merged = SolutionMerger.Merge(new SourceTree(options.SourceFolder), managed: false, lenient: true);
            findings.AddRange(SchemaValidator.Validate(merged.Customizations, SchemaValidator.LoadSchemas(schemaFolder)));
            notes.Add("validated: customizations against " + SchemaValidator.MainSchema);
        }

        if (!house)
        {
            notes.Add("house rules skipped: not the AccountPlanXrm solution (platform rules only; --house-rules applies them)");
        }

        var ordered = findings
            .Select(f => Scope(f, house))
            .OfType<Finding>()
            .Distinct()
            .OrderBy(f => f.File, StringComparer.Ordinal)
            .ThenBy(f => f.Line)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Message, StringComparer.Ordinal)
            .ToList();
        return new CheckResult { Findings = ordered, Notes = notes, FilesChecked = model.Documents.Count + tree.Errors.Count, HouseRules = house };
    }

    private sealed class Context(SolutionModel model, List<Finding> findings)
    {
        public SolutionModel Model { get; } = model;

        public void Report(string file, XObject? node, string rule, Severity severity, string message) =>
            findings.Add(new Finding(file, XmlFiles.LineOf(node), rule, severity, message));

        public void Error(SourceElement source, XObject? node, string rule, string message) => Report(source.File, node ?? source.Element, rule, Severity.Error, message);

        /// <summary>Reports an unknown table once per file and node; returns the columns or null.</summary>
        public IReadOnlySet<string>? TableColumns(string file, XObject node, string table, string where)
        {
            var columns = Model.Columns(table);
            if (columns is null)
            {
                Report(file, node, Rules.UnknownTable, Severity.Error, $"{where}: table '{table}' is neither in the solution nor in the system-table baseline");
            }

            return columns;
        }
    }

    private static void CheckEntities(Context c)
    {
        foreach (var entity in c.Model.Entities.Values)
        {
            var source = new SourceElement(entity.File, entity.Element);
            var custom = c.Model.IsCustomName(entity.LogicalName);
            if (!custom && !SystemTableBaseline.HasTable(entity.LogicalName))
            {
                c.Error(source, entity.Element, Rules.Prefix, $"table '{entity.LogicalName}' does not start with the prefix '{c.Model.Prefix}_' and is not a known system table");
            }

            // Exports write the mask names UserOwned or OrgOwned (real-export-facts §1); the metadata enum name
            // OrganizationOwned, for one, is a value no environment writes into customizations.xml.
            var ownership = entity.Element.Element("EntityInfo")?.Element("entity")?.Element("OwnershipTypeMask");
            if (ownership is not null && ownership.Value.Trim() is not ("UserOwned" or "OrgOwned"))
            {
                c.Error(source, ownership, Rules.OwnershipInvalid, $"table '{entity.LogicalName}': OwnershipTypeMask '{ownership.Value.Trim()}' is not a value exports write (UserOwned or OrgOwned)");
            }

            foreach (var attribute in entity.Attributes.Values)
            {
                var logical = attribute.Text("LogicalName") ?? string.Empty;
                if (attribute.Text("IsCustomField") == "1" && !c.Model.IsCustomName(logical))
                {
                    c.Error(source, attribute, Rules.Prefix, $"custom column '{entity.LogicalName}.{logical}' does not start with the prefix '{c.Model.Prefix}_'");
                }

                var calculationOf = attribute.Text("CalculationOf");
                if (!string.IsNullOrEmpty(calculationOf) && !entity.Attributes.ContainsKey(calculationOf))
                {
                    c.Error(source, attribute.Element("CalculationOf"), Rules.RelationshipInvalid, $"column '{logical}' is calculated from '{calculationOf}', which '{entity.LogicalName}' does not have");
                }

                if (attribute.Text("Type") == "money" && custom && !entity.Attributes.ContainsKey("transactioncurrencyid"))
                {
                    c.Error(source, attribute, Rules.RelationshipInvalid, $"money column '{logical}' needs the table to have transactioncurrencyid and exchangerate");
                }
            }
        }
    }

    private static void CheckForms(Context c)
    {
        var webResourceNames = c.Model.WebResources.Select(w => w.Element.Text("Name") ?? string.Empty).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var views = c.Model.Entities.Values.SelectMany(e => e.Views).Select(v => XmlFiles.NormalizeId(v.Element.Text("savedqueryid") ?? string.Empty)).ToHashSet();
        var relationships = c.Model.Relationships.Select(r => r.Element.Attr("Name") ?? string.Empty).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var forms = c.Model.Entities.Values.SelectMany(e => e.Forms.Select(f => (Table: e.LogicalName, Form: f)))
            .Concat(c.Model.Dashboards.Select(d => (Table: string.Empty, Form: d)));
        foreach (var (table, form) in forms)
        {
            var columns = table.Length == 0 ? null : c.Model.Columns(table);
            var name = form.Element.Descendants("LocalizedName").FirstOrDefault()?.Attr("description") ?? form.Element.Text("formid") ?? form.File;
            foreach (var control in form.Element.Descendants("control"))
            {
                var field = control.Attr("datafieldname");
                if (!string.IsNullOrEmpty(field) && columns is not null && !columns.Contains(field))
                {
                    c.Error(form, control, Rules.FormUnknownColumn, $"form '{name}': control '{control.Attr("id")}' is bound to '{field}', which '{table}' does not have");
                }

                var classId = XmlFiles.NormalizeId(control.Attr("classid") ?? string.Empty);
                var parameters = control.Element("parameters");
                if (classId == SubgridClassId && parameters is not null)
                {
                    CheckSubgrid(c, form, name, control, parameters, views, relationships);
                }

                if (classId == WebResourceClassId && parameters is not null)
                {
                    var url = parameters.Text("Url") ?? string.Empty;
                    var webResource = url.StartsWith("$webresource:", StringComparison.OrdinalIgnoreCase) ? url["$webresource:".Length..] : url;
                    if (!string.IsNullOrEmpty(webResource) && c.Model.IsCustomName(webResource) && !webResourceNames.Contains(webResource))
                    {
                        c.Error(form, parameters.Element("Url"), Rules.FormUnknownWebResource, $"form '{name}': control '{control.Attr("id")}' shows web resource '{webResource}', which the solution does not contain");
                    }
                }
            }

            var libraries = form.Element.Descendants("formLibraries").Elements("Library").ToList();
            var libraryNames = libraries.Select(l => l.Attr("name") ?? string.Empty).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var library in libraries)
            {
                var libraryName = library.Attr("name") ?? string.Empty;
                if (c.Model.IsCustomName(libraryName) && !webResourceNames.Contains(libraryName))
                {
                    c.Error(form, library, Rules.FormUnknownLibrary, $"form '{name}': library '{libraryName}' is not a web resource of the solution");
                }
            }

            foreach (var evt in form.Element.Descendants("event"))
            {
                var attribute = evt.Attr("attribute");
                if (!string.IsNullOrEmpty(attribute) && columns is not null && !columns.Contains(attribute))
                {
                    c.Error(form, evt, Rules.FormUnknownColumn, $"form '{name}': {evt.Attr("name")} event on '{attribute}', which '{table}' does not have");
                }

                foreach (var handler in evt.Descendants("Handler"))
                {
                    var libraryName = handler.Attr("libraryName") ?? string.Empty;
                    if (!libraryNames.Contains(libraryName))
                    {
                        c.Error(form, handler, Rules.InvalidFormHandler, $"form '{name}': handler '{handler.Attr("functionName")}' uses library '{libraryName}', which is not in the form's formLibraries");
                    }

                    if (string.IsNullOrWhiteSpace(handler.Attr("functionName")))
                    {
                        c.Error(form, handler, Rules.InvalidFormHandler, $"form '{name}': handler without functionName");
                    }
                }
            }
        }
    }

    private static void CheckSubgrid(Context c, SourceElement form, string name, XElement control, XElement parameters, HashSet<string> views, HashSet<string> relationships)
    {
        var target = parameters.Text("TargetEntityType");
        if (!string.IsNullOrEmpty(target) && !c.Model.IsKnownTable(target))
        {
            c.Error(form, parameters.Element("TargetEntityType"), Rules.FormSubgrid, $"form '{name}': sub-grid '{control.Attr("id")}' shows table '{target}', which is neither in the solution nor in the baseline");
        }

        var viewId = parameters.Text("ViewId");
        if (!string.IsNullOrEmpty(viewId) && target is not null && c.Model.Entities.ContainsKey(target) && c.Model.IsCustomName(target) && !views.Contains(XmlFiles.NormalizeId(viewId)))
        {
            c.Error(form, parameters.Element("ViewId"), Rules.FormSubgrid, $"form '{name}': sub-grid '{control.Attr("id")}' uses view {viewId}, which the solution does not contain");
        }

        var relationship = parameters.Text("RelationshipName");
        if (!string.IsNullOrEmpty(relationship) && c.Model.IsCustomName(relationship) && !relationships.Contains(relationship))
        {
            c.Error(form, parameters.Element("RelationshipName"), Rules.FormSubgrid, $"form '{name}': sub-grid '{control.Attr("id")}' uses relationship '{relationship}', which the solution does not contain");
        }
    }

    private static void CheckViews(Context c)
    {
        foreach (var entity in c.Model.Entities.Values)
        {
            foreach (var view in entity.Views)
            {
                var name = view.Element.Descendants("LocalizedName").FirstOrDefault()?.Attr("description") ?? view.Element.Text("savedqueryid") ?? view.File;
                var fetch = view.Element.Element("fetchxml")?.Element("fetch");
                var aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                if (fetch is not null)
                {
                    CheckFetch(c, view, $"view '{name}'", fetch, Rules.ViewUnknownColumn, aliases);
                }

                var grid = view.Element.Element("layoutxml")?.Element("grid");
                if (grid is null)
                {
                    continue;
                }

                var rootTable = fetch?.Element("entity")?.Attr("name") ?? entity.LogicalName;
                var columns = c.TableColumns(view.File, grid, rootTable, $"view '{name}'");
                var jump = grid.Attr("jump");
                if (!string.IsNullOrEmpty(jump) && columns is not null && !columns.Contains(jump))
                {
                    c.Error(view, grid, Rules.ViewUnknownColumn, $"view '{name}': jump column '{jump}' does not exist on '{rootTable}'");
                }

                foreach (var row in grid.Elements("row"))
                {
                    var id = row.Attr("id");
                    if (!string.IsNullOrEmpty(id) && columns is not null && !columns.Contains(id))
                    {
                        c.Error(view, row, Rules.ViewUnknownColumn, $"view '{name}': row id '{id}' does not exist on '{rootTable}'");
                    }

                    foreach (var cell in row.Elements("cell"))
                    {
                        var cellName = cell.Attr("name") ?? string.Empty;
                        var dot = cellName.IndexOf('.');
                        if (dot > 0)
                        {
                            var alias = cellName[..dot];
                            var column = cellName[(dot + 1)..];
                            if (!aliases.TryGetValue(alias, out var linked))
                            {
                                c.Error(view, cell, Rules.ViewUnknownColumn, $"view '{name}': column '{cellName}' uses alias '{alias}', which no link-entity of the fetchxml declares");
                            }
                            else if (c.Model.Columns(linked) is { } linkedColumns && !linkedColumns.Contains(column))
                            {
                                c.Error(view, cell, Rules.ViewUnknownColumn, $"view '{name}': column '{cellName}' does not exist on '{linked}'");
                            }
                        }
                        else if (columns is not null && !columns.Contains(cellName))
                        {
                            c.Error(view, cell, Rules.ViewUnknownColumn, $"view '{name}': column '{cellName}' does not exist on '{rootTable}'");
                        }
                    }
                }
            }
        }
    }

    private static void CheckCharts(Context c)
    {
        foreach (var entity in c.Model.Entities.Values)
        {
            foreach (var chart in entity.Charts)
            {
                var name = chart.Element.Descendants("LocalizedName").FirstOrDefault()?.Attr("description") ?? chart.File;
                foreach (var fetch in chart.Element.Descendants("fetch"))
                {
                    CheckFetch(c, chart, $"chart '{name}'", fetch, Rules.ChartUnknownColumn, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));
                }
            }
        }
    }

    /// <summary>Checks attribute, order, condition and link-entity columns of a FetchXML query; collects link aliases.</summary>
    private static void CheckFetch(Context c, SourceElement source, string what, XElement fetch, string rule, Dictionary<string, string> aliases)
    {
        var root = fetch.Element("entity");
        if (root is null)
        {
            return;
        }

        void Walk(XElement node, string table)
        {
            var columns = c.TableColumns(source.File, node, table, what);
            foreach (var child in node.Elements())
            {
                switch (child.Name.LocalName)
                {
                    case "attribute":
                    case "order":
                        CheckColumn(child, child.Attr(child.Name.LocalName == "order" ? "attribute" : "name"), table, columns);
                        break;
                    case "filter":
                        foreach (var condition in child.Descendants("condition"))
                        {
                            var conditionTable = table;
                            var conditionColumns = columns;
                            var entityName = condition.Attr("entityname");
                            if (!string.IsNullOrEmpty(entityName))
                            {
                                if (!aliases.TryGetValue(entityName, out var aliased))
                                {
                                    continue;
                                }

                                conditionTable = aliased;
                                conditionColumns = c.Model.Columns(aliased);
                            }

                            CheckColumn(condition, condition.Attr("attribute"), conditionTable, conditionColumns);
                        }

                        break;
                    case "link-entity":
                        var linked = child.Attr("name") ?? string.Empty;
                        var linkedColumns = c.TableColumns(source.File, child, linked, what);
                        CheckColumn(child, child.Attr("from"), linked, linkedColumns);
                        CheckColumn(child, child.Attr("to"), table, columns);
                        var alias = child.Attr("alias");
                        if (!string.IsNullOrEmpty(alias))
                        {
                            aliases[alias] = linked;
                        }

                        if (linkedColumns is not null)
                        {
                            Walk(child, linked);
                        }

                        break;
                }
            }
        }

        void CheckColumn(XElement node, string? column, string table, IReadOnlySet<string>? columns)
        {
            if (!string.IsNullOrEmpty(column) && columns is not null && !columns.Contains(column))
            {
                c.Error(source, node, rule, $"{what}: column '{column}' does not exist on '{table}'");
            }
        }

        Walk(root, root.Attr("name") ?? string.Empty);
    }

    private static void CheckChoices(Context c)
    {
        if (c.Model.OptionValuePrefix <= 0)
        {
            return;
        }

        var low = c.Model.OptionValuePrefix * 10000L;
        var high = low + 9999;

        void CheckOptionSet(string file, XElement optionSet, string owner, bool statusOnly)
        {
            var type = optionSet.Text("OptionSetType") ?? "picklist";
            if (type is "bit" or "state" || (statusOnly && type != "status"))
            {
                return;
            }

            foreach (var option in optionSet.Descendants().Where(e => e.Name.LocalName is "option" or "status"))
            {
                if (!long.TryParse(option.Attr("value"), out var value))
                {
                    continue;
                }

                if (type == "status" && value is 1 or 2)
                {
                    continue;
                }

                if (value < low || value > high)
                {
                    c.Report(file, option, Rules.ChoicePrefix, Severity.Error, $"{owner}: choice value {value} is outside {low}..{high} (option value prefix {c.Model.OptionValuePrefix})");
                }
            }
        }

        foreach (var entity in c.Model.Entities.Values)
        {
            var customTable = c.Model.IsCustomName(entity.LogicalName);
            foreach (var attribute in entity.Attributes.Values)
            {
                var optionSet = attribute.Element("optionset");
                if (optionSet is null)
                {
                    continue;
                }

                var customColumn = attribute.Text("IsCustomField") == "1";
                if (customColumn || customTable)
                {
                    CheckOptionSet(entity.File, optionSet, $"{entity.LogicalName}.{attribute.Text("LogicalName")}", statusOnly: !customColumn);
                }
            }
        }

        foreach (var optionSet in c.Model.OptionSets)
        {
            var name = optionSet.Element.Attr("Name") ?? string.Empty;
            if (!c.Model.IsCustomName(name))
            {
                c.Error(optionSet, optionSet.Element, Rules.Prefix, $"choice '{name}' does not start with the prefix '{c.Model.Prefix}_'");
            }

            CheckOptionSet(optionSet.File, optionSet.Element, $"choice '{name}'", statusOnly: false);
        }
    }

    private static void CheckRelationships(Context c)
    {
        var referenced = new HashSet<(string Table, string Column)>();
        foreach (var relationship in c.Model.Relationships)
        {
            var element = relationship.Element;
            var name = element.Attr("Name") ?? string.Empty;
            var type = element.Text("EntityRelationshipType") ?? "OneToMany";
            if (type == "ManyToMany")
            {
                continue;
            }

            var referencing = element.Text("ReferencingEntityName") ?? string.Empty;
            var referencedTable = element.Text("ReferencedEntityName") ?? string.Empty;
            var column = element.Text("ReferencingAttributeName") ?? string.Empty;
            var isCustom = c.Model.IsCustomName(referencing) || c.Model.IsCustomName(name);
            if (!isCustom)
            {
                continue;
            }

            if (!c.Model.IsCustomName(name) && !IsPlatformRelationship(name))
            {
                c.Error(relationship, element, Rules.Prefix, $"relationship '{name}' does not start with the prefix '{c.Model.Prefix}_'");
            }

            var columns = c.Model.Columns(referencing);
            if (columns is null)
            {
                c.Error(relationship, element.Element("ReferencingEntityName"), Rules.RelationshipInvalid, $"relationship '{name}': referencing table '{referencing}' is unknown");
            }
            else if (!columns.Contains(column))
            {
                c.Error(relationship, element.Element("ReferencingAttributeName"), Rules.RelationshipInvalid, $"relationship '{name}': column '{column}' does not exist on '{referencing}'");
            }

            if (!referencedTable.Equals("Owner", StringComparison.OrdinalIgnoreCase) && !c.Model.IsKnownTable(referencedTable))
            {
                c.Error(relationship, element.Element("ReferencedEntityName"), Rules.RelationshipInvalid, $"relationship '{name}': referenced table '{referencedTable}' is unknown");
            }

            referenced.Add((referencing.ToLowerInvariant(), column.ToLowerInvariant()));
        }

        // Every custom lookup needs a relationship: the target table comes from it, not from the column.
        foreach (var entity in c.Model.Entities.Values.Where(e => c.Model.IsCustomName(e.LogicalName)))
        {
            foreach (var attribute in entity.Attributes.Values.Where(a => a.Text("Type") is "lookup" && a.Text("IsCustomField") == "1"))
            {
                var logical = (attribute.Text("LogicalName") ?? string.Empty).ToLowerInvariant();
                if (!referenced.Contains((entity.LogicalName, logical)))
                {
                    c.Error(new SourceElement(entity.File, attribute), attribute, Rules.RelationshipInvalid, $"lookup '{entity.LogicalName}.{logical}' has no relationship in Other/Relationships");
                }
            }
        }
    }

    private static bool IsPlatformRelationship(string name) =>
        name.StartsWith("lk_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("owner_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("user_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("team_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("business_unit_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("TransactionCurrency_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("organization_", StringComparison.OrdinalIgnoreCase);

    private static void CheckSteps(Context c)
    {
        var pluginTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var assembly in c.Model.Assemblies)
        {
            foreach (var type in assembly.Element.Descendants("PluginType"))
            {
                var typeName = type.Attr("AssemblyQualifiedName") ?? string.Empty;
                pluginTypes[Canonical(typeName)] = XmlFiles.NormalizeId(type.Attr("PluginTypeId") ?? string.Empty);
            }
        }

        var registrations = new Dictionary<string, SourceElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var step in c.Model.Steps)
        {
            var element = step.Element;
            var name = element.Attr("Name") ?? step.File;
            var messageId = XmlFiles.NormalizeId(element.Text("SdkMessageId") ?? string.Empty);
            WellKnownMessages.TryGetValue(messageId, out var message);
            var table = element.Text("PrimaryEntity") ?? string.Empty;
            var stage = element.Text("Stage") ?? string.Empty;
            var mode = element.Text("Mode") ?? "0";
            var pluginType = element.Text("PluginTypeName") ?? string.Empty;

            // Plug-in package steps name their type by export key only (real-export facts §1).
            var exportKey = element.Text("PluginTypeExportKey") ?? string.Empty;

            if (message is null)
            {
                c.Report(step.File, element.Element("SdkMessageId") ?? element, Rules.StepUnknownMessage, Severity.Warning, $"step '{name}': message id '{messageId}' is not a well-known SDK message id");
            }

            if (stage == "50")
            {
                c.Error(step, element.Element("Stage"), Rules.StepCrm4Stage, $"step '{name}': stage 50 is the CRM 4.0 stage; use 40 (post-operation)");
            }
            else if (stage is not ("10" or "20" or "40"))
            {
                c.Error(step, element.Element("Stage") ?? element, Rules.StepInvalid, $"step '{name}': stage '{stage}' is not 10, 20 or 40");
            }

            if (mode == "1" && stage != "40")
            {
                c.Error(step, element.Element("Mode"), Rules.StepInvalid, $"step '{name}': asynchronous steps must run in stage 40");
            }

            if (message is "Retrieve" or "RetrieveMultiple")
            {
                c.Report(step.File, element, Rules.StepRetrieve, Severity.Warning, $"step '{name}': registered on {message}, which runs on every read");
            }

            var columns = string.IsNullOrEmpty(table) || table == "none" ? null : c.TableColumns(step.File, element.Element("PrimaryEntity") ?? element, table, $"step '{name}'");
            var filtering = Split(element.Text("FilteringAttributes"));
            if (message == "Update" && filtering.Count == 0)
            {
                c.Error(step, element.Element("FilteringAttributes") ?? element, Rules.StepNoFilteringAttributes, $"step '{name}': Update step without filtering attributes runs on every update");
            }

            foreach (var column in filtering.Where(f => columns is not null && !columns.Contains(f)))
            {
                c.Error(step, element.Element("FilteringAttributes"), Rules.StepUnknownColumn, $"step '{name}': filtering attribute '{column}' does not exist on '{table}'");
            }

            if (!string.IsNullOrEmpty(pluginType) && c.Model.Assemblies.Count > 0)
            {
                if (!pluginTypes.TryGetValue(Canonical(pluginType), out var typeId))
                {
                    c.Error(step, element.Element("PluginTypeName"), Rules.StepUnknownPluginType, $"step '{name}': plug-in type '{pluginType}' is not in the plug-in assembly metadata");
                }
                else if (element.Text("PluginTypeId") is { Length: > 0 } declaredId && XmlFiles.NormalizeId(declaredId) != typeId)
                {
                    c.Error(step, element.Element("PluginTypeId"), Rules.StepUnknownPluginType, $"step '{name}': PluginTypeId {declaredId} differs from the plug-in type's id {typeId}");
                }
            }

            foreach (var image in element.Descendants("SdkMessageProcessingStepImage"))
            {
                var imageName = image.Attr("Name") ?? image.Text("EntityAlias") ?? "image";
                var attributes = Split(image.Text("Attributes"));
                if (attributes.Count == 0)
                {
                    c.Error(step, image, Rules.ImageNoColumns, $"step '{name}': image '{imageName}' has no column list (it would hold every column)");
                }

                foreach (var column in attributes.Where(a => columns is not null && !columns.Contains(a)))
                {
                    c.Error(step, image.Element("Attributes"), Rules.StepUnknownColumn, $"step '{name}': image '{imageName}' column '{column}' does not exist on '{table}'");
                }

                var imageType = image.Text("ImageType") ?? "0";
                if (message == "Create" && imageType is "0" or "2")
                {
                    c.Error(step, image, Rules.ImageUnsupported, $"step '{name}': Create has no pre-image ('{imageName}')");
                }

                if (stage is "10" or "20" && imageType is "1" or "2")
                {
                    c.Error(step, image, Rules.ImageUnsupported, $"step '{name}': stage {stage} has no post-image ('{imageName}')");
                }
            }

            var key = string.Join("|", Canonical(pluginType), XmlFiles.NormalizeId(exportKey), messageId, table.ToLowerInvariant(), stage, mode, string.Join(",", filtering.Order(StringComparer.OrdinalIgnoreCase)));
            if (registrations.TryGetValue(key, out var first))
            {
                c.Error(step, element, Rules.StepDuplicate, $"step '{name}' registers the same plug-in type, message, table, stage and mode as {first.File}");
            }
            else
            {
                registrations[key] = step;
            }
        }
    }

    private static void CheckWebResources(Context c)
    {
        foreach (var webResource in c.Model.WebResources)
        {
            var element = webResource.Element;
            var name = element.Text("Name") ?? string.Empty;
            var id = element.Text("WebResourceId") ?? string.Empty;
            if (!WebResourceNamePattern().IsMatch(name))
            {
                c.Error(webResource, element.Element("Name"), Rules.WebResourceName, $"web resource '{name}': only letters, digits, '_', '.' and single '/' between segments are allowed");
            }

            if (!c.Model.IsCustomName(name))
            {
                c.Error(webResource, element.Element("Name"), Rules.Prefix, $"web resource '{name}' does not start with the prefix '{c.Model.Prefix}_'");
            }

            var extension = Path.GetExtension(name).ToLowerInvariant();
            if (extension is ".aspx" or ".ascx" or ".asmx" or ".ashx")
            {
                c.Error(webResource, element.Element("Name"), Rules.WebResourceName, $"web resource '{name}': extension {extension} is not allowed");
            }

            if (int.TryParse(element.Text("WebResourceType"), out var type) && WebResourceExtensions.TryGetValue(type, out var extensions) && !extensions.Contains(extension))
            {
                c.Error(webResource, element.Element("WebResourceType"), Rules.WebResourceName, $"web resource '{name}': type {type} expects {string.Join(" or ", extensions)}");
            }

            var expectedFile = "WebResources/" + name + ".data.xml";
            if (!string.Equals(webResource.File, expectedFile, StringComparison.Ordinal))
            {
                c.Error(webResource, element, Rules.WebResourceFileName, $"web resource '{name}': metadata belongs in {expectedFile}");
            }

            var fileName = element.Text("FileName");
            var expected = SolutionLayout.WebResourcePartName(name, id);
            if (string.IsNullOrEmpty(id) || !Guid.TryParse(id, out _))
            {
                c.Error(webResource, element.Element("WebResourceId") ?? element, Rules.WebResourceFileName, $"web resource '{name}': WebResourceId '{id}' is not a GUID");
            }
            else if (!string.Equals(fileName, expected, StringComparison.Ordinal))
            {
                c.Error(webResource, element.Element("FileName") ?? element, Rules.WebResourceFileName, $"web resource '{name}': FileName should be '{expected}' (as exports name the part)");
            }
        }

        foreach (var assembly in c.Model.Assemblies)
        {
            var fullName = assembly.Element.Attr("FullName") ?? string.Empty;
            var (name, parts) = PluginAssemblyInspector.ParseFullName(fullName);
            if (!parts.TryGetValue("PublicKeyToken", out var token) || token == "null" || token.Length != 16)
            {
                c.Error(assembly, assembly.Element, Rules.StepUnknownPluginType, $"plug-in assembly '{fullName}' has no public key token (plug-in assemblies must be signed)");
            }

            var expected = SolutionLayout.PluginAssemblyPartName(name, assembly.Element.Attr("PluginAssemblyId") ?? string.Empty);
            if (!string.Equals(assembly.Element.Text("FileName"), expected, StringComparison.Ordinal))
            {
                c.Error(assembly, assembly.Element.Element("FileName") ?? assembly.Element, Rules.WebResourceFileName, $"plug-in assembly '{name}': FileName should be '{expected}' (as exports name the part)");
            }

            if (!string.Equals("/" + assembly.File, expected + ".data.xml", StringComparison.Ordinal))
            {
                c.Error(assembly, assembly.Element, Rules.WebResourceFileName, $"plug-in assembly '{name}': metadata belongs in {expected.TrimStart('/')}.data.xml");
            }
        }
    }

    private static void CheckAppModules(Context c)
    {
        var siteMapNames = c.Model.SiteMaps.Select(s => s.Element.Text("SiteMapUniqueName") ?? string.Empty).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var webResourceNames = c.Model.WebResources.Select(w => w.Element.Text("Name") ?? string.Empty).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var roleIds = c.Model.Roles.Select(r => XmlFiles.NormalizeId(r.Element.Attr("id") ?? string.Empty)).ToHashSet();
        foreach (var app in c.Model.AppModules)
        {
            var name = app.Element.Text("UniqueName") ?? app.File;
            if (!c.Model.IsCustomName(name))
            {
                c.Error(app, app.Element.Element("UniqueName") ?? app.Element, Rules.Prefix, $"app '{name}' does not start with the prefix '{c.Model.Prefix}_'");
            }

            foreach (var component in app.Element.Descendants("AppModuleComponent"))
            {
                var type = component.Attr("type");
                var schemaName = component.Attr("schemaName") ?? string.Empty;
                if (type == "1" && !c.Model.IsKnownTable(schemaName))
                {
                    c.Error(app, component, Rules.AppModuleInvalid, $"app '{name}': table '{schemaName}' is neither in the solution nor in the baseline");
                }

                if (type == "62" && !siteMapNames.Contains(schemaName))
                {
                    c.Error(app, component, Rules.AppModuleInvalid, $"app '{name}': sitemap '{schemaName}' is not in AppModuleSiteMaps");
                }
            }

            foreach (var role in app.Element.Descendants("AppModuleRoleMaps").Elements("Role"))
            {
                var id = XmlFiles.NormalizeId(role.Attr("id") ?? string.Empty);
                if (roleIds.Count > 0 && !roleIds.Contains(id))
                {
                    c.Error(app, role, Rules.AppModuleInvalid, $"app '{name}': role {role.Attr("id")} is not a role of the solution");
                }
            }
        }

        foreach (var siteMap in c.Model.SiteMaps)
        {
            var name = siteMap.Element.Text("SiteMapUniqueName") ?? siteMap.File;
            foreach (var subArea in siteMap.Element.Descendants("SubArea"))
            {
                var entity = subArea.Attr("Entity");
                if (!string.IsNullOrEmpty(entity) && !c.Model.IsKnownTable(entity))
                {
                    c.Error(siteMap, subArea, Rules.AppModuleInvalid, $"sitemap '{name}': sub-area '{subArea.Attr("Id")}' shows table '{entity}', which is neither in the solution nor in the baseline");
                }

                var url = subArea.Attr("Url") ?? string.Empty;
                if (url.StartsWith("$webresource:", StringComparison.OrdinalIgnoreCase))
                {
                    var webResource = url["$webresource:".Length..].Split('?')[0];
                    if (!webResourceNames.Contains(webResource))
                    {
                        c.Error(siteMap, subArea, Rules.AppModuleInvalid, $"sitemap '{name}': sub-area '{subArea.Attr("Id")}' opens web resource '{webResource}', which the solution does not contain");
                    }
                }
            }
        }
    }

    private static void CheckRoles(Context c)
    {
        var schemaNames = c.Model.Entities.Values.Select(e => e.SchemaName).ToHashSet(StringComparer.Ordinal);
        foreach (var role in c.Model.Roles)
        {
            foreach (var privilege in role.Element.Descendants("RolePrivilege"))
            {
                var name = privilege.Attr("name") ?? string.Empty;
                var prefixIndex = c.Model.Prefix.Length == 0 ? -1 : name.IndexOf(c.Model.Prefix + "_", StringComparison.OrdinalIgnoreCase);
                if (prefixIndex < 0)
                {
                    continue;
                }

                var table = name[prefixIndex..];
                if (!schemaNames.Contains(table))
                {
                    c.Error(role, privilege, Rules.RolePrivilegeUnknown, $"role '{role.Element.Attr("name")}': privilege '{name}' names '{table}', which is not the schema name of a table in the solution");
                }
            }
        }
    }

    private static void CheckCustomApis(Context c)
    {
        var pluginTypeIds = c.Model.Assemblies.SelectMany(a => a.Element.Descendants("PluginType"))
            .Select(t => XmlFiles.NormalizeId(t.Attr("PluginTypeId") ?? string.Empty)).ToHashSet();
        foreach (var api in c.Model.CustomApis)
        {
            var name = api.Element.Attr("uniquename") ?? api.File;
            if (!c.Model.IsCustomName(name))
            {
                c.Error(api, api.Element, Rules.Prefix, $"custom API '{name}' does not start with the prefix '{c.Model.Prefix}_'");
            }

            var binding = api.Element.Text("bindingtype");
            var bound = api.Element.Text("boundentitylogicalname");
            if (binding is "1" or "2" && (string.IsNullOrEmpty(bound) || !c.Model.IsKnownTable(bound)))
            {
                c.Error(api, api.Element.Element("boundentitylogicalname") ?? api.Element, Rules.CustomApiInvalid, $"custom API '{name}': bound table '{bound}' is unknown");
            }

            var typeId = api.Element.Element("plugintypeid") is { } typeRef ? (typeRef.Element("plugintypeexportkey") ?? typeRef.Element("plugintypeid"))?.Value : null;
            if (!string.IsNullOrEmpty(typeId) && pluginTypeIds.Count > 0 && !pluginTypeIds.Contains(XmlFiles.NormalizeId(typeId)))
            {
                c.Error(api, api.Element.Element("plugintypeid"), Rules.StepUnknownPluginType, $"custom API '{name}': plug-in type {typeId} is not in the plug-in assembly metadata");
            }
        }

        foreach (var property in c.Model.CustomApiResponseProperties)
        {
            if (property.Element.Element("isoptional") is { } optional)
            {
                c.Error(property, optional, Rules.CustomApiInvalid, $"response property '{property.Element.Attr("uniquename")}': isoptional is not valid on a response property and fails the import");
            }
        }
    }

    private static void CheckIds(Context c)
    {
        var seen = new Dictionary<string, (string File, string What)>(StringComparer.Ordinal);

        void Claim(string file, XObject node, string? id, string what)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                return;
            }

            var key = XmlFiles.NormalizeId(id);
            if (seen.TryGetValue(key, out var first))
            {
                c.Report(file, node, Rules.DuplicateId, Severity.Error, $"{what} id {id} is already used by {first.What} in {first.File}");
            }
            else
            {
                seen[key] = (file, what);
            }
        }

        foreach (var entity in c.Model.Entities.Values)
        {
            foreach (var form in entity.Forms.Concat(c.Model.Dashboards.Where(_ => false)))
            {
                Claim(form.File, form.Element, form.Element.Text("formid"), "form");
                ClaimFormParts(form, Claim, c);
            }

            foreach (var view in entity.Views)
            {
                Claim(view.File, view.Element, view.Element.Text("savedqueryid"), "view");
            }

            foreach (var chart in entity.Charts)
            {
                Claim(chart.File, chart.Element, chart.Element.Text("savedqueryvisualizationid"), "chart");
            }
        }

        foreach (var dashboard in c.Model.Dashboards)
        {
            Claim(dashboard.File, dashboard.Element, dashboard.Element.Text("FormId"), "dashboard");
            ClaimFormParts(dashboard, Claim, c);
        }

        foreach (var role in c.Model.Roles)
        {
            Claim(role.File, role.Element, role.Element.Attr("id"), "role");
        }

        foreach (var webResource in c.Model.WebResources)
        {
            Claim(webResource.File, webResource.Element, webResource.Element.Text("WebResourceId"), "web resource");
        }

        foreach (var assembly in c.Model.Assemblies)
        {
            Claim(assembly.File, assembly.Element, assembly.Element.Attr("PluginAssemblyId"), "plug-in assembly");
            foreach (var type in assembly.Element.Descendants("PluginType"))
            {
                Claim(assembly.File, type, type.Attr("PluginTypeId"), "plug-in type");
            }
        }

        foreach (var step in c.Model.Steps)
        {
            Claim(step.File, step.Element, step.Element.Attr("SdkMessageProcessingStepId"), "step");
            foreach (var image in step.Element.Descendants("SdkMessageProcessingStepImage"))
            {
                Claim(step.File, image, image.Text("SdkMessageProcessingStepImageId"), "step image");
            }
        }
    }

    private static void ClaimFormParts(SourceElement form, Action<string, XObject, string?, string> claim, Context c)
    {
        foreach (var element in form.Element.Descendants())
        {
            switch (element.Name.LocalName)
            {
                case "tab":
                case "section":
                case "cell":
                    claim(form.File, element, element.Attr("id"), "form " + element.Name.LocalName);
                    break;
            }
        }

        var controlIds = new Dictionary<string, XElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var control in form.Element.Descendants("control"))
        {
            var id = control.Attr("id");
            if (string.IsNullOrEmpty(id))
            {
                continue;
            }

            if (!controlIds.TryAdd(id, control))
            {
                c.Report(form.File, control, Rules.DuplicateId, Severity.Error, $"control id '{id}' appears twice on the form (line {XmlFiles.LineOf(controlIds[id])})");
            }
        }
    }

    private static void CheckLabels(Context c, IReadOnlyList<int> languages)
    {
        if (languages.Count == 0)
        {
            return;
        }

        foreach (var (file, document) in c.Model.Documents)
        {
            if (document.Root is null || file.EndsWith("/RibbonDiff.xml", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var collection in document.Root.DescendantsAndSelf())
            {
                var labels = collection.Elements()
                    .Where(e => LabelElements.Contains(e.Name.LocalName) && (e.Attribute("languagecode") is not null || e.Attribute("LCID") is not null))
                    .ToList();
                if (labels.Count == 0 || labels.All(l => string.IsNullOrEmpty(l.Attr("description") ?? l.Attr("Title"))))
                {
                    continue;
                }

                if (collection.Ancestors("presentationdescription").Any())
                {
                    continue;
                }

                var present = labels.Select(l => l.Attr("languagecode") ?? l.Attr("LCID")).ToHashSet(StringComparer.Ordinal);
                for (var i = 0; i < languages.Count; i++)
                {
                    var language = languages[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (!present.Contains(language))
                    {
                        var text = labels[0].Attr("description") ?? labels[0].Attr("Title");
                        c.Report(file, collection, Rules.LabelMissing, i == 0 ? Severity.Error : Severity.Warning, $"{collection.Name.LocalName} \"{text}\" has no label for language {language}");
                    }
                }
            }
        }
    }

    private static void CheckRootComponents(Context c)
    {
        var manifest = c.Model.Solution?.Root?.Element("SolutionManifest");
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
            var key = type + "|" + (root.Attr("id") is { } id ? XmlFiles.NormalizeId(id) : root.Attr("schemaName") ?? string.Empty);
            declared.Add(key);
            if (type is not ("1" or "9" or "20" or "60" or "61" or "62" or "80" or "91" or "92" or "95" or "70" or "29" or "300" or "380"))
            {
                c.Report(file, root, Rules.RootUnknown, Severity.Error, $"root component type {type} is not a documented component type (custom APIs have no root component)");
            }
        }

        var expected = new List<(string Key, string What, string File)>();
        foreach (var entity in c.Model.Entities.Values)
        {
            expected.Add(("1|" + entity.LogicalName, $"table '{entity.LogicalName}' (type 1)", entity.File));
        }

        foreach (var optionSet in c.Model.OptionSets)
        {
            expected.Add(("9|" + optionSet.Element.Attr("Name"), $"choice '{optionSet.Element.Attr("Name")}' (type 9)", optionSet.File));
        }

        foreach (var role in c.Model.Roles)
        {
            expected.Add(("20|" + XmlFiles.NormalizeId(role.Element.Attr("id") ?? string.Empty), $"role '{role.Element.Attr("name")}' (type 20)", role.File));
        }

        foreach (var dashboard in c.Model.Dashboards)
        {
            expected.Add(("60|" + XmlFiles.NormalizeId(dashboard.Element.Text("FormId") ?? string.Empty), $"dashboard {dashboard.Element.Text("FormId")} (type 60)", dashboard.File));
        }

        foreach (var webResource in c.Model.WebResources)
        {
            expected.Add(("61|" + webResource.Element.Text("Name"), $"web resource '{webResource.Element.Text("Name")}' (type 61)", webResource.File));
        }

        foreach (var siteMap in c.Model.SiteMaps)
        {
            expected.Add(("62|" + siteMap.Element.Text("SiteMapUniqueName"), $"sitemap '{siteMap.Element.Text("SiteMapUniqueName")}' (type 62)", siteMap.File));
        }

        foreach (var app in c.Model.AppModules)
        {
            expected.Add(("80|" + app.Element.Text("UniqueName"), $"app '{app.Element.Text("UniqueName")}' (type 80)", app.File));
        }

        foreach (var assembly in c.Model.Assemblies)
        {
            expected.Add(("91|" + XmlFiles.NormalizeId(assembly.Element.Attr("PluginAssemblyId") ?? string.Empty), $"plug-in assembly '{assembly.Element.Attr("FullName")}' (type 91)", assembly.File));
        }

        foreach (var profile in c.Model.FieldSecurityProfiles)
        {
            expected.Add(("70|" + XmlFiles.NormalizeId(profile.Element.Attr("fieldsecurityprofileid") ?? string.Empty), $"field security profile '{profile.Element.Attr("name")}' (type 70)", profile.File));
        }

        foreach (var step in c.Model.Steps)
        {
            expected.Add(("92|" + XmlFiles.NormalizeId(step.Element.Attr("SdkMessageProcessingStepId") ?? string.Empty), $"step '{step.Element.Attr("Name")}' (type 92)", step.File));
        }

        foreach (var (key, what, sourceFile) in expected)
        {
            if (!declared.Contains(key))
            {
                c.Report(file, manifest.Element("RootComponents") ?? manifest, Rules.RootMissing, Severity.Error, $"{what} from {sourceFile} is not a root component");
            }
        }

        var expectedKeys = expected.Select(e => e.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var root in roots)
        {
            var type = root.Attr("type") ?? string.Empty;
            var key = type + "|" + (root.Attr("id") is { } id ? XmlFiles.NormalizeId(id) : root.Attr("schemaName") ?? string.Empty);
            var systemTable = type == "1" && SystemTableBaseline.HasTable(root.Attr("schemaName") ?? string.Empty) && root.Attr("behavior") != "0";
            if (type is "1" or "9" or "20" or "60" or "61" or "62" or "70" or "80" or "91" or "92" && !expectedKeys.Contains(key) && !systemTable)
            {
                c.Report(file, root, Rules.RootUnknown, Severity.Error, $"root component type {type} '{root.Attr("schemaName") ?? root.Attr("id")}' is not in the folder");
            }
        }
    }

    /// <summary>
    /// Field security profiles: each permission names a column of the folder whose attribute is secured
    /// (<c>&lt;IsSecured&gt;1</c>), and CanRead/CanCreate/CanUpdate are 0 (not allowed) or 4 (allowed), the values of the
    /// FieldPermission table's choices.
    /// </summary>
    private static void CheckFieldSecurity(Context c)
    {
        foreach (var profile in c.Model.FieldSecurityProfiles)
        {
            foreach (var permission in profile.Element.Descendants("FieldPermission"))
            {
                var table = permission.Element("EntityName")?.Value.Trim() ?? string.Empty;
                var column = permission.Element("AttributeName")?.Value.Trim() ?? string.Empty;
                if (!c.Model.Entities.TryGetValue(table, out var entity) || !entity.Attributes.TryGetValue(column, out var attribute))
                {
                    c.Report(profile.File, permission, Rules.FieldSecurityInvalid, Severity.Error, $"field permission for unknown column '{table}.{column}'");
                    continue;
                }

                if (attribute.Element("IsSecured")?.Value.Trim() != "1")
                {
                    c.Report(profile.File, permission, Rules.FieldSecurityInvalid, Severity.Error, $"field permission for '{table}.{column}', which is not secured (IsSecured 0)");
                }

                foreach (var name in new[] { "CanRead", "CanCreate", "CanUpdate" })
                {
                    if (permission.Element(name)?.Value.Trim() is not ("0" or "4"))
                    {
                        c.Report(profile.File, permission, Rules.FieldSecurityInvalid, Severity.Error, $"{name} of '{table}.{column}' must be 0 or 4");
                    }
                }
            }
        }
    }

    private static List<string> Split(string? list) =>
        string.IsNullOrWhiteSpace(list) ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static string Canonical(string typeName) => string.Join(",", typeName.Split(',', StringSplitOptions.TrimEntries)).ToLowerInvariant();

    [GeneratedRegex(@"^[A-Za-z0-9_.]+(/[A-Za-z0-9_.]+)*$")]
    private static partial Regex WebResourceNamePattern();
}
