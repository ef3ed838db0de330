using System.Xml.Linq;

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

/// <summary>
/// Merges an unpacked solution folder into customizations.xml and solution.xml. Elements keep their source line info
/// and a <see cref="SourceFileAnnotation"/>, so validation errors on the merged document point back to the source file.
/// </summary>
public static class SolutionMerger
{
    /// <summary>Folders whose every file is a component merged into customizations.xml (a stray file there is an error).</summary>
    private static readonly HashSet<string> MergedFolders = new(StringComparer.Ordinal)
    {
        "Entities", "Roles", "OptionSets", "Dashboards", "InteractionCentricDashboards", "SdkMessageProcessingSteps", "AppModules", "AppModuleSiteMaps",
    };

    /// <summary>Merges <paramref name="tree"/>; throws <see cref="SolutionFileException"/> on the first broken file unless <paramref name="lenient"/>.</summary>
    /// <remarks>
    /// Every file of the folder is accounted for: component files go into customizations.xml, binaries and the files of
    /// components the merger does not model (canvas apps, formulas, bots, custom APIs, any folder never seen…) become
    /// zip parts under their own path. A pac metadata file (<c>*.data.xml</c>) or a file below <c>Other/</c> that no
    /// component claims cannot be carried and fails the merge with the file named.
    /// </remarks>
    public static MergedSolution Merge(SourceTree tree, bool managed, bool lenient = false)
    {
        var consumed = new HashSet<string>(StringComparer.Ordinal);

        XDocument? Load(string relative)
        {
            consumed.Add(relative);
            if (lenient)
            {
                return tree.TryLoad(relative);
            }

            return tree.Load(relative);
        }

        var customizationsFile = tree.Variant(SolutionLayout.CustomizationsFile, managed);
        var customizations = tree.Load(customizationsFile);
        var solution = tree.Load(SolutionLayout.SolutionFile);
        consumed.Add(customizationsFile);
        consumed.Add(SolutionLayout.SolutionFile);
        var root = customizations.Root ?? throw new SolutionFileException(customizationsFile, 0, "empty document");
        if (root.Name.LocalName != "ImportExportXml")
        {
            throw new SolutionFileException(customizationsFile, XmlFiles.LineOf(root), $"root element must be ImportExportXml, found {root.Name.LocalName}");
        }

        var parts = new List<PartReference>();
        static bool Xml(string f) => f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);

        // Entities with their forms, views, charts and ribbon.
        var entities = new List<XElement>();
        foreach (var folder in tree.Folders("Entities"))
        {
            var entityFile = tree.Variant(folder + "/Entity.xml", managed);
            if (!tree.FileExists(entityFile))
            {
                continue;
            }

            var doc = Load(entityFile);
            if (doc?.Root is null)
            {
                continue;
            }

            entities.Add(BuildEntity(tree, folder, XmlFiles.Detach(doc.Root, entityFile), managed, Load));
        }

        FillSection(root, "Entities", entities, e => e.Text("Name") ?? string.Empty);

        FillSection(root, "Roles", LoadRoots(tree, "Roles", false, managed, Xml, Load), e => e.Attr("name") ?? string.Empty);

        var workflows = LoadRoots(tree, "Workflows", true, managed, f => f.EndsWith(".data.xml", StringComparison.OrdinalIgnoreCase), Load);
        foreach (var workflow in workflows)
        {
            foreach (var fileName in new[] { workflow.Text("XamlFileName"), workflow.Text("JsonFileName") })
            {
                if (!string.IsNullOrEmpty(fileName))
                {
                    var path = fileName.TrimStart('/');
                    consumed.Add(path);
                    parts.Add(new PartReference(PartKind.Raw, path, path, XmlFiles.FileOf(workflow) ?? string.Empty, workflow));
                }
            }
        }

        FillSection(root, "Workflows", workflows, e => XmlFiles.NormalizeId(e.Attr("WorkflowId") ?? e.Attr("Name") ?? string.Empty));

        var relationships = new List<XElement>();
        consumed.Add(SolutionLayout.RelationshipsListFile);
        foreach (var file in tree.ComponentFiles(SolutionLayout.RelationshipsFolder, false, managed, Xml))
        {
            var doc = Load(file);
            if (doc?.Root is null)
            {
                continue;
            }

            foreach (var relationship in doc.Root.Elements("EntityRelationship").ToList())
            {
                relationships.Add(XmlFiles.Detach(relationship, file));
            }
        }

        FillSection(root, "EntityRelationships", relationships, e => e.Attr("Name") ?? string.Empty);

        // Other/<Section>.xml (FieldSecurityProfiles, EntityMaps, pac's SiteMap, ConnectionRoles, global ribbon…): a file whose
        // root is a customizations.xml section replaces that section.
        foreach (var file in tree.ComponentFiles("Other", false, managed, Xml))
        {
            if (consumed.Contains(file) || file == SolutionLayout.RelationshipsListFile || SourceTree.BaseOfVariant(file) is SolutionLayout.CustomizationsFile or SolutionLayout.SolutionFile or SolutionLayout.RelationshipsListFile)
            {
                continue;
            }

            var doc = Load(file);
            if (doc?.Root is not null && SolutionLayout.IsSection(doc.Root.Name.LocalName))
            {
                ReplaceSection(root, XmlFiles.Detach(doc.Root, file));
            }
            else if (doc?.Root is not null)
            {
                consumed.Remove(file);
            }
        }

        FillSection(root, "optionsets", LoadRoots(tree, "OptionSets", false, managed, Xml, Load), e => e.Attr("Name") ?? string.Empty);
        FillSection(root, "Dashboards", LoadRoots(tree, "Dashboards", false, managed, Xml, Load), e => XmlFiles.NormalizeId(e.Text("FormId") ?? string.Empty));
        FillSection(root, "InteractionCentricDashboards", LoadRoots(tree, "InteractionCentricDashboards", false, managed, Xml, Load), e => XmlFiles.NormalizeId(e.Text("FormId") ?? string.Empty));

        var webResources = LoadRoots(tree, "WebResources", true, managed, f => f.EndsWith(".data.xml", StringComparison.OrdinalIgnoreCase), Load);
        foreach (var webResource in webResources)
        {
            var name = webResource.Text("Name") ?? string.Empty;
            var id = webResource.Text("WebResourceId") ?? string.Empty;
            var fileName = webResource.Text("FileName");
            var zipPath = (string.IsNullOrEmpty(fileName) ? SolutionLayout.WebResourcePartName(name, id) : fileName).TrimStart('/');
            consumed.Add("WebResources/" + name);
            consumed.Add(zipPath);
            parts.Add(new PartReference(PartKind.WebResource, zipPath, name, XmlFiles.FileOf(webResource) ?? string.Empty, webResource));
        }

        FillSection(root, "WebResources", webResources, e => e.Text("Name") ?? string.Empty);

        var assemblies = LoadRoots(tree, "PluginAssemblies", true, managed, f => f.EndsWith(".dll.data.xml", StringComparison.OrdinalIgnoreCase), Load);
        foreach (var assembly in assemblies)
        {
            var fullName = assembly.Attr("FullName") ?? string.Empty;
            var name = fullName.Split(',')[0].Trim();
            var fileName = assembly.Text("FileName");
            var zipPath = (string.IsNullOrEmpty(fileName) ? SolutionLayout.PluginAssemblyPartName(name, assembly.Attr("PluginAssemblyId") ?? string.Empty) : fileName).TrimStart('/');
            var sourceFile = XmlFiles.FileOf(assembly) ?? string.Empty;
            consumed.Add(zipPath);
            consumed.Add((SourceTree.BaseOfVariant(sourceFile) ?? sourceFile)[..^".data.xml".Length]);
            parts.Add(new PartReference(PartKind.PluginAssembly, zipPath, name, sourceFile, assembly));
        }

        FillSection(root, "SolutionPluginAssemblies", assemblies, e => e.Attr("FullName") ?? string.Empty);

        FillSection(root, "SdkMessageProcessingSteps", LoadRoots(tree, "SdkMessageProcessingSteps", false, managed, Xml, Load), e => XmlFiles.NormalizeId(e.Attr("SdkMessageProcessingStepId") ?? string.Empty));

        FillSection(root, "AppModuleSiteMaps", LoadVariantRoots(tree, "AppModuleSiteMaps", "AppModuleSiteMap", managed, Load), e => e.Text("SiteMapUniqueName") ?? string.Empty);
        FillSection(root, "AppModules", LoadVariantRoots(tree, "AppModules", "AppModule", managed, Load), e => e.Text("UniqueName") ?? string.Empty);

        // Everything else travels as it is: custom APIs, environment variables, canvas apps, formulas, bots, any new folder.
        foreach (var file in tree.ComponentFiles(string.Empty, true, managed))
        {
            if (consumed.Contains(file) || consumed.Contains(SourceTree.BaseOfVariant(file) ?? file))
            {
                continue;
            }

            if (file.StartsWith("Other/", StringComparison.Ordinal))
            {
                throw new SolutionFileException(file, 0, "cannot be carried: no customizations.xml section matches this file below Other/ (rename it to Other/<Section>.xml or remove it)");
            }

            var top = file.Contains('/') ? file[..file.IndexOf('/')] : string.Empty;
            if (MergedFolders.Contains(top))
            {
                throw new SolutionFileException(file, 0, $"cannot be carried: {top}/ holds components merged into customizations.xml, and this file is none of them");
            }

            if (file.EndsWith(".data.xml", StringComparison.OrdinalIgnoreCase))
            {
                throw new SolutionFileException(file, 0, "cannot be carried: pac metadata for a component the packer does not model (the component's XML belongs in Other/Customizations.xml)");
            }

            parts.Add(new PartReference(PartKind.Raw, file, file, file, null));
        }

        OrderSections(root);

        var manifest = solution.Root?.Element("SolutionManifest")
            ?? throw new SolutionFileException(SolutionLayout.SolutionFile, XmlFiles.LineOf(solution.Root), "SolutionManifest element missing");
        var managedElement = manifest.Element("Managed");
        if (managedElement is null)
        {
            managedElement = new XElement("Managed");
            var version = manifest.Element("Version");
            if (version is not null)
            {
                version.AddAfterSelf(managedElement);
            }
            else
            {
                manifest.Add(managedElement);
            }
        }

        managedElement.Value = managed ? "1" : "0";

        return new MergedSolution { Customizations = customizations, Solution = solution, Parts = parts };
    }

    private static XElement BuildEntity(SourceTree tree, string folder, XElement entity, bool managed, Func<string, XDocument?> load)
    {
        // Forms: FormXml/<type>/{id}.xml, managed builds prefer {id}_managed.xml.
        var formGroups = new List<XElement>();
        var typeFolders = tree.Folders(folder + "/FormXml")
            .OrderBy(f => FormTypeRank(LastSegment(f)))
            .ThenBy(f => LastSegment(f), StringComparer.Ordinal);
        foreach (var typeFolder in typeFolders)
        {
            var forms = new List<XElement>();
            foreach (var file in tree.ComponentFiles(typeFolder, false, managed, f => f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
            {
                var doc = load(file);
                if (doc?.Root is null)
                {
                    continue;
                }

                forms.AddRange(doc.Root.Elements("systemform").ToList().Select(f => XmlFiles.Detach(f, file)));
            }

            if (forms.Count > 0)
            {
                formGroups.Add(new XElement("forms", new XAttribute("type", LastSegment(typeFolder)), Sorted(forms, f => XmlFiles.NormalizeId(f.Text("formid") ?? string.Empty))));
            }
        }

        if (formGroups.Count > 0)
        {
            PlaceEntityPart(entity, new XElement("FormXml", formGroups));
        }

        var views = new List<XElement>();
        foreach (var file in tree.ComponentFiles(folder + "/SavedQueries", false, managed, f => f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
        {
            var doc = load(file);
            if (doc?.Root is not null)
            {
                views.AddRange(doc.Root.Elements("savedquery").ToList().Select(v => XmlFiles.Detach(v, file)));
            }
        }

        if (views.Count > 0)
        {
            PlaceEntityPart(entity, new XElement("SavedQueries", new XElement("savedqueries", Sorted(views, v => XmlFiles.NormalizeId(v.Text("savedqueryid") ?? string.Empty)))));
        }

        var ribbonFile = tree.Variant(folder + "/RibbonDiff.xml", managed);
        if (tree.FileExists(ribbonFile))
        {
            var doc = load(ribbonFile);
            if (doc?.Root is not null)
            {
                PlaceEntityPart(entity, XmlFiles.Detach(doc.Root, ribbonFile));
            }
        }

        var charts = new List<XElement>();
        foreach (var file in tree.ComponentFiles(folder + "/Visualizations", false, managed, f => f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
        {
            var doc = load(file);
            if (doc?.Root is not null)
            {
                charts.Add(XmlFiles.Detach(doc.Root, file));
            }
        }

        if (charts.Count > 0)
        {
            PlaceEntityPart(entity, new XElement("Visualizations", Sorted(charts, c => XmlFiles.NormalizeId(c.Text("savedqueryvisualizationid") ?? string.Empty))));
        }

        OrderEntityParts(entity);
        return entity;
    }

    /// <summary>Replaces the placeholder of an extracted entity part, or inserts the part in the canonical position.</summary>
    private static void PlaceEntityPart(XElement entity, XElement part)
    {
        var existing = entity.Element(part.Name);
        if (existing is not null)
        {
            existing.ReplaceWith(part);
            return;
        }

        var rank = IndexOf(SolutionLayout.EntityPartOrder, part.Name.LocalName);
        XElement? anchor = entity.Element("EntityInfo") ?? entity.Element("Name");
        foreach (var candidate in entity.Elements())
        {
            var candidateRank = IndexOf(SolutionLayout.EntityPartOrder, candidate.Name.LocalName);
            if (candidateRank >= 0 && candidateRank < rank)
            {
                anchor = candidate;
            }
        }

        if (anchor is null)
        {
            entity.Add(part);
        }
        else
        {
            anchor.AddAfterSelf(part);
        }
    }

    private static List<XElement> LoadRoots(SourceTree tree, string folder, bool recursive, bool managed, Func<string, bool> filter, Func<string, XDocument?> load)
    {
        var result = new List<XElement>();
        foreach (var file in tree.ComponentFiles(folder, recursive, managed, filter))
        {
            var doc = load(file);
            if (doc?.Root is not null)
            {
                result.Add(XmlFiles.Detach(doc.Root, file));
            }
        }

        return result;
    }

    /// <summary>AppModules/&lt;name&gt;/AppModule.xml (or AppModule_managed.xml in a managed build when present).</summary>
    private static List<XElement> LoadVariantRoots(SourceTree tree, string folder, string fileStem, bool managed, Func<string, XDocument?> load)
    {
        var result = new List<XElement>();
        foreach (var sub in tree.Folders(folder))
        {
            var file = $"{sub}/{fileStem}.xml";
            var managedFile = $"{sub}/{fileStem}_managed.xml";
            var chosen = managed && tree.FileExists(managedFile) ? managedFile : file;
            if (!tree.FileExists(chosen))
            {
                continue;
            }

            var doc = load(chosen);
            if (doc?.Root is not null)
            {
                result.Add(XmlFiles.Detach(doc.Root, chosen));
            }
        }

        return result;
    }

    /// <summary>Adds components to a section (creating it when missing), keeping inline children, in a stable order.</summary>
    private static void FillSection(XElement root, string sectionName, List<XElement> items, Func<XElement, string> sortKey)
    {
        if (items.Count == 0)
        {
            return;
        }

        var section = root.Element(sectionName);
        if (section is null)
        {
            section = new XElement(sectionName);
            InsertSection(root, section);
        }

        var all = section.Elements().ToList();
        foreach (var element in all)
        {
            element.Remove();
        }

        all.AddRange(items);
        section.Add(Sorted(all, sortKey));
    }

    private static void ReplaceSection(XElement root, XElement replacement)
    {
        var section = root.Element(replacement.Name);
        if (section is null)
        {
            InsertSection(root, replacement);
        }
        else
        {
            section.ReplaceWith(replacement);
        }
    }

    /// <summary>Inserts a section before the first known section that comes after it in the schema order (else at the end).</summary>
    private static void InsertSection(XElement root, XElement section)
    {
        var index = SolutionLayout.SectionIndex(section.Name.LocalName);
        var before = root.Elements().FirstOrDefault(e => SolutionLayout.IsSection(e.Name.LocalName) && SolutionLayout.SectionIndex(e.Name.LocalName) > index);
        if (before is null)
        {
            root.Add(section);
        }
        else
        {
            before.AddBeforeSelf(section);
        }
    }

    /// <summary>The extracted parts of an Entity in the order exports write them (Visualizations before RibbonDiffXml), in the slots they hold.</summary>
    private static void OrderEntityParts(XElement entity)
    {
        var present = entity.Elements().Where(e => IndexOf(SolutionLayout.EntityPartOrder, e.Name.LocalName) >= 0).ToList();
        var ordered = present.OrderBy(e => IndexOf(SolutionLayout.EntityPartOrder, e.Name.LocalName)).ToList();
        if (present.SequenceEqual(ordered))
        {
            return;
        }

        var slots = present.Select(e => new XElement("slot")).ToList();
        for (var i = 0; i < present.Count; i++)
        {
            present[i].ReplaceWith(slots[i]);
        }

        for (var i = 0; i < slots.Count; i++)
        {
            slots[i].ReplaceWith(ordered[i]);
        }
    }

    /// <summary>
    /// Puts the sections of ImportExportXml in the schema order (stable for equal ranks) when the known ones are out of
    /// order; a file whose known sections are in order keeps its layout, newer sections included.
    /// </summary>
    private static void OrderSections(XElement root)
    {
        var known = root.Elements().Where(e => SolutionLayout.IsSection(e.Name.LocalName)).Select(e => SolutionLayout.SectionIndex(e.Name.LocalName)).ToList();
        if (known.SequenceEqual(known.Order()))
        {
            return;
        }

        var children = root.Elements().ToList();
        var ordered = children.Select((e, i) => (e, i)).OrderBy(x => SolutionLayout.SectionIndex(x.e.Name.LocalName)).ThenBy(x => x.i).Select(x => x.e).ToList();
        if (children.SequenceEqual(ordered))
        {
            return;
        }

        foreach (var child in children)
        {
            child.Remove();
        }

        root.Add(ordered);
    }

    private static IEnumerable<XElement> Sorted(IEnumerable<XElement> items, Func<XElement, string> key) =>
        items.Select((e, i) => (e, i, k: key(e))).OrderBy(x => x.k, StringComparer.OrdinalIgnoreCase).ThenBy(x => x.k, StringComparer.Ordinal).ThenBy(x => x.i).Select(x => x.e).ToList();

    private static int FormTypeRank(string type)
    {
        var index = IndexOf(SolutionLayout.FormTypeOrder, type);
        return index < 0 ? int.MaxValue : index;
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    private static string LastSegment(string path) => path[(path.LastIndexOf('/') + 1)..];
}
