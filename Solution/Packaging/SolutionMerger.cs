namespace AccountPlanXrm.Solution.Packaging;

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

            entities.Add(EntityMerger.Build(tree, folder, XmlFiles.Detach(doc.Root, entityFile), managed, Load));
        }

        CustomizationSections.FillSection(root, "Entities", entities, e => e.Text("Name") ?? string.Empty);

        CustomizationSections.FillSection(root, "Roles", LoadRoots(tree, "Roles", false, managed, Xml, Load), e => e.Attr("name") ?? string.Empty);

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

        CustomizationSections.FillSection(root, "Workflows", workflows, e => XmlFiles.NormalizeId(e.Attr("WorkflowId") ?? e.Attr("Name") ?? string.Empty));

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

        CustomizationSections.FillSection(root, "EntityRelationships", relationships, e => e.Attr("Name") ?? string.Empty);

        // Other/<Section>.xml (FieldSecurityProfiles, EntityMaps, pac's SiteMap, ConnectionRoles, global ribbon…): a file whose
        // root is a customizations.xml section replaces that section.
        foreach (var file in tree.ComponentFiles("Other", false, managed, Xml))
        {
            if (consumed.Contains(file) || file == SolutionLayout.RelationshipsListFile || tree.BaseOf(file) is SolutionLayout.CustomizationsFile or SolutionLayout.SolutionFile or SolutionLayout.RelationshipsListFile)
            {
                continue;
            }

            var doc = Load(file);
            if (doc?.Root is not null && SolutionLayout.IsSection(doc.Root.Name.LocalName))
            {
                CustomizationSections.ReplaceSection(root, XmlFiles.Detach(doc.Root, file));
            }
            else if (doc?.Root is not null)
            {
                consumed.Remove(file);
            }
        }

        CustomizationSections.FillSection(root, "optionsets", LoadRoots(tree, "OptionSets", false, managed, Xml, Load), e => e.Attr("Name") ?? string.Empty);
        CustomizationSections.FillSection(root, "Dashboards", LoadRoots(tree, "Dashboards", false, managed, Xml, Load), e => XmlFiles.NormalizeId(e.Text("FormId") ?? string.Empty));
        CustomizationSections.FillSection(root, "InteractionCentricDashboards", LoadRoots(tree, "InteractionCentricDashboards", false, managed, Xml, Load), e => XmlFiles.NormalizeId(e.Text("FormId") ?? string.Empty));

        var webResources = LoadRoots(tree, "WebResources", true, managed, tree.IsWebResourceMetadata, Load);
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

        CustomizationSections.FillSection(root, "WebResources", webResources, e => e.Text("Name") ?? string.Empty);

        var assemblies = LoadRoots(tree, "PluginAssemblies", true, managed, f => f.EndsWith(".dll.data.xml", StringComparison.OrdinalIgnoreCase), Load);
        foreach (var assembly in assemblies)
        {
            var fullName = assembly.Attr("FullName") ?? string.Empty;
            var name = fullName.Split(',')[0].Trim();
            var fileName = assembly.Text("FileName");
            var zipPath = (string.IsNullOrEmpty(fileName) ? SolutionLayout.PluginAssemblyPartName(name, assembly.Attr("PluginAssemblyId") ?? string.Empty) : fileName).TrimStart('/');
            var sourceFile = XmlFiles.FileOf(assembly) ?? string.Empty;
            consumed.Add(zipPath);
            consumed.Add((tree.BaseOf(sourceFile) ?? sourceFile)[..^".data.xml".Length]);
            parts.Add(new PartReference(PartKind.PluginAssembly, zipPath, name, sourceFile, assembly));
        }

        CustomizationSections.FillSection(root, "SolutionPluginAssemblies", assemblies, e => e.Attr("FullName") ?? string.Empty);

        CustomizationSections.FillSection(root, "SdkMessageProcessingSteps", LoadRoots(tree, "SdkMessageProcessingSteps", false, managed, Xml, Load), e => XmlFiles.NormalizeId(e.Attr("SdkMessageProcessingStepId") ?? string.Empty));

        CustomizationSections.FillSection(root, "AppModuleSiteMaps", LoadVariantRoots(tree, "AppModuleSiteMaps", "AppModuleSiteMap", managed, Load), e => e.Text("SiteMapUniqueName") ?? string.Empty);
        CustomizationSections.FillSection(root, "AppModules", LoadVariantRoots(tree, "AppModules", "AppModule", managed, Load), e => e.Text("UniqueName") ?? string.Empty);

        // Everything else travels as it is: custom APIs, environment variables, canvas apps, formulas, bots, any new folder.
        foreach (var file in tree.ComponentFiles(string.Empty, true, managed))
        {
            if (consumed.Contains(file) || consumed.Contains(tree.BaseOf(file) ?? file))
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

        CustomizationSections.OrderSections(root);

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
            var chosen = tree.Variant($"{sub}/{fileStem}.xml", managed);
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
}
