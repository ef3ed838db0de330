using AccountPlanXrm.Solution.Packaging;

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
        "metadata. Components the tool does not model (canvas apps, flows, formulas, bots, any new folder) are written\n" +
        "as their zip parts and packed back unchanged. --clean first removes the component folders of --out so deleted\n" +
        "components disappear. --packagetype both (as pac) reads <name>.zip and <name>_managed.zip and writes the managed\n" +
        "files that differ as {file}_managed.xml beside the unmanaged ones; unmanaged or managed insists on the zip's type.";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("zip", "file", "solution zip to unpack", Required: true),
        new("out", "dir", "folder to write the unpacked solution to (e.g. Solution/src)", Required: true),
        new("webresources", "dir", "folder for web resource contents (laid out by web resource name)"),
        new("clean", null, "remove the component folders of --out before writing"),
        new("packagetype", "unmanaged|managed|both", "package type to unpack, as pac (default: the zip's own type)"),
    ];

    public int Run(ParsedArguments args, CommandContext context)
    {
        var zip = context.Resolve(args.Value("zip")!);
        if (!File.Exists(zip))
        {
            throw new UsageException($"--zip: file not found: {args.Value("zip")}");
        }

        PackageType? packageType = args.Value("packagetype")?.ToLowerInvariant() switch
        {
            null => null,
            "unmanaged" => PackageType.Unmanaged,
            "managed" => PackageType.Managed,
            "both" => PackageType.Both,
            var other => throw new UsageException($"--packagetype must be unmanaged, managed or both (was '{other}')"),
        };
        var output = context.Resolve(args.Value("out")!);
        var result = SolutionUnpacker.Unpack(new UnpackOptions
        {
            ZipFile = zip,
            OutputFolder = output,
            WebResourceFolder = args.Value("webresources") is { } web ? context.Resolve(web) : null,
            Clean = args.Has("clean"),
            PackageType = packageType,
        });
        var kind = packageType == PackageType.Both ? $"both, {result.ManagedVariants} managed variants" : result.Managed ? "managed" : "unmanaged";
        context.Out.WriteLine($"unpack: {result.FileCount} files from {context.Display(zip)} ({kind}) to {context.Display(output)}");
        return ExitCodes.Ok;
    }
}
