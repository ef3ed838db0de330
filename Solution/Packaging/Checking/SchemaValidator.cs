using System.Xml.Schema;

namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// Structural validation of the merged customizations.xml against Microsoft's CustomizationsSolution.xsd (9.0.0.2090).
/// The schemas are not redistributable: they are read from a folder outside the repository and the validation is
/// skipped (visibly) when they are absent. Current exports carry elements that schema predates; those listed in
/// <see cref="NewerElements"/> / <see cref="NewerAttributes"/> are accepted.
/// </summary>
public static class SchemaValidator
{
    public const string MainSchema = "CustomizationsSolution.xsd";

    /// <summary>Elements current exports write that the 9.0.0.2090 schema does not declare.</summary>
    public static readonly IReadOnlySet<string> NewerElements = new HashSet<string>(StringComparer.Ordinal)
    {
        "AutoNumberFormat", "IsRetrieveAuditEnabled", "IsRetrieveMultipleAuditEnabled", "IsDataSourceSecret", "IsSearchable",
        "IsFilterable", "IsRetrievable", "IsLocalizable", "IsSortableEnabled", "CanModifyIsSortableSettings", "IsGlobalFilterEnabled",
        "CanModifyGlobalFilterSettings", "CanChangeTrackingBeEnabled", "IsMSTeamsIntegrationEnabled", "IsSolutionAware",
        "IsEnabledForExternalChannels", "SyncToExternalSearchIndex", "EntitySetName", "IsCustomProcessingStepAllowedForOtherPublishers",
        "EntityImageConfigs", "AttributeImageConfigs", "IsAutoAssigned", "statecode", "statuscode", "NavigationType", "OptimizedFor",
        "HasRelatedNotes", "HasRelatedActivities", "IsArchivalEnabled", "IsRetentionEnabled", "CanChangeHierarchicalRelationship",
        "EnforceStateTransitions", "EntityHelpUrlEnabled", "ChangeTrackingEnabled", "CascadeArchive", "IsDataSourceSecret",
        "ExternalTypeName", "IsPrivate", "SummaryOfCoreTablePermissions", "AppliesTo", "ActivityTypeMask",

        // AppModuleSiteMap settings and step plug-in type references, as PPDS/APOLLO exports write them.
        "EnableCollapsibleGroups", "ShowHome", "ShowPinned", "ShowRecents", "PluginTypeName", "PluginTypeId", "PluginTypeExportKey",
    };

    /// <summary>Attributes current exports write that the 9.0.0.2090 schema does not declare.</summary>
    public static readonly IReadOnlySet<string> NewerAttributes = new HashSet<string>(StringComparer.Ordinal)
    {
        "OrganizationVersion", "OrganizationSchemaType", "CRMServerServiceabilityVersion", "headerdensity", "ExternalValue",
        "IsHidden", "invariantname",
    };

    /// <summary>Finds the schema folder: the given one, else ../shared/schemas/dataverse above the repository root.</summary>
    public static string? FindSchemaFolder(string? given, string startFolder)
    {
        if (!string.IsNullOrEmpty(given))
        {
            return File.Exists(Path.Combine(given, MainSchema)) ? Path.GetFullPath(given) : null;
        }

        var dir = new DirectoryInfo(Path.GetFullPath(startFolder));
        while (dir is not null)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "schemas", "dataverse");
            if (File.Exists(Path.Combine(candidate, MainSchema)))
            {
                return Path.GetFullPath(candidate);
            }

            dir = dir.Parent;
        }

        return null;
    }

    public static XmlSchemaSet LoadSchemas(string folder)
    {
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        var path = Path.Combine(folder, MainSchema);
        using (var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = new XmlUrlResolver() }))
        {
            set.Add(null, reader);
        }

        set.Compile();
        return set;
    }

    /// <summary>Validates the merged customizations; each finding points at the source file and line of the offending node.</summary>
    public static IEnumerable<Finding> Validate(XDocument customizations, XmlSchemaSet schemas)
    {
        var findings = new List<Finding>();
        var seen = new HashSet<(string, int, string)>();
        customizations.Validate(schemas, (sender, e) =>
        {
            var node = sender as XObject;
            if (IsNewer(node))
            {
                return;
            }

            var file = XmlFiles.FileOf(node) ?? SolutionLayout.CustomizationsFile;
            var line = XmlFiles.LineOf(node);
            var message = e.Message;
            if (seen.Add((file, line, message)))
            {
                findings.Add(new Finding(file, line, Rules.SchemaInvalid, Severity.Error, message));
            }
        }, addSchemaInfo: false);
        return findings;
    }

    private static bool IsNewer(XObject? node) => node switch
    {
        XAttribute attribute => NewerAttributes.Contains(attribute.Name.LocalName),
        XElement element => NewerElements.Contains(element.Name.LocalName) || element.Ancestors().Any(a => NewerElements.Contains(a.Name.LocalName)),
        _ => false,
    };
}
