namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>A component read from one file of the unpacked folder.</summary>
public sealed record SourceElement(string File, XElement Element)
{
    /// <summary>How findings name the component: its first localized name, else the fallback, else the file.</summary>
    public string DisplayName(string? fallback = null) => Element.Descendants("LocalizedName").FirstOrDefault()?.Attr("description") ?? fallback ?? File;
}

/// <summary>A table of the unpacked folder (Entities/&lt;Name&gt;/Entity.xml).</summary>
public sealed class EntityModel
{
    public required string Folder { get; init; }

    public required string File { get; init; }

    public required string LogicalName { get; init; }

    public required string SchemaName { get; init; }

    public required XElement Element { get; init; }

    /// <summary>Columns by logical name (case-insensitive).</summary>
    public Dictionary<string, XElement> Attributes { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<SourceElement> Forms { get; } = [];

    public List<SourceElement> Views { get; } = [];

    public List<SourceElement> Charts { get; } = [];

    /// <summary>
    /// A table carried without its definition (<c>entity unmodified="1"</c>, no <c>OwnershipTypeMask</c>): the solution
    /// adds columns to a table the target environment must already have, as exports write it (root component behavior 1).
    /// </summary>
    public bool IsStub =>
        Element.Descendants("entity").FirstOrDefault() is { } entity
        && (string?)entity.Attribute("unmodified") == "1"
        && !Element.Descendants("OwnershipTypeMask").Any();
}

/// <summary>Everything the checker needs from an unpacked solution folder, read leniently (broken files are skipped and reported).</summary>
public sealed class SolutionModel
{
    public required SourceTree Tree { get; init; }

    public XDocument? Solution { get; set; }

    public XDocument? Customizations { get; set; }

    public string Prefix { get; set; } = string.Empty;

    public int OptionValuePrefix { get; set; }

    public Dictionary<string, EntityModel> Entities { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Roles/*.xml, one role each.</summary>
    public List<SourceElement> Roles { get; } = [];

    /// <summary>OptionSets/*.xml, the global choices.</summary>
    public List<SourceElement> OptionSets { get; } = [];

    /// <summary>The EntityRelationship elements of Other/Relationships/*.xml.</summary>
    public List<SourceElement> Relationships { get; } = [];

    /// <summary>WebResources/**/*.data.xml, the web resources' metadata.</summary>
    public List<SourceElement> WebResources { get; } = [];

    /// <summary>PluginAssemblies/**/*.dll.data.xml, the plug-in assemblies' metadata with their types.</summary>
    public List<SourceElement> Assemblies { get; } = [];

    /// <summary>SdkMessageProcessingSteps/*.xml, one step each with its images.</summary>
    public List<SourceElement> Steps { get; } = [];

    /// <summary>AppModules/&lt;name&gt;/AppModule.xml.</summary>
    public List<SourceElement> AppModules { get; } = [];

    /// <summary>AppModuleSiteMaps/&lt;name&gt;/AppModuleSiteMap.xml.</summary>
    public List<SourceElement> SiteMaps { get; } = [];

    /// <summary>Dashboards/*.xml.</summary>
    public List<SourceElement> Dashboards { get; } = [];

    /// <summary>customapis/&lt;name&gt;/customapi.xml.</summary>
    public List<SourceElement> CustomApis { get; } = [];

    /// <summary>The field security profiles of Other/FieldSecurityProfiles.xml.</summary>
    public List<SourceElement> FieldSecurityProfiles { get; } = [];

    /// <summary>customapis/&lt;name&gt;/**/customapirequestparameter.xml.</summary>
    public List<SourceElement> CustomApiRequestParameters { get; } = [];

    /// <summary>customapis/&lt;name&gt;/**/customapiresponseproperty.xml.</summary>
    public List<SourceElement> CustomApiResponseProperties { get; } = [];

    /// <summary>Every XML file that could be read, for the rules that look at all of them (labels, ids).</summary>
    public List<(string File, XDocument Document)> Documents { get; } = [];

    /// <summary>Columns of a table: the solution's Entity.xml united with the system baseline; null for an unknown table.</summary>
    public IReadOnlySet<string>? Columns(string table)
    {
        var baseline = SystemTableBaseline.Columns(table);
        if (!Entities.TryGetValue(table, out var entity))
        {
            return baseline;
        }

        var set = new HashSet<string>(entity.Attributes.Keys, StringComparer.OrdinalIgnoreCase);
        if (baseline is not null)
        {
            set.UnionWith(baseline);
        }

        return set;
    }

    /// <summary>The names of the solution's web resources (case-insensitive).</summary>
    public HashSet<string> WebResourceNames() => WebResources.Select(w => w.Element.Text("Name") ?? string.Empty).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public bool IsKnownTable(string table) => Entities.ContainsKey(table) || SystemTableBaseline.HasTable(table);

    public bool IsCustomName(string name) => Prefix.Length > 0 && name.StartsWith(Prefix + "_", StringComparison.OrdinalIgnoreCase);

    public static SolutionModel Load(SourceTree tree)
    {
        var model = new SolutionModel { Tree = tree };

        XDocument? Read(string file)
        {
            var doc = tree.TryLoad(file);
            if (doc is not null)
            {
                model.Documents.Add((file, doc));
            }

            return doc;
        }

        // Every XML file is parsed once so broken ones are all reported. pac's managed variants ({id}_managed.xml beside
        // {id}.xml) are the same component: the checker reads the unmanaged file, as an unmanaged pack does.
        var xmlFiles = tree.ComponentFiles(string.Empty, true, managed: false, f => f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) && !f.Contains("/bin/") && !f.Contains("/obj/"));
        var documents = new Dictionary<string, XDocument>(StringComparer.Ordinal);
        foreach (var file in xmlFiles)
        {
            var doc = Read(file);
            if (doc is not null)
            {
                documents[file] = doc;
            }
        }

        XElement? Root(string file) => documents.TryGetValue(file, out var doc) ? doc.Root : null;

        model.Solution = documents.GetValueOrDefault(SolutionLayout.SolutionFile);
        model.Customizations = documents.GetValueOrDefault(SolutionLayout.CustomizationsFile);
        var publisher = model.Solution?.Root?.Element("SolutionManifest")?.Element("Publisher");
        model.Prefix = publisher?.Text("CustomizationPrefix") ?? string.Empty;
        model.OptionValuePrefix = int.TryParse(publisher?.Text("CustomizationOptionValuePrefix"), out var optionPrefix) ? optionPrefix : 0;

        foreach (var folder in tree.Folders("Entities"))
        {
            var file = folder + "/Entity.xml";
            var root = Root(file);
            if (root is null)
            {
                continue;
            }

            var info = root.Element("EntityInfo")?.Element("entity");
            var schema = info?.Attr("Name") ?? root.Text("Name") ?? folder[(folder.LastIndexOf('/') + 1)..];
            var entity = new EntityModel { Folder = folder, File = file, LogicalName = schema.ToLowerInvariant(), SchemaName = schema, Element = root };
            foreach (var attribute in info?.Element("attributes")?.Elements("attribute") ?? [])
            {
                var logical = attribute.Text("LogicalName") ?? attribute.Text("Name") ?? attribute.Attr("PhysicalName")?.ToLowerInvariant();
                if (!string.IsNullOrEmpty(logical))
                {
                    entity.Attributes.TryAdd(logical, attribute);
                }
            }

            foreach (var formFile in tree.ComponentFiles(folder + "/FormXml", true, managed: false, f => f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
            {
                foreach (var form in Root(formFile)?.Elements("systemform") ?? [])
                {
                    entity.Forms.Add(new SourceElement(formFile, form));
                }
            }

            foreach (var viewFile in tree.ComponentFiles(folder + "/SavedQueries", false, managed: false, f => f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
            {
                foreach (var view in Root(viewFile)?.Elements("savedquery") ?? [])
                {
                    entity.Views.Add(new SourceElement(viewFile, view));
                }
            }

            foreach (var chartFile in tree.ComponentFiles(folder + "/Visualizations", false, managed: false, f => f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
            {
                var chart = Root(chartFile);
                if (chart is not null)
                {
                    entity.Charts.Add(new SourceElement(chartFile, chart));
                }
            }

            model.Entities.TryAdd(entity.LogicalName, entity);
        }

        void Collect(List<SourceElement> list, string folder, bool recursive, Func<string, bool> filter, Func<XElement, IEnumerable<XElement>> select)
        {
            foreach (var file in tree.ComponentFiles(folder, recursive, managed: false, filter))
            {
                var root = Root(file);
                if (root is not null)
                {
                    list.AddRange(select(root).Select(e => new SourceElement(file, e)));
                }
            }
        }

        static bool Xml(string f) => f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);
        static IEnumerable<XElement> Self(XElement e) => [e];

        Collect(model.Roles, "Roles", false, Xml, Self);
        if (tree.FileExists(SolutionLayout.FieldSecurityProfilesFile) && tree.TryLoad(SolutionLayout.FieldSecurityProfilesFile)?.Root is { } profiles)
        {
            model.FieldSecurityProfiles.AddRange(profiles.Elements("FieldSecurityProfile").Select(e => new SourceElement(SolutionLayout.FieldSecurityProfilesFile, e)));
        }

        Collect(model.OptionSets, "OptionSets", false, Xml, Self);
        Collect(model.Relationships, SolutionLayout.RelationshipsFolder, false, Xml, r => r.Elements("EntityRelationship"));
        Collect(model.WebResources, "WebResources", true, tree.IsWebResourceMetadata, Self);
        Collect(model.Assemblies, "PluginAssemblies", true, f => f.EndsWith(".dll.data.xml", StringComparison.OrdinalIgnoreCase), Self);
        Collect(model.Steps, "SdkMessageProcessingSteps", false, Xml, Self);
        Collect(model.AppModules, "AppModules", true, f => f.EndsWith("/AppModule.xml", StringComparison.Ordinal), Self);
        Collect(model.SiteMaps, "AppModuleSiteMaps", true, f => f.EndsWith("/AppModuleSiteMap.xml", StringComparison.Ordinal), Self);
        Collect(model.Dashboards, "Dashboards", false, Xml, Self);
        Collect(model.CustomApis, "customapis", true, f => f.EndsWith("/customapi.xml", StringComparison.Ordinal), Self);
        Collect(model.CustomApiRequestParameters, "customapis", true, f => f.EndsWith("/customapirequestparameter.xml", StringComparison.Ordinal), Self);
        Collect(model.CustomApiResponseProperties, "customapis", true, f => f.EndsWith("/customapiresponseproperty.xml", StringComparison.Ordinal), Self);
        return model;
    }
}
