namespace AccountPlanXrm.Emulator.Query;

/// <summary>
/// Compiles the filters of a bound query into <see cref="RowPredicate"/>s: conditions (through
/// <see cref="ConditionCompiler"/>), column comparisons, and/or groups and the filtering link-entities
/// (in/exists/any, not any, all, not all) as existence tests on their parent.
/// </summary>
internal sealed class FilterCompiler(BoundQuery query)
{
    private readonly ConditionCompiler _conditions = new(query.Source);

    /// <summary>The link inside an any / not any / all / not all link-entity whose filter is being compiled.</summary>
    private QueryNode? _childScope;

    /// <summary>The conditions compiled so far (the platform allows at most 500).</summary>
    public int ConditionCount { get; private set; }

    /// <summary>The conjunction of the parts: null for none, the part itself for one.</summary>
    public static RowPredicate? All(List<RowPredicate> parts) =>
        parts.Count == 0 ? null : parts.Count == 1 ? parts[0] : new AndPredicate(parts);

    /// <summary>The node's filter (top-level "and" parts one by one) and its filtering links.</summary>
    public List<RowPredicate> CompileNodeFilters(QueryNode node)
    {
        var items = CompileTopLevel(node);
        foreach (var link in node.Links)
        {
            if (!link.IsJoined)
            {
                items.Add(CompileExists(link, node));
            }
        }

        return items;
    }

    /// <summary>The parts of the node's filter; those of a top-level "and" one by one (so root-only parts can run before the joins).</summary>
    private List<RowPredicate> CompileTopLevel(QueryNode node)
    {
        var items = new List<RowPredicate>();
        if (node.Filter is { } filter)
        {
            var parts = CompileParts(filter, node);
            if (filter.IsOr)
            {
                if (Combine(filter, parts) is { } compiled)
                {
                    items.Add(compiled);
                }
            }
            else
            {
                items.AddRange(parts);
            }
        }

        return items;
    }

    private List<RowPredicate> CompileParts(QueryFilter filter, QueryNode owner)
    {
        var parts = new List<RowPredicate>();
        foreach (var condition in filter.Conditions)
        {
            parts.Add(CompileCondition(condition, owner));
        }

        foreach (var child in filter.Filters)
        {
            if (Combine(child, CompileParts(child, owner)) is { } compiled)
            {
                parts.Add(compiled);
            }
        }

        foreach (var link in filter.Links)
        {
            parts.Add(CompileExists(link, owner));
        }

        return parts;
    }

    private static RowPredicate? Combine(QueryFilter filter, List<RowPredicate> parts) =>
        filter.IsOr && parts.Count > 1 ? new OrPredicate(parts) : All(parts);

    private RowPredicate CompileCondition(QueryCondition condition, QueryNode owner)
    {
        ConditionCount++;
        var node = owner;
        var attribute = condition.Attribute;
        if (!string.IsNullOrEmpty(condition.EntityName) && condition.EntityName != owner.ResultAlias)
        {
            node = query.ResolveAlias(condition.EntityName!);
        }

        if (string.IsNullOrEmpty(attribute))
        {
            throw QueryFaults.Invalid("A condition must name an attribute.");
        }

        if (_childScope != null && node != _childScope)
        {
            throw QueryFaults.Invalid("A condition inside an any, not any, all or not all link-entity can only refer to that link-entity.");
        }

        var type = query.RequireAttribute(node.EntityName, attribute);
        if (condition.CompareColumns)
        {
            return CompileColumnComparison(condition, node);
        }

        if (node.Slot < 0)
        {
            throw QueryFaults.Create(QueryFaults.InvalidAlias, $"The condition on '{condition.EntityName}' refers to a link-entity that returns no rows.");
        }

        return _conditions.Compile(node, condition, type);
    }

    private RowPredicate CompileColumnComparison(QueryCondition condition, QueryNode node)
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
            otherNode = query.ResolveAlias(other[..dot]);
            otherAttribute = other[(dot + 1)..];
        }

        query.RequireAttribute(otherNode.EntityName, otherAttribute);
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
        return new ColumnComparePredicate(
            node.Slot, condition.Attribute, node.PrimaryIdAttribute, otherNode.Slot, otherAttribute, otherNode.PrimaryIdAttribute, test);
    }

    // ---------------------------------------------------------------- filtering links

    /// <summary>
    /// any / not any / all / not all (and nested links inside them) as a predicate on the parent. The answer depends
    /// only on the parent's "to" value (the link's filter may refer to the link's own rows only), so within one query
    /// it is worked out once per distinct value: many parents sharing a few linked rows (opportunities of one account
    /// tree) cost one lookup each.
    /// </summary>
    private RowPredicate CompileExists(QueryNode link, QueryNode parent)
    {
        var test = CompileChildTest(link);
        if (parent.Slot < 0)
        {
            throw QueryFaults.Invalid("Nested exists link-entities are only supported under joined entities.");
        }

        var join = link.Join;
        var joiner = query.Joiner;
        var answers = new Dictionary<object, bool>();

        bool AnswerFor(object? key)
        {
            if (key == null)
            {
                return Answer(null);
            }

            if (!answers.TryGetValue(key, out var answer))
            {
                answers[key] = answer = Answer(key);
            }

            return answer;
        }

        bool Answer(object? key)
        {
            bool anyMatch = false;
            bool anyChild = false;
            foreach (var child in joiner.FindChildren(link, key))
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
        }

        return new ExistsPredicate(parent.Slot, link.ToAttribute!, link.Parent!.PrimaryIdAttribute, join == JoinKind.NotAny, AnswerFor);
    }

    private sealed record ChildTest(Func<Entity, bool> Filter, Func<Entity, bool> Full);

    /// <summary>Compiles the link's own filter (slot 0 = the child) plus its nested links as existence tests.</summary>
    private ChildTest CompileChildTest(QueryNode link)
    {
        var saved = link.Slot;
        var savedScope = _childScope;
        link.Slot = 0;
        _childScope = link;
        var filter = All(CompileTopLevel(link));
        var nested = new List<(QueryNode Node, ChildTest Test)>();
        foreach (var child in link.Links)
        {
            nested.Add((child, CompileChildTest(child)));
        }

        link.Slot = saved;
        _childScope = savedScope;
        var joiner = query.Joiner;

        bool FilterOnly(Entity entity) => filter == null || filter.Match([entity]);

        bool Full(Entity entity)
        {
            if (!FilterOnly(entity))
            {
                return false;
            }

            foreach (var (node, test) in nested)
            {
                var found = joiner.FindChildren(node, entity).Any(test.Full);
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
}
