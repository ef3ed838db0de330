namespace AccountPlanXrm.Tools.Demo;

/// <summary><c>apx demo</c>: the whole account-planning story on the embedded Dataverse.</summary>
public sealed class DemoCommand : ICommand
{
    public const string DefaultReport = "out/demo-report.md";

    public string Name => "demo";

    public string Summary => "run the account-planning story on the embedded Dataverse and write a portfolio report";

    public string Description =>
        "Boots the emulator from Solution/src with the plug-in assembly, seeds an organization (two business units,\n" +
        "sellers, a steering committee, the plan templates, an account hierarchy and opportunities over two years in EUR\n" +
        "and USD), then walks the story: customer selection (apx_RankAccounts), plans, sections, the completeness gate,\n" +
        "activation, the review task, KPIs moving with won and lost opportunities, a held review with its snapshot, a\n" +
        "steering committee decision, and the recalculated portfolio. Writes a Markdown report (default\n" +
        $"{DefaultReport} below the repository root). The clock is fixed (2026-11-27) and every id derives from --seed,\n" +
        "so the same seed writes the same report. Exit code 1 when a story step failed.";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("seed", "n", "random seed of the data and ids (default 1)"),
        new("accounts", "n", $"accounts to seed ({DemoOptions.MinAccounts}..{DemoOptions.MaxAccounts:#,##0}, default {DemoOptions.DefaultAccounts})"),
        new("opportunities", "n", $"opportunities to seed ({DemoOptions.MinOpportunities}..{DemoOptions.MaxOpportunities:#,##0}, default {DemoOptions.DefaultOpportunities:#,##0})"),
        new("report", "path", $"Markdown report to write (default {DefaultReport})"),
        new("src", "dir", $"unpacked solution to boot from (default {DefaultPaths.Source})"),
    ];

    public int Run(ParsedArguments args, CommandContext context)
    {
        var options = Parse(args, context);
        var result = DemoRunner.Run(options, context.Out);
        return result.AllStepsOk ? ExitCodes.Ok : ExitCodes.Failure;
    }

    /// <summary>Validates the options; bad values are usage errors (exit code 2), a missing solution a failure.</summary>
    public static DemoOptions Parse(ParsedArguments args, CommandContext context)
    {
        var seed = DemoOptions.ParseInt(args, "seed", 1, 0, int.MaxValue);
        var accounts = DemoOptions.ParseInt(args, "accounts", DemoOptions.DefaultAccounts, DemoOptions.MinAccounts, DemoOptions.MaxAccounts);
        var opportunities = DemoOptions.ParseInt(args, "opportunities", DemoOptions.DefaultOpportunities, DemoOptions.MinOpportunities, DemoOptions.MaxOpportunities);
        var source = context.Resolved(args, "src", DefaultPaths.Source);
        if (!Directory.Exists(source))
        {
            throw new UsageException($"solution folder not found: {context.Display(source)} (give --src)");
        }

        var seedFolder = Path.GetFullPath(Path.Combine(source, "..", "seed"));
        if (!Directory.Exists(seedFolder))
        {
            throw new UsageException($"seed data folder not found next to the solution: {context.Display(seedFolder)}");
        }

        var report = context.Resolved(args, "report", DefaultReport);
        if (Directory.Exists(report))
        {
            throw new UsageException($"--report must name a file, not a folder: {context.Display(report)}");
        }

        return new DemoOptions
        {
            Seed = seed,
            Accounts = accounts,
            Opportunities = opportunities,
            ReportPath = report,
            SolutionFolder = source,
            SeedFolder = seedFolder,
        };
    }
}
