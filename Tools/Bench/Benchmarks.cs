using System.Diagnostics;
using AccountPlanXrm.Emulator;
using AccountPlanXrm.Emulator.Benchmarks;
using AccountPlanXrm.Plugins.Infrastructure;
using AccountPlanXrm.Plugins.Logic;
using AccountPlanXrm.Plugins.Resources;

namespace AccountPlanXrm.Tools.Bench;

/// <summary>One measured figure.</summary>
public sealed record BenchRow(string Area, string Measure, string Value, string Target = "");

/// <summary>The settings of a benchmark run.</summary>
public sealed record BenchOptions
{
    /// <summary>Rows for the create, query and aggregate measurements.</summary>
    public int Rows { get; init; } = 100_000;

    /// <summary>Opportunity counts of the roll-up measurements.</summary>
    public IReadOnlyList<int> RollupSizes { get; init; } = [1_000, 60_000, 120_000, 500_000];

    public string SolutionFolder { get; init; } = "";
}

/// <summary>
/// The benchmark table: the emulator's own Stopwatch harness (<see cref="EmulatorBenchmarks"/>: creates, retrieve,
/// lookup query, aggregate, pipeline overhead, new emulator from cached metadata) plus Stopwatch measurements of the
/// plug-in logic through the public API (KPI roll-up with its request count, the completeness step). Each figure
/// here is the median of several runs after a warm-up.
/// </summary>
public sealed class Benchmarks(BenchOptions options, TextWriter progress)
{
    private static readonly DateTime Clock = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime PeriodStart = new(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc);

    public List<BenchRow> Rows { get; } = [];

    public void RunAll()
    {
        Measure("emulator", Emulator);
        foreach (var size in options.RollupSizes)
        {
            Measure("roll-up", () => Rollup(size));
        }

        Measure("completeness", Completeness);
    }

    private void Measure(string area, Action body)
    {
        try
        {
            body();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Rows.Add(new BenchRow(area, "FAILED", ex.GetType().Name + ": " + ex.Message.Split('\n')[0]));
        }
    }

    // ------------------------------------------------------------------ emulator

    /// <summary>The emulator's own harness (<see cref="EmulatorBenchmarks"/>) over the solution's metadata.</summary>
    private void Emulator()
    {
        var n = options.Rows;
        progress.WriteLine(Invariant($"  emulator harness over {n:#,##0} rows ..."));
        var result = EmulatorBenchmarks.Run(TextWriter.Null, n, options.SolutionFolder);
        Rows.Add(new BenchRow("emulator", Invariant($"creates/s without plug-ins ({n:#,##0} opportunities, median of 3 runs after warm-up)"), Invariant($"{result.CreatesPerSecond:#,##0} /s"), "≥ 100,000 /s"));
        Rows.Add(new BenchRow("emulator", "retrieve by id", Invariant($"{result.RetrieveByIdMicroseconds:0.0} µs")));
        Rows.Add(new BenchRow("emulator", Invariant($"equality query on a lookup over {n:#,##0} rows"), Milli(result.LookupQueryMilliseconds), "≤ 2 ms"));
        Rows.Add(new BenchRow("emulator", Invariant($"sum aggregate (FetchXML) over {n:#,##0} rows"), Milli(result.SumAggregateMilliseconds), "≤ 30 ms"));
        Rows.Add(new BenchRow("pipeline", Invariant($"overhead per request of one sync step (account create {result.CreateMicroseconds.Without:0.0} µs without, {result.CreateMicroseconds.With:0.0} µs with)"),
            Invariant($"{result.PipelineOverheadMicroseconds:0.0} µs")));
        Rows.Add(new BenchRow("emulator", "new emulator from cached metadata", Invariant($"{result.NewEmulatorMicroseconds:0.0} µs"), "≤ 1 ms"));

        // The demo binds the plug-in assembly too: a new emulator with the solution's 26 steps bound.
        var solution = SolutionDefinition.Load(options.SolutionFolder);
        var plugins = typeof(AccountPlanXrm.Plugins.Model.Plan).Assembly;
        const int builds = 2_000;
        var bound = Median(5, () => Time(() =>
        {
            for (var i = 0; i < builds; i++)
            {
                XrmEmulator.Builder().WithSolution(solution).WithPluginAssembly(plugins).WithOperationLog(false).Build();
            }
        }) / builds);
        Rows.Add(new BenchRow("emulator", "new emulator from cached metadata, plug-in steps bound", Micro(bound), "≤ 1 ms"));
    }

    // ------------------------------------------------------------------ plug-ins

    private void Rollup(int opportunities)
    {
        var emulator = XrmEmulator.Builder().WithSolution(options.SolutionFolder).WithClock(Clock).WithOperationLog(false).Build();
        var service = emulator.GetService();
        var parent = service.Create(new Entity("account") { ["name"] = "Group" });
        var children = new[] { parent, Guid.Empty, Guid.Empty, Guid.Empty };
        for (var i = 1; i < children.Length; i++)
        {
            children[i] = service.Create(new Entity("account") { ["name"] = $"Subsidiary {i}", ["parentaccountid"] = new EntityReference("account", i == 3 ? children[1] : parent) });
        }

        progress.WriteLine(Invariant($"  roll-up: seeding {opportunities:#,##0} opportunities ..."));
        var batch = new List<OrganizationRequest>();
        var closes = new List<OrganizationRequest>();
        for (var i = 0; i < opportunities; i++)
        {
            var id = Guid.NewGuid();
            var account = children[i % children.Length];
            var open = i % 3 == 0;
            batch.Add(new CreateRequest
            {
                Target = new Entity("opportunity", id)
                {
                    ["name"] = "Opportunity",
                    ["customerid"] = new EntityReference("account", account),
                    ["estimatedvalue"] = new Money(1000m + i % 500),
                    ["closeprobability"] = 20 + i % 4 * 20,
                    ["estimatedclosedate"] = PeriodStart.AddDays(i % 360),
                },
            });
            if (!open)
            {
                closes.Add(new OrganizationRequest("WinOpportunity")
                {
                    ["OpportunityClose"] = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference("opportunity", id), ["actualrevenue"] = new Money(900m + i % 500), ["actualend"] = PeriodStart.AddDays(i % 140) },
                    ["Status"] = new OptionSetValue(3),
                });
            }
        }

        Send(service, batch);
        Send(service, closes);
        var plan = service.Create(new Entity("apx_accountplan")
        {
            ["apx_name"] = "Benchmark plan",
            ["apx_accountid"] = new EntityReference("account", parent),
            ["apx_periodstart"] = PeriodStart,
            ["apx_periodend"] = PeriodStart.AddYears(1).AddDays(-1),
            ["apx_revenuetarget"] = new Money(1_000_000m),
        });

        var counting = new CountingService(service);
        var rollup = new KpiRollup(counting, new NullTracing(), new FixedClock(Clock));
        PlanKpis? kpis = null;

        // The recount from source (plan create, apx_RecalculatePlan, review completion): measured up to 120,000 rows.
        if (opportunities <= 120_000)
        {
            var recount = Median(opportunities > 50_000 ? 3 : 7, () =>
            {
                counting.Reset();
                return Time(() => kpis = rollup.Recalculate(plan, KpiParts.All, alwaysStamp: true));
            });
            Rows.Add(new BenchRow("roll-up", Invariant($"KPI recount from source, {opportunities:#,##0} opportunities (4 accounts, 3 levels)"),
                Invariant($"{Milli(recount)}, {counting.Requests} requests")));
        }
        else
        {
            kpis = rollup.Recalculate(plan, KpiParts.All, alwaysStamp: true);
        }

        if (kpis is null || kpis.WonRevenue <= 0m)
        {
            throw new InvalidOperationException("the roll-up found no won revenue");
        }

        // An opportunity change (the step's logic): the difference between its pre- and post-image moves the plan.
        var deal = service.Create(new Entity("opportunity")
        {
            ["name"] = "Changed deal", ["customerid"] = new EntityReference("account", children[1]), ["estimatedvalue"] = new Money(5_000m),
            ["closeprobability"] = 50, ["estimatedclosedate"] = PeriodStart.AddDays(30),
        });
        var image = service.Retrieve("opportunity", deal, new ColumnSet(AccountPlanXrm.Plugins.Model.Opportunity.ContributionColumns));
        var incremental = new OpportunityRollup(counting, new NullTracing(), rollup);
        var step = 0;
        // Timed in batches of 50 changes (one change takes microseconds: a single call would time the clock and the odd
        // collection); the request count is that of one change.
        const int changesPerRun = 50;
        var change = Median(25, () =>
        {
            var pairs = new (Entity Before, Entity After)[changesPerRun];
            for (var i = 0; i < changesPerRun; i++)
            {
                pairs[i] = (Copy(image, 5_000m + step), Copy(image, 5_000m + ++step));
            }

            return Time(() =>
            {
                foreach (var (before, after) in pairs)
                {
                    counting.Reset();
                    incremental.OnOpportunityChanged(before, after);
                }
            }) / changesPerRun;
        });
        Rows.Add(new BenchRow("roll-up", Invariant($"opportunity change, {opportunities:#,##0} opportunities (difference from images)"),
            Invariant($"{Milli(change)}, {counting.Requests} requests"), "≤ 10 ms at 120k, ≤ 4 requests"));
    }

    private static Entity Copy(Entity image, decimal estimated)
    {
        var copy = new Entity(image.LogicalName, image.Id);
        foreach (var pair in image.Attributes)
        {
            copy[pair.Key] = pair.Value;
        }

        copy[AccountPlanXrm.Plugins.Model.Opportunity.EstimatedValueBase] = new Money(estimated);
        return copy;
    }

    private void Completeness()
    {
        var emulator = XrmEmulator.Builder().WithSolution(options.SolutionFolder).WithClock(Clock).WithOperationLog(false).Build();
        var service = emulator.GetService();
        var demoSeed = Path.GetFullPath(Path.Combine(options.SolutionFolder, "..", "seed"));
        var templates = AccountPlanXrm.Tools.Demo.SeedLoader.LoadFolder(service, demoSeed);
        var account = service.Create(new Entity("account") { ["name"] = "Customer" });
        var plan = service.Create(new Entity("apx_accountplan")
        {
            ["apx_name"] = "Benchmark plan",
            ["apx_accountid"] = new EntityReference("account", account),
            ["apx_templateid"] = new EntityReference("apx_plantemplate", templates[0].Id),
            ["apx_periodstart"] = PeriodStart,
            ["apx_periodend"] = PeriodStart.AddYears(1).AddDays(-1),
            ["apx_businessmodel"] = "Model",
        });
        for (var i = 0; i < 3; i++)
        {
            service.Create(new Entity("apx_planmeasure") { ["apx_name"] = $"Measure {i}", ["apx_accountplanid"] = new EntityReference("apx_accountplan", plan) });
        }

        var calculator = new CompletenessCalculator(service, new NullTracing());
        var pre = service.Retrieve("apx_accountplan", plan, new ColumnSet(CompletenessCalculator.PlanImageColumns));
        const int n = 2_000;
        var logic = Median(5, () => Time(() =>
        {
            for (var i = 0; i < n; i++)
            {
                calculator.ApplyToTarget(new Entity("apx_accountplan", plan) { ["apx_products"] = i % 2 == 0 ? "Products" : null }, pre, Messages.English);
            }
        }) / n);
        Rows.Add(new BenchRow("completeness", "completeness step logic (template, counts, per-section %)", Milli(logic)));

        var pluginEmulator = XrmEmulator.Builder().WithSolution(options.SolutionFolder).WithPluginAssembly(typeof(AccountPlanXrm.Plugins.Model.Plan).Assembly)
            .WithClock(Clock).WithOperationLog(false).Build();
        var withPlugins = pluginEmulator.GetService();
        AccountPlanXrm.Tools.Demo.SeedLoader.LoadFolder(withPlugins, demoSeed);
        var account2 = withPlugins.Create(new Entity("account") { ["name"] = "Customer" });
        var plan2 = withPlugins.Create(new Entity("apx_accountplan")
        {
            ["apx_name"] = "Benchmark plan",
            ["apx_accountid"] = new EntityReference("account", account2),
            ["apx_periodstart"] = PeriodStart,
            ["apx_periodend"] = PeriodStart.AddYears(1).AddDays(-1),
        });
        const int updates = 1_000;
        var step = Median(5, () => Time(() =>
        {
            for (var i = 0; i < updates; i++)
            {
                withPlugins.Update(new Entity("apx_accountplan", plan2) { ["apx_products"] = i % 2 == 0 ? "Products" : null });
            }
        }) / updates);
        Rows.Add(new BenchRow("completeness", "plan Update through the pipeline with the registered steps", Milli(step)));
    }

    // ------------------------------------------------------------------ helpers

    private static void Send(IOrganizationService service, List<OrganizationRequest> requests)
    {
        for (var start = 0; start < requests.Count; start += 1000)
        {
            var request = new ExecuteMultipleRequest
            {
                Settings = new ExecuteMultipleSettings { ContinueOnError = false, ReturnResponses = false },
                Requests = new OrganizationRequestCollection(),
            };
            request.Requests.AddRange(requests.Skip(start).Take(1000));
            var response = (ExecuteMultipleResponse)service.Execute(request);
            if (response.IsFaulted)
            {
                throw new InvalidOperationException(response.Responses.First(r => r.Fault != null).Fault.Message);
            }
        }
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>
    /// The median of <paramref name="runs"/> measurements after warm-up calls (at least one, and at least 750 ms, so that
    /// the JIT's optimised code is in place: tiered compilation recompiles hot methods only after a delay) and one full
    /// collection, so that the warm-up's garbage is not paid by the measured runs.
    /// </summary>
    private static double Median(int runs, Func<double> measure)
    {
        var warm = Stopwatch.StartNew();
        do
        {
            measure();
        }
        while (warm.Elapsed < TimeSpan.FromMilliseconds(750));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var values = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            values[i] = measure();
        }

        Array.Sort(values);
        return values[values.Length / 2];
    }

    private static string Milli(double ms) => Invariant($"{ms:0.000} ms");

    private static string Micro(double ms) => Invariant($"{ms * 1000:0.0} µs");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class NullTracing : ITracingService
    {
        public void Trace(string format, params object[] args)
        {
        }
    }

    /// <summary>Counts the requests a piece of logic sends.</summary>
    private sealed class CountingService(IOrganizationService inner) : IOrganizationService
    {
        public int Requests { get; private set; }

        public void Reset() => Requests = 0;

        public Guid Create(Entity entity) => Count(() => inner.Create(entity));

        public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) => Count(() => inner.Retrieve(entityName, id, columnSet));

        public void Update(Entity entity) => Count(() => { inner.Update(entity); return 0; });

        public void Delete(string entityName, Guid id) => Count(() => { inner.Delete(entityName, id); return 0; });

        public OrganizationResponse Execute(OrganizationRequest request) => Count(() => inner.Execute(request));

        public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
            Count(() => { inner.Associate(entityName, entityId, relationship, relatedEntities); return 0; });

        public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
            Count(() => { inner.Disassociate(entityName, entityId, relationship, relatedEntities); return 0; });

        public EntityCollection RetrieveMultiple(QueryBase query) => Count(() => inner.RetrieveMultiple(query));

        private T Count<T>(Func<T> call)
        {
            Requests++;
            return call();
        }
    }
}
