using AccountPlanXrm.Solution.Packaging.Checking;

namespace AccountPlanXrm.Tools.Commands;

/// <summary><c>apx check</c>: the offline solution checker over Solution/src.</summary>
public sealed class CheckCommand : ICommand
{
    public string Name => "check";

    public string Summary => "check Solution/src offline (columns, choices, ids, steps, labels, web resources, XSD)";

    public string Description =>
        "Reports findings like a linter: file:line: RULE-ID severity message. Rule ids follow the Power Apps checker\n" +
        "(meta-..., web-...) where it has one, apx-... otherwise (--rules lists them). Any finding exits with 1 (on a solution\n" +
        "that is not ours, any error).\n" +
        "Structural validation uses the Dataverse XSDs in ../shared/schemas/dataverse (or --schemas); without them it\n" +
        $"prints \"skipped: schemas not found\". Default --src: {DefaultPaths.Source} below the repository root.\n" +
        "House rules (publisher prefix apx, German labels, role coverage of our forms) apply to the AccountPlanXrm solution\n" +
        "or with --house-rules; any other solution gets the platform rules, and what cannot be decided offline is a warning.";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("src", "dir", "unpacked solution folder"),
        new("schemas", "dir", "folder with CustomizationsSolution.xsd and the files it includes"),
        new("rules", null, "list the rule ids and exit"),
        new("house-rules", null, "apply the house rules to a solution that is not ours"),
    ];

    public int Run(ParsedArguments args, CommandContext context)
    {
        if (args.Has("rules"))
        {
            var width = Rules.All.Max(r => r.Id.Length) + 2;
            foreach (var (id, description) in Rules.All)
            {
                context.Out.WriteLine($"{id.PadRight(width)}{description}");
            }

            return ExitCodes.Ok;
        }

        if (context.SolutionFolder(args, Name) is not { } source)
        {
            return ExitCodes.Failure;
        }

        var schemas = args.Value("schemas") is { } schemaDir ? context.ExistingFolder(schemaDir, "--schemas") : null;

        var result = SolutionChecker.Check(new CheckOptions { SourceFolder = source, SchemaFolder = schemas, HouseRules = args.Has("house-rules") ? true : null });
        var display = context.Display(source);
        foreach (var finding in result.Findings)
        {
            context.Out.WriteLine(finding.Format(display));
        }

        foreach (var note in result.Notes)
        {
            context.Out.WriteLine("check: " + note);
        }

        context.Out.WriteLine($"check: {result.Errors} errors, {result.Warnings} warnings in {result.FilesChecked} files of {display}");
        // Our solution must be clean; on another solution the warnings are what cannot be decided offline.
        var failed = result.HouseRules ? result.Findings.Count > 0 : result.Errors > 0;
        return failed ? ExitCodes.Failure : ExitCodes.Ok;
    }
}
