using System.Runtime.CompilerServices;

namespace AccountPlanXrm.Emulator.Query;

/// <summary>One order of a query: a column of a joined node.</summary>
internal sealed record SortKey(QueryNode Node, string Attribute, QueryAttributeType Type, bool Descending);

/// <summary>
/// Orders joined rows the way the platform does: entity orders first, then link-entity orders; choices by label
/// (unless <c>useraworderby</c>), lookups by name, nulls first ascending; ties and queries without orders by the
/// root primary key in SQL Server uniqueidentifier order.
/// </summary>
internal sealed class RowOrdering
{
    private readonly BoundQuery _query;
    private readonly RowProjector _projector;

    public RowOrdering(BoundQuery query, RowProjector projector)
    {
        _query = query;
        _projector = projector;
        Keys = CollectSortKeys();
    }

    /// <summary>The query's orders on joined nodes, in the order they apply.</summary>
    public List<SortKey> Keys { get; }

    private List<SortKey> CollectSortKeys()
    {
        var keys = new List<SortKey>();
        void Collect(QueryNode node)
        {
            foreach (var order in node.Orders)
            {
                if (order.Attribute == null)
                {
                    continue;
                }

                var target = order.EntityName != null ? _query.ResolveAlias(order.EntityName) : node;
                if (target.Slot < 0)
                {
                    continue;
                }

                keys.Add(new SortKey(target, order.Attribute, _query.RequireAttribute(target.EntityName, order.Attribute), order.Descending));
            }

            foreach (var link in node.Links)
            {
                if (link.Slot >= 0)
                {
                    Collect(link);
                }
            }
        }

        Collect(_query.Root);
        return keys;
    }

    /// <summary>Sorts by the query's orders; ties (and queries without orders) by the root primary key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public List<Entity?[]> Sort(List<Entity?[]> rows)
    {
        if (rows.Count < 2)
        {
            return rows;
        }

        var keys = Keys;
        var count = rows.Count;
        var values = keys.Count == 0 ? null : new object?[count][];
        var ids = new (ulong High, ulong Low)[count];
        var index = new int[count];
        var sorted = keys.Count == 0;
        for (int i = 0; i < count; i++)
        {
            index[i] = i;
            ids[i] = QueryValues.SqlGuidKey(rows[i][0]!.Id);
            if (values != null)
            {
                var rowKeys = new object?[keys.Count];
                for (int k = 0; k < keys.Count; k++)
                {
                    rowKeys[k] = SortValue(rows[i], keys[k]);
                }

                values[i] = rowKeys;
            }
            else if (sorted && i > 0 && ids[i - 1].CompareTo(ids[i]) > 0)
            {
                sorted = false;
            }
        }

        if (sorted)
        {
            // Already in primary key order (the usual case for a source that enumerates rows by creation).
            return rows;
        }

        Array.Sort(index, (a, b) =>
        {
            if (values != null)
            {
                for (int k = 0; k < keys.Count; k++)
                {
                    var c = QueryValues.Compare(values[a][k], values[b][k]);
                    if (c != 0)
                    {
                        return keys[k].Descending ? -c : c;
                    }
                }
            }

            var byId = ids[a].CompareTo(ids[b]);
            return byId != 0 ? byId : a.CompareTo(b);
        });

        var ordered = new List<Entity?[]>(count);
        foreach (var i in index)
        {
            ordered.Add(rows[i]);
        }

        return ordered;
    }

    /// <summary>The value a joined row sorts by for one order.</summary>
    public object? SortValue(Entity?[] row, SortKey key)
    {
        var raw = RowPredicate.ReadRaw(row[key.Node.Slot], key.Attribute, key.Node.PrimaryIdAttribute);
        return raw switch
        {
            null => null,
            OptionSetValue option when !_query.Plan.UseRawOrderBy => ChoiceSortValue(key, option.Value),
            EntityReference reference => reference.Name ?? _projector.LookupName(reference) ?? (object)reference.Id,
            _ => QueryValues.Normalize(raw),
        };
    }

    /// <summary>Choices sort by their label unless the query asks for raw values.</summary>
    public object ChoiceSortValue(SortKey key, int value) =>
        _query.Plan.UseRawOrderBy ? value : _query.Source.GetChoiceLabel(key.Node.EntityName, key.Attribute, value) ?? (object)value;
}
