namespace AccountPlanXrm.Emulator;

/// <summary>The query engine's view of the store and metadata, for one calling user.</summary>
internal sealed class EmulatorQuerySource : IQuerySource
{
    private readonly XrmEmulator _emulator;
    private readonly Guid _userId;
    private readonly Guid _businessUnitId;

    // Security hook (Emulator/Security): rows the calling user may not read are not there for the query (null: no check).
    private readonly Func<string, Entity, bool>? _canRead;
    private Dictionary<string, IReadOnlyCollection<Entity>>? _readableRows;

    public EmulatorQuerySource(XrmEmulator emulator, Caller? caller = null)
    {
        _emulator = emulator;
        _userId = caller?.UserId ?? emulator.CallingUserId;
        _businessUnitId = caller?.BusinessUnitId ?? emulator.RootBusinessUnitId;
        _canRead = emulator.SecurityHooks.ReadFilterFor(caller);
    }

    public bool TableExists(string table) => _emulator.Metadata.FindTable(table) != null;

    public string GetPrimaryIdAttribute(string table) => Meta(table).PrimaryIdAttribute;

    public string? GetPrimaryNameAttribute(string table) => Meta(table).PrimaryNameAttribute;

    public QueryAttributeType? GetAttributeType(string table, string attribute)
    {
        var column = _emulator.Metadata.FindTable(table)?.FindColumn(attribute);
        return column == null ? null : Map(column);
    }

    public IReadOnlyCollection<Entity> GetRows(string table)
    {
        var rows = _emulator.Store.GetTable(table)?.Rows ?? [];
        if (_canRead == null)
        {
            return rows;
        }

        _readableRows ??= new Dictionary<string, IReadOnlyCollection<Entity>>(StringComparer.Ordinal);
        if (!_readableRows.TryGetValue(table, out var readable))
        {
            _readableRows[table] = readable = rows.Where(row => _canRead(table, row)).ToArray();
        }

        return readable;
    }

    public object?[]? GetColumnValues(string table, string attribute) =>
        _canRead == null ? _emulator.Store.GetTable(table)?.ColumnValues(attribute) : null; // with security, the rows differ from the table's

    public Entity? GetRow(string table, Guid id) =>
        _emulator.Store.GetTable(table)?.Find(id)?.Entity is { } row && (_canRead == null || _canRead(table, row)) ? row : null;

    public IReadOnlyCollection<Entity>? GetRowsByIndex(string table, string attribute, Guid id)
    {
        var rows = _emulator.Store.GetTable(table)?.ByIndex(attribute, id);
        return rows == null || _canRead == null ? rows : rows.Where(row => _canRead(table, row)).ToArray();
    }

    public string GetCurrencySymbol(Guid? currencyId) => _emulator.Reader.CurrencySymbol(currencyId);

    public string? GetChoiceLabel(string table, string attribute, int value) =>
        _emulator.Metadata.FindTable(table)?.FindColumn(attribute)?.FindOption(value)?.Label;

    public string? GetHierarchyParentAttribute(string table) => _emulator.Metadata.FindTable(table)?.HierarchyParentAttribute;

    public DateTime UtcNow => _emulator.Now;

    public Guid CallingUserId => _userId;

    public Guid BusinessUnitId => _businessUnitId;

    public IReadOnlyCollection<Guid> CallingUserTeamIds
    {
        get
        {
            var memberships = _emulator.Store.GetTable("teammembership");
            if (memberships == null)
            {
                return [];
            }

            return memberships.RowsByIndex("systemuserid", _userId)
                .Select(r => r.Entity.Attributes.TryGetValue("teamid", out var t) && t is Guid g ? g : Guid.Empty)
                .Where(g => g != Guid.Empty)
                .ToArray();
        }
    }

    private TableMetadata Meta(string table) => _emulator.Metadata.FindTable(table) ?? throw Faults.UnknownEntity(table);

    internal static QueryAttributeType Map(ColumnMetadata column) => column.Type switch
    {
        ColumnType.String => QueryAttributeType.String,
        ColumnType.Memo => QueryAttributeType.Memo,
        ColumnType.Integer => QueryAttributeType.Integer,
        ColumnType.BigInt => QueryAttributeType.BigInt,
        ColumnType.Decimal => QueryAttributeType.Decimal,
        ColumnType.Double => QueryAttributeType.Double,
        ColumnType.Money => QueryAttributeType.Money,
        ColumnType.Boolean => QueryAttributeType.Boolean,
        ColumnType.DateTime => column.DateOnly ? QueryAttributeType.DateOnly : QueryAttributeType.DateTime,
        ColumnType.Picklist => QueryAttributeType.Picklist,
        ColumnType.MultiSelectPicklist => QueryAttributeType.MultiSelectPicklist,
        ColumnType.Lookup => QueryAttributeType.Lookup,
        ColumnType.Customer => QueryAttributeType.Customer,
        ColumnType.Owner => QueryAttributeType.Owner,
        ColumnType.State => QueryAttributeType.State,
        ColumnType.Status => QueryAttributeType.Status,
        ColumnType.PrimaryKey or ColumnType.UniqueIdentifier => QueryAttributeType.Uniqueidentifier,
        ColumnType.EntityName => QueryAttributeType.EntityName,
        ColumnType.PartyList => QueryAttributeType.PartyList,
        _ => QueryAttributeType.Other,
    };
}
