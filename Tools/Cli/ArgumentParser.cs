namespace AccountPlanXrm.Tools.Cli;

/// <summary>A command-line option: <c>--name value</c> (or <c>--name=value</c>), or a flag <c>--name</c>.</summary>
/// <param name="Name">Long name without dashes.</param>
/// <param name="ValueName">Placeholder shown in help (e.g. "dir"); null for a flag.</param>
/// <param name="Description">One line of help.</param>
/// <param name="Required">Whether the option must be given.</param>
/// <param name="Repeatable">Whether the option may be given more than once.</param>
public sealed record OptionSpec(string Name, string? ValueName, string Description, bool Required = false, bool Repeatable = false)
{
    public bool IsFlag => ValueName is null;

    public string Syntax => IsFlag ? $"--{Name}" : $"--{Name} <{ValueName}>";
}

/// <summary>Bad command-line arguments: the shell prints the message and the usage line and exits with 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>The parsed options of one command.</summary>
public sealed class ParsedArguments
{
    private readonly Dictionary<string, List<string>> _values;

    internal ParsedArguments(Dictionary<string, List<string>> values, bool help)
    {
        _values = values;
        Help = help;
    }

    /// <summary>--help or -h was given.</summary>
    public bool Help { get; }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Value(string name) => _values.TryGetValue(name, out var list) ? list[^1] : null;

    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out var list) ? list : [];
}

/// <summary>Small, strict parser for <c>--option value</c> arguments (no positional arguments).</summary>
public static class ArgumentParser
{
    public static ParsedArguments Parse(IReadOnlyList<string> args, IReadOnlyList<OptionSpec> specs)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h" or "-?")
            {
                help = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new UsageException($"unexpected argument '{arg}'");
            }

            var name = arg[2..];
            string? inline = null;
            var eq = name.IndexOf('=');
            if (eq >= 0)
            {
                inline = name[(eq + 1)..];
                name = name[..eq];
            }

            var spec = specs.FirstOrDefault(s => s.Name == name) ?? throw new UsageException($"unknown option '--{name}'");
            if (!values.TryGetValue(name, out var list))
            {
                values[name] = list = [];
            }
            else if (!spec.Repeatable)
            {
                throw new UsageException($"option '--{name}' given more than once");
            }

            if (spec.IsFlag)
            {
                if (inline is not null)
                {
                    throw new UsageException($"option '--{name}' takes no value");
                }

                list.Add("true");
                continue;
            }

            if (inline is null)
            {
                if (i + 1 >= args.Count || (args[i + 1].StartsWith("--", StringComparison.Ordinal) && args[i + 1].Length > 2))
                {
                    throw new UsageException($"option '--{name}' needs a value <{spec.ValueName}>");
                }

                inline = args[++i];
            }

            if (inline.Length == 0)
            {
                throw new UsageException($"option '--{name}' needs a non-empty value <{spec.ValueName}>");
            }

            list.Add(inline);
        }

        if (!help)
        {
            foreach (var spec in specs.Where(s => s.Required && !values.ContainsKey(s.Name)))
            {
                throw new UsageException($"missing required option '{spec.Syntax}'");
            }
        }

        return new ParsedArguments(values, help);
    }
}
