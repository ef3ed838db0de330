namespace AccountPlanXrm.Solution.Packaging;

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

        var records = SeedFile.Read(seedFile);
        var groups = new List<(SeedTable Table, List<SeedRow> Rows)>();
        foreach (var record in records)
        {
            var group = groups.FirstOrDefault(g => g.Table.LogicalName == record.Entity);
            if (group.Table is null)
            {
                var table = SeedTable.Find(sourceFolder, record.Entity)
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
            SolutionPacker.AddEntry(zip, SolutionLayout.ContentTypesPart, contentTypes);
            SolutionPacker.AddEntry(zip, DataPart, data);
            SolutionPacker.AddEntry(zip, SchemaPart, schema);
        }

        return stream.ToArray();
    }

    private static XElement SchemaXml(IEnumerable<(SeedTable Table, List<SeedRow> Rows)> groups)
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
                    new XAttribute("type", SeedColumnTypes.CmtType[column.Type]));
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

    private static XElement DataXml(IEnumerable<(SeedTable Table, List<SeedRow> Rows)> groups)
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

    private static void Validate(string file, SeedRow record, SeedTable table)
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

            if (!SeedColumnTypes.ColumnsOfSeedType[field.Type].Contains(column.Type, StringComparer.OrdinalIgnoreCase))
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
}
