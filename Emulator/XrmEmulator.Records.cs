using System.Globalization;
using AccountPlanXrm.Emulator.Metadata;
using AccountPlanXrm.Emulator.Pipeline;
using AccountPlanXrm.Emulator.Store;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Emulator;

/// <summary>The platform's write and read rules: system columns, defaults, state/status, owner, currency, keys.</summary>
public sealed partial class XrmEmulator
{
    private readonly Dictionary<(string, Guid), EntityReference> _sharedReferences = [];
    private readonly Dictionary<int, OptionSetValue> _sharedOptions = [];
    private object? _boxedNow;
    private DateTime _boxedNowValue;
    private (Guid Currency, object Rate)? _boxedRate;

    /// <summary>
    /// One immutable reference instance per (table, id) for system columns (owner, creator, business unit, currency):
    /// stored values are never mutated (reads and queries copy them), so rows can share them.
    /// </summary>
    internal EntityReference SharedReference(string logicalName, Guid id)
    {
        if (!_sharedReferences.TryGetValue((logicalName, id), out var reference))
        {
            reference = new EntityReference(logicalName, id);
            _sharedReferences[(logicalName, id)] = reference;
        }

        return reference;
    }

    internal OptionSetValue SharedOption(int value)
    {
        if (!_sharedOptions.TryGetValue(value, out var option))
        {
            option = new OptionSetValue(value);
            _sharedOptions[value] = option;
        }

        return option;
    }

    private object BoxedNow()
    {
        if (_boxedNow == null || _boxedNowValue != _utcNow)
        {
            _boxedNowValue = _utcNow;
            _boxedNow = _utcNow;
        }

        return _boxedNow;
    }

    internal Table TableOrFault(string? logicalName)
    {
        if (string.IsNullOrEmpty(logicalName))
        {
            throw Faults.Invalid("The entity name must be specified.");
        }

        return Store.GetTable(logicalName) ?? throw Faults.UnknownEntity(logicalName);
    }

    /// <summary>The id a reference points to: its Id, or the row found by its alternate key values.</summary>
    internal Guid ResolveReference(EntityReference reference)
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

    internal Guid? FindByKey(Table table, KeyAttributeCollection keyAttributes)
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

    internal Guid FindByKeyOrFault(Table table, KeyAttributeCollection keyAttributes) =>
        FindByKey(table, keyAttributes) ?? throw Faults.Create(
            ErrorCodes.RecordNotFoundByEntityKey,
            $"A record with the specified key values does not exist in {table.Metadata.LogicalName} entity");

    /// <summary>The id of an Update/Upsert target: Id, primary key column, or alternate key.</summary>
    internal Guid? TargetId(Table table, Entity target)
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

    internal Guid CreateRecord(Entity target, Caller caller)
    {
        var table = TableOrFault(target.LogicalName);
        var meta = table.Metadata;
        var id = target.Id;
        if (target.Attributes.TryGetValue(meta.PrimaryIdAttribute, out var pkValue) && pkValue is Guid pk && pk != Guid.Empty)
        {
            id = pk;
        }

        if (id == Guid.Empty)
        {
            id = NewId();
        }
        else if (table.Find(id) != null)
        {
            throw Faults.Create(ErrorCodes.DuplicateRecord, "Cannot insert duplicate key.");
        }

        var stored = StoredEntity.Create(meta.LogicalName, id, table.RowWidth);
        var attributes = stored.Attributes;
        attributes[meta.PrimaryIdAttribute] = id;
        foreach (var pair in target.Attributes)
        {
            if (pair.Key == meta.PrimaryIdAttribute)
            {
                continue;
            }

            var column = meta.FindColumn(pair.Key) ?? throw Faults.UnknownAttribute(meta.LogicalName, pair.Key);
            if (!column.ValidForCreate)
            {
                continue;
            }

            var value = ValueValidator.Normalize(meta, column, pair.Value, ResolveReference, this);
            if (value != null)
            {
                attributes[pair.Key] = value;
            }
        }

        var booleanDefaults = meta.BooleanDefaults;
        for (var i = 0; i < booleanDefaults.Count; i++)
        {
            var (column, value) = booleanDefaults[i];
            if (!attributes.ContainsKey(column))
            {
                attributes[column] = value ? ValueValidator.True : ValueValidator.False;
            }
        }

        ApplyState(meta, attributes, target, null, id);

        var now = BoxedNow();
        var user = SharedReference("systemuser", caller.UserId);
        if (meta.HasOwner)
        {
            var owner = attributes.TryGetValue("ownerid", out var o) && o is EntityReference given ? given : user;
            SetOwner(meta, attributes, owner);
        }

        if (meta.Columns.ContainsKey("createdon"))
        {
            attributes["createdon"] = attributes.TryGetValue("overriddencreatedon", out var overridden) && overridden is DateTime when ? when : now;
        }

        SetIfColumn(meta, attributes, "modifiedon", now);
        SetIfColumn(meta, attributes, "createdby", user);
        SetIfColumn(meta, attributes, "modifiedby", user);
        SetIfColumn(meta, attributes, "versionnumber", NextSequence());
        if (!meta.HasOwner && meta.Columns.TryGetValue("organizationid", out var organizationColumn) && organizationColumn.IsLookup)
        {
            attributes["organizationid"] = SharedReference("organization", OrganizationId);
        }

        if (meta.HasCurrency)
        {
            if (!attributes.ContainsKey("transactioncurrencyid"))
            {
                attributes["transactioncurrencyid"] = SharedReference("transactioncurrency", BaseCurrencyId);
            }

            ApplyCurrency(meta, attributes);
        }

        ComposeFullName(meta, attributes);
        CheckKeys(table, stored);
        Store.Insert(table, stored);
        return id;
    }

    internal void UpdateRecord(Entity target, Caller caller, ConcurrencyBehavior concurrency = ConcurrencyBehavior.Default)
    {
        var table = TableOrFault(target.LogicalName);
        var meta = table.Metadata;
        var id = TargetId(table, target);
        if (id == null)
        {
            if (target.KeyAttributes != null && target.KeyAttributes.Count > 0)
            {
                FindByKeyOrFault(table, target.KeyAttributes);
            }

            throw Faults.Invalid("Entity Id must be specified for Update");
        }

        var row = table.Find(id.Value) ?? throw Faults.NotFound(meta.LogicalName, id.Value);
        CheckRowVersion(row.Entity, target.RowVersion, concurrency);
        var updated = EntityCopy.ShallowCopy(row.Entity);
        var attributes = updated.Attributes;
        var moneyChanged = false;
        foreach (var pair in target.Attributes)
        {
            if (pair.Key == meta.PrimaryIdAttribute)
            {
                continue;
            }

            var column = meta.FindColumn(pair.Key) ?? throw Faults.UnknownAttribute(meta.LogicalName, pair.Key);
            if (!column.ValidForUpdate)
            {
                continue;
            }

            if (pair.Value == null)
            {
                if (column.RequiredLevel == RequiredLevel.SystemRequired)
                {
                    throw Faults.Create(ErrorCodes.InvalidArgument, $"Attribute: {column.LogicalName} cannot be set to NULL");
                }

                attributes.Remove(pair.Key);
            }
            else
            {
                var value = ValueValidator.Normalize(meta, column, pair.Value, ResolveReference, this);
                if (value == null)
                {
                    attributes.Remove(pair.Key);
                }
                else
                {
                    attributes[pair.Key] = value;
                }
            }

            moneyChanged |= column.Type == ColumnType.Money || column.LogicalName == "transactioncurrencyid";
        }

        if (target.Attributes.ContainsKey("statecode") || target.Attributes.ContainsKey("statuscode"))
        {
            ApplyState(meta, attributes, target, row.Entity, id.Value);
        }

        if (meta.HasOwner && target.Attributes.TryGetValue("ownerid", out var owner) && owner is EntityReference ownerRef)
        {
            SetOwner(meta, attributes, ownerRef);
        }

        SetIfColumn(meta, attributes, "modifiedon", BoxedNow());
        SetIfColumn(meta, attributes, "modifiedby", SharedReference("systemuser", caller.UserId));
        SetIfColumn(meta, attributes, "versionnumber", NextSequence());
        if (meta.HasCurrency && moneyChanged)
        {
            ApplyCurrency(meta, attributes);
        }

        ComposeFullName(meta, attributes);
        CheckKeys(table, updated);
        Store.Replace(table, row, updated);
    }

    /// <summary>
    /// Optimistic concurrency of Update and Delete: with <see cref="ConcurrencyBehavior.IfRowVersionMatches"/> the
    /// request's RowVersion must equal the stored row's versionnumber. Codes and wording as the platform returns them
    /// (ConcurrencyVersionNotProvided 0x8006088D, ConcurrencyVersionMismatch 0x80060882; learn.microsoft.com,
    /// "Optimistic concurrency" and DeleteRequest.ConcurrencyBehavior).
    /// </summary>
    internal static void CheckRowVersion(Entity stored, string? rowVersion, ConcurrencyBehavior concurrency)
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
    internal static string? RowVersionOf(Entity stored) =>
        stored.Attributes.TryGetValue("versionnumber", out var version) && version is long number ? number.ToString(CultureInfo.InvariantCulture) : null;

    /// <summary>Writes a column directly (remove-link cascades); no plug-ins, system columns stamped.</summary>
    internal void SetColumnDirect(Table table, Row row, string column, object? value, Caller caller)
    {
        var updated = EntityCopy.ShallowCopy(row.Entity);
        if (value == null)
        {
            updated.Attributes.Remove(column);
        }
        else
        {
            updated[column] = value;
        }

        SetIfColumn(table.Metadata, updated.Attributes, "modifiedon", BoxedNow());
        SetIfColumn(table.Metadata, updated.Attributes, "modifiedby", SharedReference("systemuser", caller.UserId));
        Store.Replace(table, row, updated);
    }

    private void ApplyState(TableMetadata meta, AttributeCollection attributes, Entity given, Entity? before, Guid id)
    {
        if (meta.StateColumn == null)
        {
            return;
        }

        static int? OptionOf(Entity? e, string column) =>
            e != null && e.Attributes.TryGetValue(column, out var v) && v is OptionSetValue o ? o.Value : null;

        var givenState = OptionOf(given, "statecode");
        var givenStatus = OptionOf(given, "statuscode");
        var currentState = OptionOf(before, "statecode");
        var state = givenState ?? currentState ?? meta.DefaultState ?? 0;
        int status;
        if (givenStatus is int requested)
        {
            status = requested;
            if (meta.StatusColumn?.FindOption(status) is OptionMetadata option && option.State is int owning && owning != state)
            {
                var stateName = meta.StateColumn.FindOption(state)?.InvariantName ?? state.ToString(CultureInfo.InvariantCulture);
                throw Faults.Create(
                    ErrorCodes.InvalidStateCodeStatusCode,
                    $"{status} is not a valid status code for state code {meta.SchemaName}State.{stateName} on {meta.LogicalName} with Id {id}.");
            }
        }
        else if (before != null && givenState == currentState && OptionOf(before, "statuscode") is int kept)
        {
            status = kept;
        }
        else
        {
            status = meta.DefaultStatusOf(state) ?? meta.StatusColumn?.Options.FirstOrDefault(o => o.State == state)?.Value ?? 1;
        }

        attributes["statecode"] = SharedOption(state);
        if (meta.StatusColumn != null)
        {
            attributes["statuscode"] = SharedOption(status);
        }
    }

    private void SetOwner(TableMetadata meta, AttributeCollection attributes, EntityReference owner)
    {
        attributes["ownerid"] = SharedReference(owner.LogicalName, owner.Id);
        var ownerRow = Store.GetTable(owner.LogicalName)?.Find(owner.Id);
        if (ownerRow == null)
        {
            throw Faults.NotFound(owner.LogicalName, owner.Id);
        }

        if (ownerRow.Entity.Attributes.TryGetValue("businessunitid", out var bu) && bu is EntityReference buRef)
        {
            SetIfColumn(meta, attributes, "owningbusinessunit", SharedReference("businessunit", buRef.Id));
        }

        if (owner.LogicalName == "team")
        {
            SetIfColumn(meta, attributes, "owningteam", SharedReference("team", owner.Id));
            attributes.Remove("owninguser");
        }
        else
        {
            SetIfColumn(meta, attributes, "owninguser", SharedReference("systemuser", owner.Id));
            attributes.Remove("owningteam");
        }
    }

    private void ApplyCurrency(TableMetadata meta, AttributeCollection attributes)
    {
        if (!attributes.TryGetValue("transactioncurrencyid", out var c) || c is not EntityReference currency)
        {
            return;
        }

        var rate = Store.GetTable("transactioncurrency")?.Find(currency.Id)?.Entity.Attributes.TryGetValue("exchangerate", out var r) == true && r is decimal d && d != 0 ? d : 1m;
        if (_boxedRate is not { } boxed || boxed.Currency != currency.Id || (decimal)boxed.Rate != rate)
        {
            _boxedRate = (currency.Id, rate);
        }

        SetIfColumn(meta, attributes, "exchangerate", _boxedRate.Value.Rate);
        var baseMoneyColumns = meta.BaseMoneyColumns;
        for (var i = 0; i < baseMoneyColumns.Count; i++)
        {
            var (money, baseColumn) = baseMoneyColumns[i];
            if (attributes.TryGetValue(money, out var value) && value is Money amount)
            {
                attributes[baseColumn] = new Money(Math.Round(amount.Value / rate, 4, MidpointRounding.AwayFromZero));
            }
            else
            {
                attributes.Remove(baseColumn);
            }
        }
    }

    private static void ComposeFullName(TableMetadata meta, AttributeCollection attributes)
    {
        if (!meta.Columns.ContainsKey("fullname") || !meta.Columns.ContainsKey("lastname") || meta.LogicalName == "systemuser" && attributes.TryGetValue("fullname", out var f) && "SYSTEM".Equals(f))
        {
            return;
        }

        var first = attributes.TryGetValue("firstname", out var fn) ? fn as string : null;
        var last = attributes.TryGetValue("lastname", out var ln) ? ln as string : null;
        var full = string.Join(" ", new[] { first, last }.Where(p => !string.IsNullOrEmpty(p)));
        if (full.Length == 0)
        {
            attributes.Remove("fullname");
        }
        else
        {
            attributes["fullname"] = full;
        }
    }

    private static void CheckKeys(Table table, Entity entity)
    {
        var keys = table.Metadata.Keys;
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var value = Table.KeyValue(key, entity);
            if (value != null && table.FindByKey(key, value) is Guid holder && holder != entity.Id)
            {
                throw Faults.Create(
                    ErrorCodes.DuplicateRecordEntityKey,
                    $"A record that has the attribute values {string.Join(", ", key.Attributes)} already exists. The entity key {key.LogicalName} requires that this set of attributes contains unique values. Select unique values and try again.");
            }
        }
    }

    private static void SetIfColumn(TableMetadata meta, AttributeCollection attributes, string column, object value)
    {
        if (meta.Columns.ContainsKey(column))
        {
            attributes[column] = value;
        }
    }

    /// <summary>A retrieved copy of a stored row: the requested columns, lookup names and formatted values.</summary>
    internal Entity Project(Entity stored, ColumnSet columns, bool validate = true)
    {
        var table = Store.GetTable(stored.LogicalName)!;
        var meta = table.Metadata;
        var result = new Entity(stored.LogicalName, stored.Id) { RowVersion = RowVersionOf(stored) };
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

    private void AddValue(TableMetadata meta, Entity result, Entity stored, string name, object value)
    {
        var copy = EntityCopy.CloneValue(value);
        if (copy is EntityReference reference)
        {
            reference.Name = PrimaryNameOf(reference.LogicalName, reference.Id);
        }

        result.Attributes[name] = copy;
        var formatted = Format(meta, stored, name, copy);
        if (formatted != null)
        {
            result.FormattedValues[name] = formatted;
        }
    }

    internal string? PrimaryNameOf(string entity, Guid id)
    {
        var table = Store.GetTable(entity);
        var nameColumn = table?.Metadata.PrimaryNameAttribute;
        if (nameColumn == null)
        {
            return null;
        }

        return table!.Find(id)?.Entity.Attributes.TryGetValue(nameColumn, out var name) == true ? name as string : null;
    }

    internal string? Format(TableMetadata meta, Entity stored, string name, object? value)
    {
        var column = meta.FindColumn(name);
        switch (value)
        {
            case OptionSetValue option:
                return column?.FindOption(option.Value)?.Label;
            case OptionSetValueCollection options:
                return string.Join("; ", options.Select(o => column?.FindOption(o.Value)?.Label ?? o.Value.ToString(CultureInfo.InvariantCulture)));
            case bool flag:
                return column?.FindOption(flag ? 1 : 0)?.Label ?? (flag ? "Yes" : "No");
            case Money money:
                return CurrencySymbol(stored) + money.Value.ToString("#,0.00", CultureInfo.InvariantCulture);
            case DateTime date:
                return column?.DateOnly == true
                    ? date.ToString("M/d/yyyy", CultureInfo.InvariantCulture)
                    : date.ToString("M/d/yyyy h:mm tt", CultureInfo.InvariantCulture);
            case EntityReference reference:
                return reference.Name;
            default:
                return null;
        }
    }

    private string CurrencySymbol(Entity stored)
    {
        var currencyId = stored.Attributes.TryGetValue("transactioncurrencyid", out var c) && c is EntityReference r ? r.Id : BaseCurrencyId;
        return Store.GetTable("transactioncurrency")?.Find(currencyId)?.Entity.Attributes.TryGetValue("currencysymbol", out var s) == true && s is string symbol ? symbol : "$";
    }
}
