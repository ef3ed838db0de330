using System.Runtime.CompilerServices;

namespace AccountPlanXrm.Emulator.Query;

/// <summary>A compiled filter over a joined row (one entity per slot; null for an unmatched outer link).</summary>
internal abstract class RowPredicate
{
    /// <summary>The highest slot the predicate reads; 0 means it only needs the root entity.</summary>
    public abstract int MaxSlot { get; }

    public abstract bool Match(Entity?[] row);

    /// <summary>
    /// A rough price of one <see cref="Match"/>: 1 for a column test, more for a test that walks a hierarchy or looks
    /// up linked rows. "and" and "or" test their parts cheapest first; the parts have no side effects, so the order
    /// changes the time a filter takes, never its result (SQL gives no evaluation order either).
    /// </summary>
    public virtual int Cost => 1;

    /// <summary>The parts in the order to test them: cheapest first, written order among equals.</summary>
    protected static RowPredicate[] CheapestFirst(List<RowPredicate> items) => [.. items.OrderBy(i => i.Cost)];

    /// <summary>
    /// The same test over column arrays of the root rows (<see cref="IQuerySource.GetColumnValues"/>): index i is
    /// the i-th root row. Null when the predicate needs the rows themselves.
    /// </summary>
    public virtual ColumnMatcher? BindColumns(Func<string, object?[]?> columns) => null;

    /// <summary>Reads a column of the entity in a slot, normalised; null when absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static object? Read(Entity? entity, string attribute, string primaryId)
    {
        if (entity == null)
        {
            return null;
        }

        if (entity.Attributes.TryGetValue(attribute, out var value))
        {
            return QueryValues.Normalize(value);
        }

        if (attribute == primaryId && entity.Id != Guid.Empty)
        {
            return entity.Id;
        }

        return null;
    }

    /// <summary>Reads a column of the entity without normalising it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static object? ReadRaw(Entity? entity, string attribute, string primaryId)
    {
        if (entity == null)
        {
            return null;
        }

        if (entity.Attributes.TryGetValue(attribute, out var value))
        {
            return value;
        }

        if (attribute == primaryId && entity.Id != Guid.Empty)
        {
            return entity.Id;
        }

        return null;
    }
}

/// <summary>
/// "and" (every part holds; none: true) or "or" (some part holds; none: true), testing the cheapest parts first, on
/// joined rows or bound to column arrays.
/// </summary>
internal abstract class JunctionPredicate(List<RowPredicate> items, bool any) : RowPredicate
{
    private readonly RowPredicate[] _items = CheapestFirst(items);

    public override int MaxSlot { get; } = items.Count == 0 ? 0 : items.Max(i => i.MaxSlot);

    public override int Cost { get; } = items.Sum(i => i.Cost);

    public override bool Match(Entity?[] row)
    {
        foreach (var item in _items)
        {
            if (item.Match(row) == any)
            {
                return any;
            }
        }

        return !any || _items.Length == 0;
    }

    public override ColumnMatcher? BindColumns(Func<string, object?[]?> columns)
    {
        var bound = new ColumnMatcher[_items.Length];
        for (var i = 0; i < bound.Length; i++)
        {
            if (_items[i].BindColumns(columns) is not { } matcher)
            {
                return null;
            }

            bound[i] = matcher;
        }

        return new Matcher(bound, any);
    }

    private sealed class Matcher(ColumnMatcher[] items, bool any) : ColumnMatcher
    {
        public override bool Match(int index)
        {
            foreach (var item in items)
            {
                if (item.Match(index) == any)
                {
                    return any;
                }
            }

            return !any || items.Length == 0;
        }
    }
}

internal sealed class AndPredicate(List<RowPredicate> items) : JunctionPredicate(items, any: false);

internal sealed class OrPredicate(List<RowPredicate> items) : JunctionPredicate(items, any: true);

/// <summary>A predicate bound to column arrays: tests the root row at an index.</summary>
internal abstract class ColumnMatcher
{
    public abstract bool Match(int index);
}

/// <summary>A condition on one column: the stored value (normalised) is passed to a test.</summary>
internal sealed class ValuePredicate(int slot, string attribute, string primaryId, Func<object?, bool> test) : RowPredicate
{
    public override int MaxSlot => slot;

    public string Attribute => attribute;

    public override bool Match(Entity?[] row) => test(Read(row[slot], attribute, primaryId));

    public override ColumnMatcher? BindColumns(Func<string, object?[]?> columns) =>
        slot == 0 && columns(attribute) is { } values ? new Matcher(values, test) : null;

    private sealed class Matcher(object?[] values, Func<object?, bool> test) : ColumnMatcher
    {
        public override bool Match(int index) => test(QueryValues.Normalize(values[index]));
    }
}

/// <summary>A condition that needs the whole entity (hierarchy operators).</summary>
internal sealed class EntityPredicate(int slot, Func<Entity?, bool> test) : RowPredicate
{
    public override int MaxSlot => slot;

    /// <summary>A hierarchy test reads the row's ancestors.</summary>
    public override int Cost => 10;

    public override bool Match(Entity?[] row) => test(row[slot]);
}

/// <summary>Compares two columns of the joined row (CompareColumns / valueof).</summary>
internal sealed class ColumnComparePredicate(
    int slot, string attribute, string primaryId, int otherSlot, string otherAttribute, string otherPrimaryId,
    Func<int, bool> test) : RowPredicate
{
    public override int MaxSlot => Math.Max(slot, otherSlot);

    public override int Cost => 2;

    public override bool Match(Entity?[] row)
    {
        var left = Read(row[slot], attribute, primaryId);
        var right = Read(row[otherSlot], otherAttribute, otherPrimaryId);
        if (left == null || right == null)
        {
            return false;
        }

        return test(QueryValues.Compare(left, right));
    }
}

/// <summary>
/// any / not any / all / not all link-entities evaluated for the entity in the parent slot: the answer for the
/// parent's (normalised) "to" value; a missing parent (unmatched outer link) passes "not any" only.
/// </summary>
internal sealed class ExistsPredicate(int parentSlot, string toAttribute, string parentPrimaryId, bool noParentMatches, Func<object?, bool> answerFor)
    : RowPredicate
{
    public override int MaxSlot => parentSlot;

    /// <summary>Looks up the linked rows and tests their filters.</summary>
    public override int Cost => 100;

    public override bool Match(Entity?[] row) =>
        row[parentSlot] is { } parent ? answerFor(Read(parent, toAttribute, parentPrimaryId)) : noParentMatches;

    /// <summary>On the root rows: the "to" column's stored values (ids of lookups read without boxing a new value per row).</summary>
    public override ColumnMatcher? BindColumns(Func<string, object?[]?> columns) =>
        parentSlot == 0 && columns(toAttribute) is { } values ? new Matcher(values, answerFor) : null;

    private sealed class Matcher(object?[] values, Func<object?, bool> answerFor) : ColumnMatcher
    {
        private readonly Dictionary<Guid, bool> _byId = [];

        public override bool Match(int index)
        {
            if (values[index] is not EntityReference reference)
            {
                return answerFor(QueryValues.Normalize(values[index]));
            }

            if (!_byId.TryGetValue(reference.Id, out var answer))
            {
                _byId[reference.Id] = answer = answerFor(reference.Id);
            }

            return answer;
        }
    }
}

internal sealed class ConstantPredicate(bool value) : RowPredicate
{
    public override int MaxSlot => 0;

    public override bool Match(Entity?[] row) => value;

    public override ColumnMatcher? BindColumns(Func<string, object?[]?> columns) => new Constant(value);

    private sealed class Constant(bool value) : ColumnMatcher
    {
        public override bool Match(int index) => value;
    }
}
