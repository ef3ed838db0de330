using System.Runtime.CompilerServices;

namespace AccountPlanXrm.Emulator.Query;

/// <summary>A groupby or aggregate attribute of an aggregate query, bound to its node and column type.</summary>
internal sealed record AggregateColumn(QueryNode Node, QueryColumn Column, QueryAttributeType Type, string Alias);

/// <summary>The running value of one aggregate attribute over the rows of one group.</summary>
internal sealed class Accumulator
{
    private int _count;
    private decimal _sum;
    private double _doubleSum;
    private object? _min;
    private object? _max;
    private object? _minRaw;
    private object? _maxRaw;
    private HashSet<object>? _distinct;

    /// <summary>Adds the column's value in a joined row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(AggregateColumn column, Entity?[] row)
    {
        if (column.Column.Aggregate == AggregateKind.Count)
        {
            _count++;
            return;
        }

        var entity = row[column.Node.Slot];
        if (entity == null)
        {
            return;
        }

        if (!entity.Attributes.TryGetValue(column.Column.Name, out var raw))
        {
            raw = column.Column.Name == column.Node.PrimaryIdAttribute && entity.Id != Guid.Empty ? entity.Id : null;
        }

        AddRaw(column, raw);
    }

    /// <summary>Adds one stored value (null when the column is empty).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRaw(AggregateColumn column, object? raw)
    {
        var kind = column.Column.Aggregate;
        if (kind == AggregateKind.Count)
        {
            _count++;
            return;
        }

        if (raw == null)
        {
            return;
        }

        switch (kind)
        {
            case AggregateKind.CountColumn:
                if (column.Column.Distinct)
                {
                    var normalized = QueryValues.Normalize(raw)!;
                    (_distinct ??= new HashSet<object>()).Add(normalized is string s ? s.ToUpperInvariant() : normalized);
                }
                else
                {
                    _count++;
                }

                return;
            case AggregateKind.Sum:
            case AggregateKind.Avg:
                _count++;
                if (raw is double db)
                {
                    _doubleSum += db;
                }
                else
                {
                    _sum += raw switch
                    {
                        Money m => m.Value,
                        int i => i,
                        long l => l,
                        decimal d => d,
                        _ => 0m,
                    };
                }

                return;
            case AggregateKind.Min:
            case AggregateKind.Max:
                var value = QueryValues.Normalize(raw);
                if (_count == 0 || QueryValues.Compare(value, _min) < 0)
                {
                    _min = value;
                    _minRaw = raw;
                }

                if (_count == 0 || QueryValues.Compare(value, _max) > 0)
                {
                    _max = value;
                    _maxRaw = raw;
                }

                _count++;
                return;
        }
    }

    /// <summary>
    /// The platform's result types: count and countcolumn are int; sum keeps the column type (Money for money,
    /// int for whole numbers); avg is Money for money, double for floating point and decimal otherwise; min and
    /// max keep the column type. Sum, avg, min and max over no values are null.
    /// </summary>
    public object? Result(AggregateColumn column)
    {
        var kind = column.Column.Aggregate;
        if (kind == AggregateKind.Count)
        {
            return _count;
        }

        if (kind == AggregateKind.CountColumn)
        {
            return _distinct?.Count ?? _count;
        }

        if (_count == 0)
        {
            return null;
        }

        return kind switch
        {
            AggregateKind.Sum => column.Type switch
            {
                QueryAttributeType.Money => new Money(_sum),
                QueryAttributeType.Integer => (int)_sum,
                QueryAttributeType.BigInt => (long)_sum,
                QueryAttributeType.Double => _doubleSum,
                _ => _sum,
            },
            AggregateKind.Avg => column.Type switch
            {
                QueryAttributeType.Money => new Money(_sum / _count),
                QueryAttributeType.Double => _doubleSum / _count,
                _ => _sum / _count,
            },
            AggregateKind.Min => QueryValues.Clone(_minRaw),
            AggregateKind.Max => QueryValues.Clone(_maxRaw),
            _ => null,
        };
    }
}

/// <summary>One group of an aggregate query: its groupby values (normalised and as stored) and its accumulators.</summary>
internal sealed class AggregateGroup
{
    public AggregateGroup(object?[] keys, object?[] rawKeys, int aggregateCount)
    {
        Keys = keys;
        RawKeys = rawKeys;
        Accumulators = new Accumulator[aggregateCount];
        for (int a = 0; a < aggregateCount; a++)
        {
            Accumulators[a] = new Accumulator();
        }
    }

    public object?[] Keys { get; }

    public object?[] RawKeys { get; }

    public Accumulator[] Accumulators { get; }
}

/// <summary>Value-equality key over the groupby values of a row.</summary>
internal readonly struct GroupKey(object?[] values) : IEquatable<GroupKey>
{
    private readonly object?[] _values = values;

    public bool Equals(GroupKey other)
    {
        if (_values.Length != other._values.Length)
        {
            return false;
        }

        for (int i = 0; i < _values.Length; i++)
        {
            if (!Equals(_values[i], other._values[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is GroupKey other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in _values)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }
}
