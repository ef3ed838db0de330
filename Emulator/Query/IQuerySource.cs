namespace AccountPlanXrm.Emulator.Query;

/// <summary>
/// The column types the query engine distinguishes. They decide how FetchXML string values are converted,
/// which aggregates are allowed, how values compare and how formatted values are produced.
/// </summary>
public enum QueryAttributeType
{
    /// <summary>Single line of text (<c>string</c>).</summary>
    String,
    /// <summary>Multiple lines of text (<c>string</c>).</summary>
    Memo,
    /// <summary>Whole number (<c>int</c>).</summary>
    Integer,
    /// <summary>Big integer (<c>long</c>).</summary>
    BigInt,
    /// <summary>Decimal number (<c>decimal</c>).</summary>
    Decimal,
    /// <summary>Floating point number (<c>double</c>).</summary>
    Double,
    /// <summary>Currency (<see cref="Money"/>).</summary>
    Money,
    /// <summary>Two options (<c>bool</c>).</summary>
    Boolean,
    /// <summary>Date and time, stored in UTC (<see cref="System.DateTime"/>).</summary>
    DateTime,
    /// <summary>Date only (<see cref="System.DateTime"/> at midnight).</summary>
    DateOnly,
    /// <summary>Lookup (<see cref="EntityReference"/>).</summary>
    Lookup,
    /// <summary>Owner lookup: systemuser or team (<see cref="EntityReference"/>).</summary>
    Owner,
    /// <summary>Customer lookup: account or contact (<see cref="EntityReference"/>).</summary>
    Customer,
    /// <summary>Choice (<see cref="OptionSetValue"/>).</summary>
    Picklist,
    /// <summary>statecode (<see cref="OptionSetValue"/>).</summary>
    State,
    /// <summary>statuscode (<see cref="OptionSetValue"/>).</summary>
    Status,
    /// <summary>Unique identifier, including the primary key (<see cref="Guid"/>).</summary>
    Uniqueidentifier,
    /// <summary>Choices (<see cref="OptionSetValueCollection"/>).</summary>
    MultiSelectPicklist,
    /// <summary>Entity name column such as <c>objecttypecode</c> (<c>string</c>).</summary>
    EntityName,
    /// <summary>Activity party list (<see cref="EntityCollection"/>); not filterable.</summary>
    PartyList,
    /// <summary>Any other column (image, file, virtual, managed property): returned as stored, compared by equality only.</summary>
    Other,
}

/// <summary>
/// Everything the query engine reads. The emulator's store implements it; the engine never writes through it.
/// <para>
/// All names are logical names (lower case). Stored entities are handed out as they are stored and are treated
/// as read-only: the engine copies what it returns. A stored entity carries its primary key in
/// <see cref="Entity.Id"/> (the primary id attribute may or may not also be in <see cref="Entity.Attributes"/>),
/// its lookups as <see cref="EntityReference"/>, choices as <see cref="OptionSetValue"/>, money as <see cref="Money"/>,
/// dates in UTC. Null columns are absent from <see cref="Entity.Attributes"/>.
/// </para>
/// </summary>
public interface IQuerySource
{
    /// <summary>True when the table exists in the metadata.</summary>
    bool TableExists(string table);

    /// <summary>The primary key column of an existing table, e.g. <c>accountid</c>.</summary>
    string GetPrimaryIdAttribute(string table);

    /// <summary>The primary name column of an existing table, e.g. <c>name</c>; null when it has none.</summary>
    string? GetPrimaryNameAttribute(string table);

    /// <summary>The type of a column; null when the table has no such column.</summary>
    QueryAttributeType? GetAttributeType(string table, string attribute);

    /// <summary>
    /// Every stored row of a table, in a stable order (creation order); the engine uses this order when a query
    /// has no order. Empty for an existing table without rows.
    /// </summary>
    IReadOnlyCollection<Entity> GetRows(string table);

    /// <summary>The stored row with that primary key, or null.</summary>
    Entity? GetRow(string table, Guid id);

    /// <summary>
    /// The rows whose lookup (or uniqueidentifier) column <paramref name="attribute"/> refers to
    /// <paramref name="id"/>, in the same relative order as <see cref="GetRows"/>; an empty collection when none
    /// match. Returns null when the column has no index, in which case the engine scans <see cref="GetRows"/>.
    /// </summary>
    IReadOnlyCollection<Entity>? GetRowsByIndex(string table, string attribute, Guid id);

    /// <summary>
    /// The stored (raw) values of one column for every row of <see cref="GetRows"/>, in the same order (the primary
    /// key column falls back to the row id), or null when the source keeps no such column arrays; the engine then
    /// reads the rows. Lets full scans and aggregates read one array instead of a dictionary per row.
    /// </summary>
    object?[]? GetColumnValues(string table, string attribute) => null;

    /// <summary>
    /// The user-language label of a choice value for choice, state, status and multi-select columns, and of
    /// two-option columns (value 1 = true, 0 = false); null when unknown. Used for FormattedValues.
    /// </summary>
    string? GetChoiceLabel(string table, string attribute, int value);

    /// <summary>
    /// The symbol of a currency for formatted money values: the <c>currencysymbol</c> of the transactioncurrency row,
    /// "" when unknown. A source with a base currency answers for a record without one (<paramref name="currencyId"/> null).
    /// </summary>
    string GetCurrencySymbol(Guid? currencyId) =>
        currencyId is Guid id && TableExists("transactioncurrency") && GetRow("transactioncurrency", id) is { } row
            && row.Attributes.TryGetValue("currencysymbol", out var symbol) && symbol is string text ? text : "";

    /// <summary>
    /// The self-referencing lookup column that defines the table's hierarchy (e.g. <c>parentaccountid</c> on
    /// account), used by Under/UnderOrEqual/Above/AboveOrEqual/NotUnder; null when the table has no hierarchy.
    /// </summary>
    string? GetHierarchyParentAttribute(string table);

    /// <summary>The emulator clock (UTC). Relative date operators are evaluated against it.</summary>
    DateTime UtcNow { get; }

    /// <summary>The calling user (systemuser id) for eq-userid / ne-userid and eq-useroruserteams.</summary>
    Guid CallingUserId { get; }

    /// <summary>The calling user's business unit for eq-businessid / ne-businessid.</summary>
    Guid BusinessUnitId { get; }

    /// <summary>The teams the calling user belongs to, for eq-userteams / eq-useroruserteams (may be empty).</summary>
    IReadOnlyCollection<Guid> CallingUserTeamIds { get; }
}
