namespace AccountPlanXrm.Emulator.Query;

/// <summary>
/// The one formatter of the <see cref="Entity.FormattedValues"/> the platform returns next to a column, used by
/// Retrieve and by the query engine alike: choice and two-option labels, money with the record's currency symbol
/// and two decimals, dates as M/d/yyyy (date only) or M/d/yyyy h:mm tt, lookups by their primary name.
/// </summary>
internal static class ValueFormatter
{
    /// <param name="value">The column's value as returned (lookups with their name when known).</param>
    /// <param name="choiceLabel">The label of a choice value (two options: 1 = true, 0 = false), null when unknown.</param>
    /// <param name="dateOnly">True for a date-only column.</param>
    /// <param name="currencySymbol">The symbol of the record's currency (asked only for money).</param>
    /// <param name="referenceName">The primary name of a looked-up row (asked only for lookups).</param>
    public static string? Format(object? value, Func<int, string?> choiceLabel, bool dateOnly, Func<string> currencySymbol, Func<EntityReference, string?> referenceName)
    {
        switch (value)
        {
            case OptionSetValue option:
                return choiceLabel(option.Value);
            case OptionSetValueCollection options:
                return string.Join("; ", options.Select(o => choiceLabel(o.Value) ?? o.Value.ToString(CultureInfo.InvariantCulture)));
            case bool flag:
                return choiceLabel(flag ? 1 : 0) ?? (flag ? "Yes" : "No");
            case Money money:
                return currencySymbol() + money.Value.ToString("N2", CultureInfo.InvariantCulture);
            case DateTime date:
                return dateOnly
                    ? date.ToString("M/d/yyyy", CultureInfo.InvariantCulture)
                    : date.ToString("M/d/yyyy h:mm tt", CultureInfo.InvariantCulture);
            case EntityReference reference:
                return referenceName(reference);
            default:
                return null;
        }
    }
}
