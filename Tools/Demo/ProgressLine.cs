using System.Diagnostics;

namespace AccountPlanXrm.Tools.Demo;

/// <summary>
/// A single-line progress display: on an interactive console the line is rewritten in place (at most ten times a
/// second); on a redirected output only the final line of each phase is written, so logs are not flooded.
/// </summary>
public sealed class ProgressLine(TextWriter writer, bool interactive)
{
    private readonly Stopwatch _phase = new();
    private readonly Stopwatch _throttle = new();
    private string _label = "";
    private int _lastLength;

    /// <summary>Whether the writer is the real console attached to a terminal.</summary>
    public static bool IsInteractive(TextWriter writer) => ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;

    public void Start(string label)
    {
        _label = label;
        _phase.Restart();
        _throttle.Restart();
        _lastLength = 0;
        Show($"{label} ...");
    }

    public void Report(long done, long total)
    {
        if (!interactive || _throttle.ElapsedMilliseconds < 100)
        {
            return;
        }

        _throttle.Restart();
        var pct = total == 0 ? 100 : done * 100 / total;
        Show(string.Create(CultureInfo.InvariantCulture, $"{_label} {done:#,##0}/{total:#,##0} ({pct}%)"));
    }

    /// <summary>Ends the phase with its final line: label, count and rate.</summary>
    public void Done(long count, string unit, bool showRate = true)
    {
        var seconds = _phase.Elapsed.TotalSeconds;
        var rate = seconds > 0 ? count / seconds : 0;
        var text = string.Create(CultureInfo.InvariantCulture, $"{_label}: {count:#,##0} {unit} in {seconds:0.00} s");
        if (showRate)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" ({rate:#,##0}/s)");
        }

        if (interactive)
        {
            Show(text);
            writer.WriteLine();
        }
        else
        {
            writer.WriteLine("  " + text);
        }
    }

    private void Show(string text)
    {
        if (!interactive)
        {
            return;
        }

        var line = "  " + text;
        writer.Write("\r" + line + (line.Length < _lastLength ? new string(' ', _lastLength - line.Length) : ""));
        _lastLength = line.Length;
        writer.Flush();
    }
}
