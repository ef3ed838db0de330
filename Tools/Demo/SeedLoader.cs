using System.Xml;
using System.Xml.Linq;
using AccountPlanXrm.Solution.Packaging;

namespace AccountPlanXrm.Tools.Demo;

/// <summary>One record of a seed file.</summary>
public sealed record SeedRecord(string Entity, Guid Id, string KeyColumn, Entity Values, int Line);

/// <summary>What <see cref="SeedLoader.Load"/> did per record.</summary>
public sealed record SeedResult(string Entity, string Key, Guid Id, bool Created);

/// <summary>
/// The first-run step of an environment: loads the documented seed data (<c>Solution/seed/*.xml</c>, e.g. the plan
/// templates) with an upsert by the record's alternate-key column. It talks to nothing but
/// <see cref="IOrganizationService"/>, so the same code seeds the emulator and a real Dataverse environment reached
/// through the SDK: a row found by its key is updated, a missing one is created with the file's stable id.
/// Running it twice changes nothing.
/// </summary>
public static class SeedLoader
{
    /// <summary>The seed folder below a repository root.</summary>
    public const string DefaultFolder = "Solution/seed";

    /// <summary>Reads every record of a seed file; broken XML or unknown field types give the file and line.</summary>
    public static IReadOnlyList<SeedRecord> Read(string file)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(file, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new SolutionFileException(file, ex.LineNumber, $"seed file is not well-formed XML: {ex.Message}", ex);
        }

        var root = document.Root;
        if (root is null || root.Name.LocalName != "seed")
        {
            throw new SolutionFileException(file, Line(root), "seed file root element must be <seed>");
        }

        var result = new List<SeedRecord>();
        foreach (var record in root.Elements("record"))
        {
            var entityName = Required(file, record, "entity");
            var key = Required(file, record, "key");
            if (!Guid.TryParse(Required(file, record, "id"), out var id))
            {
                throw new SolutionFileException(file, Line(record), $"record id '{(string?)record.Attribute("id")}' is not a GUID");
            }

            var entity = new Entity(entityName, id);
            foreach (var field in record.Elements("field"))
            {
                var name = Required(file, field, "name");
                var type = Required(file, field, "type");
                entity[name] = Convert(file, field, type, field.Value);
            }

            if (entity.GetAttributeValue<object>(key) is null)
            {
                throw new SolutionFileException(file, Line(record), $"record has no value for its key column '{key}'");
            }

            result.Add(new SeedRecord(entityName, id, key, entity, Line(record)));
        }

        return result;
    }

    /// <summary>Reads and upserts every <c>*.xml</c> of <paramref name="folder"/> in name order.</summary>
    public static IReadOnlyList<SeedResult> LoadFolder(IOrganizationService service, string folder)
    {
        var results = new List<SeedResult>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.xml").OrderBy(f => f, StringComparer.Ordinal))
        {
            results.AddRange(Load(service, Read(file)));
        }

        return results;
    }

    /// <summary>Upserts the records by their key column: update the row with that key, or create it with the stable id.</summary>
    public static IReadOnlyList<SeedResult> Load(IOrganizationService service, IEnumerable<SeedRecord> records)
    {
        var results = new List<SeedResult>();
        foreach (var record in records)
        {
            var keyValue = record.Values[record.KeyColumn];
            var query = new QueryExpression(record.Entity) { ColumnSet = new ColumnSet(false), TopCount = 1 };
            query.Criteria.AddCondition(record.KeyColumn, ConditionOperator.Equal, keyValue);
            var existing = service.RetrieveMultiple(query).Entities.FirstOrDefault();
            var values = new Entity(record.Entity, existing?.Id ?? record.Id);
            foreach (var attribute in record.Values.Attributes)
            {
                values[attribute.Key] = attribute.Value;
            }

            if (existing is null)
            {
                service.Create(values);
            }
            else
            {
                service.Update(values);
            }

            results.Add(new SeedResult(record.Entity, System.Convert.ToString(keyValue, CultureInfo.InvariantCulture) ?? "", values.Id, existing is null));
        }

        return results;
    }

    private static object? Convert(string file, XElement field, string type, string text)
    {
        try
        {
            return type switch
            {
                "string" => text,
                "int" => int.Parse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture),
                "decimal" => decimal.Parse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture),
                "money" => new Money(decimal.Parse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture)),
                "choice" => new OptionSetValue(int.Parse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture)),
                "bool" => bool.Parse(text.Trim()),
                "datetime" => DateTime.Parse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                _ => throw new SolutionFileException(file, Line(field), $"unknown field type '{type}' (string, int, decimal, money, choice, bool, datetime)"),
            };
        }
        catch (FormatException ex)
        {
            throw new SolutionFileException(file, Line(field), $"value '{text}' of field '{(string?)field.Attribute("name")}' is not a valid {type}", ex);
        }
    }

    private static string Required(string file, XElement element, string attribute) =>
        (string?)element.Attribute(attribute) is { Length: > 0 } value
            ? value
            : throw new SolutionFileException(file, Line(element), $"<{element.Name.LocalName}> needs the attribute '{attribute}'");

    private static int Line(XElement? element) => element is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;
}
