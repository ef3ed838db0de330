using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace AccountPlanXrm.Solution.Packaging;

/// <summary>Inputs of <see cref="SeedPackageWriter.Write"/>.</summary>
public sealed class SeedPackageOptions
{
    /// <summary>The seed file (Solution/seed/plantemplates.xml).</summary>
    public required string SeedFile { get; init; }

    /// <summary>The unpacked solution folder (Solution/src) whose Entities/*/Entity.xml give the column types.</summary>
    public required string SourceFolder { get; init; }

    /// <summary>Folder the zip is written to.</summary>
    public required string OutputFolder { get; init; }

    /// <summary>Name of the zip inside <see cref="OutputFolder"/>.</summary>
    public string FileName { get; init; } = SeedPackageWriter.DefaultFileName;
}

/// <summary>What <see cref="SeedPackageWriter.Write"/> wrote.</summary>
public sealed class SeedPackageResult
{
    public required string File { get; init; }

    /// <summary>Records per table logical name, in the order the package lists the tables.</summary>
    public required IReadOnlyList<(string Table, int Records)> Tables { get; init; }
}

/// <summary>
/// Turns a seed file (<c>Solution/seed/*.xml</c>, format in its header comment) into a Configuration Migration (CMT)
/// data package that admins import after the solution with <c>pac data import --data &lt;zip&gt;</c>, the Configuration
/// Migration tool or Package Deployer. Every seed field is checked against the table's column in Solution/src
/// (exists, matching type, parsable value, known choice value, maximum length); a problem is a
/// <see cref="SolutionFileException"/> with the file and line. Records keep the seed file's stable ids, so a second
/// import matches the rows by id and updates them instead of creating duplicates.
/// </summary>
/// <remarks>
/// Format facts (CMT data package; sources: Microsoft Learn "pac data" CLI reference, where <c>pac data import --data</c>
/// takes "a zip file or directory name with data for import"; Microsoft Learn "ImportConfig reference", where Package
/// Deployer takes the same zip as <c>crmmigdataimportfile</c>; the sample CMT schemas Microsoft publishes in the
/// Dynamics 365 docs, e.g. for schedule board settings and routing queues; public CMT readers/writers such as
/// PPDS.Migration and the TALXIS txc data-package docs):
/// <list type="bullet">
/// <item>The zip holds three parts at its root: <c>[Content_Types].xml</c> (an OPC content-types file; exports declare
/// one <c>Default Extension="xml"</c> with <c>application/octet-stream</c>, the same form solution zips use),
/// <c>data_schema.xml</c> and <c>data.xml</c>.</item>
/// <item><c>data_schema.xml</c>: root <c>&lt;entities&gt;</c>; per table <c>&lt;entity name displayname etc
/// primaryidfield primarynamefield disableplugins&gt;</c> with <c>&lt;fields&gt;</c> of <c>&lt;field displayname name
/// type [primaryKey="true"] [customfield="true"] [lookupType]/&gt;</c> and <c>&lt;relationships/&gt;</c>. Type names:
/// <c>string</c> (text and multiline text), <c>number</c> (whole number), <c>bigint</c>, <c>decimal</c>, <c>float</c>,
/// <c>money</c>, <c>bool</c> (yes/no), <c>optionsetvalue</c> (choice), <c>datetime</c>, <c>guid</c> (the primary key,
/// with <c>primaryKey="true"</c>), <c>entityreference</c> + <c>lookupType</c>, <c>owner</c>, <c>state</c>,
/// <c>status</c>. <c>etc</c> (the table's type code) is left out: a custom table's code is assigned per environment.</item>
/// <item><c>data.xml</c>: root <c>&lt;entities timestamp&gt;</c> (the export time; only relative date modes use it, here
/// a fixed value); per table <c>&lt;entity name displayname&gt;&lt;records&gt;&lt;record id&gt;&lt;field name value
/// [lookupentity lookupentityname]/&gt;</c> and <c>&lt;m2mrelationships/&gt;</c>. Values are invariant text: choices as
/// the option value, yes/no as <c>True</c>/<c>False</c>, ids without braces, dates in round-trip UTC form.</item>
/// <item>On import the tool matches an incoming record to an existing row by its id first, then by the primary name
/// column; a match is updated, otherwise the row is created with the record's id.</item>
/// </list>
/// The bytes are deterministic: fixed part order, fixed entry timestamps, fixed data timestamp, columns in logical-name order.
/// </remarks>
public static class SeedPackageWriter
{
    public const string DefaultFileName = "AccountPlanXrm_templates_data.zip";

    public const string DataPart = "data.xml";

    public const string SchemaPart = "data_schema.xml";

    /// <summary>The <c>timestamp</c> written on data.xml (a fixed value keeps builds byte-identical).</summary>
    public static readonly DateTimeOffset DataTimestamp = SolutionPacker.EntryTimestamp;

    private static readonly UTF8Encoding Utf8NoBom = new(false);

    private static readonly XNamespace Xsd = "http://www.w3.org/2001/XMLSchema";

    /// <summary>Seed field type → the column types (Entity.xml &lt;Type&gt;) it may fill.</summary>
    private static readonly Dictionary<string, string[]> SeedTypeColumns = new(StringComparer.Ordinal)
    {
        ["string"] = ["nvarchar", "ntext", "memo"],
        ["int"] = ["int"],
        ["decimal"] = ["decimal"],
        ["money"] = ["money"],
        ["choice"] = ["picklist"],
        ["bool"] = ["bit"],
        ["datetime"] = ["datetime"],
    };

    /// <summary>Column type (Entity.xml &lt;Type&gt;) → CMT schema field type.</summary>
    private static readonly Dictionary<string, string> CmtTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["nvarchar"] = "string",
        ["ntext"] = "string",
        ["memo"] = "string",
        ["int"] = "number",
        ["bigint"] = "bigint",
        ["decimal"] = "decimal",
        ["float"] = "float",
        ["money"] = "money",
        ["picklist"] = "optionsetvalue",
        ["bit"] = "bool",
        ["datetime"] = "datetime",
        ["primarykey"] = "guid",
        ["uniqueidentifier"] = "guid",
        ["lookup"] = "entityreference",
        ["owner"] = "owner",
        ["state"] = "state",
        ["status"] = "status",
    };

    /// <summary>Validates the seed file and writes the data package zip.</summary>
    public static SeedPackageResult Write(SeedPackageOptions options)
    {
        var bytes = Build(options.SeedFile, options.SourceFolder, out var tables);
        Directory.CreateDirectory(options.OutputFolder);
        var path = Path.Combine(options.OutputFolder, options.FileName);
        File.WriteAllBytes(path, bytes);
        return new SeedPackageResult { File = path, Tables = tables };
    }

    /// <summary>Builds the zip in memory.</summary>
    public static byte[] Build(string seedFile, string sourceFolder, out IReadOnlyList<(string Table, int Records)> tables)
    {
        if (!File.Exists(seedFile))
        {
            throw new SolutionFileException(seedFile, 0, "seed file not found");
        }

        if (!Directory.Exists(sourceFolder))
        {
            throw new SolutionFileException(sourceFolder, 0, "solution source folder not found");
        }

        var records = ReadSeed(seedFile);
        var groups = new List<(TableInfo Table, List<SeedRow> Rows)>();
        foreach (var record in records)
        {
            var group = groups.FirstOrDefault(g => g.Table.LogicalName == record.Entity);
            if (group.Table is null)
            {
                var table = FindTable(sourceFolder, record.Entity)
                    ?? throw new SolutionFileException(seedFile, record.Line, $"table '{record.Entity}' not found in {Path.Combine(sourceFolder, "Entities")} (no Entity.xml with that logical name)");
                group = (table, []);
                groups.Add(group);
            }

            Validate(seedFile, record, group.Table);
            group.Rows.Add(record);
        }

        tables = groups.Select(g => (g.Table.LogicalName, g.Rows.Count)).ToList();
        var schema = Serialize(SchemaXml(groups));
        var data = Serialize(DataXml(groups));
        var contentTypes = Serialize(SolutionPacker.ContentTypes([DataPart, SchemaPart]));

        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            AddEntry(zip, SolutionLayout.ContentTypesPart, contentTypes);
            AddEntry(zip, DataPart, data);
            AddEntry(zip, SchemaPart, schema);
        }

        return stream.ToArray();
    }

    private static XElement SchemaXml(IEnumerable<(TableInfo Table, List<SeedRow> Rows)> groups)
    {
        var root = new XElement("entities");
        foreach (var (table, rows) in groups)
        {
            var fields = new XElement("fields");
            var names = rows.SelectMany(r => r.Fields.Select(f => f.Name)).Append(table.PrimaryIdField).Distinct().OrderBy(n => n, StringComparer.Ordinal);
            foreach (var name in names)
            {
                var column = table.Columns[name];
                var field = new XElement(
                    "field",
                    new XAttribute("displayname", column.DisplayName),
                    new XAttribute("name", name),
                    new XAttribute("type", CmtTypes[column.Type]));
                if (name == table.PrimaryIdField)
                {
                    field.Add(new XAttribute("primaryKey", "true"));
                }

                if (column.IsCustom)
                {
                    field.Add(new XAttribute("customfield", "true"));
                }

                fields.Add(field);
            }

            root.Add(new XElement(
                "entity",
                new XAttribute("name", table.LogicalName),
                new XAttribute("displayname", table.DisplayName),
                new XAttribute("primaryidfield", table.PrimaryIdField),
                new XAttribute("primarynamefield", table.PrimaryNameField),
                new XAttribute("disableplugins", "false"),
                fields,
                new XElement("relationships")));
        }

        return root;
    }

    private static XElement DataXml(IEnumerable<(TableInfo Table, List<SeedRow> Rows)> groups)
    {
        var root = new XElement(
            "entities",
            new XAttribute(XNamespace.Xmlns + "xsd", Xsd.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "xsi", XmlFiles.Xsi.NamespaceName),
            new XAttribute("timestamp", DataTimestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)));
        foreach (var (table, rows) in groups)
        {
            var records = new XElement("records");
            foreach (var row in rows)
            {
                var id = row.Id.ToString("D");
                var values = row.Fields.Select(f => (f.Name, Value: Format(f))).Append((Name: table.PrimaryIdField, Value: id));
                records.Add(new XElement(
                    "record",
                    new XAttribute("id", id),
                    values.OrderBy(v => v.Name, StringComparer.Ordinal).Select(v => new XElement("field", new XAttribute("name", v.Name), new XAttribute("value", v.Value)))));
            }

            root.Add(new XElement(
                "entity",
                new XAttribute("name", table.LogicalName),
                new XAttribute("displayname", table.DisplayName),
                records,
                new XElement("m2mrelationships")));
        }

        return root;
    }

    /// <summary>The value as CMT writes it (invariant culture).</summary>
    private static string Format(SeedField field) => field.Type switch
    {
        "bool" => (bool)field.Value ? "True" : "False",
        "datetime" => ((DateTime)field.Value).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        _ => Convert.ToString(field.Value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static void Validate(string file, SeedRow record, TableInfo table)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in record.Fields)
        {
            if (!seen.Add(field.Name))
            {
                throw new SolutionFileException(file, field.Line, $"field '{field.Name}' is given twice in this record");
            }

            if (!table.Columns.TryGetValue(field.Name, out var column))
            {
                throw new SolutionFileException(file, field.Line, $"'{field.Name}' is not a column of {table.LogicalName} ({table.File})");
            }

            if (field.Name == table.PrimaryIdField)
            {
                throw new SolutionFileException(file, field.Line, $"'{field.Name}' is the primary key of {table.LogicalName}: give it as the record id");
            }

            if (!SeedTypeColumns[field.Type].Contains(column.Type, StringComparer.OrdinalIgnoreCase))
            {
                throw new SolutionFileException(file, field.Line, $"field '{field.Name}' has type {field.Type} but the column is {column.Type} ({table.File}:{column.Line})");
            }

            if (field.Type == "choice" && column.Options.Count > 0 && !column.Options.Contains((int)field.Value))
            {
                throw new SolutionFileException(file, field.Line, $"{field.Value} is not an option of {field.Name} (options: {string.Join(", ", column.Options)})");
            }

            if (field.Type == "string" && column.MaxLength is { } max && ((string)field.Value).Length > max)
            {
                throw new SolutionFileException(file, field.Line, $"value of '{field.Name}' has {((string)field.Value).Length} characters, the column allows {max}");
            }
        }

        if (!table.Columns.ContainsKey(record.Key))
        {
            throw new SolutionFileException(file, record.Line, $"key '{record.Key}' is not a column of {table.LogicalName} ({table.File})");
        }

        if (!seen.Contains(record.Key))
        {
            throw new SolutionFileException(file, record.Line, $"record has no value for its key column '{record.Key}'");
        }
    }

    private sealed record SeedField(string Name, string Type, object Value, int Line);

    private sealed record SeedRow(string Entity, Guid Id, string Key, IReadOnlyList<SeedField> Fields, int Line);

    private sealed record ColumnInfo(string Type, string DisplayName, bool IsCustom, int? MaxLength, IReadOnlySet<int> Options, int Line);

    private sealed record TableInfo(string LogicalName, string DisplayName, string PrimaryIdField, string PrimaryNameField, IReadOnlyDictionary<string, ColumnInfo> Columns, string File);

    private static List<SeedRow> ReadSeed(string file)
    {
        var root = XmlFiles.Load(file, file).Root;
        if (root is null || root.Name.LocalName != "seed")
        {
            throw new SolutionFileException(file, XmlFiles.LineOf(root), "seed file root element must be <seed>");
        }

        var rows = new List<SeedRow>();
        var ids = new HashSet<Guid>();
        foreach (var element in root.Elements())
        {
            if (element.Name.LocalName != "record")
            {
                throw new SolutionFileException(file, XmlFiles.LineOf(element), $"unexpected element <{element.Name.LocalName}> (expected <record>)");
            }

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
            foreach (var field in element.Elements())
            {
                if (field.Name.LocalName != "field")
                {
                    throw new SolutionFileException(file, XmlFiles.LineOf(field), $"unexpected element <{field.Name.LocalName}> (expected <field>)");
                }

                var name = Required(file, field, "name");
                var type = Required(file, field, "type");
                fields.Add(new SeedField(name, type, Parse(file, field, name, type), XmlFiles.LineOf(field)));
            }

            rows.Add(new SeedRow(entity, id, key, fields, XmlFiles.LineOf(element)));
        }

        return rows;
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
            _ => throw new SolutionFileException(file, XmlFiles.LineOf(field), $"unknown field type '{type}' ({string.Join(", ", SeedTypeColumns.Keys)})"),
        };
        return value ?? throw new SolutionFileException(file, XmlFiles.LineOf(field), $"value '{text}' of field '{name}' is not a valid {type}");
    }

    private static string Required(string file, XElement element, string attribute) =>
        element.Attr(attribute) is { Length: > 0 } value
            ? value
            : throw new SolutionFileException(file, XmlFiles.LineOf(element), $"<{element.Name.LocalName}> needs the attribute '{attribute}'");

    /// <summary>The table with this logical name from Entities/*/Entity.xml, or null.</summary>
    private static TableInfo? FindTable(string sourceFolder, string logicalName)
    {
        var entities = Path.Combine(sourceFolder, "Entities");
        if (!Directory.Exists(entities))
        {
            return null;
        }

        foreach (var folder in Directory.EnumerateDirectories(entities).OrderBy(f => f, StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, "Entity.xml");
            if (!string.Equals(Path.GetFileName(folder), logicalName, StringComparison.OrdinalIgnoreCase) || !File.Exists(path))
            {
                continue;
            }

            var document = XmlFiles.Load(path, path);
            var entity = document.Root?.Element("EntityInfo")?.Element("entity")
                ?? throw new SolutionFileException(path, XmlFiles.LineOf(document.Root), "Entity.xml has no EntityInfo/entity element");
            var columns = new Dictionary<string, ColumnInfo>(StringComparer.Ordinal);
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
                columns[name] = new ColumnInfo(type, English(attribute.Element("displaynames"), "displayname") ?? name, attribute.Text("IsCustomField") == "1", maxLength, options, XmlFiles.LineOf(attribute));
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
            return new TableInfo(logicalName, displayName, primaryId, primaryName, columns, path);
        }

        return null;
    }

    /// <summary>The 1033 label of a localized label list (first label when there is no English one).</summary>
    private static string? English(XElement? list, string elementName)
    {
        var labels = list?.Elements(elementName).ToList() ?? [];
        return (labels.FirstOrDefault(l => l.Attr("languagecode") == "1033") ?? labels.FirstOrDefault())?.Attr("description");
    }

    /// <summary>UTF-8 without BOM, XML declaration, two-space indent, LF.</summary>
    private static byte[] Serialize(XElement root)
    {
        var settings = new XmlWriterSettings { Encoding = Utf8NoBom, Indent = true, IndentChars = "  ", NewLineChars = "\n", NewLineHandling = NewLineHandling.Replace };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            root.WriteTo(writer);
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static void AddEntry(ZipArchive zip, string path, byte[] bytes)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        entry.LastWriteTime = SolutionPacker.EntryTimestamp;
        using var output = entry.Open();
        output.Write(bytes);
    }
}
