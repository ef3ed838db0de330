namespace AccountPlanXrm.Solution.Packaging;

/// <summary>
/// Names and orders of the packed and unpacked solution formats (SolutionPackager / <c>pac solution unpack</c> layout).
/// </summary>
public static class SolutionLayout
{
    public const string ContentTypesPart = "[Content_Types].xml";
    public const string CustomizationsPart = "customizations.xml";
    public const string SolutionPart = "solution.xml";

    public const string SolutionFile = "Other/Solution.xml";
    public const string CustomizationsFile = "Other/Customizations.xml";
    public const string RelationshipsListFile = "Other/Relationships.xml";
    public const string RelationshipsFolder = "Other/Relationships";
    public const string FieldSecurityProfilesFile = "Other/FieldSecurityProfiles.xml";
    public const string EntityMapsFile = "Other/EntityMaps.xml";

    /// <summary>
    /// Child order of <c>ImportExportXml</c> in customizations.xml: the xs:sequence of CustomizationsSolution.xsd
    /// (9.0.0.2090), with the sections newer exports add placed where exports put them.
    /// </summary>
    public static readonly IReadOnlyList<string> SectionOrder =
    [
        "Entities", "Roles", "Workflows", "FieldSecurityProfiles", "Templates",
        "EntityImageConfigs", "AttributeImageConfigs",
        "RibbonDiffXml", "IsvConfig", "RelationshipRoles", "ConnectionRoles", "SiteMap",
        "EntityMaps", "EntityRelationships", "OrganizationSettings", "optionsets", "Reports", "RoutingRules",
        "ChannelPropertyGroups", "ConvertRules", "MobileOfflineProfiles", "Slas", "ChannelAccessProfiles",
        "ChannelAccessProfileRules", "Dashboards", "InteractionCentricDashboards", "Dialogs", "WebResources",
        "CustomControls", "SolutionPluginAssemblies", "SdkMessageProcessingSteps", "ServiceEndpoints",
        "AppModuleSiteMaps", "AppModules", "EntityDataProviders", "EntityDataSources", "Languages",
        "GlobalSearchConfigurations", "StoredProcedures",
    ];

    /// <summary>Order of the form-type groups inside an entity's FormXml.</summary>
    public static readonly IReadOnlyList<string> FormTypeOrder =
        ["main", "quickCreate", "quick", "card", "mobile", "dashboard", "appointmentBook", "dialog", "task"];

    /// <summary>Order of the extracted parts inside a packed Entity element (xs:all: free, kept stable).</summary>
    /// <remarks>Exports write <c>Visualizations</c> before <c>RibbonDiffXml</c> (real-export facts §1).</remarks>
    public static readonly IReadOnlyList<string> EntityPartOrder = ["FormXml", "SavedQueries", "Visualizations", "RibbonDiffXml"];

    /// <summary>
    /// Folders of components that live outside customizations.xml (facts §2). The packer carries every file it does not
    /// merge, in these folders and any other; the list names the folders <c>apx unpack --clean</c> empties.
    /// </summary>
    public static readonly IReadOnlyList<string> RawFolders =
    [
        "customapis", "environmentvariabledefinitions", "pluginpackages", "connectionreferences", "CanvasApps", "Formulas",
        "Reports", "Assets", "bots", "botcomponents", "appactions", "dvtablesearchs", "dvtablesearchentities", "aiskillconfigs",
        "msdyn_schedules",
    ];

    /// <summary>Whether <paramref name="name"/> is a section of <see cref="SectionOrder"/>.</summary>
    public static bool IsSection(string name) => SectionIndexOf(name) < SectionOrder.Count;

    /// <summary>Index of a section in <see cref="SectionOrder"/>; unknown sections sort just before Languages.</summary>
    public static int SectionIndex(string name)
    {
        for (var i = 0; i < SectionOrder.Count; i++)
        {
            if (SectionOrder[i] == name)
            {
                return i;
            }
        }

        return SectionIndexOf("Languages") - 1;
    }

    private static int SectionIndexOf(string name)
    {
        for (var i = 0; i < SectionOrder.Count; i++)
        {
            if (SectionOrder[i] == name)
            {
                return i;
            }
        }

        return SectionOrder.Count;
    }

    /// <summary>
    /// Zip part name of a web resource as exports write it: the name with every character except letters, digits and '_'
    /// removed, followed by the web resource id in upper case without braces.
    /// </summary>
    public static string WebResourcePartName(string name, string webResourceId)
    {
        var stripped = new string(name.Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').ToArray());
        var id = XmlFiles.NormalizeId(webResourceId).ToUpperInvariant();
        return "/WebResources/" + stripped + id;
    }

    /// <summary>
    /// Zip part name of a plug-in assembly as exports write it: /PluginAssemblies/&lt;Name&gt;-&lt;ID&gt;/&lt;Name&gt;.dll where
    /// &lt;Name&gt; is the assembly name with every character except letters, digits and '_' removed
    /// ("PPDSDemo.Plugins" is stored as "PPDSDemoPlugins").
    /// </summary>
    public static string PluginAssemblyPartName(string assemblyName, string assemblyId)
    {
        var stripped = new string(assemblyName.Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').ToArray());
        var id = XmlFiles.NormalizeId(assemblyId).ToUpperInvariant();
        return $"/PluginAssemblies/{stripped}-{id}/{stripped}.dll";
    }

    /// <summary>Forward-slash path relative to <paramref name="root"/>.</summary>
    public static string Relative(string root, string fullPath) => Path.GetRelativePath(root, fullPath).Replace('\\', '/');
}
