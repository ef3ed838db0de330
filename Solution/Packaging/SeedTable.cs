namespace AccountPlanXrm.Solution.Packaging;

/// <summary>A column as the seed package needs it: type, English display name, custom or not, maximum length, choice values, line.</summary>
internal sealed record SeedColumn(string Type, string DisplayName, bool IsCustom, int? MaxLength, IReadOnlySet<int> Options, int Line);

/// <summary>A table of Solution/src as the seed package needs it, read from its Entities/&lt;Name&gt;/Entity.xml.</summary>
internal sealed record SeedTable(string LogicalName, string DisplayName, string PrimaryIdField, string PrimaryNameField, IReadOnlyDictionary<string, SeedColumn> Columns, string File)
{
    /// <summary>The table with this logical name from Entities/*/Entity.xml, or null.</summary>
    public static SeedTable? Find(string sourceFolder, string logicalName)
    {
        var entities = Path.Combine(sourceFolder, "Entities");
        if (!Directory.Exists(entities))
        {
            return null;
        }

        foreach (var folder in Directory.EnumerateDirectories(entities).OrderBy(f => f, StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, "Entity.xml");
            if (!string.Equals(Path.GetFileName(folder), logicalName, StringComparison.OrdinalIgnoreCase) || !System.IO.File.Exists(path))
            {
                continue;
            }

            var document = XmlFiles.Load(path, path);
            var entity = document.Root?.Element("EntityInfo")?.Element("entity")
                ?? throw new SolutionFileException(path, XmlFiles.LineOf(document.Root), "Entity.xml has no EntityInfo/entity element");
            var columns = new Dictionary<string, SeedColumn>(StringComparer.Ordinal);
            string? primaryId = null;
            string? primaryName = null;
            foreach (var attribute in entity.Element("attributes")?.Elements("attribute") ?? [])
            {
                var name = (attribute.Text("LogicalName") ?? attribute.Text("Name") ?? string.Empty).ToLowerInvariant();
                var type = attribute.Text("Type") ?? string.Empty;
                var options = attribute.Element("optionset")?.Element("options")?.Elements("option")
                    .Select(o => int.TryParse(o.Attr("value"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? (int?)v : null)
                    .OfType<int>().ToHashSet() ?? [];
                var maxLength = int.TryParse(attribute.Text("MaxLength"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) ? max : (int?)null;
                columns[name] = new SeedColumn(type, English(attribute.Element("displaynames"), "displayname") ?? name, attribute.Text("IsCustomField") == "1", maxLength, options, XmlFiles.LineOf(attribute));
                if (type.Equals("primarykey", StringComparison.OrdinalIgnoreCase))
                {
                    primaryId = name;
                }

                if ((attribute.Text("DisplayMask") ?? string.Empty).Split('|').Contains("PrimaryName"))
                {
                    primaryName = name;
                }
            }

            if (primaryId is null || primaryName is null)
            {
                throw new SolutionFileException(path, XmlFiles.LineOf(entity), $"table {logicalName} has no {(primaryId is null ? "primary key" : "primary name")} column");
            }

            var displayName = English(entity.Element("LocalizedNames"), "LocalizedName") ?? logicalName;
            return new SeedTable(logicalName, displayName, primaryId, primaryName, columns, path);
        }

        return null;
    }

    /// <summary>The 1033 label of a localized label list (first label when there is no English one).</summary>
    private static string? English(XElement? list, string elementName)
    {
        var labels = list?.Elements(elementName).ToList() ?? [];
        return (labels.FirstOrDefault(l => l.Attr("languagecode") == "1033") ?? labels.FirstOrDefault())?.Attr("description");
    }
}
