namespace AccountPlanXrm.Emulator.Store;

/// <summary>
/// The in-memory database: one <see cref="Table"/> per table of the metadata, created on first use, and an
/// undo journal. Every write records how to undo it; a transaction is a position in the journal and a
/// rollback undoes back to it, so writes of nested plug-in requests are undone with their parent.
/// </summary>
internal sealed class DataStore
{
    private readonly MetadataSet _metadata;
    private readonly Dictionary<string, Table> _tables = new(StringComparer.Ordinal);
    private readonly List<UndoEntry> _journal = [];
    private long _seq;

    public DataStore(MetadataSet metadata)
    {
        _metadata = metadata;
    }

    public int JournalPosition => _journal.Count;

    public Table? GetTable(string logicalName)
    {
        if (_tables.TryGetValue(logicalName, out var table))
        {
            return table;
        }

        var metadata = _metadata.FindTable(logicalName);
        if (metadata == null)
        {
            return null;
        }

        table = new Table(metadata);
        _tables[logicalName] = table;
        return table;
    }

    public IEnumerable<Table> Tables => _tables.Values;

    public Row Insert(Table table, Entity entity, bool compact = false)
    {
        var row = table.Insert(++_seq, entity, compact);
        _journal.Add(new UndoEntry(UndoKind.Insert, table, row, null, null));
        return row;
    }

    public void Replace(Table table, Row row, Entity entity)
    {
        var old = row.Entity;
        table.Replace(row, entity);
        _journal.Add(new UndoEntry(UndoKind.Replace, table, row, old, null));
    }

    public void Delete(Table table, Row row)
    {
        table.Delete(row);
        _journal.Add(new UndoEntry(UndoKind.Delete, table, row, null, null));
    }

    /// <summary>
    /// The transaction scope of every request: runs <paramref name="work"/>, undoes everything it wrote (nested
    /// requests included) when it throws, and forgets the journal afterwards when this scope is the outermost one.
    /// </summary>
    public TResult InTransaction<TState, TResult>(bool outermost, TState state, Func<TState, TResult> work)
    {
        var position = _journal.Count;
        TResult result;
        try
        {
            result = work(state);
        }
        catch
        {
            RollbackTo(position);
            throw;
        }

        if (outermost)
        {
            CommitAll();
        }

        return result;
    }

    /// <summary>Records an arbitrary undo action (e.g. removing a queued async job).</summary>
    public void RecordUndo(Action undo) => _journal.Add(new UndoEntry(UndoKind.Custom, null, null, null, undo));

    public void RollbackTo(int position)
    {
        if (position >= _journal.Count)
        {
            return;
        }

        for (var i = _journal.Count - 1; i >= position; i--)
        {
            var entry = _journal[i];
            switch (entry.Kind)
            {
                case UndoKind.Insert:
                    entry.Table!.UndoInsert(entry.Row!);
                    break;
                case UndoKind.Replace:
                    entry.Table!.Replace(entry.Row!, entry.Old!);
                    break;
                case UndoKind.Delete:
                    entry.Table!.Undelete(entry.Row!);
                    break;
                case UndoKind.Custom:
                    entry.Undo!();
                    break;
            }
        }

        _journal.RemoveRange(position, _journal.Count - position);
    }

    /// <summary>Forgets the undo journal once the outermost transaction has committed.</summary>
    public void CommitAll()
    {
        if (_journal.Count == 0)
        {
            return;
        }

        var touched = _journal.Count > 64;
        _journal.Clear();
        if (touched)
        {
            foreach (var table in _tables.Values)
            {
                table.Compact();
            }
        }
    }

    private enum UndoKind
    {
        Insert,
        Replace,
        Delete,
        Custom,
    }

    private readonly record struct UndoEntry(UndoKind Kind, Table? Table, Row? Row, Entity? Old, Action? Undo);
}
