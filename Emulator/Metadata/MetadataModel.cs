using System.Collections.Frozen;

namespace AccountPlanXrm.Emulator.Metadata;

/// <summary>The column types of the unpacked solution's <c>&lt;Type&gt;</c> element, grouped by behaviour.</summary>
public enum ColumnType
{
    PrimaryKey,
    String,
    Memo,
    Integer,
    BigInt,
    Decimal,
    Double,
    Money,
    Boolean,
    DateTime,
    Picklist,
    MultiSelectPicklist,
    Lookup,
    Customer,
    Owner,
    State,
    Status,
    UniqueIdentifier,
    EntityName,
    PartyList,
    Virtual,
}

/// <summary>The delete behaviour of a 1:N relationship (<c>CascadeDelete</c>).</summary>
public enum CascadeDelete
{
    NoCascade,
    Cascade,
    RemoveLink,
    Restrict,
}

/// <summary>How a column must be filled (<c>RequiredLevel</c>).</summary>
public enum RequiredLevel
{
    None,
    Recommended,
    ApplicationRequired,
    SystemRequired,
}

/// <summary>One choice value with its labels; for status values the state it belongs to, for state values the default status.</summary>
public sealed class OptionMetadata
{
    public OptionMetadata(int value, string label, IReadOnlyDictionary<int, string> labels, int? state, int? defaultStatus, string? invariantName)
    {
        Value = value;
        Label = label;
        Labels = labels;
        State = state;
        DefaultStatus = defaultStatus;
        InvariantName = invariantName;
    }

    public int Value { get; }

    /// <summary>The label in the base language (1033 when present, else the first one).</summary>
    public string Label { get; }

    /// <summary>Labels by language code.</summary>
    public IReadOnlyDictionary<int, string> Labels { get; }

    /// <summary>For a statuscode option: the statecode value it belongs to.</summary>
    public int? State { get; }

    /// <summary>For a statecode option: its default statuscode value.</summary>
    public int? DefaultStatus { get; }

    /// <summary>For a statecode option: the invariant name (Active, Inactive, Open, Won, ...).</summary>
    public string? InvariantName { get; }
}

/// <summary>An immutable column definition.</summary>
public sealed class ColumnMetadata
{
    private readonly FrozenDictionary<int, OptionMetadata> _optionsByValue;

    internal ColumnMetadata(
        string logicalName,
        string schemaName,
        ColumnType type,
        RequiredLevel requiredLevel,
        int? maxLength,
        decimal? minValue,
        decimal? maxValue,
        int? precision,
        bool dateOnly,
        bool validForCreate,
        bool validForUpdate,
        bool isPrimaryName,
        string? calculationOf,
        int? defaultValue,
        IReadOnlyList<OptionMetadata> options,
        string? displayName)
    {
        LogicalName = logicalName;
        SchemaName = schemaName;
        Type = type;
        RequiredLevel = requiredLevel;
        MaxLength = maxLength;
        MinValue = minValue;
        MaxValue = maxValue;
        Precision = precision;
        DateOnly = dateOnly;
        ValidForCreate = validForCreate;
        ValidForUpdate = validForUpdate;
        IsPrimaryName = isPrimaryName;
        CalculationOf = calculationOf;
        DefaultValue = defaultValue;
        Options = options;
        DisplayName = displayName ?? logicalName;
        _optionsByValue = options.ToFrozenDictionary(o => o.Value);
    }

    public string LogicalName { get; }
    public string SchemaName { get; }
    public ColumnType Type { get; }
    public RequiredLevel RequiredLevel { get; }
    public int? MaxLength { get; }
    public decimal? MinValue { get; }
    public decimal? MaxValue { get; }

    /// <summary>Decimal places (<c>Accuracy</c>) of decimal, money and float columns.</summary>
    public int? Precision { get; }

    /// <summary>Date-only columns (<c>Format date</c>) hold midnight and have no time zone conversion.</summary>
    public bool DateOnly { get; }

    public bool ValidForCreate { get; }
    public bool ValidForUpdate { get; }
    public bool IsPrimaryName { get; }

    /// <summary>For a <c>_base</c> money column: the money column it is calculated from.</summary>
    public string? CalculationOf { get; }

    /// <summary>Default choice value (<c>AppDefaultValue</c>) for choice and two-option columns.</summary>
    public int? DefaultValue { get; }

    public IReadOnlyList<OptionMetadata> Options { get; }

    /// <summary>The tables a lookup may refer to (from the relationships, <c>systemuser</c>/<c>team</c> for owners).</summary>
    public IReadOnlyList<string> Targets { get; internal set; } = [];

    public string DisplayName { get; }

    public bool IsLookup => Type is ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner;

    public bool IsChoice => Type is ColumnType.Picklist or ColumnType.State or ColumnType.Status or ColumnType.MultiSelectPicklist;

    public OptionMetadata? FindOption(int value) => _optionsByValue.TryGetValue(value, out var option) ? option : null;
}

/// <summary>An alternate key (<c>EntityKeys/EntityKey</c>).</summary>
public sealed class EntityKeyMetadata
{
    public EntityKeyMetadata(string logicalName, IReadOnlyList<string> attributes)
    {
        LogicalName = logicalName;
        Attributes = attributes;
    }

    public string LogicalName { get; }
    public IReadOnlyList<string> Attributes { get; }
}

/// <summary>A 1:N or N:N relationship (<c>Other/Relationships/*.xml</c>).</summary>
public sealed class RelationshipMetadata
{
    internal RelationshipMetadata(string schemaName, bool manyToMany)
    {
        SchemaName = schemaName;
        IsManyToMany = manyToMany;
    }

    public string SchemaName { get; }
    public bool IsManyToMany { get; }

    // 1:N
    public string ReferencingEntity { get; internal set; } = "";
    public string ReferencedEntity { get; internal set; } = "";
    public string ReferencingAttribute { get; internal set; } = "";
    public CascadeDelete CascadeDelete { get; internal set; } = CascadeDelete.RemoveLink;
    public bool IsHierarchical { get; internal set; }

    // N:N
    public string Entity1 { get; internal set; } = "";
    public string Entity2 { get; internal set; } = "";
    public string IntersectEntity { get; internal set; } = "";
    public string Entity1IntersectAttribute { get; internal set; } = "";
    public string Entity2IntersectAttribute { get; internal set; } = "";
}

/// <summary>An immutable table definition.</summary>
public sealed class TableMetadata
{
    internal TableMetadata(
        string logicalName,
        string schemaName,
        string displayName,
        string primaryIdAttribute,
        string? primaryNameAttribute,
        string ownershipType,
        bool isActivity,
        IReadOnlyDictionary<string, ColumnMetadata> columns,
        IReadOnlyList<EntityKeyMetadata> keys)
    {
        LogicalName = logicalName;
        SchemaName = schemaName;
        DisplayName = displayName;
        PrimaryIdAttribute = primaryIdAttribute;
        PrimaryNameAttribute = primaryNameAttribute;
        OwnershipType = ownershipType;
        IsActivity = isActivity;
        Columns = columns;
        Keys = keys;
        StateColumn = columns.TryGetValue("statecode", out var state) && state.Type == ColumnType.State ? state : null;
        StatusColumn = columns.TryGetValue("statuscode", out var status) && status.Type == ColumnType.Status ? status : null;
        HasOwner = columns.TryGetValue("ownerid", out var owner) && owner.Type == ColumnType.Owner;
        BooleanDefaults = columns.Values
            .Where(c => c.Type == ColumnType.Boolean && c.DefaultValue is 0 or 1 && c.ValidForCreate)
            .Select(c => (c.LogicalName, c.DefaultValue == 1))
            .ToArray();
        HasCurrency = columns.TryGetValue("transactioncurrencyid", out var currency) && currency.IsLookup;
        DefaultState = StateColumn?.Options.Where(o => o.DefaultStatus != null).Select(o => (int?)o.Value).OrderBy(v => v).FirstOrDefault();
    }

    /// <summary>Two-option columns with a default value, applied on create.</summary>
    public IReadOnlyList<(string Column, bool Value)> BooleanDefaults { get; }

    /// <summary>True when the table has a transactioncurrencyid lookup (money columns).</summary>
    public bool HasCurrency { get; }

    /// <summary>The statecode a new row gets (the lowest state value, usually 0).</summary>
    public int? DefaultState { get; }

    public string LogicalName { get; }
    public string SchemaName { get; }
    public string DisplayName { get; }
    public string PrimaryIdAttribute { get; }
    public string? PrimaryNameAttribute { get; }

    /// <summary><c>UserOwned</c>, <c>OrgOwned</c>, <c>BusinessOwned</c> or <c>None</c>.</summary>
    public string OwnershipType { get; }

    public bool IsActivity { get; }
    public IReadOnlyDictionary<string, ColumnMetadata> Columns { get; }
    public IReadOnlyList<EntityKeyMetadata> Keys { get; }
    public ColumnMetadata? StateColumn { get; }
    public ColumnMetadata? StatusColumn { get; }
    public bool HasOwner { get; }

    /// <summary>The self-referencing hierarchical lookup (e.g. <c>parentaccountid</c>), null when none.</summary>
    public string? HierarchyParentAttribute { get; internal set; }

    /// <summary>1:N relationships where this table is the parent (referenced).</summary>
    public IReadOnlyList<RelationshipMetadata> OneToMany { get; internal set; } = [];

    /// <summary>N:1 relationships where this table is the child (referencing).</summary>
    public IReadOnlyList<RelationshipMetadata> ManyToOne { get; internal set; } = [];

    /// <summary>Lookup columns that get an index (every lookup, customer and owner column).</summary>
    public IReadOnlyList<string> IndexedColumns { get; internal set; } = [];

    /// <summary>Money columns that have a <c>_base</c> companion: (money column, base column).</summary>
    public IReadOnlyList<(string Money, string Base)> BaseMoneyColumns { get; internal set; } = [];

    public ColumnMetadata? FindColumn(string logicalName) => Columns.TryGetValue(logicalName, out var column) ? column : null;

    /// <summary>The default statuscode of a state value, null when the table has no status.</summary>
    public int? DefaultStatusOf(int state) => StateColumn?.FindOption(state)?.DefaultStatus;
}
