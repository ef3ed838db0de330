using System.Xml.Linq;

namespace AccountPlanXrm.Emulator.Metadata;

internal sealed class RawColumn
{
    public string LogicalName = "";
    public string SchemaName = "";
    public ColumnType Type;
    public RequiredLevel RequiredLevel;
    public int? MaxLength;
    public decimal? MinValue;
    public decimal? MaxValue;
    public int? Precision;
    public bool DateOnly;
    public bool ValidForCreate = true;
    public bool ValidForUpdate = true;
    public bool IsPrimaryName;
    public string? CalculationOf;
    public int? DefaultValue;
    public string? GlobalOptionSet;
    public List<OptionMetadata> Options = [];
    public string? DisplayName;
}

internal sealed class RawTable
{
    public string LogicalName = "";
    public string SchemaName = "";
    public string DisplayName = "";
    public string OwnershipType = "UserOwned";
    public bool IsActivity;
    public List<RawColumn> Columns = [];
    public List<EntityKeyMetadata> Keys = [];
}

internal sealed class RawSolution
{
    public List<RawTable> Tables = [];
    public List<RelationshipMetadata> Relationships = [];
    public Dictionary<string, List<OptionMetadata>> OptionSets = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Parses the SolutionPackager layout: Entities/*/Entity.xml, Other/Relationships/*.xml, OptionSets/*.xml.</summary>
internal static class MetadataReader
{
    public static RawSolution ReadFolder(string folder)
    {
        var raw = new RawSolution();
        var entities = Path.Combine(folder, "Entities");
        if (Directory.Exists(entities))
        {
            foreach (var dir in Directory.EnumerateDirectories(entities).OrderBy(d => d, StringComparer.Ordinal))
            {
                var file = Path.Combine(dir, "Entity.xml");
                if (File.Exists(file))
                {
                    ReadDocument(XDocument.Load(file), raw, file);
                }
            }
        }

        var relationships = Path.Combine(folder, "Other", "Relationships");
        if (Directory.Exists(relationships))
        {
            foreach (var file in UnmanagedFiles(relationships, "*.xml"))
            {
                ReadDocument(XDocument.Load(file), raw, file);
            }
        }

        var optionSets = Path.Combine(folder, "OptionSets");
        if (Directory.Exists(optionSets))
        {
            foreach (var file in UnmanagedFiles(optionSets, "*.xml"))
            {
                ReadDocument(XDocument.Load(file), raw, file);
            }
        }

        return raw;
    }

    /// <summary>
    /// The files of a folder in ordinal order, without pac's managed variants: <c>{name}_managed.xml</c> beside
    /// <c>{name}.xml</c> is the same component (<c>pac solution unpack --packagetype Both</c>).
    /// </summary>
    internal static IEnumerable<string> UnmanagedFiles(string directory, string pattern) =>
        Directory.EnumerateFiles(directory, pattern)
            .Where(f => !(f.EndsWith("_managed.xml", StringComparison.OrdinalIgnoreCase) && File.Exists(f[..^"_managed.xml".Length] + ".xml")))
            .OrderBy(f => f, StringComparer.Ordinal);

    /// <summary>Reads one document of any of the supported kinds into <paramref name="raw"/>.</summary>
    public static void ReadDocument(XDocument document, RawSolution raw, string source)
    {
        var root = document.Root ?? throw new InvalidDataException($"{source}: empty document");
        switch (root.Name.LocalName)
        {
            case "Entity":
                raw.Tables.Add(ReadEntity(root, source));
                break;
            case "EntityRelationships":
                foreach (var rel in root.Elements("EntityRelationship"))
                {
                    var parsed = ReadRelationship(rel);
                    if (parsed != null)
                    {
                        raw.Relationships.Add(parsed);
                    }
                }

                break;
            case "EntityRelationship":
                var single = ReadRelationship(root);
                if (single != null)
                {
                    raw.Relationships.Add(single);
                }

                break;
            case "optionset":
                var name = (string?)root.Attribute("Name") ?? Path.GetFileNameWithoutExtension(source);
                raw.OptionSets[name] = ReadOptions(root);
                break;
        }
    }

    private static RawTable ReadEntity(XElement root, string source)
    {
        var entity = root.Element("EntityInfo")?.Element("entity") ?? throw new InvalidDataException($"{source}: no EntityInfo/entity");
        var schema = ((string?)root.Element("Name"))?.Trim() ?? (string?)entity.Attribute("Name") ?? throw new InvalidDataException($"{source}: no Name");
        var table = new RawTable
        {
            SchemaName = schema,
            LogicalName = schema.ToLowerInvariant(),
            DisplayName = Label(entity.Element("LocalizedNames"), "LocalizedName") ?? (string?)root.Element("Name")?.Attribute("LocalizedName") ?? schema,
            OwnershipType = ((string?)entity.Element("OwnershipTypeMask"))?.Trim() is { Length: > 0 } o ? o : "UserOwned",
            IsActivity = Bool(entity.Element("IsActivity"), false),
        };

        foreach (var attribute in entity.Element("attributes")?.Elements("attribute") ?? [])
        {
            var column = ReadColumn(attribute);
            if (column != null)
            {
                table.Columns.Add(column);
            }
        }

        foreach (var key in entity.Element("EntityKeys")?.Elements("EntityKey") ?? [])
        {
            var keyName = ((string?)key.Element("LogicalName"))?.Trim() is { Length: > 0 } l ? l : ((string?)key.Element("Name") ?? "key").Trim().ToLowerInvariant();
            var attributes = key.Element("EntityKeyAttributes")?.Elements("AttributeName").Select(a => a.Value.Trim().ToLowerInvariant()).ToList() ?? [];
            if (attributes.Count > 0)
            {
                table.Keys.Add(new EntityKeyMetadata(keyName, attributes));
            }
        }

        return table;
    }

    private static RawColumn? ReadColumn(XElement attribute)
    {
        var typeName = ((string?)attribute.Element("Type"))?.Trim();
        var logical = ((string?)attribute.Element("LogicalName") ?? (string?)attribute.Element("Name"))?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(typeName) || string.IsNullOrEmpty(logical))
        {
            return null;
        }

        var column = new RawColumn
        {
            LogicalName = logical,
            SchemaName = (string?)attribute.Attribute("PhysicalName") ?? logical,
            Type = MapType(typeName),
            RequiredLevel = ((string?)attribute.Element("RequiredLevel"))?.Trim().ToLowerInvariant() switch
            {
                "systemrequired" => RequiredLevel.SystemRequired,
                "required" or "applicationrequired" => RequiredLevel.ApplicationRequired,
                "recommended" => RequiredLevel.Recommended,
                _ => RequiredLevel.None,
            },
            MaxLength = Int(attribute.Element("MaxLength")),
            MinValue = Dec(attribute.Element("MinValue")),
            MaxValue = Dec(attribute.Element("MaxValue")),
            Precision = Int(attribute.Element("Accuracy")),
            ValidForCreate = Bool(attribute.Element("ValidForCreateApi"), true),
            ValidForUpdate = Bool(attribute.Element("ValidForUpdateApi"), true),
            IsPrimaryName = ((string?)attribute.Element("DisplayMask"))?.Contains("PrimaryName", StringComparison.Ordinal) == true,
            CalculationOf = ((string?)attribute.Element("CalculationOf"))?.Trim().ToLowerInvariant() is { Length: > 0 } c ? c : null,
            DefaultValue = Int(attribute.Element("AppDefaultValue")),
            GlobalOptionSet = ((string?)attribute.Element("OptionSetName"))?.Trim() is { Length: > 0 } g ? g : null,
            DisplayName = Label(attribute.Element("displaynames"), "displayname"),
        };

        var format = ((string?)attribute.Element("Format"))?.Trim();
        if (column.Type == ColumnType.DateTime)
        {
            column.DateOnly = string.Equals(format, "date", StringComparison.OrdinalIgnoreCase) || Int(attribute.Element("Behavior")) == 2;
        }

        var optionSet = attribute.Element("optionset");
        if (optionSet != null)
        {
            column.Options = ReadOptions(optionSet);
        }

        if (column.Type == ColumnType.Boolean && column.Options.Count == 0)
        {
            column.Options =
            [
                new OptionMetadata(0, "No", new Dictionary<int, string> { [1033] = "No" }, null, null, null),
                new OptionMetadata(1, "Yes", new Dictionary<int, string> { [1033] = "Yes" }, null, null, null),
            ];
        }

        return column;
    }

    private static List<OptionMetadata> ReadOptions(XElement optionSet)
    {
        var result = new List<OptionMetadata>();
        foreach (var option in optionSet.Element("options")?.Elements("option") ?? [])
        {
            result.Add(Option(option, null, null, null));
        }

        foreach (var state in optionSet.Element("states")?.Elements("state") ?? [])
        {
            result.Add(Option(state, null, Int(state.Attribute("defaultstatus")), (string?)state.Attribute("invariantname")));
        }

        foreach (var status in optionSet.Element("statuses")?.Elements("status") ?? [])
        {
            result.Add(Option(status, Int(status.Attribute("state")), null, null));
        }

        return result;
    }

    private static OptionMetadata Option(XElement element, int? state, int? defaultStatus, string? invariantName)
    {
        var value = int.Parse(((string?)element.Attribute("value") ?? "0").Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);
        var labels = new Dictionary<int, string>();
        foreach (var label in element.Element("labels")?.Elements("label") ?? [])
        {
            var code = Int(label.Attribute("languagecode")) ?? 1033;
            labels[code] = (string?)label.Attribute("description") ?? "";
        }

        var text = labels.TryGetValue(1033, out var english) ? english : labels.Values.FirstOrDefault() ?? invariantName ?? value.ToString(CultureInfo.InvariantCulture);
        return new OptionMetadata(value, text, labels, state, defaultStatus, invariantName);
    }

    private static RelationshipMetadata? ReadRelationship(XElement element)
    {
        var name = (string?)element.Attribute("Name");
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var type = ((string?)element.Element("EntityRelationshipType"))?.Trim();
        if (string.Equals(type, "ManyToMany", StringComparison.OrdinalIgnoreCase))
        {
            var first = Lower(element.Element("FirstEntityName"));
            var second = Lower(element.Element("SecondEntityName"));
            var intersect = Lower(element.Element("IntersectEntityName"));
            if (first.Length == 0 || second.Length == 0)
            {
                return null;
            }

            var self = first == second;
            return new RelationshipMetadata(name, manyToMany: true)
            {
                Entity1 = first,
                Entity2 = second,
                IntersectEntity = intersect.Length > 0 ? intersect : name.ToLowerInvariant(),
                Entity1IntersectAttribute = self ? first + "idone" : first + "id",
                Entity2IntersectAttribute = self ? second + "idtwo" : second + "id",
            };
        }

        var referenced = Lower(element.Element("ReferencedEntityName"));
        var referencing = Lower(element.Element("ReferencingEntityName"));
        var attribute = Lower(element.Element("ReferencingAttributeName"));
        if (referenced.Length == 0 || referencing.Length == 0 || attribute.Length == 0)
        {
            return null;
        }

        return new RelationshipMetadata(name, manyToMany: false)
        {
            ReferencedEntity = referenced,
            ReferencingEntity = referencing,
            ReferencingAttribute = attribute,
            IsHierarchical = Bool(element.Element("IsHierarchical"), false),
            CascadeDelete = ((string?)element.Element("CascadeDelete"))?.Trim() switch
            {
                "Cascade" => CascadeDelete.Cascade,
                "Restrict" => CascadeDelete.Restrict,
                "NoCascade" => CascadeDelete.NoCascade,
                _ => CascadeDelete.RemoveLink,
            },
        };
    }

    private static ColumnType MapType(string type) => type.ToLowerInvariant() switch
    {
        "primarykey" => ColumnType.PrimaryKey,
        "nvarchar" or "varchar" or "char" or "nchar" or "text" or "phoneticguide" => ColumnType.String,
        "ntext" => ColumnType.Memo,
        "int" or "smallint" or "tinyint" or "timezone" => ColumnType.Integer,
        "bigint" or "timestamp" => ColumnType.BigInt,
        "decimal" or "numeric" => ColumnType.Decimal,
        "float" or "real" => ColumnType.Double,
        "money" or "smallmoney" => ColumnType.Money,
        "bit" => ColumnType.Boolean,
        "datetime" or "smalldatetime" => ColumnType.DateTime,
        "picklist" => ColumnType.Picklist,
        "multiselectpicklist" => ColumnType.MultiSelectPicklist,
        "lookup" => ColumnType.Lookup,
        "customer" => ColumnType.Customer,
        "owner" => ColumnType.Owner,
        "state" => ColumnType.State,
        "status" => ColumnType.Status,
        "uniqueidentifier" => ColumnType.UniqueIdentifier,
        "entityname" => ColumnType.EntityName,
        "partylist" => ColumnType.PartyList,
        _ => ColumnType.Virtual,
    };

    private static string Lower(XElement? element) => ((string?)element)?.Trim().ToLowerInvariant() ?? "";

    private static string? Label(XElement? container, string elementName)
    {
        if (container == null)
        {
            return null;
        }

        var labels = container.Elements(elementName).ToList();
        var english = labels.FirstOrDefault(l => (string?)l.Attribute("languagecode") == "1033") ?? labels.FirstOrDefault();
        return (string?)english?.Attribute("description");
    }

    private static int? Int(XObject? node)
    {
        var text = node switch
        {
            XElement e => e.Value,
            XAttribute a => a.Value,
            _ => null,
        };
        return int.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static decimal? Dec(XElement? element) =>
        decimal.TryParse(element?.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static bool Bool(XElement? element, bool fallback)
    {
        var text = element?.Value.Trim();
        return text switch
        {
            "1" or "true" or "True" => true,
            "0" or "false" or "False" => false,
            _ => fallback,
        };
    }
}
