using System.Xml.Linq;

namespace AccountPlanXrm.Solution.Packaging;

/// <summary>Read access to an unpacked solution folder (<c>Solution/src</c>): relative '/' paths, stable file order.</summary>
public sealed class SourceTree
{
    private readonly List<SolutionFileException> _errors = [];

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
}
