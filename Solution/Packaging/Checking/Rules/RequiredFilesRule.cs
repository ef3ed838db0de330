namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>Rule <see cref="Rules.MissingFile"/>: Other/Solution.xml and Other/Customizations.xml must exist.</summary>
public sealed class RequiredFilesRule : ICheckRule
{
    public IReadOnlyList<string> Ids { get; } = [Rules.MissingFile];

    public void Check(RuleContext context)
    {
        foreach (var required in new[] { SolutionLayout.SolutionFile, SolutionLayout.CustomizationsFile })
        {
            if (!context.Tree.FileExists(required))
            {
                context.Report(new Finding(required, 0, Rules.MissingFile, Severity.Error, "required file is missing"));
            }
        }
    }
}
