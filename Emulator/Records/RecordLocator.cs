namespace AccountPlanXrm.Emulator.Records;

/// <summary>Finds tables and rows the way requests name them: logical name, id, primary key column or alternate key.</summary>
internal sealed class RecordLocator(DataStore store)
{
    public Table TableOrFault(string? logicalName)
    {
        if (string.IsNullOrEmpty(logicalName))
        {
            throw Faults.Invalid("The entity name must be specified.");
        }

        return store.GetTable(logicalName) ?? throw Faults.UnknownEntity(logicalName);
    }

    /// <summary>The id a reference points to: its Id, or the row found by its alternate key values.</summary>
    public Guid ResolveReference(EntityReference reference)
    {
        var table = TableOrFault(reference.LogicalName);
        if (reference.Id != Guid.Empty)
        {
            if (table.Find(reference.Id) == null)
            {
                throw Faults.NotFound(reference.LogicalName, reference.Id);
            }

            return reference.Id;
        }

        if (reference.KeyAttributes != null && reference.KeyAttributes.Count > 0)
        {
            return FindByKeyOrFault(table, reference.KeyAttributes);
        }

        throw Faults.Invalid($"The reference to '{reference.LogicalName}' has neither an Id nor key attributes.");
    }

    /// <summary>The row a Retrieve or Delete target names (by Id, else by its alternate key), or the not-found fault.</summary>
    public (Table Table, Row Row) RowOf(EntityReference target)
    {
        var table = TableOrFault(target.LogicalName);
        var id = target.Id != Guid.Empty || target.KeyAttributes == null || target.KeyAttributes.Count == 0
            ? target.Id
            : FindByKeyOrFault(table, target.KeyAttributes);
        return (table, table.Find(id) ?? throw Faults.NotFound(target.LogicalName, id));
    }

    public Guid? FindByKey(Table table, KeyAttributeCollection keyAttributes)
    {
        var names = keyAttributes.Keys.Select(k => k.ToLowerInvariant()).OrderBy(k => k, StringComparer.Ordinal).ToArray();
        if (names.Length == 1 && names[0] == table.Metadata.PrimaryIdAttribute && keyAttributes[keyAttributes.Keys.First()] is Guid pk)
        {
            return table.Find(pk) != null ? pk : null;
        }

        var key = table.Metadata.Keys.FirstOrDefault(k => k.Attributes.OrderBy(a => a, StringComparer.Ordinal).SequenceEqual(names))
            ?? throw Faults.Create(
                ErrorCodes.InvalidArgument,
                $"The key attributes ({string.Join(", ", names)}) do not match an alternate key of the '{table.Metadata.LogicalName}' entity.");
        var probe = new Entity(table.Metadata.LogicalName);
        foreach (var pair in keyAttributes)
        {
            var column = table.Metadata.FindColumn(pair.Key.ToLowerInvariant()) ?? throw Faults.UnknownAttribute(table.Metadata.LogicalName, pair.Key);
            probe[column.LogicalName] = pair.Value is EntityReference r ? new EntityReference(r.LogicalName, r.Id) : pair.Value;
        }

        var value = Table.KeyValue(key, probe);
        return value == null ? null : table.FindByKey(key, value);
    }

    public Guid FindByKeyOrFault(Table table, KeyAttributeCollection keyAttributes) =>
        FindByKey(table, keyAttributes) ?? throw Faults.Create(
            ErrorCodes.RecordNotFoundByEntityKey,
            $"A record with the specified key values does not exist in {table.Metadata.LogicalName} entity");

    /// <summary>The id of an Update/Upsert target: Id, primary key column, or alternate key.</summary>
    public Guid? TargetId(Table table, Entity target)
    {
        if (target.Id != Guid.Empty)
        {
            return target.Id;
        }

        if (target.Attributes.TryGetValue(table.Metadata.PrimaryIdAttribute, out var pk) && pk is Guid g && g != Guid.Empty)
        {
            return g;
        }

        if (target.KeyAttributes != null && target.KeyAttributes.Count > 0)
        {
            return FindByKey(table, target.KeyAttributes);
        }

        return null;
    }

    /// <summary>
    /// Optimistic concurrency of Update and Delete: with <see cref="ConcurrencyBehavior.IfRowVersionMatches"/> the
    /// request's RowVersion must equal the stored row's versionnumber. Codes and wording as the platform returns them
    /// (ConcurrencyVersionNotProvided 0x8006088D, ConcurrencyVersionMismatch 0x80060882; learn.microsoft.com,
    /// "Optimistic concurrency" and DeleteRequest.ConcurrencyBehavior).
    /// </summary>
    public static void CheckRowVersion(Entity stored, string? rowVersion, ConcurrencyBehavior concurrency)
    {
        if (concurrency != ConcurrencyBehavior.IfRowVersionMatches)
        {
            return;
        }

        if (string.IsNullOrEmpty(rowVersion))
        {
            throw Faults.Create(ErrorCodes.ConcurrencyVersionNotProvided, "The RowVersion property must be provided when the value of ConcurrencyBehavior is IfVersionMatches.");
        }

        if (RowVersionOf(stored) != rowVersion)
        {
            throw Faults.Create(ErrorCodes.ConcurrencyVersionMismatch, "The version of the existing record doesn't match the RowVersion property provided.");
        }
    }

    /// <summary>The row version the platform hands out with a row (its versionnumber), null for a table without one.</summary>
    public static string? RowVersionOf(Entity stored) =>
        stored.Attributes.TryGetValue("versionnumber", out var version) && version is long number ? number.ToString(CultureInfo.InvariantCulture) : null;
}
