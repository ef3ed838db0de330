namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// One rule of the solution checker. A rule owns the rule ids it reports (<see cref="Ids"/>, usually one): every id of
/// <see cref="Rules.All"/> belongs to exactly one rule, so a finding always leads to one file. The runner
/// (<see cref="SolutionChecker"/>) loads the model once, asks each rule of <see cref="RuleRegistry.All"/>, then applies the
/// house-rules scoping (<see cref="RuleScope"/>) and orders the findings.
/// </summary>
public interface ICheckRule
{
    /// <summary>The rule ids this rule reports; reporting any other id is a programming error the context rejects.</summary>
    IReadOnlyList<string> Ids { get; }

    /// <summary>Looks at the model and reports findings through the context.</summary>
    void Check(RuleContext context);
}
