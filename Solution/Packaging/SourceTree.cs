namespace AccountPlanXrm.Solution.Packaging;

/// <summary>Read access to an unpacked solution folder (<c>Solution/src</c>): relative '/' paths, stable file order.</summary>
public sealed class SourceTree
{
    private readonly List<SolutionFileException> _errors = [];

    private bool? _isBoth;

    public SourceTree(string root)
    {
        Root = Path.GetFullPath(root);
    }

    /// <summary>Absolute path of the folder.</summary>
    public string Root { get; }

    /// <summary>Files that could not be read by <see cref="TryLoad"/>.</summary>
    public IReadOnlyList<SolutionFileException> Errors => _errors;

    public string FullPath(string relative) => Path.Combine(Root, relative.TrimStart('/').Replace('/', Path.DirectorySeparatorChar));

    public bool FileExists(string relative) => File.Exists(FullPath(relative));

    public bool DirectoryExists(string relative) => Directory.Exists(FullPath(relative));

    /// <summary>Files below a folder (relative paths, ordinal order), optionally recursive, filtered by a predicate on the relative path.</summary>
    public IReadOnlyList<string> Files(string relativeFolder, bool recursive, Func<string, bool>? filter = null)
    {
        var folder = FullPath(relativeFolder);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var option = recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly;
        return Directory.EnumerateFiles(folder, "*", option)
            .Select(f => SolutionLayout.Relative(Root, f))
            .Where(f => filter is null || filter(f))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Immediate sub-folders (relative paths, ordinal order).</summary>
    public IReadOnlyList<string> Folders(string relativeFolder)
    {
        var folder = FullPath(relativeFolder);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateDirectories(folder)
            .Select(f => SolutionLayout.Relative(Root, f))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Whether a file below WebResources/ is a web resource's metadata (<c>&lt;name&gt;.data.xml</c>), not the content of a web
    /// resource whose own name ends in <c>.data.xml</c> (its metadata is then <c>&lt;name&gt;.data.xml.data.xml</c>).
    /// </summary>
    public bool IsWebResourceMetadata(string relative) =>
        relative.EndsWith(".data.xml", StringComparison.OrdinalIgnoreCase) && !FileExists(relative + ".data.xml");

    /// <summary>Loads an XML file; throws <see cref="SolutionFileException"/> when it is missing or broken.</summary>
    public XDocument Load(string relative)
    {
        if (!FileExists(relative))
        {
            throw new SolutionFileException(relative, 0, "file not found");
        }

        return XmlFiles.Load(FullPath(relative), relative);
    }

    /// <summary>Loads an XML file; a broken file is recorded in <see cref="Errors"/> and null is returned.</summary>
    public XDocument? TryLoad(string relative)
    {
        try
        {
            return Load(relative);
        }
        catch (SolutionFileException ex)
        {
            if (!_errors.Any(e => e.File == ex.File))
            {
                _errors.Add(ex);
            }

            return null;
        }
    }

    public byte[] ReadBytes(string relative) => File.ReadAllBytes(FullPath(relative));

    /// <summary>
    /// Whether the folder is pac's Both layout (Other/Solution.xml <c>Managed</c> 2). Only there is <c>X_managed.ext</c> the
    /// managed variant of <c>X.ext</c>; in an unmanaged or managed tree it is a file of its own (a web resource, choice or
    /// canvas app part may well be named so) and is packed like any other.
    /// </summary>
    public bool IsBoth => _isBoth ??= ReadIsBoth();

    /// <summary>
    /// Files below a folder with pac's managed variants folded: <c>{id}.xml</c> and <c>{id}_managed.xml</c> are one component
    /// (<c>pac solution unpack --packagetype Both</c>); the managed file is returned for a managed build where there is one,
    /// a managed-only file only for a managed build. Outside a Both tree every file is returned.
    /// </summary>
    public IReadOnlyList<string> ComponentFiles(string relativeFolder, bool recursive, bool managed, Func<string, bool>? filter = null)
    {
        var files = Files(relativeFolder, recursive);
        return (IsBoth ? SelectVariants(files, managed) : files).Where(f => filter is null || filter(BaseOf(f) ?? f)).ToList();
    }

    /// <summary>The file to read for a component: <c>X_managed.ext</c> in a managed build of a Both tree when it exists, else <c>X.ext</c>.</summary>
    public string Variant(string relative, bool managed)
    {
        if (managed && IsBoth)
        {
            var managedFile = ManagedVariantOf(relative);
            if (FileExists(managedFile))
            {
                return managedFile;
            }
        }

        return relative;
    }

    /// <summary>The unmanaged file a managed variant of this Both tree stands for; null outside a Both tree or for no variant.</summary>
    public string? BaseOf(string relative) => IsBoth ? BaseOfVariant(relative) : null;

    /// <summary>Folds managed variants of a file list (see <see cref="ComponentFiles"/>); keeps the list order.</summary>
    public static IEnumerable<string> SelectVariants(IReadOnlyList<string> files, bool managed)
    {
        var set = new HashSet<string>(files, StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (BaseOfVariant(file) is { } baseFile)
            {
                if (managed && !set.Contains(baseFile))
                {
                    yield return file;
                }

                continue;
            }

            var managedFile = ManagedVariantOf(file);
            yield return managed && set.Contains(managedFile) ? managedFile : file;
        }
    }

    /// <summary>Name of the managed variant: <c>_managed</c> before the extension (<c>{id}.xml</c> → <c>{id}_managed.xml</c>).</summary>
    public static string ManagedVariantOf(string relative)
    {
        var slash = relative.LastIndexOf('/');
        var dot = relative.LastIndexOf('.');
        return dot > slash + 1 ? relative[..dot] + "_managed" + relative[dot..] : relative + "_managed";
    }

    /// <summary>The unmanaged file a managed variant stands for, or null when <paramref name="relative"/> is no managed variant.</summary>
    public static string? BaseOfVariant(string relative)
    {
        var slash = relative.LastIndexOf('/');
        var dot = relative.LastIndexOf('.');
        var stemEnd = dot > slash + 1 ? dot : relative.Length;
        const string suffix = "_managed";
        if (stemEnd - (slash + 1) <= suffix.Length || string.CompareOrdinal(relative, stemEnd - suffix.Length, suffix, 0, suffix.Length) != 0)
        {
            return null;
        }

        return relative[..(stemEnd - suffix.Length)] + relative[stemEnd..];
    }

    private bool ReadIsBoth()
    {
        if (!FileExists(SolutionLayout.SolutionFile))
        {
            return false;
        }

        try
        {
            return XmlFiles.Load(FullPath(SolutionLayout.SolutionFile), SolutionLayout.SolutionFile).Root?.Element("SolutionManifest")?.Text("Managed") == "2";
        }
        catch (SolutionFileException)
        {
            return false; // reported where the file is read
        }
    }
}
