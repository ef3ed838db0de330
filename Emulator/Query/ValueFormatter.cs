namespace AccountPlanXrm.Emulator.Query;

/// <summary>What the formatter asks its caller, each only for the kind of value that needs it.</summary>
internal interface IFormatLabels
{
    /// <summary>The label of a choice value (two options: 1 = true, 0 = false), null when unknown.</summary>
    string? ChoiceLabel(int value);

    /// <summary>The symbol of the record's currency (asked only for money).</summary>
    string CurrencySymbol();

    /// <summary>The primary name of a looked-up row (asked only for lookups).</summary>
    string? ReferenceName(EntityReference reference);
}

/// <summary>
/// The one formatter of the <see cref="Entity.FormattedValues"/> the platform returns next to a column, used by
/// Retrieve and by the query engine alike: choice and two-option labels, money with the record's currency symbol
/// and two decimals, dates as M/d/yyyy (date only) or M/d/yyyy h:mm tt, lookups by their primary name.
/// </summary>
internal static class ValueFormatter
{
    /// <param name="value">The column's value as returned (lookups with their name when known).</param>
    /// <param name="dateOnly">True for a date-only column.</param>
    /// <param name="labels">The caller's labels, currency symbol and lookup names (a struct: nothing allocated per value).</param>
    public static string? Format<TLabels>(object? value, bool dateOnly, TLabels labels)
        where TLabels : struct, IFormatLabels
    {
        switch (value)
        {
            case OptionSetValue option:
                return labels.ChoiceLabel(option.Value);
            case OptionSetValueCollection options:
                return string.Join("; ", options.Select(o => labels.ChoiceLabel(o.Value) ?? o.Value.ToString(CultureInfo.InvariantCulture)));
            case bool flag:
                return labels.ChoiceLabel(flag ? 1 : 0) ?? (flag ? "Yes" : "No");
            case Money money:
                return labels.CurrencySymbol() + money.Value.ToString("N2", CultureInfo.InvariantCulture);
            case DateTime date:
                return dateOnly
                    ? date.ToString("M/d/yyyy", CultureInfo.InvariantCulture)
                    : date.ToString("M/d/yyyy h:mm tt", CultureInfo.InvariantCulture);
            case EntityReference reference:
                return labels.ReferenceName(reference);
            default:
                return null;
        }
    }
}
