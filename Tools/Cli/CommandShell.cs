using AccountPlanXrm.Solution.Packaging;
using AccountPlanXrm.Tools.Bench;
using AccountPlanXrm.Tools.Commands;
using AccountPlanXrm.Tools.Demo;

namespace AccountPlanXrm.Tools.Cli;

/// <summary>Dispatches <c>apx &lt;command&gt; [options]</c>: help, argument errors, exit codes, readable failures.</summary>
public sealed class CommandShell(IReadOnlyList<ICommand> commands)
{
    public IReadOnlyList<ICommand> Commands { get; } = commands;

    /// <summary>The shell with every command of the tool.</summary>
    public static CommandShell CreateDefault() => new([new PackCommand(), new UnpackCommand(), new CheckCommand(), new SeedPackageCommand(), new DemoCommand(), new BenchCommand()]);

    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        if (args.Count == 0 || args[0] is "--help" or "-h" or "-?" or "help" && args.Count == 1)
        {
            WriteOverview(args.Count == 0 ? context.Error : context.Out);
            return args.Count == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }

        if (args[0] == "help")
        {
            var target = Find(args[1]);
            if (target is null)
            {
                return UnknownCommand(args[1], context);
            }

            WriteHelp(target, context.Out);
            return ExitCodes.Ok;
        }

        var command = Find(args[0]);
        if (command is null)
        {
            return UnknownCommand(args[0], context);
        }

        ParsedArguments parsed;
        try
        {
            parsed = ArgumentParser.Parse(args.Skip(1).ToList(), command.Options);
        }
        catch (UsageException ex)
        {
            return Usage(command, ex.Message, context);
        }

        if (parsed.Help)
        {
            WriteHelp(command, context.Out);
            return ExitCodes.Ok;
        }

        try
        {
            return command.Run(parsed, context);
        }
        catch (UsageException ex)
        {
            return Usage(command, ex.Message, context);
        }
        catch (SolutionFileException ex)
        {
            var file = Path.IsPathRooted(ex.File) ? context.Display(ex.File) : ex.File;
            context.Error.WriteLine($"{file}:{ex.Line}: error {ex.Message}");
            context.Error.WriteLine($"apx {command.Name}: failed");
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            context.Error.WriteLine($"apx {command.Name}: error {ex.Message}");
            return ExitCodes.Failure;
        }
    }

    public void WriteOverview(TextWriter writer)
    {
        writer.WriteLine("apx - AccountPlanXrm solution tool");
        writer.WriteLine();
        writer.WriteLine("usage: apx <command> [options]     apx <command> --help");
        writer.WriteLine();
        writer.WriteLine("commands:");
        var width = Commands.Max(c => c.Name.Length) + 2;
        foreach (var command in Commands)
        {
            writer.WriteLine($"  {command.Name.PadRight(width)}{command.Summary}");
        }

        writer.WriteLine();
        writer.WriteLine("exit codes: 0 ok, 1 findings or failure, 2 bad arguments");
    }

    public static void WriteHelp(ICommand command, TextWriter writer)
    {
        writer.WriteLine($"usage: apx {command.Name} {string.Join(" ", command.Options.Select(o => o.Required ? o.Syntax : $"[{o.Syntax}]"))}");
        writer.WriteLine();
        writer.WriteLine(command.Description);
        if (command.Options.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("options:");
            var width = command.Options.Max(o => o.Syntax.Length) + 2;
            foreach (var option in command.Options)
            {
                writer.WriteLine($"  {option.Syntax.PadRight(width)}{option.Description}");
            }

            writer.WriteLine($"  {"--help".PadRight(width)}show this help");
        }

        writer.WriteLine();
        writer.WriteLine("exit codes: 0 ok, 1 findings or failure, 2 bad arguments");
    }

    private ICommand? Find(string name) => Commands.FirstOrDefault(c => c.Name == name);

    private int UnknownCommand(string name, CommandContext context)
    {
        context.Error.WriteLine($"apx: unknown command '{name}' (commands: {string.Join(", ", Commands.Select(c => c.Name))}; see apx --help)");
        return ExitCodes.Usage;
    }

    private static int Usage(ICommand command, string message, CommandContext context)
    {
        context.Error.WriteLine($"apx {command.Name}: {message}");
        context.Error.WriteLine($"usage: apx {command.Name} {string.Join(" ", command.Options.Select(o => o.Required ? o.Syntax : $"[{o.Syntax}]"))}  (apx {command.Name} --help)");
        return ExitCodes.Usage;
    }
}
