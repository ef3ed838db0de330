namespace AccountPlanXrm.Emulator.Query;

/// <summary>
/// Builds the returned entities of a query: the requested columns of the root and of the joined links (as
/// <see cref="AliasedValue"/>), copies of the stored values with lookup names filled in, and their formatted values.
/// Caches looked-up names and currency symbols for one execution.
/// </summary>
internal sealed class RowProjector(BoundQuery query)
{
    private readonly IQuerySource _source = query.Source;
    private readonly Dictionary<(string, Guid), string?> _names = new();
    private readonly Dictionary<Guid, string?> _currencySymbols = new();

    private QueryNode Root => query.Root;

    /// <summary>The result entity of a joined row (for distinct: without the primary key unless it is selected).</summary>
    public Entity Project(Entity?[] row, bool distinct = false)
    {
        var root = row[0]!;
        var entity = new Entity(Root.EntityName);
        if (!distinct)
        {
            entity.Id = root.Id;
            entity[Root.PrimaryIdAttribute] = root.Id;

            // The platform returns each row with its RowVersion (the versionnumber system column).
            if (root.Attributes.TryGetValue("versionnumber", out var version) && version is long number)
            {
                entity.RowVersion = number.ToString(CultureInfo.InvariantCulture);
            }
        }

        AddColumns(entity, Root, root, aliased: false, distinct);
        for (int slot = 1; slot < row.Length; slot++)
        {
            var child = row[slot];
            if (child != null)
            {
                AddColumns(entity, query.Slots[slot], child, aliased: true, distinct);
            }
        }

        return entity;
    }

    private void AddColumns(Entity target, QueryNode node, Entity source, bool aliased, bool distinct)
    {
        if (node.AllColumns)
        {
            foreach (var pair in source.Attributes)
            {
                AddColumn(target, node, source, pair.Key, alias: null, aliased);
            }

            if (!source.Attributes.Contains(node.PrimaryIdAttribute) && source.Id != Guid.Empty)
            {
                AddColumn(target, node, source, node.PrimaryIdAttribute, alias: null, aliased);
            }
        }

        foreach (var column in node.Columns)
        {
            if (column.Aggregate != AggregateKind.None)
            {
                continue;
            }

            AddColumn(target, node, source, column.Name, column.Alias, aliased);
        }

        if (distinct && !aliased && target.Attributes.TryGetValue(node.PrimaryIdAttribute, out var id) && id is Guid g)
        {
            target.Id = g;
        }
    }

    private void AddColumn(Entity target, QueryNode node, Entity source, string attribute, string? alias, bool aliased)
    {
        var raw = RowPredicate.ReadRaw(source, attribute, node.PrimaryIdAttribute);
        if (raw == null)
        {
            return;
        }

        var value = Copy(raw);
        string key;
        if (aliased || alias != null)
        {
            key = alias ?? node.ResultAlias + "." + attribute;
            value = new AliasedValue(node.EntityName, attribute, value);
        }
        else
        {
            key = attribute;
        }

        target[key] = value;
        var formatted = Format(node.EntityName, attribute, raw, source);
        if (formatted != null)
        {
            target.FormattedValues[key] = formatted;
        }
    }

    /// <summary>A copy of a stored value to return; a lookup gets the name of the row it points to.</summary>
    public object? Copy(object raw)
    {
        var value = QueryValues.Clone(raw);
        if (value is EntityReference reference && reference.Name == null)
        {
            reference.Name = LookupName(reference);
        }

        return value;
    }

    /// <summary>The primary name of the row a lookup points to (cached), null when unknown.</summary>
    public string? LookupName(EntityReference reference)
    {
        if (reference.Name != null)
        {
            return reference.Name;
        }

        if (string.IsNullOrEmpty(reference.LogicalName))
        {
            return null;
        }

        var cacheKey = (reference.LogicalName, reference.Id);
        if (_names.TryGetValue(cacheKey, out var cached))
        {
            return cached;
        }

        string? name = null;
        if (_source.TableExists(reference.LogicalName))
        {
            var nameAttribute = _source.GetPrimaryNameAttribute(reference.LogicalName);
            if (nameAttribute != null)
            {
                var row = _source.GetRow(reference.LogicalName, reference.Id);
                if (row != null && row.Attributes.TryGetValue(nameAttribute, out var value))
                {
                    name = value as string;
                }
            }
        }

        _names[cacheKey] = name;
        return name;
    }

    /// <summary>The formatted value the platform returns next to a column (choices, two options, money, dates, lookups).</summary>
    public string? Format(string table, string attribute, object raw, Entity? record) =>
        ValueFormatter.Format(
            raw,
            raw is DateTime && _source.GetAttributeType(table, attribute) == QueryAttributeType.DateOnly,
            new Labels(this, table, attribute, record));

    private readonly struct Labels(RowProjector projector, string table, string attribute, Entity? record) : IFormatLabels
    {
        public string? ChoiceLabel(int value) => projector._source.GetChoiceLabel(table, attribute, value);

        public string CurrencySymbol() => projector.CurrencySymbol(record);

        public string? ReferenceName(EntityReference reference) => reference.Name ?? projector.LookupName(reference);
    }

    /// <summary>The symbol of the record's currency (the source decides for a record without one); none for aggregates.</summary>
    private string CurrencySymbol(Entity? record)
    {
        if (record == null)
        {
            return "";
        }

        Guid? id = record.Attributes.TryGetValue("transactioncurrencyid", out var value) && value is EntityReference currency ? currency.Id : null;
        var key = id ?? Guid.Empty;
        if (!_currencySymbols.TryGetValue(key, out var symbol))
        {
            symbol = _source.GetCurrencySymbol(id);
            _currencySymbols[key] = symbol;
        }

        return symbol ?? "";
    }
}
