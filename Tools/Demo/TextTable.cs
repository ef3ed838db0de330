using System.Text;

namespace AccountPlanXrm.Tools.Demo;

/// <summary>Column alignment of a <see cref="TextTable"/>.</summary>
public enum Align
{
    Left,
    Right,
}

/// <summary>A small fixed-width text table for the console, also renderable as a Markdown table.</summary>
public sealed class TextTable
{
    private readonly string[] _headers;
    private readonly Align[] _align;
    private readonly List<string[]> _rows = [];

    public TextTable(params string[] headers)
    {
        _headers = headers;
        _align = headers.Select(h => h.StartsWith('>') ? Align.Right : Align.Left).ToArray();
        for (var i = 0; i < _headers.Length; i++)
        {
            _headers[i] = _headers[i].TrimStart('>');
        }
    }

    public int RowCount => _rows.Count;

    /// <summary>Adds a row; values are formatted with <see cref="Format"/>.</summary>
    public TextTable Add(params object?[] values)
    {
        var row = new string[_headers.Length];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = i < values.Length ? Format(values[i]) : "";
        }

        _rows.Add(row);
        return this;
    }

    /// <summary>Invariant, readable formatting: amounts of 1,000 and more as whole numbers with thousands separators, dates as yyyy-MM-dd.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        decimal d => d.ToString(Math.Abs(d) >= 1000m ? "#,##0" : "#,##0.##", CultureInfo.InvariantCulture),
        double d => d.ToString("#,##0.##", CultureInfo.InvariantCulture),
        int i => i.ToString("#,##0", CultureInfo.InvariantCulture),
        long l => l.ToString("#,##0", CultureInfo.InvariantCulture),
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Console rendering with a header rule; cells longer than <paramref name="maxWidth"/> are shortened.</summary>
    public void Write(TextWriter writer, string indent = "  ", int maxWidth = 60)
    {
        var cells = _rows.Select(r => r.Select(c => Shorten(OneLine(c), maxWidth)).ToArray()).ToList();
        var widths = _headers.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(r => r[i].Length))).ToArray();
        writer.WriteLine(indent + Line(_headers, widths).TrimEnd());
        writer.WriteLine(indent + string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in cells)
        {
            writer.WriteLine(indent + Line(row, widths).TrimEnd());
        }

        if (cells.Count == 0)
        {
            writer.WriteLine(indent + "(no rows)");
        }
    }

    /// <summary>GitHub-flavoured Markdown rendering.</summary>
    public void WriteMarkdown(StringBuilder builder)
    {
        builder.Append("| ").Append(string.Join(" | ", _headers.Select(Escape))).AppendLine(" |");
        builder.Append('|').Append(string.Join("|", _align.Select(a => a == Align.Right ? "---:" : "---"))).AppendLine("|");
        foreach (var row in _rows)
        {
            builder.Append("| ").Append(string.Join(" | ", row.Select(c => Escape(OneLine(c))))).AppendLine(" |");
        }

        if (_rows.Count == 0)
        {
            builder.AppendLine().AppendLine("_(no rows)_");
        }
    }

    private string Line(string[] row, int[] widths)
    {
        var parts = new string[row.Length];
        for (var i = 0; i < row.Length; i++)
        {
            parts[i] = _align[i] == Align.Right ? row[i].PadLeft(widths[i]) : row[i].PadRight(widths[i]);
        }

        return string.Join("  ", parts);
    }

    private static string OneLine(string text) => text.Replace("\r\n", " / ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
