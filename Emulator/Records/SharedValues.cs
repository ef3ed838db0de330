namespace AccountPlanXrm.Emulator.Records;

/// <summary>
/// Immutable values stored rows share: one reference per (table, id) for system columns and lookups, one
/// <see cref="OptionSetValue"/> per value, the boxed clock and exchange rate. Stored values are never mutated (every
/// read path copies them), so rows can share these instances.
/// </summary>
internal sealed class SharedValues
{
    private readonly Dictionary<(string, Guid), EntityReference> _references = [];
    private readonly Dictionary<int, OptionSetValue> _options = [];
    private object? _boxedNow;
    private DateTime _boxedNowValue;
    private (Guid Currency, object Rate)? _boxedRate;

    public EntityReference Reference(string logicalName, Guid id)
    {
        if (!_references.TryGetValue((logicalName, id), out var reference))
        {
            reference = new EntityReference(logicalName, id);
            _references[(logicalName, id)] = reference;
        }

        return reference;
    }

    public OptionSetValue Option(int value)
    {
        if (!_options.TryGetValue(value, out var option))
        {
            option = new OptionSetValue(value);
            _options[value] = option;
        }

        return option;
    }

    /// <summary>The clock's value, boxed once per distinct time.</summary>
    public object Now(DateTime now)
    {
        if (_boxedNow == null || _boxedNowValue != now)
        {
            _boxedNowValue = now;
            _boxedNow = now;
        }

        return _boxedNow;
    }

    /// <summary>An exchange rate, boxed once while the currency and rate stay the same.</summary>
    public object Rate(Guid currency, decimal rate)
    {
        if (_boxedRate is not { } boxed || boxed.Currency != currency || (decimal)boxed.Rate != rate)
        {
            _boxedRate = (currency, rate);
        }

        return _boxedRate.Value.Rate;
    }
}
