using System.IO.Compression;
using System.Xml.Linq;

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

    /// <summary>Reads a zip and splits it (see <see cref="Split"/>).</summary>
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
                if (entry.FullName.EndsWith('/'))
                {
                    continue;
                }

                using var stream = entry.Open();
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                entries[entry.FullName.Replace('\\', '/')] = buffer.ToArray();
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

        return Split(entries, zipName, separateWebResources, out webResourceContents, out managed);
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

    /// <summary>
    /// Splits the zip into unpacked files (relative path → bytes). Web resource contents go to <paramref name="webResourceContents"/>
    /// (by name) when <paramref name="separateWebResources"/>, else next to their metadata under WebResources/.
    /// </summary>
    public static SortedDictionary<string, byte[]> Split(IReadOnlyDictionary<string, byte[]> entries, string zipName, bool separateWebResources, out SortedDictionary<string, byte[]> webResourceContents, out bool managed)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        webResourceContents = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var consumed = new HashSet<string>(StringComparer.Ordinal)
        {
            SolutionLayout.SolutionPart, SolutionLayout.CustomizationsPart, SolutionLayout.ContentTypesPart,
        };

        var solution = XmlFiles.Parse(entries[SolutionLayout.SolutionPart], zipName + "/" + SolutionLayout.SolutionPart);
        var customizations = XmlFiles.Parse(entries[SolutionLayout.CustomizationsPart], zipName + "/" + SolutionLayout.CustomizationsPart);
        managed = solution.Root?.Element("SolutionManifest")?.Text("Managed") == "1";
        var root = customizations.Root ?? throw new SolutionFileException(zipName + "/" + SolutionLayout.CustomizationsPart, 0, "empty document");

        void Add(string relative, XElement element)
        {
            var bytes = XmlFiles.ToUnpackedBytes(XmlFiles.AsFileRoot(element));
            if (!files.TryAdd(relative, bytes))
            {
                throw new SolutionFileException(zipName, 0, $"two components map to the same file {relative}");
            }
        }

        byte[] Part(string fileName, string what)
        {
            var path = fileName.TrimStart('/');
            if (!entries.TryGetValue(path, out var bytes))
            {
                throw new SolutionFileException(zipName, 0, $"{what}: part {path} is missing from the zip");
            }

            consumed.Add(path);
            return bytes;
        }

        foreach (var entity in Children(root, "Entities"))
        {
            var name = entity.Text("Name") ?? throw new SolutionFileException(zipName, XmlFiles.LineOf(entity), "Entity without Name");
            var folder = "Entities/" + SafeName(name);

            var formXml = entity.Element("FormXml");
            if (formXml is not null && formXml.HasElements)
            {
                foreach (var group in formXml.Elements("forms").ToList())
                {
                    var type = group.Attr("type") ?? "main";
                    foreach (var form in group.Elements("systemform").ToList())
                    {
                        var id = form.Text("formid") ?? throw new SolutionFileException(zipName, XmlFiles.LineOf(form), "systemform without formid");
                        form.Remove();
                        Add($"{folder}/FormXml/{SafeName(type)}/{SafeName(id)}.xml", new XElement("forms", form));
                    }
                }

                formXml.ReplaceWith(new XElement("FormXml"));
            }

            var savedQueries = entity.Element("SavedQueries");
            if (savedQueries is not null && savedQueries.HasElements)
            {
                foreach (var view in savedQueries.Descendants("savedquery").ToList())
                {
                    var id = view.Text("savedqueryid") ?? throw new SolutionFileException(zipName, XmlFiles.LineOf(view), "savedquery without savedqueryid");
                    view.Remove();
                    Add($"{folder}/SavedQueries/{SafeName(id)}.xml", new XElement("savedqueries", view));
                }

                savedQueries.ReplaceWith(new XElement("SavedQueries"));
            }

            var ribbon = entity.Element("RibbonDiffXml");
            if (ribbon is not null && ribbon.HasElements)
            {
                ribbon.ReplaceWith(new XElement("RibbonDiffXml"));
                Add($"{folder}/RibbonDiff.xml", ribbon);
            }

            var charts = entity.Element("Visualizations");
            if (charts is not null && charts.HasElements)
            {
                foreach (var chart in charts.Elements("visualization").ToList())
                {
                    var id = chart.Text("savedqueryvisualizationid") ?? throw new SolutionFileException(zipName, XmlFiles.LineOf(chart), "visualization without savedqueryvisualizationid");
                    chart.Remove();
                    Add($"{folder}/Visualizations/{SafeName(id)}.xml", chart);
                }

                charts.ReplaceWith(new XElement("Visualizations"));
            }

            Add($"{folder}/Entity.xml", entity);
        }


        foreach (var role in Children(root, "Roles"))
        {
            Add($"Roles/{SafeName(role.Attr("name") ?? role.Attr("id") ?? "role")}.xml", role);
        }


        foreach (var workflow in Children(root, "Workflows"))
        {
            var dataFile = workflow.Text("XamlFileName") ?? workflow.Text("JsonFileName") ?? $"/Workflows/{SafeName(workflow.Attr("WorkflowId") ?? "workflow")}";
            foreach (var fileName in new[] { workflow.Text("XamlFileName"), workflow.Text("JsonFileName") })
            {
                if (!string.IsNullOrEmpty(fileName))
                {
                    files[fileName.TrimStart('/')] = Part(fileName, "workflow");
                }
            }

            Add(dataFile.TrimStart('/') + ".data.xml", workflow);
        }


        MoveSection(root, "FieldSecurityProfiles", SolutionLayout.FieldSecurityProfilesFile, Add);
        MoveSection(root, "EntityMaps", SolutionLayout.EntityMapsFile, Add);

        var relationshipFiles = new SortedDictionary<string, List<XElement>>(StringComparer.Ordinal);
        var relationshipNames = new List<string>();
        foreach (var relationship in Children(root, "EntityRelationships"))
        {
            var owner = relationship.Text("ReferencedEntityName") ?? relationship.Text("FirstEntityName") ?? "Other";
            if (!relationshipFiles.TryGetValue(owner, out var list))
            {
                relationshipFiles[owner] = list = [];
            }

            list.Add(relationship);
            relationshipNames.Add(relationship.Attr("Name") ?? string.Empty);
        }

        foreach (var (owner, list) in relationshipFiles)
        {
            Add($"{SolutionLayout.RelationshipsFolder}/{SafeName(owner)}.xml", new XElement("EntityRelationships", list));
        }

        if (relationshipNames.Count > 0)
        {
            Add(SolutionLayout.RelationshipsListFile, new XElement("EntityRelationships", relationshipNames.Select(n => new XElement("EntityRelationship", new XAttribute("Name", n)))));
        }


        foreach (var optionSet in Children(root, "optionsets"))
        {
            Add($"OptionSets/{SafeName(optionSet.Attr("Name") ?? "optionset")}.xml", optionSet);
        }


        foreach (var section in new[] { "Dashboards", "InteractionCentricDashboards" })
        {
            foreach (var dashboard in Children(root, section))
            {
                Add($"{section}/{SafeName(dashboard.Text("FormId") ?? "dashboard")}.xml", dashboard);
            }

        }

        foreach (var webResource in Children(root, "WebResources"))
        {
            var name = webResource.Text("Name") ?? throw new SolutionFileException(zipName, XmlFiles.LineOf(webResource), "WebResource without Name");
            var fileName = webResource.Text("FileName") ?? SolutionLayout.WebResourcePartName(name, webResource.Text("WebResourceId") ?? string.Empty);
            var content = Part(fileName, "web resource " + name);
            CheckRelative(name, zipName);
            if (separateWebResources)
            {
                webResourceContents[name] = content;
            }
            else
            {
                files["WebResources/" + name] = content;
            }

            Add($"WebResources/{name}.data.xml", webResource);
        }


        foreach (var assembly in Children(root, "SolutionPluginAssemblies"))
        {
            var fullName = assembly.Attr("FullName") ?? string.Empty;
            var name = fullName.Split(',')[0].Trim();
            var fileName = (assembly.Text("FileName") ?? SolutionLayout.PluginAssemblyPartName(name, assembly.Attr("PluginAssemblyId") ?? string.Empty)).TrimStart('/');
            CheckRelative(fileName, zipName);
            files[fileName] = Part(fileName, "plug-in assembly " + name);
            Add(fileName + ".data.xml", assembly);
        }


        foreach (var step in Children(root, "SdkMessageProcessingSteps"))
        {
            Add($"SdkMessageProcessingSteps/{SafeName(step.Attr("SdkMessageProcessingStepId") ?? "step")}.xml", step);
        }


        foreach (var siteMap in Children(root, "AppModuleSiteMaps"))
        {
            Add($"AppModuleSiteMaps/{SafeName(siteMap.Text("SiteMapUniqueName") ?? "sitemap")}/AppModuleSiteMap.xml", siteMap);
        }


        foreach (var app in Children(root, "AppModules"))
        {
            Add($"AppModules/{SafeName(app.Text("UniqueName") ?? "app")}/AppModule.xml", app);
        }


        foreach (var (path, bytes) in entries)
        {
            if (!consumed.Contains(path))
            {
                CheckRelative(path, zipName);
                files.TryAdd(path, bytes);
            }
        }

        Add(SolutionLayout.CustomizationsFile, root);
        Add(SolutionLayout.SolutionFile, solution.Root!);
        return files;
    }

    private static List<XElement> Children(XElement root, string section)
    {
        var element = root.Element(section);
        if (element is null)
        {
            return [];
        }

        var children = element.Elements().ToList();
        if (children.Count > 0)
        {
            // The extracted section stays as an empty placeholder (<Roles />), as SolutionPackager leaves it.
            element.ReplaceWith(new XElement(section));
        }

        foreach (var child in children)
        {
            child.Remove();
        }

        return children;
    }


    private static void MoveSection(XElement root, string section, string file, Action<string, XElement> add)
    {
        var element = root.Element(section);
        if (element is null || !element.HasElements)
        {
            return;
        }

        element.ReplaceWith(new XElement(section));
        add(file, element);
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

    private static void CheckRelative(string path, string zipName)
    {
        if (path.StartsWith('/') || path.Split('/').Any(s => s == ".." || s.Length == 0) || path.Contains('\\') || path.Contains(':'))
        {
            throw new SolutionFileException(zipName, 0, $"unsafe part name {path}");
        }
    }

    private static string SafeName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['/', '\\', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var chars = name.Trim().Select(c => invalid.Contains(c) ? '_' : c).ToArray();
        var result = new string(chars);
        return result is "" or "." or ".." ? "_" : result;
    }
}
