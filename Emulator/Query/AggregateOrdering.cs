namespace AccountPlanXrm.Emulator.Query;

/// <summary>
/// Orders the rows of an aggregate query by groupby or aggregate aliases (an order on an attribute names the alias
/// of that attribute); choices by label unless <c>useraworderby</c>, lookups by name; otherwise in group order.
/// </summary>
internal sealed class AggregateOrdering(BoundQuery query, List<AggregateColumn> groupColumns, List<AggregateColumn> aggregateColumns)
{
    public List<Entity> Sort(List<Entity> rows)
    {
        var orders = new List<(string Alias, bool Descending)>();
        Collect(query.Root, orders);
        if (orders.Count == 0)
        {
            return rows;
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

    private void Collect(QueryNode node, List<(string Alias, bool Descending)> orders)
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
                Collect(link, orders);
            }
        }
    }

    private object? Key(Entity row, string alias)
    {
        if (!row.Attributes.TryGetValue(alias, out var value))
        {
            return null;
        }

        var inner = value is AliasedValue a ? a.Value : value;
        if (inner is OptionSetValue && row.FormattedValues.TryGetValue(alias, out var label) && !query.Plan.UseRawOrderBy)
        {
            return label;
        }

        if (inner is EntityReference r)
        {
            return r.Name ?? (object)r.Id;
        }

        return QueryValues.Normalize(inner);
    }
}
