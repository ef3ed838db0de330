namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// Which rules apply to which solution. Platform rules (what the importer or the platform rejects, broken references
/// inside the solution, malformed files) apply to every solution; house rules (our publisher prefix and option value
/// prefix, German labels, role coverage of our forms) only to ours or with <c>--house-rules</c>. On another solution the
/// rules that cannot be decided offline (references to components of solutions it depends on, root components with
/// organization-specific type codes, the 9.0 XSDs that predate modern exports) and the Power Apps checker's best practices
/// become warnings. Ids of form tabs, sections and cells repeated across forms are warnings there too: a form saved as a copy
/// keeps them, while ids of whole components cannot repeat in an export (they are the records' keys).
/// </summary>
public static class RuleScope
{
    /// <summary>Unique name of our solution.</summary>
    public const string HouseSolutionName = "AccountPlanXrm";

    /// <summary>Customization prefix of our publisher.</summary>
    public const string HousePrefix = "apx";

    /// <summary>The house rules: checked on our solution or when asked for.</summary>
    public static readonly IReadOnlySet<string> HouseOnlyRules = new HashSet<string>(StringComparer.Ordinal)
    {
        Rules.Prefix, Rules.ChoicePrefix, Rules.RolePrivilegeUnknown, Rules.RoleMissingPrivilege,
    };

    /// <summary>Rules that are warnings on a solution that is not ours (see the class remarks).</summary>
    public static readonly IReadOnlySet<string> AdvisoryRulesElsewhere = new HashSet<string>(StringComparer.Ordinal)
    {
        Rules.UnknownTable, Rules.FormUnknownColumn, Rules.FormSubgrid, Rules.FormUnknownWebResource, Rules.FormUnknownLibrary,
        Rules.InvalidFormHandler, Rules.ViewUnknownColumn, Rules.ChartUnknownColumn, Rules.StepUnknownColumn,
        Rules.StepNoFilteringAttributes, Rules.StepDuplicate, Rules.ImageNoColumns, Rules.RelationshipInvalid,
        Rules.AppModuleInvalid, Rules.RootMissing, Rules.RootUnknown, Rules.SchemaInvalid, Rules.StepUnknownPluginType,
        Rules.WebResourceFileName, Rules.DuplicateId,
    };

    /// <summary>Label languages of the house rules: English (error when missing) and German (warning).</summary>
    public static readonly IReadOnlyList<int> HouseLanguages = [1033, 1031];

    /// <summary>Our solution: unique name AccountPlanXrm or publisher prefix apx.</summary>
    public static bool IsHouseSolution(SolutionModel model)
    {
        var uniqueName = model.Solution?.Root?.Element("SolutionManifest")?.Text("UniqueName");
        return string.Equals(uniqueName, HouseSolutionName, StringComparison.OrdinalIgnoreCase)
            || string.Equals(model.Prefix, HousePrefix, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The base language of a solution (<c>languagecode</c> of Solution.xml), 1033 when absent.</summary>
    public static int BaseLanguage(SolutionModel model) =>
        int.TryParse(model.Solution?.Root?.Attr("languagecode"), out var language) && language > 0 ? language : 1033;

    /// <summary>A finding as it applies to the checked solution: unchanged for ours, dropped or a warning for another.</summary>
    public static Finding? Scope(Finding finding, bool house)
    {
        if (house)
        {
            return finding;
        }

        if (HouseOnlyRules.Contains(finding.RuleId))
        {
            return null;
        }

        return AdvisoryRulesElsewhere.Contains(finding.RuleId) && finding.Severity == Severity.Error
            ? finding with { Severity = Severity.Warning }
            : finding;
    }
}
