namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// Rule <see cref="Rules.XmlMalformed"/>: every file the model could not parse. The registry asks it after the rules that
/// read the model, so those ran on everything readable.
/// </summary>
public sealed class MalformedXmlRule : ICheckRule
{
    public IReadOnlyList<string> Ids { get; } = [Rules.XmlMalformed];

    public void Check(RuleContext context)
    {
        foreach (var error in context.Tree.Errors)
        {
            context.Report(new Finding(error.File, error.Line, Rules.XmlMalformed, Severity.Error, error.Message));
        }
    }
}
