namespace AccountPlanXrm.Solution.Packaging;

/// <summary>
/// Splits the parts of a solution zip into the unpacked layout (relative path → bytes): tables with their forms, views,
/// ribbon and charts, one file per role, choice, dashboard, step, sitemap and app, relationships by referenced table,
/// workflows, web resources and plug-in assemblies with their content parts. What it does not split stays in
/// Other/Customizations.xml; every other zip part is kept under its own path.
/// </summary>
public static class CustomizationsSplitter
{
    /// <summary>Sections with one file per component: section, file of a component.</summary>
    private static readonly (string Section, Func<XElement, string> File)[] OneFileSections =
    [
        ("Roles", role => $"Roles/{SafeName(role.Attr("name") ?? role.Attr("id") ?? "role")}.xml"),
        ("optionsets", optionSet => $"OptionSets/{SafeName(optionSet.Attr("Name") ?? "optionset")}.xml"),
        ("Dashboards", dashboard => $"Dashboards/{SafeName(dashboard.Text("FormId") ?? "dashboard")}.xml"),
        ("InteractionCentricDashboards", dashboard => $"InteractionCentricDashboards/{SafeName(dashboard.Text("FormId") ?? "dashboard")}.xml"),
        ("SdkMessageProcessingSteps", step => $"SdkMessageProcessingSteps/{SafeName(step.Attr("SdkMessageProcessingStepId") ?? "step")}.xml"),
        ("AppModuleSiteMaps", siteMap => $"AppModuleSiteMaps/{SafeName(siteMap.Text("SiteMapUniqueName") ?? "sitemap")}/AppModuleSiteMap.xml"),
        ("AppModules", app => $"AppModules/{SafeName(app.Text("UniqueName") ?? "app")}/AppModule.xml"),
    ];

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
        foreach (var (part, document, child) in new[] { (SolutionLayout.CustomizationsPart, customizations, (string?)null), (SolutionLayout.SolutionPart, solution, "SolutionManifest") })
        {
            if (document.Root?.Name.LocalName != "ImportExportXml" || (child is not null && document.Root.Element(child) is null))
            {
                throw new SolutionFileException(zipName + "/" + part, XmlFiles.LineOf(document.Root), $"not a solution part: the root must be ImportExportXml{(child is null ? string.Empty : " with " + child)}");
            }
        }

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
            SplitEntity(entity, zipName, Add);
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
        SplitRelationships(root, Add);

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

        foreach (var (section, file) in OneFileSections)
        {
            foreach (var component in Children(root, section))
            {
                // Two roles may share a name (or differ only in case, one file on Windows and macOS): the later one gets its id.
                var path = file(component);
                if (files.Keys.Contains(path, StringComparer.OrdinalIgnoreCase) && component.Attr("id") is { } id)
                {
                    path = $"{path[..^".xml".Length]} {SafeName(id)}.xml";
                }

                Add(path, component);
            }
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

    /// <summary>Rejects a part name that is absolute, climbs out or uses separators other than '/'.</summary>
    public static void CheckRelative(string path, string zipName)
    {
        if (path.StartsWith('/') || path.Split('/').Any(s => s == ".." || s.Length == 0) || path.Contains('\\') || path.Contains(':'))
        {
            throw new SolutionFileException(zipName, 0, $"unsafe part name {path}");
        }
    }

    /// <summary>Entities/&lt;Name&gt;/: Entity.xml with empty placeholders, FormXml/&lt;type&gt;/{id}.xml, SavedQueries/, RibbonDiff.xml, Visualizations/.</summary>
    private static void SplitEntity(XElement entity, string zipName, Action<string, XElement> add)
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
                    add($"{folder}/FormXml/{SafeName(type)}/{SafeName(id)}.xml", new XElement("forms", form));
                }
            }

            formXml.ReplaceWith(new XElement("FormXml"));
        }

        // Views and charts: one file each by id, the part left as an empty placeholder.
        void SplitPart(string part, Func<XElement, IEnumerable<XElement>> components, string idElement, Func<XElement, XElement> fileRoot)
        {
            var element = entity.Element(part);
            if (element is null || !element.HasElements)
            {
                return;
            }

            foreach (var component in components(element).ToList())
            {
                var id = component.Text(idElement) ?? throw new SolutionFileException(zipName, XmlFiles.LineOf(component), $"{component.Name.LocalName} without {idElement}");
                component.Remove();
                add($"{folder}/{part}/{SafeName(id)}.xml", fileRoot(component));
            }

            element.ReplaceWith(new XElement(part));
        }

        SplitPart("SavedQueries", e => e.Descendants("savedquery"), "savedqueryid", view => new XElement("savedqueries", view));

        var ribbon = entity.Element("RibbonDiffXml");
        if (ribbon is not null && ribbon.HasElements)
        {
            ribbon.ReplaceWith(new XElement("RibbonDiffXml"));
            add($"{folder}/RibbonDiff.xml", ribbon);
        }

        SplitPart("Visualizations", e => e.Elements("visualization"), "savedqueryvisualizationid", chart => chart);

        add($"{folder}/Entity.xml", entity);
    }

    /// <summary>Other/Relationships/&lt;referenced table&gt;.xml plus the list of names in Other/Relationships.xml.</summary>
    private static void SplitRelationships(XElement root, Action<string, XElement> add)
    {
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
            add($"{SolutionLayout.RelationshipsFolder}/{SafeName(owner)}.xml", new XElement("EntityRelationships", list));
        }

        if (relationshipNames.Count > 0)
        {
            add(SolutionLayout.RelationshipsListFile, new XElement("EntityRelationships", relationshipNames.Select(n => new XElement("EntityRelationship", new XAttribute("Name", n)))));
        }
    }

    /// <summary>Takes the components out of a section, leaving it as an empty placeholder (<c>&lt;Roles /&gt;</c>) as SolutionPackager does.</summary>
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

    private static string SafeName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['/', '\\', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var chars = name.Trim().Select(c => invalid.Contains(c) ? '_' : c).ToArray();
        var result = new string(chars);
        return result is "" or "." or ".." ? "_" : result;
    }
}
