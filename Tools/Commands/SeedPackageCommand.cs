using AccountPlanXrm.Solution.Packaging;

namespace AccountPlanXrm.Tools.Commands;

/// <summary><c>apx seed-package</c>: the seed file → a Configuration Migration data package (the first-run data step).</summary>
public sealed class SeedPackageCommand : ICommand
{
    public const string DefaultSeed = "Solution/seed/plantemplates.xml";

    public string Name => "seed-package";

    public string Summary => "package the seed plan templates as a Configuration Migration data zip (pac data import)";

    public string Description =>
        "Checks every field of the seed file against its table's column in the unpacked solution (column exists, type\n" +
        "matches, value parses, choice value exists, length fits) and writes a Configuration Migration data package\n" +
        $"({SeedPackageWriter.DefaultFileName}: [Content_Types].xml, data_schema.xml, data.xml). Records keep the seed\n" +
        "file's ids, so importing again updates the rows. Two runs give byte-identical zips.\n" +
        $"Load it after importing the solution: pac data import --data out/{SeedPackageWriter.DefaultFileName}\n" +
        $"Defaults (below the repository root): --seed {DefaultSeed}, --src {DefaultPaths.Source}, --out {DefaultPaths.Out}.";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("seed", "file", "seed file (records with stable ids)"),
        new("src", "dir", "unpacked solution folder with the tables' Entity.xml"),
        new("out", "dir", "output folder for the zip"),
    ];

    public int Run(ParsedArguments args, CommandContext context)
    {
        var seed = context.File(args, "seed", DefaultSeed);
        if (!context.Found(File.Exists(seed), Name, "seed file", seed, "seed"))
        {
            return ExitCodes.Failure;
        }

        if (context.SolutionFolder(args, Name) is not { } source)
        {
            return ExitCodes.Failure;
        }

        var output = context.Resolved(args, "out", DefaultPaths.Out);
        var result = SeedPackageWriter.Write(new SeedPackageOptions { SeedFile = seed, SourceFolder = source, OutputFolder = output });
        context.Out.WriteLine($"wrote {context.Display(result.File)} ({new FileInfo(result.File).Length:N0} bytes)");
        context.Out.WriteLine($"seed-package: {string.Join(", ", result.Tables.Select(t => $"{t.Records} {t.Table}"))} from {context.Display(seed)}");
        return ExitCodes.Ok;
    }
}
