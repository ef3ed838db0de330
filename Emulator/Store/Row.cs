namespace AccountPlanXrm.Emulator.Store;

/// <summary>
/// A stored record. A row written by Create is kept in a compact form (its column names and values in write order,
/// one array) and becomes an <see cref="Entity"/> only when something reads it; every later write replaces the
/// entity (stored entities are never mutated).
/// </summary>
internal sealed class Row
{
    private Entity? _entity;
    private object?[]? _pairs;
    private readonly string? _logicalName;

    public Row(long seq, Entity entity)
    {
        Seq = seq;
        _entity = entity;
        Id = entity.Id;
    }

    /// <summary>A row from the columns of <paramref name="written"/>, copied into one array of name/value pairs.</summary>
    public Row(long seq, Entity written, bool compact)
    {
        Seq = seq;
        Id = written.Id;
        _logicalName = written.LogicalName;
        var pairs = new object?[written.Attributes.Count * 2];
        var i = 0;
        foreach (var pair in written.Attributes)
        {
            pairs[i++] = pair.Key;
            pairs[i++] = pair.Value;
        }

        _pairs = pairs;
    }

    public long Seq { get; }

    public Guid Id { get; }

    /// <summary>The stored entity (built from the compact form on first read).</summary>
    public Entity Entity
    {
        get => _entity ??= Materialize();
        set
        {
            _entity = value;
            _pairs = null;
        }
    }

    public bool Deleted { get; set; }

    /// <summary>A column's stored value without building the entity.</summary>
    public bool TryGetValue(string column, out object? value)
    {
        if (_pairs is { } pairs)
        {
            for (var i = 0; i < pairs.Length; i += 2)
            {
                if (string.Equals((string)pairs[i]!, column, StringComparison.Ordinal))
                {
                    value = pairs[i + 1];
                    return true;
                }
            }

            value = null;
            return false;
        }

        return Entity.Attributes.TryGetValue(column, out value);
    }

    private Entity Materialize()
    {
        var pairs = _pairs!;
        var entity = new Entity(_logicalName!, Id);
        for (var i = 0; i < pairs.Length; i += 2)
        {
            entity.Attributes[(string)pairs[i]!] = pairs[i + 1]!;
        }

        _pairs = null;
        return entity;
    }
}
