namespace AccountPlanXrm.Emulator.Records;

/// <summary>
/// The platform's write rules for Create and Update: column validation, system columns, defaults, state/status,
/// owner, currency, full name and alternate keys. Writes go to the store (and its undo journal).
/// </summary>
internal sealed class RecordWriter(XrmEmulator emulator, DataStore store, RecordLocator locator, SharedValues shared)
{
    private readonly Entity _scratch = new();

    public Guid Create(Entity target, Caller caller)
    {
        var table = locator.TableOrFault(target.LogicalName);
        var meta = table.Metadata;
        var id = target.Id;
        if (target.Attributes.TryGetValue(meta.PrimaryIdAttribute, out var pkValue) && pkValue is Guid pk && pk != Guid.Empty)
        {
            id = pk;
        }

        if (id == Guid.Empty)
        {
            id = emulator.NewId();
        }
        else if (table.Find(id) != null)
        {
            throw Faults.Create(ErrorCodes.DuplicateRecord, "Cannot insert duplicate key.");
        }

        // The row is assembled in one reused entity (its dictionary stays large) and stored in the compact form.
        var stored = _scratch;
        stored.LogicalName = meta.LogicalName;
        stored.Id = id;
        var attributes = stored.Attributes;
        attributes.Clear();
        attributes[meta.PrimaryIdAttribute] = id;
        WriteColumns(meta, target, attributes, create: true);

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

        var now = shared.Now(emulator.Now);
        var user = shared.Reference("systemuser", caller.UserId);
        if (meta.HasOwner)
        {
            var owner = attributes.TryGetValue("ownerid", out var o) && o is EntityReference given ? given : user;
            SetOwner(meta, attributes, owner);
        }

        if (meta.Columns.ContainsKey("createdon"))
        {
            attributes["createdon"] = attributes.TryGetValue("overriddencreatedon", out var overridden) && overridden is DateTime when ? when : now;
        }

        Stamp(meta, attributes, now, user, createdBy: user, version: true);
        if (!meta.HasOwner && meta.Columns.TryGetValue("organizationid", out var organizationColumn) && organizationColumn.IsLookup)
        {
            attributes["organizationid"] = shared.Reference("organization", emulator.OrganizationId);
        }

        if (meta.HasCurrency)
        {
            if (!attributes.ContainsKey("transactioncurrencyid"))
            {
                attributes["transactioncurrencyid"] = shared.Reference("transactioncurrency", emulator.BaseCurrencyId);
            }

            ApplyCurrency(meta, attributes);
        }

        ComposeFullName(meta, attributes);
        CheckKeys(table, stored);
        store.Insert(table, stored, compact: true);
        attributes.Clear();
        return id;
    }

    public void Update(Entity target, Caller caller, ConcurrencyBehavior concurrency = ConcurrencyBehavior.Default)
    {
        var table = locator.TableOrFault(target.LogicalName);
        var meta = table.Metadata;
        var id = locator.TargetId(table, target);
        if (id == null)
        {
            if (target.KeyAttributes != null && target.KeyAttributes.Count > 0)
            {
                locator.FindByKeyOrFault(table, target.KeyAttributes);
            }

            throw Faults.Invalid("Entity Id must be specified for Update");
        }

        var row = table.Find(id.Value) ?? throw Faults.NotFound(meta.LogicalName, id.Value);
        RecordLocator.CheckRowVersion(row.Entity, target.RowVersion, concurrency);
        var updated = EntityCopy.ShallowCopy(row.Entity);
        var attributes = updated.Attributes;
        var moneyChanged = WriteColumns(meta, target, attributes, create: false);
        CheckHierarchyLoop(table, id.Value, target, attributes);
        if (target.Attributes.ContainsKey("statecode") || target.Attributes.ContainsKey("statuscode"))
        {
            ApplyState(meta, attributes, target, row.Entity, id.Value);
        }

        if (meta.HasOwner && target.Attributes.TryGetValue("ownerid", out var owner) && owner is EntityReference ownerRef)
        {
            SetOwner(meta, attributes, ownerRef);
        }

        Stamp(meta, attributes, shared.Now(emulator.Now), shared.Reference("systemuser", caller.UserId), createdBy: null, version: true);
        if (meta.HasCurrency && moneyChanged)
        {
            ApplyCurrency(meta, attributes);
        }

        ComposeFullName(meta, attributes);
        CheckKeys(table, updated);
        store.Replace(table, row, updated);
    }

    /// <summary>
    /// A parent lookup of the table's hierarchical relationship that would make the row its own ancestor (itself, or a
    /// row below it) is refused, as the platform refuses a loop in a hierarchy (AccountLoopBeingCreated).
    /// </summary>
    private void CheckHierarchyLoop(Table table, Guid id, Entity target, AttributeCollection attributes)
    {
        var parentColumn = table.Metadata.HierarchyParentAttribute;
        if (parentColumn == null || !target.Attributes.ContainsKey(parentColumn) || !attributes.TryGetValue(parentColumn, out var p) || p is not EntityReference parent)
        {
            return;
        }

        var seen = new HashSet<Guid>();
        Guid? current = parent.Id;
        while (current is Guid c && seen.Add(c))
        {
            if (c == id)
            {
                throw Faults.Create(ErrorCodes.AccountLoopBeingCreated, $"Creating this parental association would create a loop in {(table.Metadata.LogicalName == "account" ? "Accounts" : table.Metadata.LogicalName)} hierarchy.");
            }

            current = table.Find(c)?.Entity.Attributes.TryGetValue(parentColumn, out var next) == true && next is EntityReference up ? up.Id : null;
        }
    }

    /// <summary>Writes a column directly (remove-link cascades); no plug-ins, system columns stamped.</summary>
    public void SetColumnDirect(Table table, Row row, string column, object? value, Caller caller)
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

        Stamp(table.Metadata, updated.Attributes, shared.Now(emulator.Now), shared.Reference("systemuser", caller.UserId), createdBy: null, version: false);
        store.Replace(table, row, updated);
    }

    /// <summary>
    /// Validates and copies the target's columns: unknown columns fault, columns not valid for the write are ignored
    /// like the platform; on update a null clears the column (a system-required one faults). True when a money column
    /// or the currency changed.
    /// </summary>
    private bool WriteColumns(TableMetadata meta, Entity target, AttributeCollection attributes, bool create)
    {
        var moneyChanged = false;
        foreach (var pair in target.Attributes)
        {
            if (pair.Key == meta.PrimaryIdAttribute)
            {
                continue;
            }

            var column = meta.FindColumn(pair.Key) ?? throw Faults.UnknownAttribute(meta.LogicalName, pair.Key);
            if (!(create ? column.ValidForCreate : column.ValidForUpdate))
            {
                continue;
            }

            if (pair.Value == null && !create && column.RequiredLevel == RequiredLevel.SystemRequired)
            {
                throw Faults.Create(ErrorCodes.InvalidArgument, $"Attribute: {column.LogicalName} cannot be set to NULL");
            }

            var value = ValueValidator.Normalize(meta, column, pair.Value, locator.ResolveReference, shared);
            if (value != null)
            {
                attributes[pair.Key] = value;
            }
            else if (!create)
            {
                attributes.Remove(pair.Key);
            }

            moneyChanged |= column.Type == ColumnType.Money || column.LogicalName == "transactioncurrencyid";
        }

        return moneyChanged;
    }

    /// <summary>modifiedon, createdby (on create), modifiedby and (for requests) a new versionnumber, where the table has them.</summary>
    private void Stamp(TableMetadata meta, AttributeCollection attributes, object now, EntityReference user, EntityReference? createdBy, bool version)
    {
        SetIfColumn(meta, attributes, "modifiedon", now);
        if (createdBy != null)
        {
            SetIfColumn(meta, attributes, "createdby", createdBy);
        }

        SetIfColumn(meta, attributes, "modifiedby", user);
        if (version)
        {
            SetIfColumn(meta, attributes, "versionnumber", emulator.NextSequence());
        }
    }

    private void ApplyState(TableMetadata meta, AttributeCollection attributes, Entity given, Entity? before, Guid id)
    {
        if (meta.StateColumn == null)
        {
            return;
        }

        static int? OptionOf(Entity? e, string column) =>
            e != null && e.Attributes.TryGetValue(column, out var v) && v is OptionSetValue o ? o.Value : null;

        // statecode is not valid for create on most tables (custom tables included): the platform ignores it there, the
        // record starts in the default state and a status reason of another state faults.
        var givenState = before == null && !meta.StateColumn.ValidForCreate ? null : OptionOf(given, "statecode");
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

        attributes["statecode"] = shared.Option(state);
        if (meta.StatusColumn != null)
        {
            attributes["statuscode"] = shared.Option(status);
        }
    }

    private void SetOwner(TableMetadata meta, AttributeCollection attributes, EntityReference owner)
    {
        attributes["ownerid"] = shared.Reference(owner.LogicalName, owner.Id);
        var ownerRow = store.GetTable(owner.LogicalName)?.Find(owner.Id) ?? throw Faults.NotFound(owner.LogicalName, owner.Id);
        if (ownerRow.Entity.Attributes.TryGetValue("businessunitid", out var bu) && bu is EntityReference buRef)
        {
            SetIfColumn(meta, attributes, "owningbusinessunit", shared.Reference("businessunit", buRef.Id));
        }

        var team = owner.LogicalName == "team";
        SetIfColumn(meta, attributes, team ? "owningteam" : "owninguser", shared.Reference(team ? "team" : "systemuser", owner.Id));
        attributes.Remove(team ? "owninguser" : "owningteam");
    }

    private void ApplyCurrency(TableMetadata meta, AttributeCollection attributes)
    {
        if (!attributes.TryGetValue("transactioncurrencyid", out var c) || c is not EntityReference currency)
        {
            return;
        }

        var rate = store.GetTable("transactioncurrency")?.Find(currency.Id)?.Entity.Attributes.TryGetValue("exchangerate", out var r) == true && r is decimal d && d != 0 ? d : 1m;
        SetIfColumn(meta, attributes, "exchangerate", shared.Rate(currency.Id, rate));
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
}
