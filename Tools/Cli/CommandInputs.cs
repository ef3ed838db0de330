namespace AccountPlanXrm.Tools.Cli;

/// <summary>Where the commands read and write when no option says otherwise (below the repository root).</summary>
public static class DefaultPaths
{
    /// <summary>The unpacked solution.</summary>
    public const string Source = "Solution/src";

    /// <summary>The output folder of the packages.</summary>
    public const string Out = "out";
}

/// <summary>
/// The option handling the commands share: an input the user names must exist (a usage error names the option),
/// an omitted one falls back to its default below the repository root, and a missing default is a failure that says
/// which option to give.
/// </summary>
public static class CommandInputs
{
    /// <summary>The folder an option names (it must exist) or the default folder.</summary>
    public static string Folder(this CommandContext context, ParsedArguments args, string option, string defaultPath) =>
        args.Value(option) is { } given ? context.ExistingFolder(given, "--" + option) : context.Default(defaultPath);

    /// <summary>The file an option names (it must exist) or the default file.</summary>
    public static string File(this CommandContext context, ParsedArguments args, string option, string defaultPath)
    {
        if (args.Value(option) is not { } given)
        {
            return context.Default(defaultPath);
        }

        var path = context.Resolve(given);
        return System.IO.File.Exists(path) ? path : throw new UsageException($"--{option}: file not found: {given}");
    }

    /// <summary>The path an option names or the default, resolved but not checked (an output, or an input checked later).</summary>
    public static string Resolved(this CommandContext context, ParsedArguments args, string option, string defaultPath) =>
        args.Value(option) is { } given ? context.Resolve(given) : context.Default(defaultPath);

    /// <summary>A folder given on the command line; a usage error when it does not exist.</summary>
    public static string ExistingFolder(this CommandContext context, string given, string option)
    {
        var path = context.Resolve(given);
        return Directory.Exists(path) ? path : throw new UsageException($"{option}: folder not found: {given}");
    }

    /// <summary>The unpacked solution (--src, default Solution/src); null, with the error printed, when it does not exist.</summary>
    public static string? SolutionFolder(this CommandContext context, ParsedArguments args, string command)
    {
        var source = context.Folder(args, "src", DefaultPaths.Source);
        return context.Found(Directory.Exists(source), command, "solution folder", source, "src") ? source : null;
    }

    /// <summary>True when an input exists; otherwise prints "apx command: what not found: path (give --option)".</summary>
    public static bool Found(this CommandContext context, bool exists, string command, string what, string path, string option)
    {
        if (!exists)
        {
            context.Error.WriteLine($"apx {command}: {what} not found: {context.Display(path)} (give --{option})");
        }

        return exists;
    }
}
