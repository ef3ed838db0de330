namespace AccountPlanXrm.Solution.Packaging;

/// <summary>Inputs of <see cref="SolutionUnpacker.Unpack"/>.</summary>
public sealed class UnpackOptions
{
    /// <summary>The solution zip (as exported from an environment or written by the packer).</summary>
    public required string ZipFile { get; init; }

    /// <summary>Folder to write the unpacked layout to (Solution/src).</summary>
    public required string OutputFolder { get; init; }

    /// <summary>Folder for web resource contents (laid out by name); null keeps them next to their .data.xml.</summary>
    public string? WebResourceFolder { get; init; }

    /// <summary>Deletes the component folders of <see cref="OutputFolder"/> first, so removed components disappear.</summary>
    public bool Clean { get; init; }

    /// <summary>
    /// Which zips to unpack, as <c>pac solution unpack --packagetype</c>: null unpacks <see cref="ZipFile"/> as it is;
    /// <see cref="PackageType.Both"/> reads <c>&lt;name&gt;.zip</c> and <c>&lt;name&gt;_managed.zip</c> and writes the managed
    /// files that differ as <c>{file}_managed.xml</c> variants beside the unmanaged ones (Solution.xml then says Managed 2).
    /// </summary>
    public PackageType? PackageType { get; init; }
}

/// <summary>The package type of an unpack, as pac names it.</summary>
public enum PackageType
{
    Unmanaged,
    Managed,
    Both,
}

/// <summary>What <see cref="SolutionUnpacker.Unpack"/> wrote.</summary>
public sealed class UnpackResult
{
    public required int FileCount { get; init; }

    public required bool Managed { get; init; }

    /// <summary>Managed variant files written (<see cref="PackageType.Both"/> only).</summary>
    public int ManagedVariants { get; init; }
}
