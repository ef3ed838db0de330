using AccountPlanXrm.Solution.Packaging;
using AccountPlanXrm.Tools.Cli;

namespace AccountPlanXrm.Tools.Commands;

/// <summary><c>apx unpack</c>: an exported solution zip → the Solution/src layout.</summary>
public sealed class UnpackCommand : ICommand
{
    public string Name => "unpack";

    public string Summary => "unpack an exported solution zip into the Solution/src layout";

    public string Description =>
        "Splits customizations.xml into Entities/<Name>/Entity.xml, FormXml, SavedQueries, Visualizations, RibbonDiff.xml,\n" +
        "Other/Relationships, Roles, OptionSets, WebResources (*.data.xml), PluginAssemblies, SdkMessageProcessingSteps,\n" +
        "AppModules and AppModuleSiteMaps, so changes made in the maker portal return to source control. Packing the\n" +
        "result gives the same zip again. Web resource contents go to --webresources when given, else next to their\n" +
        "metadata. --clean first removes the component folders of --out so deleted components disappear.";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("zip", "file", "solution zip to unpack", Required: true),
        new("out", "dir", "folder to write the unpacked solution to (e.g. Solution/src)", Required: true),
        new("webresources", "dir", "folder for web resource contents (laid out by web resource name)"),
        new("clean", null, "remove the component folders of --out before writing"),
    ];

    public int Run(ParsedArguments args, CommandContext context)
    {
        var zip = context.Resolve(args.Value("zip")!);
        if (!File.Exists(zip))
        {
            throw new UsageException($"--zip: file not found: {args.Value("zip")}");
        }

        var output = context.Resolve(args.Value("out")!);
        var result = SolutionUnpacker.Unpack(new UnpackOptions
        {
            ZipFile = zip,
            OutputFolder = output,
            WebResourceFolder = args.Value("webresources") is { } web ? context.Resolve(web) : null,
            Clean = args.Has("clean"),
        });
        context.Out.WriteLine($"unpack: {result.FileCount} files from {context.Display(zip)} ({(result.Managed ? "managed" : "unmanaged")}) to {context.Display(output)}");
        return ExitCodes.Ok;
    }
}
