namespace AccountPlanXrm.Solution.Packaging;

/// <summary>What kind of binary or raw part a packed solution carries next to customizations.xml.</summary>
public enum PartKind
{
    /// <summary>Web resource content (bytes from the web resource build or the source folder).</summary>
    WebResource,

    /// <summary>Plug-in assembly DLL.</summary>
    PluginAssembly,

    /// <summary>A file copied byte for byte from the source folder (workflow XAML, custom API folders...).</summary>
    Raw,
}

/// <summary>A part of the zip other than the three root files.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="ZipPath">Part name inside the zip, without leading '/'.</param>
/// <param name="Name">Web resource name, assembly name, or the source path of a raw file.</param>
/// <param name="SourceFile">Relative path of the file that declares the part.</param>
/// <param name="Element">The declaring element (web resource / plug-in assembly metadata), if any.</param>
public sealed record PartReference(PartKind Kind, string ZipPath, string Name, string SourceFile, XElement? Element);

/// <summary>An unpacked solution merged into the packed form, before binary parts are resolved.</summary>
public sealed class MergedSolution
{
    public required XDocument Customizations { get; init; }

    public required XDocument Solution { get; init; }

    public required IReadOnlyList<PartReference> Parts { get; init; }
}
