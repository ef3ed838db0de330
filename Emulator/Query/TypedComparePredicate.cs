using System.Runtime.CompilerServices;

namespace AccountPlanXrm.Emulator.Query;

/// <summary>
/// Comparison of a column with one id, choice, number or date value, on the stored SDK value without
/// normalising it (no boxing, no delegates: the hot path of indexed and aggregate queries).
/// </summary>
internal sealed class TypedComparePredicate : RowPredicate
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

    private sealed class Matcher(TypedComparePredicate predicate, object?[] values) : ColumnMatcher
    {
        public override bool Match(int index) => predicate.MatchRaw(values[index]);
    }
}
