namespace AccountPlanXrm.Emulator.Query;

/// <summary>How a link-entity joins its parent (FetchXML link-type / <see cref="JoinOperator"/>).</summary>
internal enum JoinKind
{
    Inner,
    LeftOuter,
    /// <summary>exists / in / any / matchfirstrowusingcrossapply: filters the parent, returns no columns.</summary>
    Any,
    NotAny,
    /// <summary>Parent rows with matching rows of which none satisfies the link filter.</summary>
    All,
    /// <summary>Equivalent to any (platform behaviour despite the name).</summary>
    NotAll,
    /// <summary>Like inner, but only the first matching row.</summary>
    MatchFirstRow,
}

internal enum AggregateKind
{
    None,
    Count,
    CountColumn,
    Sum,
    Avg,
    Min,
    Max,
}

internal enum DateGrouping
{
    None,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    FiscalPeriod,
    FiscalYear,
}

/// <summary>The root entity or a link-entity of a query; its <see cref="Slot"/> indexes the joined row.</summary>
internal sealed class QueryNode
{
    public required string EntityName { get; init; }

    /// <summary>The alias used in results and in conditions (null for the root entity).</summary>
    public string? Alias { get; set; }

    /// <summary>Attribute on this (linked) entity that is matched ("from").</summary>
    public string? FromAttribute { get; set; }

    /// <summary>Attribute on the parent entity that is matched ("to").</summary>
    public string? ToAttribute { get; set; }

    public JoinKind Join { get; set; }

    public QueryNode? Parent { get; set; }

    public int Slot { get; set; }

    public QueryFilter? Filter { get; set; }

    public bool AllColumns { get; set; }

    public List<QueryColumn> Columns { get; } = new();

    public List<QueryOrder> Orders { get; } = new();

    public List<QueryNode> Links { get; } = new();

    // Filled in by binding.
    public string PrimaryIdAttribute { get; set; } = "";
    public string ResultAlias { get; set; } = "";

    /// <summary>True when the node contributes columns and rows to the result (inner/outer/match-first).</summary>
    public bool IsJoined => Join is JoinKind.Inner or JoinKind.LeftOuter or JoinKind.MatchFirstRow;
}

internal sealed class QueryColumn
{
    public required string Name { get; init; }
    public string? Alias { get; init; }
    public AggregateKind Aggregate { get; init; }
    public bool GroupBy { get; init; }
    public DateGrouping DateGrouping { get; init; }
    public bool Distinct { get; init; }
}

internal sealed class QueryOrder
{
    public string? Attribute { get; init; }
    /// <summary>Aggregate alias to order by (FetchXML order alias in aggregate queries).</summary>
    public string? Alias { get; init; }
    public bool Descending { get; init; }
    /// <summary>Alias of the link-entity the order applies to (QueryExpression OrderExpression.EntityName).</summary>
    public string? EntityName { get; init; }
}

internal sealed class QueryFilter
{
    public bool IsOr { get; set; }
    public List<QueryCondition> Conditions { get; } = new();
    public List<QueryFilter> Filters { get; } = new();
    /// <summary>any / not any / all / not all link-entities that act as conditions of this filter.</summary>
    public List<QueryNode> Links { get; } = new();
}

internal sealed class QueryCondition
{
    /// <summary>Alias (or entity name) of the node the condition applies to; null = the node that owns the filter.</summary>
    public string? EntityName { get; init; }
    public required string Attribute { get; init; }
    public ConditionOperator Operator { get; init; }
    /// <summary>Raw values as given: CLR objects from QueryExpression, strings from FetchXML.</summary>
    public List<object?> Values { get; } = new();
    /// <summary>Compare with another column (QueryExpression CompareColumns / FetchXML valueof).</summary>
    public bool CompareColumns { get; init; }
    public bool FromFetchXml { get; init; }
}

/// <summary>The one internal shape every query form is turned into.</summary>
internal sealed class QueryPlan
{
    public required QueryNode Root { get; init; }
    public bool Distinct { get; set; }
    public int? Top { get; set; }
    public int PageNumber { get; set; }
    public int Count { get; set; }
    public string? PagingCookie { get; set; }
    public bool ReturnTotalRecordCount { get; set; }
    public bool Aggregate { get; set; }
    public int? AggregateLimit { get; set; }
    /// <summary>FetchXML: when no attribute element is given, all columns are returned.</summary>
    public bool IsFetch { get; set; }
    /// <summary>FetchXML useraworderby: order choice columns by value instead of label.</summary>
    public bool UseRawOrderBy { get; set; }
}
