namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>Inputs of <see cref="SolutionChecker.Check(CheckOptions)"/>.</summary>
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
    /// solution: ours (see <see cref="RuleScope.IsHouseSolution"/>) gets them, any other solution platform rules only.
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
