namespace AccountPlanXrm.Solution.Packaging;

/// <summary>
/// Unpacks a solution zip into the SolutionPackager layout (Other/, Entities/&lt;Name&gt;/Entity.xml + FormXml, SavedQueries,
/// Visualizations, RibbonDiff.xml, Roles/, OptionSets/, WebResources/, PluginAssemblies/, SdkMessageProcessingSteps/, AppModules/,
/// AppModuleSiteMaps/). Sections it does not split stay inline in Other/Customizations.xml; every other zip part (canvas apps,
/// flows, formulas, bots, custom APIs, any folder) is written under its own path. <see cref="SolutionPacker"/> packs the
/// result back to every part and the same customizations.xml content (for our own zips, to the same bytes).
/// </summary>
public static class SolutionUnpacker
{
    private static readonly string[] ComponentFolders =
    [
        "Other", "Entities", "Roles", "Workflows", "OptionSets", "Dashboards", "InteractionCentricDashboards", "WebResources",
        "PluginAssemblies", "SdkMessageProcessingSteps", "AppModules", "AppModuleSiteMaps",
        .. SolutionLayout.RawFolders,
    ];

    public static UnpackResult Unpack(UnpackOptions options)
    {
        if (!File.Exists(options.ZipFile))
        {
            throw new SolutionFileException(options.ZipFile, 0, "zip file not found");
        }

        var zipFile = options.ZipFile;
        string? managedZip = null;
        if (options.PackageType == PackageType.Both)
        {
            var stem = Path.GetFileNameWithoutExtension(zipFile);
            var folder = Path.GetDirectoryName(Path.GetFullPath(zipFile))!;
            if (stem.EndsWith("_managed", StringComparison.OrdinalIgnoreCase))
            {
                managedZip = zipFile;
                zipFile = Path.Combine(folder, stem[..^"_managed".Length] + ".zip");
            }
            else
            {
                managedZip = Path.Combine(folder, stem + "_managed.zip");
            }

            foreach (var required in new[] { zipFile, managedZip })
            {
                if (!File.Exists(required))
                {
                    throw new SolutionFileException(required, 0, "packagetype both needs the unmanaged zip and the managed zip (<name>_managed.zip) side by side");
                }
            }
        }

        var files = SplitZip(zipFile, options.WebResourceFolder is not null, out var webResourceContents, out var managed);
        var zipName = Path.GetFileName(zipFile);
        if (options.PackageType is PackageType.Unmanaged or PackageType.Managed && managed != (options.PackageType == PackageType.Managed))
        {
            throw new SolutionFileException(zipName, 0, $"package type mismatch: the zip is {(managed ? "managed" : "unmanaged")}, --packagetype asked for {options.PackageType.ToString()!.ToLowerInvariant()}");
        }

        var variants = 0;
        if (managedZip is not null)
        {
            if (managed)
            {
                throw new SolutionFileException(zipName, 0, "packagetype both: the first zip is managed; give the unmanaged zip (the managed one is found as <name>_managed.zip)");
            }

            var managedFiles = SplitZip(managedZip, options.WebResourceFolder is not null, out var managedContents, out var isManaged);
            if (!isManaged)
            {
                throw new SolutionFileException(Path.GetFileName(managedZip), 0, "packagetype both: this zip is not managed");
            }

            variants = AddManagedVariants(files, managedFiles) + AddManagedVariants(webResourceContents, managedContents);
            files[SolutionLayout.SolutionFile] = MarkBoth(files[SolutionLayout.SolutionFile], zipName);
        }

        var outputRoot = Path.GetFullPath(options.OutputFolder);
        if (options.Clean)
        {
            var folders = ComponentFolders.Concat(files.Keys.Where(k => k.Contains('/')).Select(k => k[..k.IndexOf('/')])).Distinct(StringComparer.Ordinal);
            foreach (var folder in folders)
            {
                var path = Path.Combine(outputRoot, folder);
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }
            }
        }

        foreach (var (relative, bytes) in files)
        {
            WriteFile(outputRoot, relative, bytes, zipName);
        }

        if (options.WebResourceFolder is not null)
        {
            var webRoot = Path.GetFullPath(options.WebResourceFolder);
            foreach (var (name, bytes) in webResourceContents)
            {
                WriteFile(webRoot, name, bytes, zipName);
            }
        }

        return new UnpackResult { FileCount = files.Count + webResourceContents.Count, Managed = managed, ManagedVariants = variants };
    }

    /// <summary>Reads a zip and splits it (see <see cref="CustomizationsSplitter.Split"/>).</summary>
    private static SortedDictionary<string, byte[]> SplitZip(string zipFile, bool separateWebResources, out SortedDictionary<string, byte[]> webResourceContents, out bool managed)
    {
        var zipName = Path.GetFileName(zipFile);
        Dictionary<string, byte[]> entries;
        try
        {
            using var zip = ZipFile.OpenRead(zipFile);
            entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries)
            {
                // Zips written on Windows may use '\' separators, also for folder entries (which carry no part).
                var name = entry.FullName.Replace('\\', '/');
                if (name.EndsWith('/'))
                {
                    continue;
                }

                using var stream = entry.Open();
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                if (!entries.TryAdd(name, buffer.ToArray()))
                {
                    throw new SolutionFileException(zipName, 0, $"the zip holds the part {name} twice (as a duplicate entry or once with '\\' separators); one would be lost");
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new SolutionFileException(zipName, 0, "not a valid zip file: " + ex.Message, ex);
        }

        foreach (var required in new[] { SolutionLayout.SolutionPart, SolutionLayout.CustomizationsPart, SolutionLayout.ContentTypesPart })
        {
            if (!entries.ContainsKey(required))
            {
                throw new SolutionFileException(zipName, 0, "not a solution zip: the root must contain solution.xml, customizations.xml and [Content_Types].xml");
            }
        }

        return CustomizationsSplitter.Split(entries, zipName, separateWebResources, out webResourceContents, out managed);
    }

    /// <summary>
    /// Adds the managed zip's files that differ from the unmanaged ones as <c>_managed</c> variants (pac's Both layout);
    /// Solution.xml is one file for both. Returns the number of variants added.
    /// </summary>
    private static int AddManagedVariants(SortedDictionary<string, byte[]> files, SortedDictionary<string, byte[]> managedFiles)
    {
        var count = 0;
        foreach (var (path, bytes) in managedFiles)
        {
            if (path == SolutionLayout.SolutionFile || (files.TryGetValue(path, out var unmanaged) && unmanaged.AsSpan().SequenceEqual(bytes)))
            {
                continue;
            }

            files[SourceTree.ManagedVariantOf(path)] = bytes;
            count++;
        }

        return count;
    }

    /// <summary>Solution.xml of a Both tree: Managed 2, as pac writes it.</summary>
    private static byte[] MarkBoth(byte[] solutionXml, string zipName)
    {
        var document = XmlFiles.Parse(solutionXml, zipName + "/" + SolutionLayout.SolutionPart);
        var managed = document.Root?.Element("SolutionManifest")?.Element("Managed");
        if (managed is not null)
        {
            managed.Value = "2";
        }

        return XmlFiles.ToUnpackedBytes(document.Root!);
    }

    private static void WriteFile(string root, string relative, byte[] bytes, string zipName)
    {
        var full = Path.GetFullPath(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));
        if (!full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new SolutionFileException(zipName, 0, $"part {relative} would be written outside the output folder");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
    }
}
