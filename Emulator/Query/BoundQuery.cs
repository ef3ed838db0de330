namespace AccountPlanXrm.Emulator.Query;

/// <summary>
/// A <see cref="QueryPlan"/> bound against the source by <see cref="QueryBinder"/>: the joined nodes by slot, the
/// link aliases and the compiled filters. The parts of one execution (joins, ordering, projection, aggregates) read it.
/// </summary>
internal sealed class BoundQuery
{
    public BoundQuery(IQuerySource source, QueryPlan plan)
    {
        Source = source;
        Plan = plan;
        Joiner = new LinkJoiner(this);
    }

    public IQuerySource Source { get; }

    public QueryPlan Plan { get; }

    public QueryNode Root => Plan.Root;

    /// <summary>Reads the candidate rows and performs the link-entity joins.</summary>
    public LinkJoiner Joiner { get; }

    /// <summary>Joined nodes of the root scope, by slot (slot 0 is the root).</summary>
    public List<QueryNode> Slots { get; } = new();

    /// <summary>Link-entities by result alias.</summary>
    public Dictionary<string, QueryNode> Aliases { get; } = new(StringComparer.Ordinal);

    /// <summary>The link criteria of each joined link, applied before its outer join.</summary>
    public Dictionary<QueryNode, RowPredicate?> LinkFilters { get; } = new();

    /// <summary>The top-level conditions that read the root row only (run before the joins).</summary>
    public RowPredicate? PreJoin { get; set; }

    /// <summary>The top-level conditions that read joined rows (run after the joins).</summary>
    public RowPredicate? PostJoin { get; set; }

    /// <summary>An equality (or in) condition on an indexed id or lookup column of the root, if any.</summary>
    public IndexProbe? Probe { get; set; }

    /// <summary>Whether the query reads the root table alone (no joined link, no condition on a link).</summary>
    public bool IsRootOnly => Slots.Count == 1 && PostJoin == null;

    public QueryAttributeType RequireAttribute(string table, string attribute) =>
        Source.GetAttributeType(table, attribute) ?? throw QueryFaults.UnknownAttribute(table, attribute);

    /// <summary>The node a condition's or order's entity name refers to: the root, an alias or an unaliased link's table.</summary>
    public QueryNode ResolveAlias(string alias)
    {
        if (alias == Root.ResultAlias || alias == Root.EntityName && !Aliases.ContainsKey(alias))
        {
            return Root;
        }

        if (Aliases.TryGetValue(alias, out var node))
        {
            return node;
        }

        // An unaliased link-entity may be named by its table when that is unambiguous.
        var byTable = Aliases.Values.Where(n => n.EntityName == alias && string.IsNullOrEmpty(n.Alias)).ToList();
        if (byTable.Count == 1)
        {
            return byTable[0];
        }

        throw QueryFaults.Create(QueryFaults.InvalidAlias, $"No link-entity with the alias '{alias}' exists in the query.");
    }
}

/// <summary>Root rows read through the source's index instead of a scan.</summary>
internal sealed record IndexProbe(string Attribute, Guid[] Ids, bool IsPrimaryKey);
