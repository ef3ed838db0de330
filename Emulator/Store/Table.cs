using System.Collections;

namespace AccountPlanXrm.Emulator.Store;

/// <summary>Rows of one table in creation order, with an id index, lookup indexes and alternate key indexes.</summary>
internal sealed class Table
{
    private readonly List<Row> _rows = [];
    private readonly Dictionary<Guid, Row> _byId = [];
    private readonly Dictionary<string, Dictionary<Guid, List<Row>>> _indexes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, Guid>> _keys = new(StringComparer.Ordinal);
    private int _deletedCount;
    private ColumnCache? _columnCache;

    public Table(TableMetadata metadata)
    {
        Metadata = metadata;
        foreach (var column in metadata.IndexedColumns)
        {
            _indexes[column] = [];
        }

        foreach (var key in metadata.Keys)
        {
            _keys[key.LogicalName] = new Dictionary<string, Guid>(StringComparer.Ordinal);
        }

        _indexList = [.. _indexes.Select(pair => (pair.Key, pair.Value))];
        Rows = new RowView(this);
    }

    private readonly (string Column, Dictionary<Guid, List<Row>> Index)[] _indexList;

    public TableMetadata Metadata { get; }

    public int Count => _byId.Count;

    /// <summary>Live rows in creation order.</summary>
    public IReadOnlyCollection<Entity> Rows { get; }

    public Row? Find(Guid id) => _byId.TryGetValue(id, out var row) ? row : null;

    public bool HasIndex(string column) => _indexes.ContainsKey(column);

    public IReadOnlyCollection<Entity>? ByIndex(string column, Guid id)
    {
        if (!_indexes.TryGetValue(column, out var index))
        {
            return null;
        }

        return index.TryGetValue(id, out var list) ? new ListView(list) : [];
    }

    public int CountByIndex(string column, Guid id) =>
        _indexes.TryGetValue(column, out var index) && index.TryGetValue(id, out var list) ? list.Count : 0;

    public IEnumerable<Row> RowsByIndex(string column, Guid id) =>
        _indexes.TryGetValue(column, out var index) && index.TryGetValue(id, out var list) ? list.ToArray() : [];

    /// <summary>The id of the row holding these alternate key values, or null.</summary>
    public Guid? FindByKey(EntityKeyMetadata key, string keyValue) =>
        _keys.TryGetValue(key.LogicalName, out var index) && index.TryGetValue(keyValue, out var id) ? id : null;

    /// <summary>
    /// Adds a row. With <paramref name="compact"/> the row keeps a compact copy of <paramref name="entity"/>'s columns
    /// (the caller may reuse the entity afterwards); otherwise it keeps the entity itself.
    /// </summary>
    public Row Insert(long seq, Entity entity, bool compact = false)
    {
        _columnCache = null;
        var row = compact ? new Row(seq, entity, compact: true) : new Row(seq, entity);
        _rows.Add(row);
        _byId.Add(entity.Id, row);
        AddToIndexes(row, entity);
        return row;
    }

    /// <summary>Removes a row inserted last (undo of an insert): the row is gone as if deleted.</summary>
    public void UndoInsert(Row row) => Delete(row);

    public void Replace(Row row, Entity entity)
    {
        _columnCache = null;
        var old = row.Entity;
        foreach (var (column, index) in _indexList)
        {
            var before = IndexValue(old, column);
            var after = IndexValue(entity, column);
            if (before != after)
            {
                if (before is Guid b)
                {
                    Remove(index, b, row);
                }

                if (after is Guid a)
                {
                    Add(index, a, row);
                }
            }
        }

        foreach (var key in Metadata.Keys)
        {
            var before = KeyValue(key, old);
            var after = KeyValue(key, entity);
            if (before != after)
            {
                if (before != null)
                {
                    _keys[key.LogicalName].Remove(before);
                }

                if (after != null)
                {
                    _keys[key.LogicalName][after] = entity.Id;
                }
            }
        }

        row.Entity = entity;
    }

    public void Delete(Row row)
    {
        _columnCache = null;
        RemoveFromIndexes(row, row.Entity);
        _byId.Remove(row.Id);
        row.Deleted = true;
        _deletedCount++;
    }

    public void Undelete(Row row)
    {
        _columnCache = null;
        row.Deleted = false;
        _deletedCount--;
        _byId.Add(row.Id, row);
        AddToIndexes(row, row.Entity);
    }

    /// <summary>Drops deleted rows from the creation-order list; only when no undo entry refers to them.</summary>
    public void Compact()
    {
        if (_deletedCount > 256 && _deletedCount > _rows.Count / 4)
        {
            _rows.RemoveAll(r => r.Deleted);
            _deletedCount = 0;
        }
    }

    /// <summary>
    /// The stored values of one column for the live rows, in creation order (the order of <see cref="Rows"/>); the
    /// primary key column falls back to the row id. Built on first use and kept until the next write to the table,
    /// so repeated scans and aggregates read one array instead of a dictionary per row.
    /// </summary>
    public object?[] ColumnValues(string column)
    {
        var cache = _columnCache ??= new ColumnCache();
        if (cache.Columns.TryGetValue(column, out var values))
        {
            return values;
        }

        values = new object?[_byId.Count];
        var primaryId = Metadata.PrimaryIdAttribute;
        var n = 0;
        foreach (var row in _rows)
        {
            if (row.Deleted)
            {
                continue;
            }

            if (!row.TryGetValue(column, out var value) && column == primaryId && row.Id != Guid.Empty)
            {
                value = row.Id;
            }

            values[n++] = value;
        }

        cache.Columns[column] = values;
        return values;
    }

    public static string? KeyValue(EntityKeyMetadata key, Entity entity)
    {
        var parts = new string[key.Attributes.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!entity.Attributes.TryGetValue(key.Attributes[i], out var value) || value == null)
            {
                return null;
            }

            parts[i] = NormalizeKeyPart(value);
        }

        return string.Join("\u001f", parts);
    }

    public static string NormalizeKeyPart(object value) => value switch
    {
        EntityReference r => r.Id.ToString("N"),
        OptionSetValue o => o.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Money m => m.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        DateTime d => d.ToUniversalTime().Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
        string s => s.ToUpperInvariant(),
        Guid g => g.ToString("N"),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private void AddToIndexes(Row row, Entity entity)
    {
        foreach (var (column, index) in _indexList)
        {
            if (IndexValue(entity, column) is Guid id)
            {
                Add(index, id, row);
            }
        }

        var keys = Metadata.Keys;
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var value = KeyValue(key, entity);
            if (value != null)
            {
                _keys[key.LogicalName][value] = entity.Id;
            }
        }
    }

    private void RemoveFromIndexes(Row row, Entity entity)
    {
        foreach (var (column, index) in _indexList)
        {
            if (IndexValue(entity, column) is Guid id)
            {
                Remove(index, id, row);
            }
        }

        foreach (var key in Metadata.Keys)
        {
            var value = KeyValue(key, entity);
            if (value != null && _keys[key.LogicalName].TryGetValue(value, out var holder) && holder == entity.Id)
            {
                _keys[key.LogicalName].Remove(value);
            }
        }
    }

    private static Guid? IndexValue(Entity entity, string column)
    {
        if (!entity.Attributes.TryGetValue(column, out var value))
        {
            return null;
        }

        return value switch
        {
            EntityReference r => r.Id,
            Guid g => g,
            _ => null,
        };
    }

    private static void Add(Dictionary<Guid, List<Row>> index, Guid id, Row row)
    {
        if (!index.TryGetValue(id, out var list))
        {
            list = [];
            index[id] = list;
        }

        if (list.Count == 0 || list[^1].Seq < row.Seq)
        {
            list.Add(row);
            return;
        }

        var position = BinarySearch(list, row.Seq);
        if (position < 0)
        {
            list.Insert(~position, row);
        }
    }

    private static void Remove(Dictionary<Guid, List<Row>> index, Guid id, Row row)
    {
        if (index.TryGetValue(id, out var list))
        {
            var position = BinarySearch(list, row.Seq);
            if (position >= 0)
            {
                list.RemoveAt(position);
            }

            if (list.Count == 0)
            {
                index.Remove(id);
            }
        }
    }

    private static int BinarySearch(List<Row> list, long seq)
    {
        int lo = 0, hi = list.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var value = list[mid].Seq;
            if (value == seq)
            {
                return mid;
            }

            if (value < seq)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }

    private sealed class ColumnCache
    {
        public Dictionary<string, object?[]> Columns { get; } = new(StringComparer.Ordinal);
    }

    private sealed class RowView(Table table) : IReadOnlyCollection<Entity>
    {
        public int Count => table._byId.Count;

        public IEnumerator<Entity> GetEnumerator()
        {
            var rows = table._rows;
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                if (!row.Deleted)
                {
                    yield return row.Entity;
                }
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class ListView(List<Row> rows) : IReadOnlyCollection<Entity>
    {
        public int Count => rows.Count;

        public IEnumerator<Entity> GetEnumerator()
        {
            for (var i = 0; i < rows.Count; i++)
            {
                yield return rows[i].Entity;
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
