using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

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

/// <summary>
/// Comparison of a column with one id, choice, number or date value, on the stored SDK value without
/// normalising it (no boxing, no delegates: the hot path of indexed and aggregate queries).
/// </summary>
internal sealed partial class TypedComparePredicate : RowPredicate
{
    private readonly int _slot;
    private readonly string _attribute;
    private readonly string _primaryId;
    private readonly ConditionOperator _op;
    private readonly int _kind;
    private readonly Guid _guid;
    private readonly int _int;
    private readonly decimal _decimal;
    private readonly DateTime _date;

    public TypedComparePredicate(int slot, string attribute, string primaryId, ConditionOperator op, object value)
    {
        _slot = slot;
        _attribute = attribute;
        _primaryId = primaryId;
        _op = op;
        switch (value)
        {
            case Guid g:
                _kind = 0;
                _guid = g;
                break;
            case int i:
                _kind = 1;
                _int = i;
                break;
            case decimal d:
                _kind = 2;
                _decimal = d;
                break;
            default:
                _kind = 3;
                _date = (DateTime)value;
                break;
        }
    }

    public override int MaxSlot => _slot;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override bool Match(Entity?[] row) => MatchRaw(ReadRaw(row[_slot], _attribute, _primaryId));

    public override ColumnMatcher? BindColumns(Func<string, object?[]?> columns) =>
        _slot == 0 && columns(_attribute) is { } values ? new Matcher(this, values) : null;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool MatchRaw(object? raw)
    {
        if (raw == null)
        {
            return false;
        }

        int c;
        switch (_kind)
        {
            case 0:
                var id = raw is EntityReference r ? r.Id : raw is Guid g ? g : Guid.Empty;
                if (id == Guid.Empty)
                {
                    return false;
                }

                return (id == _guid) == (_op == ConditionOperator.Equal);
            case 1:
                if (raw is OptionSetValue o)
                {
                    c = o.Value.CompareTo(_int);
                }
                else if (raw is int x)
                {
                    c = x.CompareTo(_int);
                }
                else
                {
                    return false;
                }

                break;
            case 2:
                switch (raw)
                {
                    case Money m:
                        c = m.Value.CompareTo(_decimal);
                        break;
                    case int i:
                        c = ((decimal)i).CompareTo(_decimal);
                        break;
                    case long l:
                        c = ((decimal)l).CompareTo(_decimal);
                        break;
                    case decimal d:
                        c = d.CompareTo(_decimal);
                        break;
                    default:
                        return false;
                }

                break;
            default:
                if (raw is not DateTime t)
                {
                    return false;
                }

                c = t.CompareTo(_date);
                break;
        }

        return _op switch
        {
            ConditionOperator.Equal => c == 0,
            ConditionOperator.NotEqual => c != 0,
            ConditionOperator.GreaterThan => c > 0,
            ConditionOperator.GreaterEqual => c >= 0,
            ConditionOperator.LessThan => c < 0,
            _ => c <= 0,
        };
    }
}

/// <summary>A condition that needs the whole entity (hierarchy operators).</summary>
internal sealed partial class TypedComparePredicate
{
    private sealed class Matcher(TypedComparePredicate predicate, object?[] values) : ColumnMatcher
    {
        public override bool Match(int index) => predicate.MatchRaw(values[index]);
    }
}

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

/// <summary>SQL LIKE (%, _, [set], [^set]) evaluated case-insensitively.</summary>
internal static class LikePattern
{
    public static Regex Compile(string pattern)
    {
        var builder = new StringBuilder("^");
        for (int i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '%':
                    builder.Append(".*");
                    break;
                case '_':
                    builder.Append('.');
                    break;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        builder.Append(@"\[");
                        break;
                    }

                    var set = pattern.Substring(i + 1, close - i - 1);
                    builder.Append('[');
                    if (set.StartsWith('^'))
                    {
                        builder.Append('^');
                        set = set.Substring(1);
                    }

                    foreach (var s in set)
                    {
                        builder.Append(s == '-' ? "-" : Regex.Escape(s.ToString()));
                    }

                    builder.Append(']');
                    i = close;
                    break;
                default:
                    builder.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        builder.Append('$');
        return new Regex(builder.ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    /// <summary>Escapes LIKE wildcards so a literal value can be embedded in a pattern.</summary>
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '%' or '_' or '[')
            {
                builder.Append('[').Append(c).Append(']');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
