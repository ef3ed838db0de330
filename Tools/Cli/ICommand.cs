namespace AccountPlanXrm.Tools.Cli;

/// <summary>Exit codes scripts can rely on.</summary>
public static class ExitCodes
{
    /// <summary>Success (for check: no findings).</summary>
    public const int Ok = 0;

    /// <summary>Findings, or the command failed (missing input, broken XML, build error).</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments (unknown command or option, missing value, input path that does not exist).</summary>
    public const int Usage = 2;
}

/// <summary>
/// One <c>apx</c> command. To add a command, implement this interface in Tools/Commands and register it in
/// <see cref="CommandShell.CreateDefault"/>; the shell handles --help, argument errors and exit codes.
/// </summary>
public interface ICommand
{
    /// <summary>The verb (<c>apx &lt;name&gt;</c>).</summary>
    string Name { get; }

    /// <summary>One line for the command list.</summary>
    string Summary { get; }

    /// <summary>Longer description printed by --help under the usage line.</summary>
    string Description { get; }

    IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>Runs the command with parsed options; returns an <see cref="ExitCodes"/> value.</summary>
    int Run(ParsedArguments args, CommandContext context);
}

/// <summary>Where a command writes and which folder it runs in.</summary>
public sealed class CommandContext(TextWriter output, TextWriter error, string workingDirectory)
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public string WorkingDirectory { get; } = Path.GetFullPath(workingDirectory);

    /// <summary>The repository root (the folder with AccountPlanXrm.sln at or above the working directory), or null.</summary>
    public string? RepositoryRoot { get; } = FindRepositoryRoot(workingDirectory);

    /// <summary>Resolves a path given on the command line against the working directory.</summary>
    public string Resolve(string path) => Path.GetFullPath(Path.Combine(WorkingDirectory, path));

    /// <summary>A default path below the repository root (or the working directory outside a repository).</summary>
    public string Default(string relative) => Path.GetFullPath(Path.Combine(RepositoryRoot ?? WorkingDirectory, relative));

    /// <summary>A path as shown in messages: relative to the working directory when below it.</summary>
    public string Display(string fullPath)
    {
        var relative = Path.GetRelativePath(WorkingDirectory, fullPath);
        return (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? fullPath : relative).Replace('\\', '/');
    }

    private static string? FindRepositoryRoot(string start)
    {
        var dir = new DirectoryInfo(Path.GetFullPath(start));
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AccountPlanXrm.sln")))
            {
                return dir.FullName;
            }

            dir = dir.Parent;
        }

        return null;
    }
}
