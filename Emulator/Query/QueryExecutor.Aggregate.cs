using System.Runtime.CompilerServices;
using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Emulator.Query;

internal sealed partial class QueryExecutor
{
    private sealed class AggregateColumn
    {
        public required QueryNode Node { get; init; }
        public required QueryColumn Column { get; init; }
        public required QueryAttributeType Type { get; init; }
        public required string Alias { get; init; }
    }

    private sealed class Group
    {
        public required object?[] Keys { get; init; }
        public required object?[] RawKeys { get; init; }
        public required Accumulator[] Accumulators { get; init; }
    }

    private sealed class Accumulator
    {
        public int Count;
        public decimal Sum;
        public double DoubleSum;
        public object? Min;
        public object? Max;
        public object? MinRaw;
        public object? MaxRaw;
        public HashSet<object>? Distinct;
    }

    // ---------------------------------------------------------------- aggregates

    /// <summary>
    /// Runs an aggregate query. Without joins the rows are aggregated while the table is scanned (no row
    /// materialisation); the 50,000-row limit (or the lower aggregatelimit) is checked as rows qualify.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private EntityCollection Aggregate()
    {
        var groupColumns = new List<AggregateColumn>();
        var aggregateColumns = new List<AggregateColumn>();
        CollectAggregateColumns(Root, groupColumns, aggregateColumns);
        if (aggregateColumns.Count == 0 && groupColumns.Count == 0)
        {
            throw QueryFaults.Invalid("An aggregate query must have at least one aggregate or groupby attribute.");
        }

        var limit = AggregateLimitValue();
        var groups = new Dictionary<GroupKey, Group>();
        var order = new List<Group>();
        var keyBuffer = new object?[groupColumns.Count];
        var aggregates = aggregateColumns.ToArray();
        Group? single = null;
        if (groupColumns.Count == 0)
        {
            // Without groupby an aggregate query returns exactly one row, even over no records.
            single = NewGroup([], [], aggregates.Length);
            order.Add(single);
        }

        var counted = 0;
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Add(Entity?[] row)
        {
            if (++counted > limit)
            {
                throw QueryFaults.AggregateLimit();
            }

            var group = single;
            if (group == null)
            {
                for (int g = 0; g < groupColumns.Count; g++)
                {
                    keyBuffer[g] = GroupValue(row, groupColumns[g]);
                }

                if (!groups.TryGetValue(new GroupKey(keyBuffer), out group))
                {
                    var raw = new object?[groupColumns.Count];
                    for (int g = 0; g < groupColumns.Count; g++)
                    {
                        raw[g] = GroupRawValue(row, groupColumns[g]);
                    }

                    group = NewGroup((object?[])keyBuffer.Clone(), raw, aggregates.Length);
                    groups[new GroupKey(group.Keys)] = group;
                    order.Add(group);
                }
            }

            var accumulators = group.Accumulators;
            for (int a = 0; a < aggregates.Length; a++)
            {
                Accumulate(accumulators[a], aggregates[a], row);
            }
        }

        if (single != null && _slots.Count == 1 && _postJoin == null && _probe == null && TryAggregateColumns(single, aggregates, limit))
        {
            // Computed over the source's column arrays.
        }
        else if (_slots.Count == 1 && _postJoin == null)
        {
            var probe = new Entity?[1];
            foreach (var entity in Candidates())
            {
                probe[0] = entity;
                if (_preJoin == null || _preJoin.Match(probe))
                {
                    Add(probe);
                }
            }
        }
        else
        {
            foreach (var row in Evaluate())
            {
                Add(row);
            }
        }

        var results = new List<Entity>(order.Count);
        foreach (var group in order)
        {
            results.Add(BuildAggregateRow(group, groupColumns, aggregateColumns));
        }

        results = OrderAggregateRows(results, groupColumns, aggregateColumns);

        var collection = new EntityCollection { EntityName = Root.EntityName };
        var total = results.Count;
        var page = Math.Max(_plan.PageNumber, 1);
        var size = _plan.Top ?? (_plan.Count > 0 ? Math.Min(_plan.Count, MaxPageSize) : MaxPageSize);
        var start = _plan.Top != null ? 0 : Math.Min((page - 1) * size, total);
        var take = Math.Min(size, total - start);
        for (int i = start; i < start + take; i++)
        {
            collection.Entities.Add(results[i]);
        }

        collection.MoreRecords = _plan.Top == null && start + take < total;
        SetTotalRecordCount(collection, total);
        return collection;
    }

    private static Group NewGroup(object?[] keys, object?[] raw, int aggregateCount)
    {
        var accumulators = new Accumulator[aggregateCount];
        for (int a = 0; a < accumulators.Length; a++)
        {
            accumulators[a] = new Accumulator();
        }

        return new Group { Keys = keys, RawKeys = raw, Accumulators = accumulators };
    }

    /// <summary>50,000 rows, or less when the query's aggregatelimit lowers it.</summary>
    private int AggregateLimitValue()
    {
        var limit = AggregateRecordLimit;
        if (_plan.AggregateLimit is int requested && requested > 0 && requested < limit)
        {
            limit = requested;
        }

        return limit;
    }

    private void CollectAggregateColumns(QueryNode node, List<AggregateColumn> groups, List<AggregateColumn> aggregates)
    {
        if (node.AllColumns && node == Root && node.Columns.Count == 0)
        {
            throw QueryFaults.Invalid("An aggregate query cannot request all attributes.");
        }

        foreach (var column in node.Columns)
        {
            var type = RequireAttribute(node.EntityName, column.Name);
            if (column.Aggregate == AggregateKind.None && !column.GroupBy)
            {
                throw QueryFaults.Invalid(
                    "An attribute can not be requested when an aggregate operation has been specified and its neither groupby nor aggregate. NodeXml : attribute " + column.Name);
            }

            if (string.IsNullOrEmpty(column.Alias))
            {
                throw QueryFaults.Invalid($"Aggregate and groupby attributes require an alias: attribute {column.Name}.");
            }

            if (column.Aggregate is AggregateKind.Sum or AggregateKind.Avg && !IsNumeric(type))
            {
                throw QueryFaults.Invalid($"The aggregate '{column.Aggregate.ToString().ToLowerInvariant()}' is not valid for the attribute '{column.Name}' of type {type}.");
            }

            if (column.DateGrouping != DateGrouping.None && type is not (QueryAttributeType.DateTime or QueryAttributeType.DateOnly))
            {
                throw QueryFaults.Invalid($"Date grouping is only valid on date attributes: {column.Name}.");
            }

            var entry = new AggregateColumn { Node = node, Column = column, Type = type, Alias = column.Alias! };
            if (column.GroupBy)
            {
                groups.Add(entry);
            }
            else
            {
                aggregates.Add(entry);
            }
        }

        foreach (var link in node.Links)
        {
            if (link.Slot >= 0)
            {
                CollectAggregateColumns(link, groups, aggregates);
            }
        }
    }

    private static bool IsNumeric(QueryAttributeType type) =>
        type is QueryAttributeType.Integer or QueryAttributeType.BigInt or QueryAttributeType.Decimal
            or QueryAttributeType.Double or QueryAttributeType.Money;

    private static object? GroupValue(Entity?[] row, AggregateColumn column)
    {
        var value = RowPredicate.Read(row[column.Node.Slot], column.Column.Name, column.Node.PrimaryIdAttribute);
        if (column.Column.DateGrouping != DateGrouping.None)
        {
            return value is DateTime d ? DatePart(d, column.Column.DateGrouping) : null;
        }

        return value is string s ? s.ToUpperInvariant() : value;
    }

    private static object? GroupRawValue(Entity?[] row, AggregateColumn column)
    {
        var raw = RowPredicate.ReadRaw(row[column.Node.Slot], column.Column.Name, column.Node.PrimaryIdAttribute);
        if (column.Column.DateGrouping != DateGrouping.None)
        {
            return raw is DateTime d ? DatePart(d, column.Column.DateGrouping) : null;
        }

        return raw;
    }

    private static int DatePart(DateTime date, DateGrouping grouping) => grouping switch
    {
        DateGrouping.Day => date.Day,
        // SQL Server DATEPART(week): week 1 holds January 1st, weeks start on Sunday.
        DateGrouping.Week => (date.DayOfYear - 1 + (int)new DateTime(date.Year, 1, 1).DayOfWeek) / 7 + 1,
        DateGrouping.Month => date.Month,
        DateGrouping.Quarter or DateGrouping.FiscalPeriod => (date.Month - 1) / 3 + 1,
        _ => date.Year,
    };

    /// <summary>
    /// An aggregate without groupby over a full scan of the root table, read from the source's column arrays
    /// (<see cref="IQuerySource.GetColumnValues"/>). False when the source has none or the filter needs the rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryAggregateColumns(Group group, AggregateColumn[] aggregates, int limit)
    {
        object?[]? Column(string name) => _source.GetColumnValues(Root.EntityName, name);
        ColumnMatcher? matcher = null;
        if (_preJoin != null && (matcher = _preJoin.BindColumns(Column)) == null)
        {
            return false;
        }

        var values = new object?[]?[aggregates.Length];
        var length = -1;
        for (var a = 0; a < aggregates.Length; a++)
        {
            if (aggregates[a].Column.Aggregate == AggregateKind.Count)
            {
                continue;
            }

            if ((values[a] = Column(aggregates[a].Column.Name)) is not { } column)
            {
                return false;
            }

            length = column.Length;
        }

        if (length < 0)
        {
            if (Column(Root.PrimaryIdAttribute) is not { } ids)
            {
                return false;
            }

            length = ids.Length;
        }

        var counted = 0;
        var accumulators = group.Accumulators;
        for (var i = 0; i < length; i++)
        {
            if (matcher != null && !matcher.Match(i))
            {
                continue;
            }

            if (++counted > limit)
            {
                throw QueryFaults.AggregateLimit();
            }

            for (var a = 0; a < aggregates.Length; a++)
            {
                var column = values[a];
                AccumulateRaw(accumulators[a], aggregates[a], column == null ? null : column[i]);
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Accumulate(Accumulator accumulator, AggregateColumn column, Entity?[] row)
    {
        if (column.Column.Aggregate == AggregateKind.Count)
        {
            accumulator.Count++;
            return;
        }

        var entity = row[column.Node.Slot];
        if (entity == null)
        {
            return;
        }

        object? raw;
        if (!entity.Attributes.TryGetValue(column.Column.Name, out raw))
        {
            raw = column.Column.Name == column.Node.PrimaryIdAttribute && entity.Id != Guid.Empty ? entity.Id : null;
        }

        AccumulateRaw(accumulator, column, raw);
    }

    /// <summary>Adds one stored value (null when the column is empty) to an accumulator.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AccumulateRaw(Accumulator accumulator, AggregateColumn column, object? raw)
    {
        var kind = column.Column.Aggregate;
        if (kind == AggregateKind.Count)
        {
            accumulator.Count++;
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
                    (accumulator.Distinct ??= new HashSet<object>()).Add(normalized is string s ? s.ToUpperInvariant() : normalized);
                }
                else
                {
                    accumulator.Count++;
                }

                return;
            case AggregateKind.Sum:
            case AggregateKind.Avg:
                accumulator.Count++;
                switch (raw)
                {
                    case Money m:
                        accumulator.Sum += m.Value;
                        break;
                    case int i:
                        accumulator.Sum += i;
                        break;
                    case long l:
                        accumulator.Sum += l;
                        break;
                    case decimal d:
                        accumulator.Sum += d;
                        break;
                    case double db:
                        accumulator.DoubleSum += db;
                        break;
                }

                return;
            case AggregateKind.Min:
            case AggregateKind.Max:
                var value = QueryValues.Normalize(raw);
                if (accumulator.Count == 0 || QueryValues.Compare(value, accumulator.Min) < 0)
                {
                    accumulator.Min = value;
                    accumulator.MinRaw = raw;
                }

                if (accumulator.Count == 0 || QueryValues.Compare(value, accumulator.Max) > 0)
                {
                    accumulator.Max = value;
                    accumulator.MaxRaw = raw;
                }

                accumulator.Count++;
                return;
        }
    }

    private Entity BuildAggregateRow(Group group, List<AggregateColumn> groupColumns, List<AggregateColumn> aggregateColumns)
    {
        var entity = new Entity(Root.EntityName);
        for (int g = 0; g < groupColumns.Count; g++)
        {
            var column = groupColumns[g];
            var raw = group.RawKeys[g];
            if (raw == null)
            {
                continue;
            }

            var value = QueryValues.Clone(raw);
            if (value is EntityReference reference && reference.Name == null)
            {
                reference.Name = LookupName(reference);
            }

            entity[column.Alias] = new AliasedValue(column.Node.EntityName, column.Column.Name, value);
            var formatted = column.Column.DateGrouping != DateGrouping.None
                ? Convert.ToString(raw, CultureInfo.InvariantCulture)
                : Format(column.Node.EntityName, column.Column.Name, raw, record: null);
            if (formatted != null)
            {
                entity.FormattedValues[column.Alias] = formatted;
            }
        }

        for (int a = 0; a < aggregateColumns.Count; a++)
        {
            var column = aggregateColumns[a];
            // Over no values the platform still returns the alias, with a null value.
            var value = AggregateResult(group.Accumulators[a], column);
            entity[column.Alias] = new AliasedValue(column.Node.EntityName, column.Column.Name, value);
            var formatted = value switch
            {
                Money m => m.Value.ToString("N2", CultureInfo.InvariantCulture),
                int i => i.ToString("N0", CultureInfo.InvariantCulture),
                long l => l.ToString("N0", CultureInfo.InvariantCulture),
                decimal d => d.ToString("N2", CultureInfo.InvariantCulture),
                double db => db.ToString("N2", CultureInfo.InvariantCulture),
                _ => null,
            };
            if (formatted != null)
            {
                entity.FormattedValues[column.Alias] = formatted;
            }
        }

        return entity;
    }

    /// <summary>
    /// The platform's result types: count and countcolumn are int; sum keeps the column type (Money for money,
    /// int for whole numbers); avg is Money for money, double for floating point and decimal otherwise; min and
    /// max keep the column type. Sum, avg, min and max over no values are null.
    /// </summary>
    private static object? AggregateResult(Accumulator accumulator, AggregateColumn column)
    {
        switch (column.Column.Aggregate)
        {
            case AggregateKind.Count:
                return accumulator.Count;
            case AggregateKind.CountColumn:
                return accumulator.Distinct?.Count ?? accumulator.Count;
            case AggregateKind.Sum:
                if (accumulator.Count == 0)
                {
                    return null;
                }

                return column.Type switch
                {
                    QueryAttributeType.Money => new Money(accumulator.Sum),
                    QueryAttributeType.Integer => (int)accumulator.Sum,
                    QueryAttributeType.BigInt => (long)accumulator.Sum,
                    QueryAttributeType.Double => accumulator.DoubleSum,
                    _ => accumulator.Sum,
                };
            case AggregateKind.Avg:
                if (accumulator.Count == 0)
                {
                    return null;
                }

                return column.Type switch
                {
                    QueryAttributeType.Money => new Money(accumulator.Sum / accumulator.Count),
                    QueryAttributeType.Double => accumulator.DoubleSum / accumulator.Count,
                    _ => accumulator.Sum / accumulator.Count,
                };
            case AggregateKind.Min:
                return accumulator.Count == 0 ? null : QueryValues.Clone(accumulator.MinRaw);
            case AggregateKind.Max:
                return accumulator.Count == 0 ? null : QueryValues.Clone(accumulator.MaxRaw);
            default:
                return null;
        }
    }

    private List<Entity> OrderAggregateRows(List<Entity> rows, List<AggregateColumn> groupColumns, List<AggregateColumn> aggregateColumns)
    {
        var orders = new List<(string Alias, bool Descending)>();
        void Collect(QueryNode node)
        {
            foreach (var order in node.Orders)
            {
                if (order.Alias != null)
                {
                    orders.Add((order.Alias, order.Descending));
                }
                else if (order.Attribute != null)
                {
                    var match = groupColumns.Concat(aggregateColumns)
                        .FirstOrDefault(c => c.Node == node && c.Column.Name == order.Attribute);
                    if (match == null)
                    {
                        throw QueryFaults.Invalid($"An aggregate query can only be ordered by a groupby or aggregate alias: {order.Attribute}.");
                    }

                    orders.Add((match.Alias, order.Descending));
                }
            }

            foreach (var link in node.Links)
            {
                if (link.Slot >= 0)
                {
                    Collect(link);
                }
            }
        }

        Collect(Root);
        if (orders.Count == 0)
        {
            return rows;
        }

        object? Key(Entity e, string alias)
        {
            if (!e.Attributes.TryGetValue(alias, out var value))
            {
                return null;
            }

            var inner = value is AliasedValue a ? a.Value : value;
            if (inner is OptionSetValue && e.FormattedValues.TryGetValue(alias, out var label) && !_plan.UseRawOrderBy)
            {
                return label;
            }

            if (inner is EntityReference r)
            {
                return r.Name ?? (object)r.Id;
            }

            return QueryValues.Normalize(inner);
        }

        var indexed = rows.Select((row, index) => (row, index)).ToList();
        indexed.Sort((x, y) =>
        {
            foreach (var (alias, descending) in orders)
            {
                var c = QueryValues.Compare(Key(x.row, alias), Key(y.row, alias));
                if (c != 0)
                {
                    return descending ? -c : c;
                }
            }

            return x.index.CompareTo(y.index);
        });
        return indexed.Select(x => x.row).ToList();
    }

    /// <summary>Value-equality key over the groupby values of a row.</summary>
    private readonly struct GroupKey(object?[] values) : IEquatable<GroupKey>
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
}
