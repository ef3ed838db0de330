namespace AccountPlanXrm.Solution.Packaging;

/// <summary>Inputs of <see cref="SeedPackageWriter.Write"/>.</summary>
public sealed class SeedPackageOptions
{
    /// <summary>The seed file (Solution/seed/plantemplates.xml).</summary>
    public required string SeedFile { get; init; }

    /// <summary>The unpacked solution folder (Solution/src) whose Entities/*/Entity.xml give the column types.</summary>
    public required string SourceFolder { get; init; }

    /// <summary>Folder the zip is written to.</summary>
    public required string OutputFolder { get; init; }

    /// <summary>Name of the zip inside <see cref="OutputFolder"/>.</summary>
    public string FileName { get; init; } = SeedPackageWriter.DefaultFileName;
}

/// <summary>What <see cref="SeedPackageWriter.Write"/> wrote.</summary>
public sealed class SeedPackageResult
{
    public required string File { get; init; }

    /// <summary>Records per table logical name, in the order the package lists the tables.</summary>
    public required IReadOnlyList<(string Table, int Records)> Tables { get; init; }
}
