using AccountPlanXrm.Solution.Packaging;

namespace AccountPlanXrm.Tools.Commands;

/// <summary><c>apx pack</c>: Solution/src + plug-in DLL + built web resources → unmanaged and managed zips.</summary>
public sealed class PackCommand : ICommand
{
    public const string DefaultPlugin = "Plugins/bin/Release/net462/AccountPlanXrm.Plugins.dll";
    public const string DefaultWebResources = "WebResources/dist";

    public string Name => "pack";

    public string Summary => "pack Solution/src into the importable solution zips (unmanaged and managed)";

    public string Description =>
        "Merges the unpacked solution into customizations.xml and solution.xml, adds the plug-in assembly and the web\n" +
        "resource contents under the part names exports use, and writes <UniqueName>_<version>.zip and\n" +
        "<UniqueName>_<version>_managed.zip. Two runs on the same inputs give byte-identical zips. Every other file of\n" +
        "--src (canvas apps, flows, formulas, bots, custom APIs, any folder) goes into the zip under its own path; pac's\n" +
        "{id}_managed.xml variants are used for the managed zip. A file that cannot be carried fails the pack, named.\n" +
        $"Defaults (below the repository root): --src {DefaultPaths.Source}, --plugin {DefaultPlugin} (when built),\n" +
        $"--webresources {DefaultWebResources} (when built), --out {DefaultPaths.Out}.";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("src", "dir", "unpacked solution folder"),
        new("plugin", "dll", "built plug-in assembly (repeatable)", Repeatable: true),
        new("webresources", "dir", "built web resource contents, laid out by web resource name"),
        new("out", "dir", "output folder for the zips"),
        new("type", "both|unmanaged|managed", "which zips to write (default both)"),
    ];

    public int Run(ParsedArguments args, CommandContext context)
    {
        if (context.SolutionFolder(args, Name) is not { } source)
        {
            return ExitCodes.Failure;
        }

        var plugins = new List<string>();
        foreach (var plugin in args.Values("plugin"))
        {
            var path = context.Resolve(plugin);
            if (!File.Exists(path))
            {
                throw new UsageException($"--plugin: file not found: {plugin}");
            }

            plugins.Add(path);
        }

        if (!args.Has("plugin") && File.Exists(context.Default(DefaultPlugin)))
        {
            plugins.Add(context.Default(DefaultPlugin));
        }

        string? webResources = null;
        if (args.Value("webresources") is { } web)
        {
            webResources = context.ExistingFolder(web, "--webresources");
        }
        else if (Directory.Exists(context.Default(DefaultWebResources)))
        {
            webResources = context.Default(DefaultWebResources);
        }

        var type = args.Value("type") ?? "both";
        if (type is not ("both" or "unmanaged" or "managed"))
        {
            throw new UsageException($"--type must be both, unmanaged or managed (was '{type}')");
        }

        var output = context.Resolved(args, "out", DefaultPaths.Out);
        PackResult result;
        try
        {
            result = SolutionPacker.Pack(new PackOptions
            {
                SourceFolder = source,
                PluginAssemblies = plugins,
                WebResourceFolder = webResources,
                OutputFolder = output,
                Unmanaged = type is "both" or "unmanaged",
                Managed = type is "both" or "managed",
            });
        }
        catch (SolutionFileException ex) when (!Path.IsPathRooted(ex.File))
        {
            throw new SolutionFileException(Path.Combine(source, ex.File), ex.Line, ex.Message, ex);
        }

        foreach (var file in result.Files)
        {
            context.Out.WriteLine($"wrote {context.Display(file)} ({new FileInfo(file).Length:N0} bytes)");
        }

        context.Out.WriteLine($"pack: {result.UniqueName} {result.Version} from {context.Display(source)}");
        return ExitCodes.Ok;
    }
}
