using System.Text;

namespace AccountPlanXrm.Tools.Bench;

/// <summary>The machine a benchmark ran on, as the figures depend on it.</summary>
public static class BenchMachine
{
    /// <summary>Cores, OS, .NET version, GC mode and, where the OS reports it, the load average at the start.</summary>
    public static string Describe()
    {
        var gc = System.Runtime.GCSettings.IsServerGC ? "server" : "workstation";
        var text = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, {gc} GC");
        return LoadAverage() is { } load ? $"{text}, load average {load} at start" : text;
    }

    private static string? LoadAverage()
    {
        try
        {
            // /proc/loadavg: "1-min 5-min 15-min running/total last-pid" on Linux; absent elsewhere.
            var parts = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ') : [];
            return parts.Length >= 3 ? $"{parts[0]} / {parts[1]} / {parts[2]}" : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}

/// <summary>Writes <c>apx bench</c>'s table as the one Markdown page the documentation points to.</summary>
public static class BenchMarkdown
{
    public static void Write(string file, IReadOnlyList<BenchRow> rows, string machine, string arguments, DateTime utcNow)
    {
        var text = new StringBuilder();
        text.Append("# Benchmarks\n\n");
        text.Append("Written by `apx bench --markdown` (Stopwatch harness, Release build; speed is measured here, never asserted by a\n");
        text.Append("test). Each figure is taken after a warm-up of at least 750 ms (so that the JIT's optimised code runs) and a full\n");
        text.Append("collection; single calls of a few microseconds are timed in batches. Figures depend on the machine and its load\n");
        text.Append("(a shared virtual machine varies by ±30 % from run to run): compare runs on the same machine, several times.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"* Date: {utcNow:yyyy-MM-dd HH:mm} UTC\n");
        text.Append(CultureInfo.InvariantCulture, $"* Machine: {machine}\n");
        text.Append(CultureInfo.InvariantCulture, $"* Command: `dotnet Tools/bin/Release/net10.0/apx.dll bench {arguments} --markdown docs/benchmarks.md`\n\n");
        text.Append("| area | measurement | result | target |\n|---|---|---|---|\n");
        foreach (var row in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {Cell(row.Area)} | {Cell(row.Measure)} | {Cell(row.Value)} | {Cell(row.Target)} |\n");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(file, text.ToString());
    }

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
