namespace AccountPlanXrm.Emulator.Store;

/// <summary>Checks a written value against its column and returns the canonical value to store.</summary>
internal static class ValueValidator
{
    public static object? Normalize(TableMetadata table, ColumnMetadata column, object? value, Func<EntityReference, Guid> resolveReference, Records.SharedValues? shared = null)
    {
        if (value == null)
        {
            return null;
        }

        switch (column.Type)
        {
            case ColumnType.String:
            case ColumnType.Memo:
            case ColumnType.EntityName:
                {
                    if (value is not string text)
                    {
                        throw WrongType(value);
                    }

                    if (column.MaxLength is int max && text.Length > max)
                    {
                        throw Faults.Create(
                            ErrorCodes.StringLengthTooLong,
                            $"A validation error occurred. The length of the '{column.LogicalName}' attribute of the '{table.LogicalName}' entity exceeded the maximum allowed length of '{max.ToString(CultureInfo.InvariantCulture)}'.");
                    }

                    return text;
                }

            case ColumnType.Integer:
                {
                    if (value is not int number)
                    {
                        throw WrongType(value);
                    }

                    CheckRange(table, column, number);
                    return value; // the caller's box: boxed values are immutable
                }

            case ColumnType.BigInt:
                return value switch
                {
                    long l => l,
                    int i => (long)i,
                    _ => throw WrongType(value),
                };

            case ColumnType.Decimal:
                {
                    if (value is not decimal number)
                    {
                        throw WrongType(value);
                    }

                    CheckRange(table, column, number);
                    return column.Precision is int p ? Math.Round(number, p, MidpointRounding.AwayFromZero) : number;
                }

            case ColumnType.Double:
                {
                    if (value is not double number)
                    {
                        throw WrongType(value);
                    }

                    if (double.IsNaN(number) || double.IsInfinity(number))
                    {
                        throw OutOfRange(table, column, number);
                    }

                    CheckRange(table, column, (decimal)number);
                    return number;
                }

            case ColumnType.Money:
                {
                    if (value is not Money money)
                    {
                        throw WrongType(value);
                    }

                    CheckRange(table, column, money.Value);
                    var precision = column.Precision is int p && p >= 0 && p <= 10 ? p : 2;
                    return new Money(Math.Round(money.Value, precision, MidpointRounding.AwayFromZero));
                }

            case ColumnType.Boolean:
                return value is bool flag ? (flag ? True : False) : throw WrongType(value);

            case ColumnType.DateTime:
                {
                    if (value is not DateTime date)
                    {
                        throw WrongType(value);
                    }

                    var utc = date.Kind == DateTimeKind.Local ? date.ToUniversalTime() : DateTime.SpecifyKind(date, DateTimeKind.Utc);
                    if (utc.Year < 1753)
                    {
                        throw OutOfRange(table, column, date);
                    }

                    return column.DateOnly ? DateTime.SpecifyKind(utc.Date, DateTimeKind.Utc) : utc;
                }

            case ColumnType.Picklist:
            case ColumnType.State:
            case ColumnType.Status:
                {
                    if (value is not OptionSetValue option)
                    {
                        throw WrongType(value);
                    }

                    CheckOption(table, column, option.Value);
                    return shared?.Option(option.Value) ?? new OptionSetValue(option.Value);
                }

            case ColumnType.MultiSelectPicklist:
                {
                    if (value is not OptionSetValueCollection options)
                    {
                        throw WrongType(value);
                    }

                    var copy = new OptionSetValueCollection();
                    foreach (var option in options)
                    {
                        CheckOption(table, column, option.Value);
                        copy.Add(new OptionSetValue(option.Value));
                    }

                    return copy.Count == 0 ? null : copy;
                }

            case ColumnType.Lookup:
            case ColumnType.Customer:
            case ColumnType.Owner:
                {
                    if (value is not EntityReference reference)
                    {
                        throw WrongType(value);
                    }

                    if (string.IsNullOrEmpty(reference.LogicalName))
                    {
                        throw Faults.Invalid($"The lookup '{column.LogicalName}' of '{table.LogicalName}' has no entity name.");
                    }

                    if (column.Targets.Count > 0 && !column.Targets.Contains(reference.LogicalName))
                    {
                        throw Faults.Invalid(
                            $"The entity '{reference.LogicalName}' is not a valid target of the lookup '{column.LogicalName}' of '{table.LogicalName}'. Valid targets: {string.Join(",", column.Targets)}.");
                    }

                    var id = resolveReference(reference);
                    return shared?.Reference(reference.LogicalName, id) ?? new EntityReference(reference.LogicalName, id); // stored references are never mutated
                }

            case ColumnType.UniqueIdentifier:
            case ColumnType.PrimaryKey:
                return value is Guid guid ? guid : throw WrongType(value);

            case ColumnType.PartyList:
                {
                    if (value is not EntityCollection parties)
                    {
                        throw WrongType(value);
                    }

                    var copy = new EntityCollection { EntityName = parties.EntityName };
                    foreach (var party in parties.Entities)
                    {
                        copy.Entities.Add(EntityCopy.Clone(party));
                    }

                    return copy;
                }

            default:
                return value;
        }
    }

    // Immutable boxes shared by every stored two-option value.
    internal static readonly object True = true;
    internal static readonly object False = false;

    public static Exception WrongType(object value) =>
        Faults.Create(ErrorCodes.InvalidArgument, $"Incorrect attribute value type {value.GetType().FullName}");

    private static void CheckRange(TableMetadata table, ColumnMetadata column, decimal number)
    {
        if ((column.MinValue is decimal min && number < min) || (column.MaxValue is decimal max && number > max))
        {
            throw OutOfRange(table, column, number);
        }
    }

    private static Exception OutOfRange(TableMetadata table, ColumnMetadata column, object value) =>
        Faults.Create(
            ErrorCodes.ValueOutOfRange,
            string.Format(
                CultureInfo.InvariantCulture,
                "A validation error occurred. The value {0} of '{1}' on record of type '{2}' is outside the valid range.",
                value,
                column.LogicalName,
                table.LogicalName));

    private static void CheckOption(TableMetadata table, ColumnMetadata column, int value)
    {
        if (column.Options.Count > 0 && column.FindOption(value) == null)
        {
            throw Faults.Create(
                ErrorCodes.InvalidOptionSetValue,
                string.Format(
                    CultureInfo.InvariantCulture,
                    "A validation error occurred. The value {0} of '{1}' on record of type '{2}' is outside the valid range. Accepted Values: {3}",
                    value,
                    column.LogicalName,
                    table.LogicalName,
                    string.Join(",", column.Options.Select(o => o.Value.ToString(CultureInfo.InvariantCulture)))));
        }
    }
}

/// <summary>Copies of SDK values, so stored data never shares mutable objects with callers.</summary>
internal static class EntityCopy
{
    public static Entity Clone(Entity source)
    {
        var copy = new Entity(source.LogicalName, source.Id);
        foreach (var attribute in source.Attributes)
        {
            copy.Attributes[attribute.Key] = CloneValue(attribute.Value);
        }

        foreach (var formatted in source.FormattedValues)
        {
            copy.FormattedValues[formatted.Key] = formatted.Value;
        }

        foreach (var key in source.KeyAttributes)
        {
            copy.KeyAttributes[key.Key] = key.Value;
        }

        copy.RowVersion = source.RowVersion;
        return copy;
    }

    /// <summary>A new entity sharing the (immutable, stored) values of <paramref name="source"/>.</summary>
    public static Entity ShallowCopy(Entity source)
    {
        var copy = new Entity(source.LogicalName, source.Id);
        foreach (var attribute in source.Attributes)
        {
            copy.Attributes[attribute.Key] = attribute.Value;
        }

        return copy;
    }

    public static object? CloneValue(object? value) => value switch
    {
        null => null,
        Money m => new Money(m.Value),
        OptionSetValue o => new OptionSetValue(o.Value),
        EntityReference r => CloneReference(r),
        OptionSetValueCollection c => CloneOptions(c),
        EntityCollection c => CloneCollection(c),
        AliasedValue a => new AliasedValue(a.EntityLogicalName, a.AttributeLogicalName, CloneValue(a.Value)),
        Entity e => Clone(e),
        _ => value,
    };

    private static EntityReference CloneReference(EntityReference source)
    {
        var copy = new EntityReference(source.LogicalName, source.Id) { Name = source.Name };
        if (source.KeyAttributes != null && source.KeyAttributes.Count > 0)
        {
            foreach (var key in source.KeyAttributes)
            {
                copy.KeyAttributes[key.Key] = key.Value;
            }
        }

        return copy;
    }

    private static OptionSetValueCollection CloneOptions(OptionSetValueCollection source)
    {
        var copy = new OptionSetValueCollection();
        foreach (var option in source)
        {
            copy.Add(new OptionSetValue(option.Value));
        }

        return copy;
    }

    private static EntityCollection CloneCollection(EntityCollection source)
    {
        var copy = new EntityCollection { EntityName = source.EntityName, MoreRecords = source.MoreRecords, PagingCookie = source.PagingCookie, TotalRecordCount = source.TotalRecordCount };
        foreach (var entity in source.Entities)
        {
            copy.Entities.Add(Clone(entity));
        }

        return copy;
    }
}
