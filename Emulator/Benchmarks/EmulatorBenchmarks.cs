using System.Diagnostics;

namespace AccountPlanXrm.Emulator.Benchmarks;

/// <summary>The measured numbers of one benchmark run.</summary>
public sealed record BenchmarkResult(
    double CreatesPerSecond,
    double RetrieveByIdMicroseconds,
    double LookupQueryMilliseconds,
    double SumAggregateMilliseconds,
    double PipelineOverheadMicroseconds,
    double NewEmulatorMicroseconds)
{
    /// <summary>An account create without steps (no request objects: the pipeline's shortcut) and with one sync step.</summary>
    public (double Without, double With) CreateMicroseconds { get; init; }
}

/// <summary>
/// A Stopwatch harness over the emulator's hot paths (the <c>apx bench</c> command calls it). Numbers are
/// medians or averages of repeated runs after a warm-up; they depend on the machine and on Release builds.
/// </summary>
public static class EmulatorBenchmarks
{
    /// <summary>
    /// How long a measurement's warm-up runs at least: the JIT compiles hot methods again, optimised, only after they
    /// have been called for a while (tiered compilation waits about 100 ms without new methods before it counts
    /// calls), so a fixed handful of warm-up calls leaves part of the timed loop in unoptimised code.
    /// </summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromMilliseconds(750);

    /// <summary>Runs every measurement and writes one line per number to <paramref name="output"/>.</summary>
    public static BenchmarkResult Run(TextWriter output, int rows = 100_000, string? solutionFolder = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var solution = solutionFolder == null ? SolutionDefinition.Baseline : SolutionDefinition.Load(solutionFolder);

        // 1. Creates without plug-ins: a warm-up run (JIT tiering), then three runs of `rows` creates, each into a fresh
        //    emulator, reported as the median. The last run's emulator serves the measurements below.
        CreateRun(solution, Math.Max(1_000, rows / 5));
        var runs = new double[3];
        CreateRunResult last = default;
        for (var run = 0; run < runs.Length; run++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            last = CreateRun(solution, rows);
            runs[run] = rows / last.Elapsed.TotalSeconds;
        }

        Array.Sort(runs);
        var createsPerSecond = runs[runs.Length / 2];
        var service = last.Service;
        var accounts = last.Accounts;
        output.WriteLine(Line("creates/s without plug-ins", createsPerSecond, "creates/s", string.Format(
            CultureInfo.InvariantCulture, "{0} opportunities with 4 columns each, median of 3 runs after a warm-up ({1:N0} – {2:N0})", rows, runs[0], runs[^1])));

        // 2. Retrieve by id.
        var columns = new ColumnSet("name", "estimatedvalue", "parentaccountid");
        var ids = service.RetrieveMultiple(new QueryExpression("opportunity") { ColumnSet = new ColumnSet(false), TopCount = 1000 }).Entities.Select(e => e.Id).ToArray();
        Settle();
        var retrieveUs = Average(Math.Min(ids.Length * 10, Math.Max(1_000, rows / 10)), i => service.Retrieve("opportunity", ids[i % ids.Length], columns)) * 1000;
        output.WriteLine(Line("retrieve by id", retrieveUs, "µs", "3 columns incl. a lookup name"));

        // 3. Equality query on a lookup over the 100,000 rows.
        var lookupQuery = new QueryExpression("opportunity") { ColumnSet = new ColumnSet("name", "estimatedvalue") };
        lookupQuery.Criteria.AddCondition("parentaccountid", ConditionOperator.Equal, accounts[7]);
        var matched = service.RetrieveMultiple(lookupQuery).Entities.Count;
        Settle();
        var lookupMs = Median(50, () => service.RetrieveMultiple(lookupQuery));
        output.WriteLine(Line("equality query on a lookup", lookupMs, "ms", $"{matched} of {rows} rows"));

        // 4. Sum aggregate over the 100,000 rows (the half below the 50,000-row aggregate limit).
        var fetch = new FetchExpression(
            "<fetch aggregate='true'><entity name='opportunity'><attribute name='estimatedvalue' alias='total' aggregate='sum' />"
            + "<filter><condition attribute='closeprobability' operator='ge' value='50' /></filter></entity></fetch>");
        Settle();
        var aggregateMs = Median(10, () => service.RetrieveMultiple(fetch));
        output.WriteLine(Line("sum aggregate", aggregateMs, "ms", $"scan of {rows} rows, {rows / 2} summed"));

        // 5. Pipeline overhead of one synchronous step.
        var plain = XrmEmulator.Builder().WithSolution(solution).WithOperationLog(false).Build().GetService();
        var withStep = XrmEmulator.Builder().WithSolution(solution).WithOperationLog(false)
            .WithStep(new StepRegistration(typeof(NoOpPlugin), "Create", "account", PipelineStage.PreOperation))
            .Build().GetService();
        //    Both are warmed up, then timed in alternating rounds; the overhead is the median of the rounds' differences,
        //    so a collection or a noisy neighbour during one round does not decide the figure.
        var pipelineRuns = Math.Min(5_000, Math.Max(1_000, rows / 20));
        Action<int> plainCreate = _ => plain.Create(new Entity("account") { ["name"] = "A" });
        Action<int> stepCreate = _ => withStep.Create(new Entity("account") { ["name"] = "A" });
        Average(pipelineRuns, plainCreate);
        Average(pipelineRuns, stepCreate);
        var rounds = new (double Plain, double Step)[7];
        for (var round = 0; round < rounds.Length; round++)
        {
            Settle();
            rounds[round] = (Timed(pipelineRuns, plainCreate), Timed(pipelineRuns, stepCreate));
        }

        var plainMs = rounds.Select(r => r.Plain).Order().ElementAt(rounds.Length / 2);
        var stepMs = rounds.Select(r => r.Step).Order().ElementAt(rounds.Length / 2);
        var overheadUs = Math.Max(0, rounds.Select(r => r.Step - r.Plain).Order().ElementAt(rounds.Length / 2) * 1000);
        output.WriteLine(Line("pipeline overhead, one sync step", overheadUs, "µs/request", $"create {plainMs * 1000:0.0} µs without, {stepMs * 1000:0.0} µs with the step"));

        // 6. New emulator over cached metadata.
        Settle();
        var newUs = Average(Math.Min(2_000, Math.Max(200, rows / 50)), _ => XrmEmulator.Builder().WithSolution(solution).Build()) * 1000;
        output.WriteLine(Line("new emulator from cached metadata", newUs, "µs", solutionFolder ?? "baseline tables"));

        return new BenchmarkResult(createsPerSecond, retrieveUs, lookupMs, aggregateMs, overheadUs, newUs)
        {
            CreateMicroseconds = (plainMs * 1000, stepMs * 1000),
        };
    }

    private readonly record struct CreateRunResult(IOrganizationService Service, Guid[] Accounts, TimeSpan Elapsed);

    /// <summary>A fresh emulator with 1,000 accounts, then <paramref name="rows"/> timed opportunity creates.</summary>
    private static CreateRunResult CreateRun(SolutionDefinition solution, int rows)
    {
        var emulator = XrmEmulator.Builder().WithSolution(solution).WithOperationLog(false).Build();
        var service = emulator.GetService();
        var accounts = new Guid[1000];
        for (var i = 0; i < accounts.Length; i++)
        {
            accounts[i] = service.Create(new Entity("account") { ["name"] = "Account " + i.ToString(CultureInfo.InvariantCulture) });
        }

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < rows; i++)
        {
            service.Create(new Entity("opportunity")
            {
                ["name"] = "Opportunity",
                ["parentaccountid"] = new EntityReference("account", accounts[i % accounts.Length]),
                ["estimatedvalue"] = new Money(1000m + (i % 10)),
                ["closeprobability"] = i % 2 == 0 ? 20 : 70,
            });
        }

        watch.Stop();
        return new CreateRunResult(service, accounts, watch.Elapsed);
    }

    private static string Line(string what, double value, string unit, string detail) =>
        string.Format(CultureInfo.InvariantCulture, "{0,-36} {1,12:N1} {2,-11} ({3})", what, value, unit, detail);

    /// <summary>A full blocking collection before a measurement, so that garbage of the previous one is not paid here.</summary>
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>Average milliseconds per call, after a warm-up of at least <see cref="WarmUp"/>.</summary>
    private static double Average(int runs, Action<int> action)
    {
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < Math.Min(runs, 200) || warm.Elapsed < WarmUp; i++)
        {
            action(i % runs);
        }

        return Timed(runs, action);
    }

    /// <summary>Average milliseconds per call of <paramref name="runs"/> calls, without a warm-up.</summary>
    private static double Timed(int runs, Action<int> action)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            action(i);
        }

        watch.Stop();
        return watch.Elapsed.TotalMilliseconds / runs;
    }

    /// <summary>Median milliseconds of single calls, after a warm-up of at least <see cref="WarmUp"/>.</summary>
    private static double Median(int runs, Action action)
    {
        var warm = Stopwatch.StartNew();
        do
        {
            action();
        }
        while (warm.Elapsed < WarmUp);

        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            watch.Stop();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return times[runs / 2];
    }

    /// <summary>The step used to measure pipeline overhead.</summary>
    private sealed class NoOpPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            _ = context.InputParameters["Target"];
        }
    }
}
