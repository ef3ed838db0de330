using System.Diagnostics;
using AccountPlanXrm.Emulator;

namespace AccountPlanXrm.Tools.Demo;

/// <summary>The result of a demo run.</summary>
public sealed record DemoResult(bool AllStepsOk, IReadOnlyList<StepOutcome> Steps, string ReportPath, TimeSpan Elapsed, long PeakWorkingSet);

/// <summary>
/// Boots the embedded Dataverse (the emulator over <c>Solution/src</c> with the plug-in assembly), seeds it, walks
/// the story and writes the portfolio report; prints time and memory at the end.
/// </summary>
public static class DemoRunner
{
    /// <summary>The plug-in assembly the solution's steps and custom APIs are bound to.</summary>
    public static System.Reflection.Assembly PluginAssembly => typeof(AccountPlanXrm.Plugins.Model.Plan).Assembly;

    public static DemoResult Run(DemoOptions options, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        var ids = new DemoIds(options.Seed);
        var progress = new ProgressLine(output, ProgressLine.IsInteractive(output));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"AccountPlanXrm demo  seed {options.Seed}, {options.Accounts:#,##0} accounts, {options.Opportunities:#,##0} opportunities, clock {options.Clock:yyyy-MM-dd HH:mm} UTC"));
        output.WriteLine();

        progress.Start("Booting the emulator from the solution");
        var (emulator, host) = Boot(options, ids);
        progress.Done(emulator.Solution.Steps.Count, $"plug-in steps and {emulator.Solution.CustomApis.Count} custom APIs bound ({emulator.Metadata.Tables.Count()} tables)", showRate: false);

        var seeder = new DemoSeeder(emulator.GetService(), options, ids, progress);
        DemoWorld world;
        try
        {
            world = seeder.Seed();
            host.DrainAsync();
        }
        catch (Exception ex) when (ex is System.ServiceModel.FaultException<OrganizationServiceFault> or DemoStepException or InvalidPluginExecutionException or NotSupportedException or InvalidOperationException)
        {
            output.WriteLine();
            output.WriteLine($"Seeding failed: {ex.Message}");
            output.WriteLine("The story needs the seeded organization; nothing else was run.");
            return new DemoResult(false, [], options.ReportPath, clock.Elapsed, 0);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Seeded: {world.Accounts.Count:#,##0} accounts, {world.Contacts:#,##0} contacts, {world.Opportunities:#,##0} opportunities ({world.Won:#,##0} won, {world.Lost:#,##0} lost, {world.Open:#,##0} open; {world.OpportunitiesUsd:#,##0} in USD), {world.Sellers.Count} sellers in {world.BusinessUnits.Count} business units, steering committee of {world.Committee.Count}, {world.Templates.Count} templates."));

        var story = new DemoStory(host, world, options, ids, output);
        story.Run();

        var report = PortfolioReport.Build(options, world, story.Context, story.Outcomes);
        Directory.CreateDirectory(Path.GetDirectoryName(options.ReportPath)!);
        File.WriteAllText(options.ReportPath, report);

        clock.Stop();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var peak = process.PeakWorkingSet64;
        var gc = GC.GetGCMemoryInfo();
        var failed = story.Outcomes.Where(o => !o.Ok).ToList();
        output.WriteLine();
        output.WriteLine($"Report: {options.ReportPath}");
        output.WriteLine(failed.Count == 0
            ? $"Story: all {story.Outcomes.Count} steps ok."
            : $"Story: {failed.Count} of {story.Outcomes.Count} steps failed: {string.Join(", ", failed.Select(f => f.Number.ToString(CultureInfo.InvariantCulture)))}.");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Elapsed {clock.Elapsed.TotalSeconds:0.0} s; peak working set {peak / 1048576.0:#,##0} MB; managed heap {GC.GetTotalMemory(false) / 1048576.0:#,##0} MB (peak committed {gc.TotalCommittedBytes / 1048576.0:#,##0} MB), allocated {GC.GetTotalAllocatedBytes() / 1048576.0:#,##0} MB, GCs gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}."));
        return new DemoResult(failed.Count == 0, story.Outcomes, options.ReportPath, clock.Elapsed, peak);
    }

    /// <summary>The emulator over the solution folder with the plug-ins bound; EUR as the organization's base currency.</summary>
    public static (XrmEmulator Emulator, DemoHost Host) Boot(DemoOptions options, DemoIds ids)
    {
        var emulator = XrmEmulator.Builder()
            .WithSolution(options.SolutionFolder)
            .WithPluginAssembly(PluginAssembly)
            .WithClock(options.Clock)
            .WithIdSource(ids.Sequence("platform"))
            .WithOrganization(ids.For("organization", 0), "AccountPlanXrm demo")
            .WithCallingUser(ids.For("systemuser", "admin"), "Demo", "Administrator")
            .WithOperationLog(false)
            .Build();

        // The demo organization was provisioned with the euro as its base currency.
        emulator.GetSystemService().Update(new Entity("transactioncurrency", emulator.BaseCurrencyId)
        {
            ["isocurrencycode"] = "EUR",
            ["currencyname"] = "Euro",
            ["currencysymbol"] = "€",
        });

        var host = new DemoHost
        {
            Services = emulator.GetServiceFactory(),
            DrainAsync = () => emulator.DrainAsync(),
            Description = $"emulator over {options.SolutionFolder}",
        };
        return (emulator, host);
    }
}
