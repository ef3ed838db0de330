namespace AccountPlanXrm.Solution.Packaging;

/// <summary>
/// Builds a table's Entity element of customizations.xml from its unpacked folder: Entity.xml with the forms
/// (FormXml/&lt;type&gt;/), views (SavedQueries/), ribbon (RibbonDiff.xml) and charts (Visualizations/) put back in the
/// positions exports write them.
/// </summary>
internal static class EntityMerger
{
    internal static XElement Build(SourceTree tree, string folder, XElement entity, bool managed, Func<string, XDocument?> load)
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
                formGroups.Add(new XElement("forms", new XAttribute("type", LastSegment(typeFolder)), CustomizationSections.Sorted(forms, f => XmlFiles.NormalizeId(f.Text("formid") ?? string.Empty))));
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
            PlaceEntityPart(entity, new XElement("SavedQueries", new XElement("savedqueries", CustomizationSections.Sorted(views, v => XmlFiles.NormalizeId(v.Text("savedqueryid") ?? string.Empty)))));
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
            PlaceEntityPart(entity, new XElement("Visualizations", CustomizationSections.Sorted(charts, c => XmlFiles.NormalizeId(c.Text("savedqueryvisualizationid") ?? string.Empty))));
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
