using AccountPlanXrm.Emulator.Query;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Emulator.Tests.Query;

/// <summary>
/// A small in-memory <see cref="IQuerySource"/> for query engine tests: a handful of system tables with the
/// columns the tests use, lookup indexes, choice labels, a fixed clock and a fixed calling user.
/// </summary>
internal sealed class TestQuerySource : IQuerySource
{
    public static readonly DateTime Clock = new(2026, 5, 14, 10, 30, 0, DateTimeKind.Utc); // a Thursday
    public static readonly Guid UserId = new("00000000-0000-0000-0000-0000000000a1");
    public static readonly Guid OtherUserId = new("00000000-0000-0000-0000-0000000000a2");
    public static readonly Guid BusinessUnit = new("00000000-0000-0000-0000-0000000000b1");
    public static readonly Guid TeamId = new("00000000-0000-0000-0000-0000000000c1");
    public static readonly Guid EuroId = new("00000000-0000-0000-0000-0000000000e1");

    private readonly Dictionary<string, Table> _tables = new(StringComparer.Ordinal);

    public int GetRowsCalls { get; private set; }

    public TestQuerySource()
    {
        Define("account", "accountid", "name", "parentaccountid", new()
        {
            ["accountid"] = QueryAttributeType.Uniqueidentifier,
            ["name"] = QueryAttributeType.String,
            ["accountnumber"] = QueryAttributeType.String,
            ["description"] = QueryAttributeType.Memo,
            ["parentaccountid"] = QueryAttributeType.Lookup,
            ["primarycontactid"] = QueryAttributeType.Lookup,
            ["revenue"] = QueryAttributeType.Money,
            ["numberofemployees"] = QueryAttributeType.Integer,
            ["exchangerate"] = QueryAttributeType.Decimal,
            ["address1_latitude"] = QueryAttributeType.Double,
            ["industrycode"] = QueryAttributeType.Picklist,
            ["statecode"] = QueryAttributeType.State,
            ["statuscode"] = QueryAttributeType.Status,
            ["donotphone"] = QueryAttributeType.Boolean,
            ["createdon"] = QueryAttributeType.DateTime,
            ["lastusedincampaign"] = QueryAttributeType.DateTime,
            ["ownerid"] = QueryAttributeType.Owner,
            ["owningbusinessunit"] = QueryAttributeType.Lookup,
            ["transactioncurrencyid"] = QueryAttributeType.Lookup,
        });
        Define("contact", "contactid", "fullname", null, new()
        {
            ["contactid"] = QueryAttributeType.Uniqueidentifier,
            ["fullname"] = QueryAttributeType.String,
            ["lastname"] = QueryAttributeType.String,
            ["parentcustomerid"] = QueryAttributeType.Customer,
            ["birthdate"] = QueryAttributeType.DateOnly,
            ["ownerid"] = QueryAttributeType.Owner,
            ["statecode"] = QueryAttributeType.State,
        });
        Define("opportunity", "opportunityid", "name", null, new()
        {
            ["opportunityid"] = QueryAttributeType.Uniqueidentifier,
            ["name"] = QueryAttributeType.String,
            ["parentaccountid"] = QueryAttributeType.Lookup,
            ["estimatedvalue"] = QueryAttributeType.Money,
            ["closeprobability"] = QueryAttributeType.Integer,
            ["estimatedclosedate"] = QueryAttributeType.DateOnly,
            ["statecode"] = QueryAttributeType.State,
            ["transactioncurrencyid"] = QueryAttributeType.Lookup,
        });
        Define("transactioncurrency", "transactioncurrencyid", "currencyname", null, new()
        {
            ["transactioncurrencyid"] = QueryAttributeType.Uniqueidentifier,
            ["currencyname"] = QueryAttributeType.String,
            ["currencysymbol"] = QueryAttributeType.String,
        });
        Define("systemuser", "systemuserid", "fullname", null, new()
        {
            ["systemuserid"] = QueryAttributeType.Uniqueidentifier,
            ["fullname"] = QueryAttributeType.String,
        });

        Label("account", "industrycode", 1, "Accounting");
        Label("account", "industrycode", 2, "Agriculture");
        Label("account", "industrycode", 3, "Broadcasting");
        Label("account", "statecode", 0, "Active");
        Label("account", "statecode", 1, "Inactive");
        Label("account", "donotphone", 0, "Allow");
        Label("account", "donotphone", 1, "Do Not Allow");
        Label("opportunity", "statecode", 0, "Open");
        Label("opportunity", "statecode", 1, "Won");
        Label("opportunity", "statecode", 2, "Lost");

        Add(new Entity("transactioncurrency", EuroId) { ["currencyname"] = "Euro", ["currencysymbol"] = "€" });
        Add(new Entity("systemuser", UserId) { ["fullname"] = "Alex Seller" });
        Add(new Entity("systemuser", OtherUserId) { ["fullname"] = "Kim Manager" });
    }

    public DateTime UtcNow { get; set; } = Clock;

    public Guid CallingUserId { get; set; } = UserId;

    public Guid BusinessUnitId { get; set; } = BusinessUnit;

    public IReadOnlyCollection<Guid> CallingUserTeamIds { get; set; } = [TeamId];

    /// <summary>Deterministic id n: 00000000-0000-0000-0000-{n:D12}.</summary>
    public static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:D12}");

    public Entity Add(Entity entity)
    {
        var table = _tables[entity.LogicalName];
        table.Rows.Add(entity);
        table.ById[entity.Id] = entity;
        foreach (var (attribute, index) in table.Indexes)
        {
            if (entity.Attributes.TryGetValue(attribute, out var value) && value is EntityReference reference)
            {
                if (!index.TryGetValue(reference.Id, out var list))
                {
                    index[reference.Id] = list = new List<Entity>();
                }

                list.Add(entity);
            }
        }

        return entity;
    }

    public void Remove(string table, Guid id)
    {
        var t = _tables[table];
        if (t.ById.Remove(id, out var entity))
        {
            t.Rows.Remove(entity);
            foreach (var index in t.Indexes.Values)
            {
                foreach (var list in index.Values)
                {
                    list.Remove(entity);
                }
            }
        }
    }

    public void Label(string table, string attribute, int value, string label) => _tables[table].Labels[(attribute, value)] = label;

    public bool TableExists(string table) => _tables.ContainsKey(table);

    public string GetPrimaryIdAttribute(string table) => _tables[table].PrimaryId;

    public string? GetPrimaryNameAttribute(string table) => _tables[table].PrimaryName;

    public QueryAttributeType? GetAttributeType(string table, string attribute) =>
        _tables.TryGetValue(table, out var t) && t.Attributes.TryGetValue(attribute, out var type) ? type : null;

    public IReadOnlyCollection<Entity> GetRows(string table)
    {
        GetRowsCalls++;
        return _tables[table].Rows;
    }

    public Entity? GetRow(string table, Guid id) => _tables[table].ById.GetValueOrDefault(id);

    /// <summary>When set, the source offers column arrays (as the emulator's store does) and the engine may scan them.</summary>
    public bool ProvidesColumns { get; set; }

    /// <summary>How many column arrays the engine asked for (with <see cref="ProvidesColumns"/>).</summary>
    public int ColumnCalls { get; private set; }

    public object?[]? GetColumnValues(string table, string attribute)
    {
        if (!ProvidesColumns)
        {
            return null;
        }

        ColumnCalls++;
        var t = _tables[table];
        return [.. t.Rows.Select(row => row.Attributes.TryGetValue(attribute, out var value) ? value : attribute == t.PrimaryId ? row.Id : null)];
    }

    public IReadOnlyCollection<Entity>? GetRowsByIndex(string table, string attribute, Guid id)
    {
        var t = _tables[table];
        if (!t.Indexes.TryGetValue(attribute, out var index))
        {
            return null;
        }

        return index.TryGetValue(id, out var list) ? list : [];
    }

    public string? GetChoiceLabel(string table, string attribute, int value) =>
        _tables[table].Labels.GetValueOrDefault((attribute, value));

    public string? GetHierarchyParentAttribute(string table) => _tables[table].HierarchyParent;

    private void Define(string name, string primaryId, string? primaryName, string? hierarchyParent, Dictionary<string, QueryAttributeType> attributes)
    {
        var table = new Table(primaryId, primaryName, hierarchyParent, attributes);
        foreach (var (attribute, type) in attributes)
        {
            if (type is QueryAttributeType.Lookup or QueryAttributeType.Owner or QueryAttributeType.Customer)
            {
                table.Indexes[attribute] = new Dictionary<Guid, List<Entity>>();
            }
        }

        _tables[name] = table;
    }

    private sealed class Table(string primaryId, string? primaryName, string? hierarchyParent, Dictionary<string, QueryAttributeType> attributes)
    {
        public string PrimaryId { get; } = primaryId;
        public string? PrimaryName { get; } = primaryName;
        public string? HierarchyParent { get; } = hierarchyParent;
        public Dictionary<string, QueryAttributeType> Attributes { get; } = attributes;
        public List<Entity> Rows { get; } = new();
        public Dictionary<Guid, Entity> ById { get; } = new();
        public Dictionary<string, Dictionary<Guid, List<Entity>>> Indexes { get; } = new(StringComparer.Ordinal);
        public Dictionary<(string, int), string> Labels { get; } = new();
    }
}
