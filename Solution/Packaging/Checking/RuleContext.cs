namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>What a rule sees of one check: the options, the source tree, the loaded model, the label languages; and where it reports.</summary>
public sealed class RuleContext
{
    private readonly List<Finding> _findings;
    private readonly List<string> _notes;

    internal RuleContext(CheckOptions options, SourceTree tree, SolutionModel model, IReadOnlyList<int> languages, List<Finding> findings, List<string> notes) =>
        (Options, Tree, Model, Languages, _findings, _notes) = (options, tree, model, languages, findings, notes);

    public CheckOptions Options { get; }

    public SourceTree Tree { get; }

    public SolutionModel Model { get; }

    /// <summary>Languages every label collection must carry (the first is an error when missing, the others warnings).</summary>
    public IReadOnlyList<int> Languages { get; }

    /// <summary>The rule being asked; its <see cref="ICheckRule.Ids"/> are the ids it may report.</summary>
    internal ICheckRule? Current { get; set; }

    /// <summary>Adds a note to the result (e.g. a skipped validation).</summary>
    public void Note(string note) => _notes.Add(note);

    public void Report(Finding finding)
    {
        if (Current is not null && !Current.Ids.Contains(finding.RuleId, StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"{Current.GetType().Name} reported {finding.RuleId}, a rule id it does not own");
        }

        _findings.Add(finding);
    }

    public void Report(string file, XObject? node, string rule, Severity severity, string message) =>
        Report(new Finding(file, XmlFiles.LineOf(node), rule, severity, message));

    /// <summary>Reports an error in the component's file, at the node or else at the component's element.</summary>
    public void Error(SourceElement source, XObject? node, string rule, string message) => Report(source.File, node ?? source.Element, rule, Severity.Error, message);
}
