using System.Runtime.CompilerServices;

namespace AccountPlanXrm.Emulator.Query;

/// <summary>
/// Runs a FetchXML aggregate query: groupby (with date grouping) and count, countcolumn, sum, avg, min, max over the
/// qualifying rows, ordered by alias and paged. Without joins the rows are aggregated while the table is scanned (no
/// row materialisation), without groupby over the source's column arrays when it has them; the 50,000-row limit (or
/// the lower aggregatelimit) is checked as rows qualify.
/// </summary>
internal sealed class AggregateRunner
{
    private readonly BoundQuery _query;
    private readonly RowProjector _projector;
    private readonly List<AggregateColumn> _groupColumns = new();
    private readonly List<AggregateColumn> _aggregateColumns = new();

    public AggregateRunner(BoundQuery query)
    {
        _query = query;
        _projector = new RowProjector(query);
    }

    private QueryNode Root => _query.Root;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public EntityCollection Run()
    {
        CollectAggregateColumns(Root);
        if (_aggregateColumns.Count == 0 && _groupColumns.Count == 0)
        {
            throw QueryFaults.Invalid("An aggregate query must have at least one aggregate or groupby attribute.");
        }

        var limit = AggregateLimitValue();
        var groupColumns = _groupColumns;
        var groups = new Dictionary<GroupKey, AggregateGroup>();
        var order = new List<AggregateGroup>();
        var keyBuffer = new object?[groupColumns.Count];
        var aggregates = _aggregateColumns.ToArray();
        AggregateGroup? single = null;
        if (groupColumns.Count == 0)
        {
            // Without groupby an aggregate query returns exactly one row, even over no records.
            single = new AggregateGroup([], [], aggregates.Length);
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
                    keyBuffer[g] = GroupValue(row, groupColumns[g], raw: false);
                }

                if (!groups.TryGetValue(new GroupKey(keyBuffer), out group))
                {
                    var raw = new object?[groupColumns.Count];
                    for (int g = 0; g < groupColumns.Count; g++)
                    {
                        raw[g] = GroupValue(row, groupColumns[g], raw: true);
                    }

                    group = NewGroup(groups, order, keyBuffer, raw, aggregates.Length);
                }
            }

            var accumulators = group.Accumulators;
            for (int a = 0; a < aggregates.Length; a++)
            {
                accumulators[a].Add(aggregates[a], row);
            }
        }

        if (_query.IsRootOnly && _query.Probe == null && TryAggregateColumns(single, groups, order, aggregates, limit))
        {
            // Computed over the source's column arrays.
        }
        else if (_query.IsRootOnly)
        {
            var preJoin = _query.PreJoin;
            var probe = new Entity?[1];
            foreach (var entity in _query.Joiner.Candidates())
            {
                probe[0] = entity;
                if (preJoin == null || preJoin.Match(probe))
                {
                    Add(probe);
                }
            }
        }
        else
        {
            foreach (var row in _query.Joiner.Evaluate())
            {
                Add(row);
            }
        }

        var results = new List<Entity>(order.Count);
        foreach (var group in order)
        {
            results.Add(BuildRow(group));
        }

        results = new AggregateOrdering(_query, _groupColumns, _aggregateColumns).Sort(results);
        var collection = new EntityCollection { EntityName = Root.EntityName };
        var (start, take) = ResultPage.Cut(_query.Plan, results.Count, collection, cookieStart: null);
        for (int i = start; i < start + take; i++)
        {
            collection.Entities.Add(results[i]);
        }

        return collection;
    }

    /// <summary>50,000 rows, or less when the query's aggregatelimit lowers it.</summary>
    private int AggregateLimitValue()
    {
        var limit = QueryExecutor.AggregateRecordLimit;
        if (_query.Plan.AggregateLimit is int requested && requested > 0 && requested < limit)
        {
            limit = requested;
        }

        return limit;
    }

    private void CollectAggregateColumns(QueryNode node)
    {
        if (node.AllColumns && node == Root && node.Columns.Count == 0)
        {
            throw QueryFaults.Invalid("An aggregate query cannot request all attributes.");
        }

        foreach (var column in node.Columns)
        {
            var type = _query.RequireAttribute(node.EntityName, column.Name);
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

            var entry = new AggregateColumn(node, column, type, column.Alias!);
            (column.GroupBy ? _groupColumns : _aggregateColumns).Add(entry);
        }

        foreach (var link in node.Links)
        {
            if (link.Slot >= 0)
            {
                CollectAggregateColumns(link);
            }
        }
    }

    private static bool IsNumeric(QueryAttributeType type) =>
        type is QueryAttributeType.Integer or QueryAttributeType.BigInt or QueryAttributeType.Decimal
            or QueryAttributeType.Double or QueryAttributeType.Money;

    /// <summary>A group seen for the first time, kept in first-seen order.</summary>
    private static AggregateGroup NewGroup(
        Dictionary<GroupKey, AggregateGroup> groups, List<AggregateGroup> order, object?[] keys, object?[] rawKeys, int aggregates)
    {
        var group = new AggregateGroup((object?[])keys.Clone(), rawKeys, aggregates);
        groups[new GroupKey(group.Keys)] = group;
        order.Add(group);
        return group;
    }

    /// <summary>A row's groupby value: normalised (strings upper-cased) to group by, or as stored to return.</summary>
    private static object? GroupValue(Entity?[] row, AggregateColumn column, bool raw) =>
        GroupValueOf(RowPredicate.ReadRaw(row[column.Node.Slot], column.Column.Name, column.Node.PrimaryIdAttribute), column, raw);

    /// <summary>The groupby value of a stored column value (see <see cref="GroupValue"/>).</summary>
    private static object? GroupValueOf(object? stored, AggregateColumn column, bool raw)
    {
        var value = raw ? stored : QueryValues.Normalize(stored);
        if (column.Column.DateGrouping != DateGrouping.None)
        {
            return value is DateTime d ? DatePart(d, column.Column.DateGrouping) : null;
        }

        return !raw && value is string s ? s.ToUpperInvariant() : value;
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
    /// An aggregate over a full scan of the root table, read from the source's column arrays
    /// (<see cref="IQuerySource.GetColumnValues"/>): the filter, the groupby values and the aggregated values. False
    /// when the source has none or the filter needs the rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryAggregateColumns(
        AggregateGroup? single, Dictionary<GroupKey, AggregateGroup> groups, List<AggregateGroup> order, AggregateColumn[] aggregates, int limit)
    {
        var source = _query.Source;
        var table = Root.EntityName;
        object?[]? Column(string name) => source.GetColumnValues(table, name);
        ColumnMatcher? matcher = null;
        if (_query.PreJoin != null && (matcher = _query.PreJoin.BindColumns(Column)) == null)
        {
            return false;
        }

        var groupColumns = _groupColumns;
        var groupValues = new object?[groupColumns.Count][];
        var length = -1;
        for (var g = 0; g < groupValues.Length; g++)
        {
            if (Column(groupColumns[g].Column.Name) is not { } column)
            {
                return false;
            }

            groupValues[g] = column;
            length = column.Length;
        }

        var values = new object?[]?[aggregates.Length];
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
        var keyBuffer = new object?[groupValues.Length];
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

            var group = single;
            if (group == null)
            {
                for (var g = 0; g < groupValues.Length; g++)
                {
                    keyBuffer[g] = GroupValueOf(groupValues[g][i], groupColumns[g], raw: false);
                }

                if (!groups.TryGetValue(new GroupKey(keyBuffer), out group))
                {
                    var raw = new object?[groupValues.Length];
                    for (var g = 0; g < groupValues.Length; g++)
                    {
                        raw[g] = GroupValueOf(groupValues[g][i], groupColumns[g], raw: true);
                    }

                    group = NewGroup(groups, order, keyBuffer, raw, aggregates.Length);
                }
            }

            var accumulators = group.Accumulators;
            for (var a = 0; a < aggregates.Length; a++)
            {
                var column = values[a];
                accumulators[a].AddRaw(aggregates[a], column == null ? null : column[i]);
            }
        }

        return true;
    }

    private Entity BuildRow(AggregateGroup group)
    {
        var entity = new Entity(Root.EntityName);
        for (int g = 0; g < _groupColumns.Count; g++)
        {
            var column = _groupColumns[g];
            var raw = group.RawKeys[g];
            if (raw == null)
            {
                continue;
            }

            var formatted = column.Column.DateGrouping != DateGrouping.None
                ? Convert.ToString(raw, CultureInfo.InvariantCulture)
                : _projector.Format(column.Node.EntityName, column.Column.Name, raw, record: null);
            SetAliased(entity, column, _projector.Copy(raw), formatted);
        }

        for (int a = 0; a < _aggregateColumns.Count; a++)
        {
            var column = _aggregateColumns[a];
            // Over no values the platform still returns the alias, with a null value.
            var value = group.Accumulators[a].Result(column);
            var formatted = value switch
            {
                Money m => m.Value.ToString("N2", CultureInfo.InvariantCulture),
                int i => i.ToString("N0", CultureInfo.InvariantCulture),
                long l => l.ToString("N0", CultureInfo.InvariantCulture),
                decimal d => d.ToString("N2", CultureInfo.InvariantCulture),
                double db => db.ToString("N2", CultureInfo.InvariantCulture),
                _ => null,
            };
            SetAliased(entity, column, value, formatted);
        }

        return entity;
    }

    private static void SetAliased(Entity entity, AggregateColumn column, object? value, string? formatted)
    {
        entity[column.Alias] = new AliasedValue(column.Node.EntityName, column.Column.Name, value);
        if (formatted != null)
        {
            entity.FormattedValues[column.Alias] = formatted;
        }
    }
}
