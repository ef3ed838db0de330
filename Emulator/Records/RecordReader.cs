namespace AccountPlanXrm.Emulator.Records;

/// <summary>What a read hands out: copies of stored rows with the requested columns, lookup names and formatted values.</summary>
internal sealed class RecordReader(XrmEmulator emulator, DataStore store)
{
    /// <summary>A retrieved copy of a stored row: the requested columns, lookup names and formatted values.</summary>
    public Entity Project(Entity stored, ColumnSet columns, bool validate = true)
    {
        var meta = store.GetTable(stored.LogicalName)!.Metadata;
        var result = new Entity(stored.LogicalName, stored.Id) { RowVersion = RecordLocator.RowVersionOf(stored) };
        if (columns.AllColumns)
        {
            foreach (var pair in stored.Attributes)
            {
                AddValue(meta, result, stored, pair.Key, pair.Value);
            }

            return result;
        }

        result[meta.PrimaryIdAttribute] = stored.Id;
        foreach (var column in columns.Columns)
        {
            var name = column.ToLowerInvariant();
            if (meta.FindColumn(name) == null)
            {
                if (validate)
                {
                    throw Faults.UnknownAttribute(meta.LogicalName, column);
                }

                continue;
            }

            if (stored.Attributes.TryGetValue(name, out var value) && value != null)
            {
                AddValue(meta, result, stored, name, value);
            }
        }

        return result;
    }

    /// <summary>An entity image: the registered columns of the row (all for none), unknown names skipped.</summary>
    public Entity Image(Entity source, IReadOnlyList<string> attributes)
    {
        var columns = attributes.Count == 0 ? new ColumnSet(true) : new ColumnSet([.. attributes.Where(a => emulator.Metadata.FindTable(source.LogicalName)?.FindColumn(a) != null)]);
        return Project(source, columns, validate: false);
    }

    /// <summary>Fills lookup names (also inside aliased values) and their formatted values in a query result row.</summary>
    public void CompleteQueryResult(Entity entity)
    {
        foreach (var pair in entity.Attributes)
        {
            var reference = pair.Value switch
            {
                EntityReference { Name: null } r => r,
                AliasedValue { Value: EntityReference { Name: null } aliased } => aliased,
                _ => null,
            };
            if (reference == null)
            {
                continue;
            }

            reference.Name = PrimaryNameOf(reference.LogicalName, reference.Id);
            if (reference.Name != null && !entity.FormattedValues.ContainsKey(pair.Key))
            {
                entity.FormattedValues[pair.Key] = reference.Name;
            }
        }
    }

    public string? PrimaryNameOf(string entity, Guid id)
    {
        var table = store.GetTable(entity);
        var nameColumn = table?.Metadata.PrimaryNameAttribute;
        if (nameColumn == null)
        {
            return null;
        }

        return table!.Find(id)?.Entity.Attributes.TryGetValue(nameColumn, out var name) == true ? name as string : null;
    }

    /// <summary>The symbol of a currency; a record without one is shown in the organization's base currency.</summary>
    public string CurrencySymbol(Guid? currencyId) =>
        store.GetTable("transactioncurrency")?.Find(currencyId ?? emulator.BaseCurrencyId)?.Entity.Attributes.TryGetValue("currencysymbol", out var s) == true && s is string symbol ? symbol : "$";

    private void AddValue(TableMetadata meta, Entity result, Entity stored, string name, object value)
    {
        var copy = EntityCopy.CloneValue(value);
        if (copy is EntityReference reference)
        {
            reference.Name = PrimaryNameOf(reference.LogicalName, reference.Id);
        }

        result.Attributes[name] = copy;
        var column = meta.FindColumn(name);
        var formatted = ValueFormatter.Format(copy, column?.DateOnly == true, new Labels(this, column, stored));
        if (formatted != null)
        {
            result.FormattedValues[name] = formatted;
        }
    }

    /// <summary>The formatter's labels of one stored row's column (lookup names are already on the copied reference).</summary>
    private readonly struct Labels(RecordReader reader, ColumnMetadata? column, Entity stored) : IFormatLabels
    {
        public string? ChoiceLabel(int value) => column?.FindOption(value)?.Label;

        public string CurrencySymbol() =>
            reader.CurrencySymbol(stored.Attributes.TryGetValue("transactioncurrencyid", out var c) && c is EntityReference r ? r.Id : null);

        public string? ReferenceName(EntityReference reference) => reference.Name;
    }
}
