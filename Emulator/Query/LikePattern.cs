using System.Text;
using System.Text.RegularExpressions;

namespace AccountPlanXrm.Emulator.Query;

/// <summary>SQL LIKE (%, _, [set], [^set]) evaluated case-insensitively.</summary>
internal static class LikePattern
{
    public static Regex Compile(string pattern)
    {
        var builder = new StringBuilder("^");
        for (int i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '%':
                    builder.Append(".*");
                    break;
                case '_':
                    builder.Append('.');
                    break;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        builder.Append(@"\[");
                        break;
                    }

                    var set = pattern.Substring(i + 1, close - i - 1);
                    builder.Append('[');
                    if (set.StartsWith('^'))
                    {
                        builder.Append('^');
                        set = set.Substring(1);
                    }

                    foreach (var s in set)
                    {
                        builder.Append(s == '-' ? "-" : Regex.Escape(s.ToString()));
                    }

                    builder.Append(']');
                    i = close;
                    break;
                default:
                    builder.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        builder.Append('$');
        return new Regex(builder.ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    /// <summary>Escapes LIKE wildcards so a literal value can be embedded in a pattern.</summary>
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '%' or '_' or '[')
            {
                builder.Append('[').Append(c).Append(']');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
