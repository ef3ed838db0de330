using System.Runtime.CompilerServices;

namespace AccountPlanXrm.Emulator.Query;

/// <summary>
/// Reads the root rows of a bound query (through the index probe or a scan), applies the root-only conditions,
/// performs the link-entity joins (inner, left outer, match-first-row; nested) and applies the conditions that need
/// joined rows. A joined row holds one entity per slot (null for an unmatched outer link).
/// </summary>
internal sealed class LinkJoiner(BoundQuery query)
{
    private readonly IQuerySource _source = query.Source;
    private readonly Dictionary<QueryNode, Dictionary<object, List<Entity>>> _hashJoins = new();

    private QueryNode Root => query.Root;

    /// <summary>The root rows to test: those the index probe names, or every row.</summary>
    public IEnumerable<Entity> Candidates()
    {
        var probe = query.Probe;
        if (probe == null)
        {
            return _source.GetRows(Root.EntityName);
        }

        if (probe.IsPrimaryKey)
        {
            var list = new List<Entity>(probe.Ids.Length);
            foreach (var id in probe.Ids)
            {
                var row = _source.GetRow(Root.EntityName, id);
                if (row != null)
                {
                    list.Add(row);
                }
            }

            return list;
        }

        if (probe.Ids.Length == 1)
        {
            return _source.GetRowsByIndex(Root.EntityName, probe.Attribute, probe.Ids[0]) ?? (IEnumerable<Entity>)_source.GetRows(Root.EntityName);
        }

        var all = new List<Entity>();
        foreach (var id in probe.Ids)
        {
            all.AddRange(_source.GetRowsByIndex(Root.EntityName, probe.Attribute, id) ?? []);
        }

        return all;
    }

    /// <summary>Filters the root rows, performs the joins and applies the conditions that need joined rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public List<Entity?[]> Evaluate()
    {
        var width = query.Slots.Count;
        var preJoin = query.PreJoin;
        var rows = new List<Entity?[]>();
        var probe = new Entity?[width];
        foreach (var entity in Candidates())
        {
            probe[0] = entity;
            if (preJoin != null && !preJoin.Match(probe))
            {
                continue;
            }

            var row = new Entity?[width];
            row[0] = entity;
            rows.Add(row);
        }

        foreach (var link in Root.Links)
        {
            if (link.IsJoined)
            {
                rows = Join(rows, link);
            }
        }

        if (query.PostJoin is { } postJoin)
        {
            rows = rows.FindAll(r => postJoin.Match(r));
        }

        return rows;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<Entity?[]> Join(List<Entity?[]> rows, QueryNode link)
    {
        var result = new List<Entity?[]>(rows.Count);
        query.LinkFilters.TryGetValue(link, out var filter);
        var parentSlot = link.Parent!.Slot;
        foreach (var row in rows)
        {
            var parent = row[parentSlot];
            bool produced = false;
            if (parent != null)
            {
                foreach (var child in FindChildren(link, parent))
                {
                    var joined = (Entity?[])row.Clone();
                    joined[link.Slot] = child;
                    var expanded = new List<Entity?[]> { joined };
                    foreach (var nested in link.Links)
                    {
                        if (nested.IsJoined)
                        {
                            expanded = Join(expanded, nested);
                        }
                    }

                    foreach (var candidate in expanded)
                    {
                        if (filter == null || filter.Match(candidate))
                        {
                            result.Add(candidate);
                            produced = true;
                        }
                    }

                    if (produced && link.Join == JoinKind.MatchFirstRow)
                    {
                        break;
                    }
                }
            }

            if (!produced && link.Join == JoinKind.LeftOuter)
            {
                result.Add(row);
            }
        }

        return result;
    }

    /// <summary>Rows of the link's table whose "from" column equals the parent's "to" column.</summary>
    public IEnumerable<Entity> FindChildren(QueryNode link, Entity parent) =>
        FindChildren(link, RowPredicate.Read(parent, link.ToAttribute!, link.Parent!.PrimaryIdAttribute));

    /// <summary>Rows of the link's table whose "from" column equals <paramref name="key"/> (a normalised "to" value).</summary>
    public IEnumerable<Entity> FindChildren(QueryNode link, object? key)
    {
        if (key == null)
        {
            return [];
        }

        if (key is Guid id)
        {
            if (link.FromAttribute == link.PrimaryIdAttribute)
            {
                var row = _source.GetRow(link.EntityName, id);
                return row == null ? [] : [row];
            }

            var indexed = _source.GetRowsByIndex(link.EntityName, link.FromAttribute!, id);
            if (indexed != null)
            {
                return indexed;
            }
        }

        if (!_hashJoins.TryGetValue(link, out var table))
        {
            _hashJoins[link] = table = HashTable(link);
        }

        return table.TryGetValue(HashKey(key), out var matches) ? matches : [];
    }

    /// <summary>The link's rows by their "from" value, for joins on columns the source has no index for.</summary>
    private Dictionary<object, List<Entity>> HashTable(QueryNode link)
    {
        var table = new Dictionary<object, List<Entity>>();
        foreach (var row in _source.GetRows(link.EntityName))
        {
            var value = RowPredicate.Read(row, link.FromAttribute!, link.PrimaryIdAttribute);
            if (value == null)
            {
                continue;
            }

            var hashKey = HashKey(value);
            if (!table.TryGetValue(hashKey, out var list))
            {
                table[hashKey] = list = new List<Entity>();
            }

            list.Add(row);
        }

        return table;
    }

    private static object HashKey(object value) => value is string s ? s.ToUpperInvariant() : value;
}
