using System.Runtime.CompilerServices;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Emulator.Query;

/// <summary>Binds a <see cref="QueryPlan"/> against the source and runs it. One instance per execution.</summary>
internal sealed partial class QueryExecutor
{
    internal const int MaxPageSize = 5000;
    internal const int AggregateRecordLimit = 50_000;
    internal const int TotalRecordCountLimit = 5000;
    internal const int MaxLinkEntities = 15;
    internal const int MaxConditions = 500;

    private readonly IQuerySource _source;
    private readonly QueryPlan _plan;
    private readonly ConditionCompiler _compiler;

    /// <summary>Joined nodes of the root scope, by slot.</summary>
    private readonly List<QueryNode> _slots = new();
    private readonly Dictionary<string, QueryNode> _aliases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _aliasCounters = new(StringComparer.Ordinal);
    private readonly Dictionary<QueryNode, RowPredicate?> _linkFilters = new();
    private readonly Dictionary<QueryNode, Dictionary<object, List<Entity>>> _hashJoins = new();
    private int _linkCount;
    private QueryNode? _childScope;
    private int _conditionCount;

    private RowPredicate? _preJoin;
    private RowPredicate? _postJoin;
    private IndexProbe? _probe;

    public QueryExecutor(IQuerySource source, QueryPlan plan)
    {
        _source = source;
        _plan = plan;
        _compiler = new ConditionCompiler(source);
    }

    private QueryNode Root => _plan.Root;

    public EntityCollection Execute()
    {
        Bind();
        return _plan.Aggregate ? Aggregate() : Select(Evaluate());
    }

    // ---------------------------------------------------------------- binding

    private void Bind()
    {
        BindNode(Root, parent: null);
        if (_linkCount > MaxLinkEntities)
        {
            throw QueryFaults.Create(QueryFaults.TooManyLinkEntities, "Number of link entities in query exceeded maximum limit.");
        }

        // Predicates are compiled after every alias is known (conditions may name any link alias).
        var rootItems = new List<RowPredicate>();
        CompileNodeFilters(Root, rootItems);
        foreach (var node in _slots.Skip(1))
        {
            var items = new List<RowPredicate>();
            CompileNodeFilters(node, items);
            _linkFilters[node] = items.Count == 0 ? null : items.Count == 1 ? items[0] : new AndPredicate(items);
        }

        if (_conditionCount > MaxConditions)
        {
            throw QueryFaults.Create(QueryFaults.TooManyConditions, "Number of conditions in query exceeded maximum limit.");
        }

        var pre = new List<RowPredicate>();
        var post = new List<RowPredicate>();
        foreach (var item in rootItems)
        {
            (item.MaxSlot == 0 ? pre : post).Add(item);
        }

        _preJoin = pre.Count == 0 ? null : pre.Count == 1 ? pre[0] : new AndPredicate(pre);
        _postJoin = post.Count == 0 ? null : post.Count == 1 ? post[0] : new AndPredicate(post);
        _probe = FindIndexProbe();
        ValidateColumnsAndOrders(Root);
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
            _slots.Add(node);
        }
        else
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

            RequireAttribute(parent.EntityName, node.ToAttribute!);
            RequireAttribute(node.EntityName, node.FromAttribute!);
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
                node.Slot = _slots.Count;
                _slots.Add(node);
            }
            else
            {
                node.Slot = -1;
            }

            _aliases.TryAdd(node.ResultAlias, node);
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

    private bool IsInRootScope(QueryNode node) => node.Slot >= 0 && _slots.Contains(node);

    private QueryAttributeType RequireAttribute(string table, string attribute)
    {
        var type = _source.GetAttributeType(table, attribute);
        if (type == null)
        {
            throw QueryFaults.UnknownAttribute(table, attribute);
        }

        return type.Value;
    }

    private void CompileNodeFilters(QueryNode node, List<RowPredicate> items)
    {
        if (node.Filter != null)
        {
            var compiled = CompileFilter(node.Filter, node, isTopLevel: true, items);
            if (compiled != null)
            {
                items.Add(compiled);
            }
        }

        foreach (var link in node.Links)
        {
            if (!link.IsJoined)
            {
                items.Add(CompileExists(link, node));
            }
        }
    }

    /// <summary>
    /// Compiles a filter. For the top-level "and" filter the parts are appended to <paramref name="topLevel"/>
    /// one by one (so root-only parts can run before the joins) and null is returned.
    /// </summary>
    private RowPredicate? CompileFilter(QueryFilter filter, QueryNode owner, bool isTopLevel, List<RowPredicate>? topLevel)
    {
        var parts = new List<RowPredicate>();
        foreach (var condition in filter.Conditions)
        {
            parts.Add(CompileCondition(condition, owner));
        }

        foreach (var child in filter.Filters)
        {
            var compiled = CompileFilter(child, owner, isTopLevel: false, topLevel: null);
            if (compiled != null)
            {
                parts.Add(compiled);
            }
        }

        foreach (var link in filter.Links)
        {
            parts.Add(CompileExists(link, owner));
        }

        if (isTopLevel && !filter.IsOr && topLevel != null)
        {
            topLevel.AddRange(parts);
            return null;
        }

        if (parts.Count == 0)
        {
            return null;
        }

        if (parts.Count == 1)
        {
            return parts[0];
        }

        return filter.IsOr ? new OrPredicate(parts) : new AndPredicate(parts);
    }

    private RowPredicate CompileCondition(QueryCondition condition, QueryNode owner)
    {
        _conditionCount++;
        var node = owner;
        var attribute = condition.Attribute;
        if (!string.IsNullOrEmpty(condition.EntityName) && condition.EntityName != owner.ResultAlias)
        {
            node = ResolveAlias(condition.EntityName!);
        }

        if (string.IsNullOrEmpty(attribute))
        {
            throw QueryFaults.Invalid("A condition must name an attribute.");
        }

        if (_childScope != null && node != _childScope)
        {
            throw QueryFaults.Invalid("A condition inside an any, not any, all or not all link-entity can only refer to that link-entity.");
        }

        var type = RequireAttribute(node.EntityName, attribute);
        if (condition.CompareColumns)
        {
            return CompileColumnComparison(condition, node, type);
        }

        if (node.Slot < 0)
        {
            throw QueryFaults.Create(QueryFaults.InvalidAlias, $"The condition on '{condition.EntityName}' refers to a link-entity that returns no rows.");
        }

        return _compiler.Compile(node, condition, type);
    }

    private RowPredicate CompileColumnComparison(QueryCondition condition, QueryNode node, QueryAttributeType type)
    {
        if (condition.Values.Count != 1 || condition.Values[0] is not string other || other.Length == 0)
        {
            throw QueryFaults.Invalid("A column comparison condition requires exactly one attribute name as its value.");
        }

        var otherNode = node;
        var otherAttribute = other;
        var dot = other.IndexOf('.');
        if (dot > 0)
        {
            otherNode = ResolveAlias(other[..dot]);
            otherAttribute = other[(dot + 1)..];
        }

        RequireAttribute(otherNode.EntityName, otherAttribute);
        Func<int, bool> test = condition.Operator switch
        {
            ConditionOperator.Equal => c => c == 0,
            ConditionOperator.NotEqual => c => c != 0,
            ConditionOperator.GreaterThan => c => c > 0,
            ConditionOperator.GreaterEqual => c => c >= 0,
            ConditionOperator.LessThan => c => c < 0,
            ConditionOperator.LessEqual => c => c <= 0,
            _ => throw QueryFaults.Create(QueryFaults.InvalidConditionOperator, $"The operator '{condition.Operator}' cannot compare columns."),
        };
        _ = type;
        return new ColumnComparePredicate(
            node.Slot, condition.Attribute, node.PrimaryIdAttribute, otherNode.Slot, otherAttribute, otherNode.PrimaryIdAttribute, test);
    }

    private QueryNode ResolveAlias(string alias)
    {
        if (alias == Root.ResultAlias || alias == Root.EntityName && !_aliases.ContainsKey(alias))
        {
            return Root;
        }

        if (_aliases.TryGetValue(alias, out var node))
        {
            return node;
        }

        // An unaliased link-entity may be named by its table when that is unambiguous.
        var byTable = _aliases.Values.Where(n => n.EntityName == alias && string.IsNullOrEmpty(n.Alias)).ToList();
        if (byTable.Count == 1)
        {
            return byTable[0];
        }

        throw QueryFaults.Create(QueryFaults.InvalidAlias, $"No link-entity with the alias '{alias}' exists in the query.");
    }

    // ---------------------------------------------------------------- exists links

    /// <summary>any / not any / all / not all (and nested links inside them) as a predicate on the parent.</summary>
    private RowPredicate CompileExists(QueryNode link, QueryNode parent)
    {
        var test = CompileChildTest(link);
        var join = link.Join;
        Func<Entity?, bool> evaluate = parentEntity =>
        {
            if (parentEntity == null)
            {
                return join == JoinKind.NotAny;
            }

            var children = FindChildren(link, parentEntity);
            bool anyMatch = false;
            bool anyChild = false;
            foreach (var child in children)
            {
                anyChild = true;
                if (join == JoinKind.All ? test.Filter(child) : test.Full(child))
                {
                    anyMatch = true;
                    break;
                }
            }

            return join switch
            {
                JoinKind.NotAny => !anyMatch,
                // all: related rows exist and none of them satisfies the link filter.
                JoinKind.All => anyChild && !anyMatch,
                _ => anyMatch,
            };
        };
        if (parent.Slot < 0)
        {
            throw QueryFaults.Invalid("Nested exists link-entities are only supported under joined entities.");
        }

        return new ExistsPredicate(parent.Slot, evaluate);
    }

    private sealed record ChildTest(Func<Entity, bool> Filter, Func<Entity, bool> Full);

    /// <summary>Compiles the link's own filter (slot 0 = the child) plus its nested links as existence tests.</summary>
    private ChildTest CompileChildTest(QueryNode link)
    {
        var saved = link.Slot;
        var savedScope = _childScope;
        link.Slot = 0;
        _childScope = link;
        var items = new List<RowPredicate>();
        if (link.Filter != null)
        {
            var compiled = CompileFilter(link.Filter, link, isTopLevel: true, items);
            if (compiled != null)
            {
                items.Add(compiled);
            }
        }

        var filter = items.Count == 0 ? null : new AndPredicate(items);
        var nested = new List<(QueryNode Node, ChildTest Test)>();
        foreach (var child in link.Links)
        {
            nested.Add((child, CompileChildTest(child)));
        }

        link.Slot = saved;
        _childScope = savedScope;

        bool FilterOnly(Entity entity) => filter == null || filter.Match([entity]);

        bool Full(Entity entity)
        {
            if (!FilterOnly(entity))
            {
                return false;
            }

            foreach (var (node, test) in nested)
            {
                var children = FindChildren(node, entity);
                bool found = false;
                foreach (var c in children)
                {
                    if (test.Full(c))
                    {
                        found = true;
                        break;
                    }
                }

                var ok = node.Join switch
                {
                    JoinKind.LeftOuter => true,
                    JoinKind.NotAny => !found,
                    _ => found,
                };
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        return new ChildTest(FilterOnly, Full);
    }

    // ---------------------------------------------------------------- evaluation

    private sealed record IndexProbe(string Attribute, Guid[] Ids, bool IsPrimaryKey);

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

            var ids = new List<Guid>();
            foreach (var value in condition.Values)
            {
                if (value is System.Collections.IEnumerable sequence and not string)
                {
                    foreach (var item in sequence)
                    {
                        if (QueryValues.ConvertConditionValue(item, type.Value, Root.EntityName, condition.Attribute) is Guid g)
                        {
                            ids.Add(g);
                        }
                    }
                }
                else if (QueryValues.ConvertConditionValue(value, type.Value, Root.EntityName, condition.Attribute) is Guid g)
                {
                    ids.Add(g);
                }
            }

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

    private IEnumerable<Entity> Candidates()
    {
        if (_probe == null)
        {
            return _source.GetRows(Root.EntityName);
        }

        if (_probe.IsPrimaryKey)
        {
            var list = new List<Entity>(_probe.Ids.Length);
            foreach (var id in _probe.Ids)
            {
                var row = _source.GetRow(Root.EntityName, id);
                if (row != null)
                {
                    list.Add(row);
                }
            }

            return list;
        }

        if (_probe.Ids.Length == 1)
        {
            return _source.GetRowsByIndex(Root.EntityName, _probe.Attribute, _probe.Ids[0]) ?? (IEnumerable<Entity>)_source.GetRows(Root.EntityName);
        }

        var all = new List<Entity>();
        foreach (var id in _probe.Ids)
        {
            all.AddRange(_source.GetRowsByIndex(Root.EntityName, _probe.Attribute, id) ?? []);
        }

        return all;
    }

    /// <summary>Filters the root rows, performs the joins and applies the conditions that need joined rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<Entity?[]> Evaluate()
    {
        var width = _slots.Count;
        var rows = new List<Entity?[]>();
        var probe = new Entity?[width];
        foreach (var entity in Candidates())
        {
            probe[0] = entity;
            if (_preJoin != null && !_preJoin.Match(probe))
            {
                continue;
            }

            var row = new Entity?[width];
            row[0] = entity;
            rows.Add(row);
        }

        foreach (var link in Root.Links)
        {
            if (link.IsJoined)
            {
                rows = Join(rows, link);
            }
        }

        if (_postJoin != null)
        {
            rows = rows.FindAll(r => _postJoin.Match(r));
        }

        return rows;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<Entity?[]> Join(List<Entity?[]> rows, QueryNode link)
    {
        var result = new List<Entity?[]>(rows.Count);
        _linkFilters.TryGetValue(link, out var filter);
        var parentSlot = link.Parent!.Slot;
        foreach (var row in rows)
        {
            var parent = row[parentSlot];
            bool produced = false;
            if (parent != null)
            {
                foreach (var child in FindChildren(link, parent))
                {
                    var joined = (Entity?[])row.Clone();
                    joined[link.Slot] = child;
                    var expanded = new List<Entity?[]> { joined };
                    foreach (var nested in link.Links)
                    {
                        if (nested.IsJoined)
                        {
                            expanded = Join(expanded, nested);
                        }
                    }

                    foreach (var candidate in expanded)
                    {
                        if (filter == null || filter.Match(candidate))
                        {
                            result.Add(candidate);
                            produced = true;
                        }
                    }

                    if (produced && link.Join == JoinKind.MatchFirstRow)
                    {
                        break;
                    }
                }
            }

            if (!produced && link.Join == JoinKind.LeftOuter)
            {
                result.Add(row);
            }
        }

        return result;
    }

    /// <summary>Rows of the link's table whose "from" column equals the parent's "to" column.</summary>
    private IEnumerable<Entity> FindChildren(QueryNode link, Entity parent)
    {
        var key = RowPredicate.Read(parent, link.ToAttribute!, link.Parent!.PrimaryIdAttribute);
        if (key == null)
        {
            return [];
        }

        if (key is Guid id)
        {
            if (link.FromAttribute == link.PrimaryIdAttribute)
            {
                var row = _source.GetRow(link.EntityName, id);
                return row == null ? [] : [row];
            }

            var indexed = _source.GetRowsByIndex(link.EntityName, link.FromAttribute!, id);
            if (indexed != null)
            {
                return indexed;
            }
        }

        if (!_hashJoins.TryGetValue(link, out var table))
        {
            table = new Dictionary<object, List<Entity>>();
            foreach (var row in _source.GetRows(link.EntityName))
            {
                var value = RowPredicate.Read(row, link.FromAttribute!, link.PrimaryIdAttribute);
                if (value == null)
                {
                    continue;
                }

                var hashKey = HashKey(value);
                if (!table.TryGetValue(hashKey, out var list))
                {
                    table[hashKey] = list = new List<Entity>();
                }

                list.Add(row);
            }

            _hashJoins[link] = table;
        }

        return table.TryGetValue(HashKey(key), out var matches) ? matches : [];
    }

    private static object HashKey(object value) => value is string s ? s.ToUpperInvariant() : value;

    private void ValidateColumnsAndOrders(QueryNode node)
    {
        foreach (var column in node.Columns)
        {
            RequireAttribute(node.EntityName, column.Name);
        }

        foreach (var order in node.Orders)
        {
            if (order.Attribute != null && !(_plan.Aggregate && order.Alias != null))
            {
                var target = order.EntityName != null ? ResolveAlias(order.EntityName) : node;
                RequireAttribute(target.EntityName, order.Attribute);
            }
        }

        foreach (var link in node.Links)
        {
            ValidateColumnsAndOrders(link);
        }
    }
}
