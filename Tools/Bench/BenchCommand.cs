using AccountPlanXrm.Tools.Demo;
using static System.FormattableString;

namespace AccountPlanXrm.Tools.Bench;

/// <summary><c>apx bench</c>: the emulator and plug-in benchmarks as one table.</summary>
public sealed class BenchCommand : ICommand
{
    public string Name => "bench";

    public string Summary => "measure the emulator and the plug-ins (creates/s, queries, aggregates, pipeline, roll-up, completeness)";

    public string Description =>
        "Stopwatch measurements on this machine (the emulator harness, then the plug-in logic): creates per second without\n" +
        "plug-ins, retrieve by id, an equality query on a lookup and a FetchXML sum over --rows rows, the overhead of one\n" +
        "synchronous step, a new emulator from cached metadata, the KPI recount and an opportunity change with the given opportunity counts\n" +
        "(time and requests issued) and the completeness step. Prints a table; exit code 1 when a measurement failed.";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("rows", "n", "rows of the create, query and aggregate measurements (1,000..1,000,000, default 100,000)"),
        new("rollup", "list", "opportunity counts of the roll-up measurements (default 1000,60000,120000,500000)"),
        new("src", "dir", $"unpacked solution (default {DefaultPaths.Source})"),
        new("markdown", "file", "also write the table as a dated Markdown page with the machine's facts (e.g. docs/benchmarks.md)"),
    ];

    public int Run(ParsedArguments args, CommandContext context)
    {
        var rows = DemoOptions.ParseInt(args, "rows", 100_000, 1_000, 1_000_000);
        var sizes = new List<int>();
        foreach (var part in (args.Value("rollup") ?? "1000,60000,120000,500000").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) || size < 10 || size > 1_000_000)
            {
                throw new UsageException($"option '--rollup' needs comma-separated counts between 10 and 1,000,000, got '{part}'");
            }

            sizes.Add(size);
        }

        if (sizes.Count == 0)
        {
            throw new UsageException("option '--rollup' needs at least one count");
        }

        var source = context.Resolved(args, "src", DefaultPaths.Source);
        if (!Directory.Exists(source))
        {
            throw new UsageException($"solution folder not found: {context.Display(source)} (give --src)");
        }

        var markdown = args.Value("markdown") is { } md ? context.Resolve(md) : null;
        var machine = BenchMachine.Describe();
        context.Out.WriteLine($"apx bench  ({machine})");
        var bench = new Benchmarks(new BenchOptions { Rows = rows, RollupSizes = sizes, SolutionFolder = source }, context.Out);
        bench.RunAll();

        context.Out.WriteLine();
        var table = new TextTable("Area", "Measurement", ">Result", "Target");
        foreach (var row in bench.Rows)
        {
            table.Add(row.Area, row.Measure, row.Value, row.Target);
        }

        table.Write(context.Out, maxWidth: 100);
        if (markdown is not null)
        {
            var arguments = Invariant($"--rows {rows} --rollup {string.Join(',', sizes)}");
            BenchMarkdown.Write(markdown, bench.Rows, machine, arguments, DateTime.UtcNow);
            context.Out.WriteLine($"wrote {context.Display(markdown)}");
        }

        return bench.Rows.Any(r => r.Measure == "FAILED") ? ExitCodes.Failure : ExitCodes.Ok;
    }
}
