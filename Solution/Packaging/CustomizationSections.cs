namespace AccountPlanXrm.Solution.Packaging;

/// <summary>The sections of customizations.xml's ImportExportXml: filling, replacing and ordering them as exports do.</summary>
internal static class CustomizationSections
{
    /// <summary>Adds components to a section (creating it when missing), keeping inline children, in a stable order.</summary>
    internal static void FillSection(XElement root, string sectionName, List<XElement> items, Func<XElement, string> sortKey)
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

    internal static void ReplaceSection(XElement root, XElement replacement)
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
    internal static void InsertSection(XElement root, XElement section)
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

    /// <summary>
    /// Puts the sections of ImportExportXml in the schema order (stable for equal ranks) when the known ones are out of
    /// order; a file whose known sections are in order keeps its layout, newer sections included.
    /// </summary>
    internal static void OrderSections(XElement root)
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

    internal static IEnumerable<XElement> Sorted(IEnumerable<XElement> items, Func<XElement, string> key) =>
        items.Select((e, i) => (e, i, k: key(e))).OrderBy(x => x.k, StringComparer.OrdinalIgnoreCase).ThenBy(x => x.k, StringComparer.Ordinal).ThenBy(x => x.i).Select(x => x.e).ToList();
}
