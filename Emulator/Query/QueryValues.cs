namespace AccountPlanXrm.Emulator.Query;

/// <summary>
/// Value normalisation and comparison. Every stored value and every condition value is turned into one
/// comparable CLR value per column type: string, decimal (whole numbers, big integers, decimals, money), double,
/// bool, DateTime, Guid (lookups, ids) or int (choices).
/// </summary>
internal static class QueryValues
{
    /// <summary>Normalises a stored attribute value (already of the column's SDK type).</summary>
    public static object? Normalize(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case string s:
                return s;
            case EntityReference r:
                return r.Id;
            case OptionSetValue o:
                return o.Value;
            case Money m:
                return m.Value;
            case int i:
                return (decimal)i;
            case long l:
                return (decimal)l;
            case decimal d:
                return d;
            case double db:
                return db;
            case float f:
                return (double)f;
            case Guid or bool or DateTime:
                return value;
            case AliasedValue a:
                return Normalize(a.Value);
            case Enum e:
                return Convert.ToInt32(e, CultureInfo.InvariantCulture);
            default:
                return value;
        }
    }

    /// <summary>
    /// Converts a condition value (a CLR value from QueryExpression or a string from FetchXML) to the normalised
    /// form for the column type; throws the platform's fault when it cannot be converted.
    /// </summary>
    public static object? ConvertConditionValue(object? value, QueryAttributeType type, string table, string attribute)
    {
        if (value == null)
        {
            return null;
        }

        try
        {
            switch (type)
            {
                case QueryAttributeType.String:
                case QueryAttributeType.Memo:
                case QueryAttributeType.EntityName:
                    return value switch
                    {
                        string s => s,
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        _ => value.ToString(),
                    };
                case QueryAttributeType.Integer:
                case QueryAttributeType.BigInt:
                case QueryAttributeType.Decimal:
                case QueryAttributeType.Money:
                    return value switch
                    {
                        string s => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
                        Money m => m.Value,
                        OptionSetValue o => (decimal)o.Value,
                        Enum e => (decimal)Convert.ToInt64(e, CultureInfo.InvariantCulture),
                        IConvertible c => c.ToDecimal(CultureInfo.InvariantCulture),
                        _ => throw new FormatException(),
                    };
                case QueryAttributeType.Double:
                    return value switch
                    {
                        string s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
                        Money m => (double)m.Value,
                        IConvertible c => c.ToDouble(CultureInfo.InvariantCulture),
                        _ => throw new FormatException(),
                    };
                case QueryAttributeType.Boolean:
                    return value switch
                    {
                        bool b => b,
                        string s => s.Trim() switch
                        {
                            "1" => true,
                            "0" => false,
                            _ => bool.Parse(s),
                        },
                        OptionSetValue o => o.Value != 0,
                        IConvertible c => c.ToInt32(CultureInfo.InvariantCulture) != 0,
                        _ => throw new FormatException(),
                    };
                case QueryAttributeType.DateTime:
                case QueryAttributeType.DateOnly:
                    return value switch
                    {
                        DateTime d => d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : d,
                        DateTimeOffset o => o.UtcDateTime,
                        string s => ParseDate(s),
                        _ => throw new FormatException(),
                    };
                case QueryAttributeType.Lookup:
                case QueryAttributeType.Owner:
                case QueryAttributeType.Customer:
                case QueryAttributeType.Uniqueidentifier:
                    return value switch
                    {
                        Guid g => g,
                        EntityReference r => r.Id,
                        Entity e => e.Id,
                        string s => Guid.Parse(s),
                        _ => throw new FormatException(),
                    };
                case QueryAttributeType.Picklist:
                case QueryAttributeType.State:
                case QueryAttributeType.Status:
                case QueryAttributeType.MultiSelectPicklist:
                    return value switch
                    {
                        OptionSetValue o => o.Value,
                        int i => i,
                        string s => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture),
                        Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture),
                        IConvertible c => c.ToInt32(CultureInfo.InvariantCulture),
                        _ => throw new FormatException(),
                    };
                default:
                    return Normalize(value);
            }
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            throw QueryFaults.Invalid(
                $"Condition for attribute '{table}.{attribute}': expected argument(s) of type '{ExpectedTypeName(type)}' but received '{value.GetType().FullName}'.");
        }
    }

    private static DateTime ParseDate(string text)
    {
        var parsed = DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        return DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
    }

    private static string ExpectedTypeName(QueryAttributeType type) => type switch
    {
        QueryAttributeType.String or QueryAttributeType.Memo or QueryAttributeType.EntityName => "System.String",
        QueryAttributeType.Integer => "System.Int32",
        QueryAttributeType.BigInt => "System.Int64",
        QueryAttributeType.Decimal or QueryAttributeType.Money => "System.Decimal",
        QueryAttributeType.Double => "System.Double",
        QueryAttributeType.Boolean => "System.Boolean",
        QueryAttributeType.DateTime or QueryAttributeType.DateOnly => "System.DateTime",
        QueryAttributeType.Picklist or QueryAttributeType.State or QueryAttributeType.Status or QueryAttributeType.MultiSelectPicklist => "System.Int32",
        _ => "System.Guid",
    };

    /// <summary>Equality of two normalised values (strings case-insensitive, like Dataverse).</summary>
    public static bool AreEqual(object? a, object? b)
    {
        if (a == null || b == null)
        {
            return false;
        }

        if (a is string sa && b is string sb)
        {
            return string.Equals(sa.TrimEnd(), sb.TrimEnd(), StringComparison.OrdinalIgnoreCase);
        }

        if (a is decimal da && b is decimal db)
        {
            return da == db;
        }

        if (a is Guid ga && b is Guid gb)
        {
            return ga == gb;
        }

        if (a is int ia && b is int ib)
        {
            return ia == ib;
        }

        return Compare(a, b) == 0;
    }

    /// <summary>Orders two normalised non-null values of one column; nulls sort first (SQL ascending order).</summary>
    public static int Compare(object? a, object? b)
    {
        if (a == null)
        {
            return b == null ? 0 : -1;
        }

        if (b == null)
        {
            return 1;
        }

        switch (a)
        {
            case string sa when b is string sb:
                return string.Compare(sa, sb, StringComparison.OrdinalIgnoreCase);
            case decimal da when b is decimal db:
                return da.CompareTo(db);
            case double fa:
                return fa.CompareTo(Convert.ToDouble(b, CultureInfo.InvariantCulture));
            case decimal da2 when b is double fb:
                return ((double)da2).CompareTo(fb);
            case int ia when b is int ib:
                return ia.CompareTo(ib);
            case DateTime ta when b is DateTime tb:
                return ta.CompareTo(tb);
            case Guid ga when b is Guid gb:
                return CompareSqlGuid(ga, gb);
            case bool ba when b is bool bb:
                return ba.CompareTo(bb);
        }

        if (a is IComparable ca && a.GetType() == b.GetType())
        {
            return ca.CompareTo(b);
        }

        return string.Compare(
            Convert.ToString(a, CultureInfo.InvariantCulture),
            Convert.ToString(b, CultureInfo.InvariantCulture),
            StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// SQL Server uniqueidentifier order: bytes 10-15 are most significant, then 8-9, 6-7, 4-5 and 0-3
    /// (positions in <see cref="Guid.ToByteArray()"/>).
    /// </summary>
    public static int CompareSqlGuid(Guid a, Guid b)
    {
        Span<byte> x = stackalloc byte[16];
        Span<byte> y = stackalloc byte[16];
        a.TryWriteBytes(x);
        b.TryWriteBytes(y);
        ReadOnlySpan<byte> order = [10, 11, 12, 13, 14, 15, 8, 9, 6, 7, 4, 5, 0, 1, 2, 3];
        foreach (var i in order)
        {
            if (x[i] != y[i])
            {
                return x[i] < y[i] ? -1 : 1;
            }
        }

        return 0;
    }

    /// <summary>A key whose ordinal order is SQL Server's uniqueidentifier order (see <see cref="CompareSqlGuid"/>).</summary>
    public static (ulong High, ulong Low) SqlGuidKey(Guid id)
    {
        Span<byte> b = stackalloc byte[16];
        id.TryWriteBytes(b);
        ulong high = 0;
        ulong low = 0;
        ReadOnlySpan<byte> order = [10, 11, 12, 13, 14, 15, 8, 9, 6, 7, 4, 5, 0, 1, 2, 3];
        for (int i = 0; i < 8; i++)
        {
            high = (high << 8) | b[order[i]];
            low = (low << 8) | b[order[i + 8]];
        }

        return (high, low);
    }

    /// <summary>Copies a stored value so callers cannot change the store through a query result.</summary>
    public static object? Clone(object? value) => value switch
    {
        EntityReference r => CloneReference(r),
        Money m => new Money(m.Value),
        OptionSetValue o => new OptionSetValue(o.Value),
        OptionSetValueCollection c => new OptionSetValueCollection(c.Select(o => new OptionSetValue(o.Value)).ToList()),
        _ => value,
    };

    private static EntityReference CloneReference(EntityReference r)
    {
        var copy = new EntityReference(r.LogicalName, r.Id) { Name = r.Name };
        return copy;
    }
}
