namespace AccountPlanXrm.Solution.Packaging;

/// <summary>Inputs of <see cref="SolutionPacker.Pack"/>.</summary>
public sealed class PackOptions
{
    /// <summary>The unpacked solution folder (Solution/src).</summary>
    public required string SourceFolder { get; init; }

    /// <summary>Built plug-in assemblies (matched to PluginAssembly metadata by assembly name).</summary>
    public IReadOnlyList<string> PluginAssemblies { get; init; } = [];

    /// <summary>Folder with built web resource contents, laid out by web resource name (WebResources/dist).</summary>
    public string? WebResourceFolder { get; init; }

    /// <summary>Folder the zips are written to.</summary>
    public required string OutputFolder { get; init; }

    public bool Unmanaged { get; init; } = true;

    public bool Managed { get; init; } = true;
}

/// <summary>What <see cref="SolutionPacker.Pack"/> wrote.</summary>
public sealed class PackResult
{
    public required string UniqueName { get; init; }

    public required string Version { get; init; }

    public required IReadOnlyList<string> Files { get; init; }
}

/// <summary>
/// Packs an unpacked solution folder into importable solution zips: customizations.xml and solution.xml at the root with
/// [Content_Types].xml, web resources and plug-in assemblies under the part names exports use. Reproducible: the
/// same inputs give the same bytes (fixed entry order and timestamps, no machine paths).
/// </summary>
public static class SolutionPacker
{
    /// <summary>Timestamp of every zip entry (a fixed value keeps builds byte-identical).</summary>
    public static readonly DateTimeOffset EntryTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static PackResult Pack(PackOptions options)
    {
        if (!Directory.Exists(options.SourceFolder))
        {
            throw new SolutionFileException(options.SourceFolder, 0, "solution source folder not found");
        }

        Directory.CreateDirectory(options.OutputFolder);
        var files = new List<string>();
        string uniqueName = string.Empty;
        string version = string.Empty;
        foreach (var managed in new[] { false, true })
        {
            if ((managed && !options.Managed) || (!managed && !options.Unmanaged))
            {
                continue;
            }

            var bytes = PackToBytes(options, managed, out uniqueName, out version);
            var fileName = $"{uniqueName}_{version.Replace('.', '_')}{(managed ? "_managed" : string.Empty)}.zip";
            var path = Path.Combine(options.OutputFolder, fileName);
            File.WriteAllBytes(path, bytes);
            files.Add(path);
        }

        return new PackResult { UniqueName = uniqueName, Version = version, Files = files };
    }

    /// <summary>Builds one zip in memory.</summary>
    public static byte[] PackToBytes(PackOptions options, bool managed, out string uniqueName, out string version)
    {
        var tree = new SourceTree(options.SourceFolder);
        var merged = SolutionMerger.Merge(tree, managed);
        var manifest = merged.Solution.Root!.Element("SolutionManifest")!;
        uniqueName = manifest.Text("UniqueName") ?? throw new SolutionFileException(SolutionLayout.SolutionFile, XmlFiles.LineOf(manifest), "SolutionManifest/UniqueName missing");
        version = manifest.Text("Version") ?? throw new SolutionFileException(SolutionLayout.SolutionFile, XmlFiles.LineOf(manifest), "SolutionManifest/Version missing");

        var entries = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var part in merged.Parts)
        {
            var bytes = part.Kind switch
            {
                PartKind.WebResource => ResolveWebResource(tree, options, part, managed),
                PartKind.PluginAssembly => ResolvePluginAssembly(tree, options, part),
                _ => ResolveRaw(tree, part, managed),
            };
            if (bytes.Length == 0)
            {
                throw new SolutionFileException(part.SourceFile, XmlFiles.LineOf(part.Element), $"part {part.ZipPath} is empty (the importer rejects empty files)");
            }

            if (!entries.TryAdd(part.ZipPath, bytes))
            {
                throw new SolutionFileException(part.SourceFile, XmlFiles.LineOf(part.Element), $"two components use the same part name {part.ZipPath}");
            }
        }

        var customizations = XmlFiles.ToPackedBytes(merged.Customizations.Root!);
        var solution = XmlFiles.ToPackedBytes(merged.Solution.Root!);
        var contentTypes = XmlFiles.ToContentTypesBytes(ContentTypes(entries.Keys.Concat([SolutionLayout.CustomizationsPart, SolutionLayout.SolutionPart])));

        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            AddEntry(zip, SolutionLayout.CustomizationsPart, customizations);
            AddEntry(zip, SolutionLayout.SolutionPart, solution);
            foreach (var (path, bytes) in entries)
            {
                AddEntry(zip, path, bytes);
            }

            AddEntry(zip, SolutionLayout.ContentTypesPart, contentTypes);
        }

        return stream.ToArray();
    }

    /// <summary>[Content_Types].xml: a Default per extension, an Override per part without extension (as exports write it).</summary>
    public static XElement ContentTypes(IEnumerable<string> partNames)
    {
        XNamespace ns = "http://schemas.openxmlformats.org/package/2006/content-types";
        const string octet = "application/octet-stream";
        var names = partNames.ToList();
        var extensions = new SortedSet<string>(StringComparer.Ordinal);
        var overrides = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var segment = name[(name.LastIndexOf('/') + 1)..];
            var dot = segment.LastIndexOf('.');
            if (dot > 0 && dot < segment.Length - 1)
            {
                extensions.Add(segment[(dot + 1)..].ToLowerInvariant());
            }
            else
            {
                overrides.Add("/" + name);
            }
        }

        var root = new XElement(ns + "Types");
        foreach (var extension in extensions.OrderBy(e => e == "xml" ? 0 : 1).ThenBy(e => e, StringComparer.Ordinal))
        {
            root.Add(new XElement(ns + "Default", new XAttribute("Extension", extension), new XAttribute("ContentType", octet)));
        }

        foreach (var partName in overrides)
        {
            root.Add(new XElement(ns + "Override", new XAttribute("PartName", partName), new XAttribute("ContentType", octet)));
        }

        return root;
    }

    /// <summary>Adds a part with the fixed entry timestamp (deterministic zips).</summary>
    internal static void AddEntry(ZipArchive zip, string path, byte[] bytes)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTimestamp;
        using var output = entry.Open();
        output.Write(bytes);
    }

    private static byte[] ResolveWebResource(SourceTree tree, PackOptions options, PartReference part, bool managed)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(options.WebResourceFolder))
        {
            candidates.Add(Path.Combine(options.WebResourceFolder, part.Name.Replace('/', Path.DirectorySeparatorChar)));
        }

        candidates.Add(tree.FullPath(tree.Variant("WebResources/" + part.Name, managed)));
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return File.ReadAllBytes(candidate);
            }
        }

        var where = string.IsNullOrEmpty(options.WebResourceFolder) ? "the source WebResources folder (no web resource folder given)" : $"{options.WebResourceFolder} or the source WebResources folder";
        throw new SolutionFileException(part.SourceFile, XmlFiles.LineOf(part.Element), $"content of web resource {part.Name} not found in {where}; build the web resources first");
    }

    private static byte[] ResolvePluginAssembly(SourceTree tree, PackOptions options, PartReference part)
    {
        var element = part.Element!;
        var line = XmlFiles.LineOf(element);
        var declared = element.Attr("FullName") ?? string.Empty;
        byte[]? bytes = null;
        string? origin = null;
        foreach (var dll in options.PluginAssemblies)
        {
            if (!File.Exists(dll))
            {
                throw new SolutionFileException(dll, 0, "plug-in assembly not found; build the plug-ins first (dotnet build Plugins -c Release)");
            }

            var candidate = File.ReadAllBytes(dll);
            var facts = PluginAssemblyInspector.Read(candidate);
            var name = facts?.Name ?? Path.GetFileNameWithoutExtension(dll);
            if (string.Equals(name, part.Name, StringComparison.OrdinalIgnoreCase))
            {
                bytes = candidate;
                origin = dll;
                break;
            }
        }

        if (bytes is null)
        {
            foreach (var relative in new[] { part.ZipPath, Path.GetDirectoryName(part.SourceFile)?.Replace('\\', '/') + "/" + Path.GetFileName(part.ZipPath) })
            {
                if (tree.FileExists(relative))
                {
                    bytes = tree.ReadBytes(relative);
                    origin = relative;
                    break;
                }
            }
        }

        if (bytes is null)
        {
            throw new SolutionFileException(part.SourceFile, line, $"plug-in assembly {part.Name}.dll not found: give it with --plugin (build it with dotnet build Plugins -c Release)");
        }

        var actual = PluginAssemblyInspector.Read(bytes)
            ?? throw new SolutionFileException(origin!, 0, "not a .NET assembly");
        if (actual.PublicKeyToken == "null")
        {
            throw new SolutionFileException(origin!, 0, $"plug-in assembly {actual.Name} is not strong-name signed (Dataverse requires signed plug-in assemblies)");
        }

        if (!string.Equals(Canonical(declared), Canonical(actual.FullName), StringComparison.OrdinalIgnoreCase))
        {
            throw new SolutionFileException(part.SourceFile, line, $"PluginAssembly FullName \"{declared}\" does not match the built assembly \"{actual.FullName}\"");
        }

        foreach (var type in element.Descendants("PluginType"))
        {
            var typeName = type.Attr("Name") ?? (type.Attr("AssemblyQualifiedName") ?? string.Empty).Split(',')[0].Trim();
            if (!actual.TypeNames.Contains(typeName))
            {
                throw new SolutionFileException(part.SourceFile, XmlFiles.LineOf(type), $"plug-in type {typeName} is not defined in {actual.Name}");
            }
        }

        return bytes;
    }

    private static byte[] ResolveRaw(SourceTree tree, PartReference part, bool managed)
    {
        var file = tree.Variant(part.Name, managed);
        if (!tree.FileExists(file))
        {
            throw new SolutionFileException(part.SourceFile, XmlFiles.LineOf(part.Element), $"file {part.Name} not found");
        }

        return tree.ReadBytes(file);
    }

    private static string Canonical(string fullName)
    {
        var (name, parts) = PluginAssemblyInspector.ParseFullName(fullName);
        parts.TryGetValue("Version", out var version);
        parts.TryGetValue("Culture", out var culture);
        parts.TryGetValue("PublicKeyToken", out var token);
        return $"{name}|{version}|{culture ?? "neutral"}|{token}";
    }
}
