using System.Runtime.CompilerServices;

namespace AccountPlanXrm.Emulator.Query;

/// <summary>A compiled filter over a joined row (one entity per slot; null for an unmatched outer link).</summary>
internal abstract class RowPredicate
{
    /// <summary>The highest slot the predicate reads; 0 means it only needs the root entity.</summary>
    public abstract int MaxSlot { get; }

    public abstract bool Match(Entity?[] row);

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

internal sealed class AndPredicate(List<RowPredicate> items) : RowPredicate
{
    private readonly RowPredicate[] _items = items.ToArray();

    public override int MaxSlot { get; } = items.Count == 0 ? 0 : items.Max(i => i.MaxSlot);

    public override bool Match(Entity?[] row)
    {
        foreach (var item in _items)
        {
            if (!item.Match(row))
            {
                return false;
            }
        }

        return true;
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

        return new AndColumnMatcher(bound);
    }

    private sealed class AndColumnMatcher(ColumnMatcher[] items) : ColumnMatcher
    {
        public override bool Match(int index)
        {
            foreach (var item in items)
            {
                if (!item.Match(index))
                {
                    return false;
                }
            }

            return true;
        }
    }
}

/// <summary>A predicate bound to column arrays: tests the root row at an index.</summary>
internal abstract class ColumnMatcher
{
    public abstract bool Match(int index);
}

internal sealed class OrPredicate(List<RowPredicate> items) : RowPredicate
{
    private readonly RowPredicate[] _items = items.ToArray();

    public override int MaxSlot { get; } = items.Count == 0 ? 0 : items.Max(i => i.MaxSlot);

    public override bool Match(Entity?[] row)
    {
        foreach (var item in _items)
        {
            if (item.Match(row))
            {
                return true;
            }
        }

        return _items.Length == 0;
    }
}

/// <summary>A condition on one column: the stored value (normalised) is passed to a test.</summary>
internal sealed class ValuePredicate(int slot, string attribute, string primaryId, Func<object?, bool> test) : RowPredicate
{
    public override int MaxSlot => slot;

    public string Attribute => attribute;

    public override bool Match(Entity?[] row) => test(Read(row[slot], attribute, primaryId));
}

/// <summary>A condition that needs the whole entity (hierarchy operators).</summary>
internal sealed class EntityPredicate(int slot, Func<Entity?, bool> test) : RowPredicate
{
    public override int MaxSlot => slot;

    public override bool Match(Entity?[] row) => test(row[slot]);
}

/// <summary>Compares two columns of the joined row (CompareColumns / valueof).</summary>
internal sealed class ColumnComparePredicate(
    int slot, string attribute, string primaryId, int otherSlot, string otherAttribute, string otherPrimaryId,
    Func<int, bool> test) : RowPredicate
{
    public override int MaxSlot => Math.Max(slot, otherSlot);

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

/// <summary>any / not any / all / not all link-entities evaluated for the entity in the parent slot.</summary>
internal sealed class ExistsPredicate(int parentSlot, Func<Entity?, bool> test) : RowPredicate
{
    public override int MaxSlot => parentSlot;

    public override bool Match(Entity?[] row) => test(row[parentSlot]);
}

internal sealed class ConstantPredicate(bool value) : RowPredicate
{
    public override int MaxSlot => 0;

    public override bool Match(Entity?[] row) => value;
}
