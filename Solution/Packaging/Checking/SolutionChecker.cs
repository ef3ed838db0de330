namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// Offline solution checker over the unpacked folder: references from forms, views, charts, steps and images to columns,
/// choice prefixes, unique ids, step registration rules, labels in every language, web resource names, form handlers,
/// root components and XSD structure. Rule ids follow the Power Apps checker where it has one. This class is the runner:
/// it loads the model once, asks every rule of <see cref="RuleRegistry.All"/> (one file each), applies the house-rules
/// scoping of <see cref="RuleScope"/> and orders the findings.
/// </summary>
public static class SolutionChecker
{
    public static CheckResult Check(CheckOptions options) => Check(options, RuleRegistry.All);

    /// <summary>Runs the given rules (the registry's, or a subset in a test).</summary>
    public static CheckResult Check(CheckOptions options, IReadOnlyList<ICheckRule> rules)
    {
        if (!Directory.Exists(options.SourceFolder))
        {
            throw new SolutionFileException(options.SourceFolder, 0, "solution source folder not found");
        }

        var findings = new List<Finding>();
        var notes = new List<string>();
        var tree = new SourceTree(options.SourceFolder);
        var model = SolutionModel.Load(tree);
        var house = options.HouseRules ?? RuleScope.IsHouseSolution(model);
        var languages = options.Languages ?? (house ? RuleScope.HouseLanguages : [RuleScope.BaseLanguage(model)]);
        var context = new RuleContext(options, tree, model, languages, findings, notes);
        foreach (var rule in rules)
        {
            context.Current = rule;
            rule.Check(context);
        }

        context.Current = null;
        if (!house)
        {
            notes.Add("house rules skipped: not the AccountPlanXrm solution (platform rules only; --house-rules applies them)");
        }

        var ordered = findings
            .Select(f => RuleScope.Scope(f, house))
            .OfType<Finding>()
            .Distinct()
            .OrderBy(f => f.File, StringComparer.Ordinal)
            .ThenBy(f => f.Line)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Message, StringComparer.Ordinal)
            .ToList();
        return new CheckResult { Findings = ordered, Notes = notes, FilesChecked = model.Documents.Count + tree.Errors.Count, HouseRules = house };
    }
}
