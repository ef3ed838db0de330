namespace AccountPlanXrm.Emulator.Query;

/// <summary>
/// Binds a <see cref="QueryPlan"/> against the source: checks tables and columns, names the link-entities, gives the
/// joined ones their slots, compiles the filters and looks for an index to read the root rows through.
/// </summary>
internal sealed class QueryBinder
{
    private readonly BoundQuery _query;
    private readonly IQuerySource _source;
    private readonly Dictionary<string, int> _aliasCounters = new(StringComparer.Ordinal);
    private int _linkCount;

    private QueryBinder(IQuerySource source, QueryPlan plan)
    {
        _source = source;
        _query = new BoundQuery(source, plan);
    }

    private QueryNode Root => _query.Root;

    public static BoundQuery Bind(IQuerySource source, QueryPlan plan) => new QueryBinder(source, plan).Bind();

    private BoundQuery Bind()
    {
        BindNode(Root, parent: null);
        if (_linkCount > QueryExecutor.MaxLinkEntities)
        {
            throw QueryFaults.Create(QueryFaults.TooManyLinkEntities, "Number of link entities in query exceeded maximum limit.");
        }

        // Predicates are compiled after every alias is known (conditions may name any link alias).
        var compiler = new FilterCompiler(_query);
        var rootItems = compiler.CompileNodeFilters(Root);
        foreach (var node in _query.Slots.Skip(1))
        {
            _query.LinkFilters[node] = FilterCompiler.All(compiler.CompileNodeFilters(node));
        }

        if (compiler.ConditionCount > QueryExecutor.MaxConditions)
        {
            throw QueryFaults.Create(QueryFaults.TooManyConditions, "Number of conditions in query exceeded maximum limit.");
        }

        _query.PreJoin = FilterCompiler.All(rootItems.FindAll(item => item.MaxSlot == 0));
        _query.PostJoin = FilterCompiler.All(rootItems.FindAll(item => item.MaxSlot != 0));
        _query.Probe = FindIndexProbe();
        ValidateColumnsAndOrders(Root);
        return _query;
    }

    private void BindNode(QueryNode node, QueryNode? parent)
    {
        if (string.IsNullOrEmpty(node.EntityName) || !_source.TableExists(node.EntityName))
        {
            throw QueryFaults.UnknownEntity(node.EntityName ?? "");
        }

        node.PrimaryIdAttribute = _source.GetPrimaryIdAttribute(node.EntityName);
        if (parent == null)
        {
            node.Slot = 0;
            node.ResultAlias = node.EntityName;
            _query.Slots.Add(node);
        }
        else
        {
            BindLink(node, parent);
        }

        foreach (var link in node.Links)
        {
            link.Parent = node;
            BindNode(link, node);
        }

        if (node.Filter != null)
        {
            BindFilterLinks(node.Filter, node);
        }
    }

    private void BindLink(QueryNode node, QueryNode parent)
    {
        _linkCount++;
        if (string.IsNullOrEmpty(node.ToAttribute))
        {
            node.ToAttribute = parent.PrimaryIdAttribute;
        }

        if (string.IsNullOrEmpty(node.FromAttribute))
        {
            node.FromAttribute = node.PrimaryIdAttribute;
        }

        _query.RequireAttribute(parent.EntityName, node.ToAttribute!);
        _query.RequireAttribute(node.EntityName, node.FromAttribute!);
        if (!string.IsNullOrEmpty(node.Alias))
        {
            node.ResultAlias = node.Alias!;
        }
        else
        {
            // The platform names an unaliased link-entity after its table plus a per-table counter.
            _aliasCounters.TryGetValue(node.EntityName, out var counter);
            counter++;
            _aliasCounters[node.EntityName] = counter;
            node.ResultAlias = node.EntityName + counter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (node.IsJoined && IsInRootScope(parent))
        {
            node.Slot = _query.Slots.Count;
            _query.Slots.Add(node);
        }
        else
        {
            node.Slot = -1;
        }

        _query.Aliases.TryAdd(node.ResultAlias, node);
    }

    private void BindFilterLinks(QueryFilter filter, QueryNode owner)
    {
        foreach (var link in filter.Links)
        {
            link.Parent = owner;
            BindNode(link, owner);
        }

        foreach (var child in filter.Filters)
        {
            BindFilterLinks(child, owner);
        }
    }

    private bool IsInRootScope(QueryNode node) => node.Slot >= 0 && _query.Slots.Contains(node);

    /// <summary>Looks for an equality (or in) condition on an id or lookup column in the top-level "and" filter.</summary>
    private IndexProbe? FindIndexProbe()
    {
        var filter = Root.Filter;
        if (filter == null || filter.IsOr)
        {
            return null;
        }

        foreach (var condition in filter.Conditions)
        {
            if (condition.CompareColumns || (!string.IsNullOrEmpty(condition.EntityName) && condition.EntityName != Root.ResultAlias))
            {
                continue;
            }

            if (condition.Operator is not (ConditionOperator.Equal or ConditionOperator.In))
            {
                continue;
            }

            var type = _source.GetAttributeType(Root.EntityName, condition.Attribute);
            if (type is not (QueryAttributeType.Lookup or QueryAttributeType.Owner or QueryAttributeType.Customer or QueryAttributeType.Uniqueidentifier))
            {
                continue;
            }

            var ids = ProbeIds(condition, type.Value);
            if (condition.Operator == ConditionOperator.Equal && ids.Count != 1)
            {
                continue;
            }

            var isPrimary = condition.Attribute == Root.PrimaryIdAttribute;
            if (!isPrimary && _source.GetRowsByIndex(Root.EntityName, condition.Attribute, Guid.Empty) == null)
            {
                continue;
            }

            return new IndexProbe(condition.Attribute, ids.Distinct().ToArray(), isPrimary);
        }

        return null;
    }

    /// <summary>The ids an equality or in condition names (values may be given one by one or as a sequence).</summary>
    private List<Guid> ProbeIds(QueryCondition condition, QueryAttributeType type)
    {
        var ids = new List<Guid>();
        void Add(object? value)
        {
            if (QueryValues.ConvertConditionValue(value, type, Root.EntityName, condition.Attribute) is Guid g)
            {
                ids.Add(g);
            }
        }

        foreach (var value in condition.Values)
        {
            if (value is System.Collections.IEnumerable sequence and not string)
            {
                foreach (var item in sequence)
                {
                    Add(item);
                }
            }
            else
            {
                Add(value);
            }
        }

        return ids;
    }

    private void ValidateColumnsAndOrders(QueryNode node)
    {
        foreach (var column in node.Columns)
        {
            _query.RequireAttribute(node.EntityName, column.Name);
        }

        foreach (var order in node.Orders)
        {
            if (order.Attribute != null && !(_query.Plan.Aggregate && order.Alias != null))
            {
                var target = order.EntityName != null ? _query.ResolveAlias(order.EntityName) : node;
                _query.RequireAttribute(target.EntityName, order.Attribute);
            }
        }

        foreach (var link in node.Links)
        {
            ValidateColumnsAndOrders(link);
        }
    }
}
