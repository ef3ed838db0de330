namespace AccountPlanXrm.Plugins.Tests.Registration;

/// <summary>Reads source text (C#, TypeScript) as the tests about names need it.</summary>
internal static class SourceText
{
    /// <summary>The contents of the string literals (regular and verbatim), comments and char literals skipped.</summary>
    public static IEnumerable<string> Literals(string source)
    {
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '/' && i + 1 < source.Length && source[i + 1] == '/')
            {
                i = source.IndexOf('\n', i) is var end && end < 0 ? source.Length : end;
            }
            else if (c == '/' && i + 1 < source.Length && source[i + 1] == '*')
            {
                i = source.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end && end < 0 ? source.Length : end + 2;
            }
            else if (c == '\'')
            {
                i += source[i + 1] == '\\' ? 4 : 3;
            }
            else if (c == '"' || (c == '@' && i + 1 < source.Length && source[i + 1] == '"'))
            {
                var verbatim = c == '@';
                i += verbatim ? 2 : 1;
                var text = new System.Text.StringBuilder();
                while (i < source.Length)
                {
                    if (verbatim && source[i] == '"' && i + 1 < source.Length && source[i + 1] == '"')
                    {
                        text.Append('"');
                        i += 2;
                    }
                    else if (!verbatim && source[i] == '\\' && i + 1 < source.Length)
                    {
                        text.Append(source[i + 1] == '"' ? "\"" : source.Substring(i, 2));
                        i += 2;
                    }
                    else if (source[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        text.Append(source[i]);
                        i++;
                    }
                }

                yield return text.ToString();
            }
            else
            {
                i++;
            }
        }
    }
}
