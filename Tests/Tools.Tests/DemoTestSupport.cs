using AccountPlanXrm.Tools.Cli;

namespace AccountPlanXrm.Tools.Tests;

/// <summary>Runs <c>apx</c> in-process from the repository root and captures its output.</summary>
internal static class DemoTestSupport
{
    public static (int Exit, string Out, string Error) Apx(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CommandShell.CreateDefault().Run(args, new CommandContext(output, error, Repository.Root));
        return (exit, output.ToString(), error.ToString());
    }

    public static string TempFile(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "apx-demo-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
