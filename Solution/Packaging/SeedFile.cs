namespace AccountPlanXrm.Solution.Packaging;

/// <summary>One field of a seed record: column, seed type, parsed value, line.</summary>
internal sealed record SeedField(string Name, string Type, object Value, int Line);

/// <summary>One record of a seed file: table, stable id, key column, fields, line.</summary>
internal sealed record SeedRow(string Entity, Guid Id, string Key, IReadOnlyList<SeedField> Fields, int Line);

/// <summary>
/// Reads a seed file (<c>Solution/seed/*.xml</c>: <c>&lt;seed&gt;&lt;record entity key id&gt;&lt;field name type&gt;value</c>):
/// every record and field with its value parsed by its seed type; a problem is a <see cref="SolutionFileException"/> with
/// the file and line.
/// </summary>
internal static class SeedFile
{
    public static List<SeedRow> Read(string file)
    {
        var root = XmlFiles.Load(file, file).Root;
        if (root is null || root.Name.LocalName != "seed")
        {
            throw new SolutionFileException(file, XmlFiles.LineOf(root), "seed file root element must be <seed>");
        }

        var rows = new List<SeedRow>();
        var ids = new HashSet<Guid>();
        foreach (var element in Children(file, root, "record"))
        {
            var entity = Required(file, element, "entity");
            var key = Required(file, element, "key");
            var idText = Required(file, element, "id");
            if (!Guid.TryParse(idText, out var id))
            {
                throw new SolutionFileException(file, XmlFiles.LineOf(element), $"record id '{idText}' is not a GUID");
            }

            if (!ids.Add(id))
            {
                throw new SolutionFileException(file, XmlFiles.LineOf(element), $"record id {id:D} is used twice");
            }

            var fields = new List<SeedField>();
            foreach (var field in Children(file, element, "field"))
            {
                var name = Required(file, field, "name");
                var type = Required(file, field, "type");
                fields.Add(new SeedField(name, type, Parse(file, field, name, type), XmlFiles.LineOf(field)));
            }

            rows.Add(new SeedRow(entity, id, key, fields, XmlFiles.LineOf(element)));
        }

        return rows;
    }

    /// <summary>The child elements, each of which must be named <paramref name="expected"/>.</summary>
    private static IEnumerable<XElement> Children(string file, XElement parent, string expected)
    {
        foreach (var child in parent.Elements())
        {
            if (child.Name.LocalName != expected)
            {
                throw new SolutionFileException(file, XmlFiles.LineOf(child), $"unexpected element <{child.Name.LocalName}> (expected <{expected}>)");
            }

            yield return child;
        }
    }

    private static object Parse(string file, XElement field, string name, string type)
    {
        var text = field.Value;
        var trimmed = text.Trim();
        object? value = type switch
        {
            "string" => text,
            "int" or "choice" => int.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null,
            "decimal" or "money" => decimal.TryParse(trimmed, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null,
            "bool" => bool.TryParse(trimmed, out var b) ? b : null,
            "datetime" => DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) ? t : null,
            _ => throw new SolutionFileException(file, XmlFiles.LineOf(field), $"unknown field type '{type}' ({string.Join(", ", SeedColumnTypes.ColumnsOfSeedType.Keys)})"),
        };
        return value ?? throw new SolutionFileException(file, XmlFiles.LineOf(field), $"value '{text}' of field '{name}' is not a valid {type}");
    }

    private static string Required(string file, XElement element, string attribute) =>
        element.Attr(attribute) is { Length: > 0 } value
            ? value
            : throw new SolutionFileException(file, XmlFiles.LineOf(element), $"<{element.Name.LocalName}> needs the attribute '{attribute}'");
}
