namespace AccountPlanXrm.Emulator.Query;

/// <summary>
/// The date operators of conditions as tests on a stored value: relative dates (yesterday ... next year, last/next X
/// hours to years, older than X), on / on or before / on or after, and the fiscal operators. They use the source clock in
/// UTC; weeks start on Sunday; the fiscal year is the calendar year with quarterly periods.
/// </summary>
internal sealed class DateConditions(DateTime now)
{
    private DateTime Today => now.Date;

    /// <summary>The test of a date operator; null when the operator is not one.</summary>
    /// <param name="value">The condition's value at an index, converted to the column type.</param>
    /// <param name="intValue">The condition's value at an index as a whole number.</param>
    public Func<object?, bool>? Compile(ConditionOperator op, Func<int, object?> value, Func<int, int> intValue, string attribute)
    {
        switch (op)
        {
            case ConditionOperator.Yesterday:
                return Range(Today.AddDays(-1), Today);
            case ConditionOperator.Today:
                return Range(Today, Today.AddDays(1));
            case ConditionOperator.Tomorrow:
                return Range(Today.AddDays(1), Today.AddDays(2));
            case ConditionOperator.Last7Days:
                return RangeInclusiveEnd(Today.AddDays(-7), now);
            case ConditionOperator.Next7Days:
                return Range(now, Today.AddDays(8));
            case ConditionOperator.LastWeek:
                return Range(WeekStart().AddDays(-7), WeekStart());
            case ConditionOperator.ThisWeek:
                return Range(WeekStart(), WeekStart().AddDays(7));
            case ConditionOperator.NextWeek:
                return Range(WeekStart().AddDays(7), WeekStart().AddDays(14));
            case ConditionOperator.LastMonth:
                return Range(MonthStart().AddMonths(-1), MonthStart());
            case ConditionOperator.ThisMonth:
                return Range(MonthStart(), MonthStart().AddMonths(1));
            case ConditionOperator.NextMonth:
                return Range(MonthStart().AddMonths(1), MonthStart().AddMonths(2));
            case ConditionOperator.LastYear:
                return Range(YearStart(now.Year - 1), YearStart(now.Year));
            case ConditionOperator.ThisYear:
                return Range(YearStart(now.Year), YearStart(now.Year + 1));
            case ConditionOperator.NextYear:
                return Range(YearStart(now.Year + 1), YearStart(now.Year + 2));
            case ConditionOperator.LastXHours:
                return RangeInclusiveEnd(now.AddHours(-intValue(0)), now);
            case ConditionOperator.NextXHours:
                return RangeInclusiveEnd(now, now.AddHours(intValue(0)));
            case ConditionOperator.LastXDays:
                return RangeInclusiveEnd(Today.AddDays(-intValue(0)), now);
            case ConditionOperator.NextXDays:
                return Range(now, Today.AddDays(intValue(0) + 1));
            case ConditionOperator.LastXWeeks:
                return RangeInclusiveEnd(Today.AddDays(-7 * intValue(0)), now);
            case ConditionOperator.NextXWeeks:
                return Range(now, Today.AddDays(7 * intValue(0) + 1));
            case ConditionOperator.LastXMonths:
                return RangeInclusiveEnd(Today.AddMonths(-intValue(0)), now);
            case ConditionOperator.NextXMonths:
                return Range(now, Today.AddMonths(intValue(0)).AddDays(1));
            case ConditionOperator.LastXYears:
                return RangeInclusiveEnd(Today.AddYears(-intValue(0)), now);
            case ConditionOperator.NextXYears:
                return Range(now, Today.AddYears(intValue(0)).AddDays(1));
            case ConditionOperator.OlderThanXMinutes:
                return Before(now.AddMinutes(-intValue(0)));
            case ConditionOperator.OlderThanXHours:
                return Before(now.AddHours(-intValue(0)));
            case ConditionOperator.OlderThanXDays:
                return Before(now.AddDays(-intValue(0)));
            case ConditionOperator.OlderThanXWeeks:
                return Before(now.AddDays(-7 * intValue(0)));
            case ConditionOperator.OlderThanXMonths:
                return Before(now.AddMonths(-intValue(0)));
            case ConditionOperator.OlderThanXYears:
                return Before(now.AddYears(-intValue(0)));
            case ConditionOperator.On:
            case ConditionOperator.NotOn:
            case ConditionOperator.OnOrBefore:
            case ConditionOperator.OnOrAfter:
            {
                var day = AsDate(value(0), attribute).Date;
                return op switch
                {
                    ConditionOperator.On => Range(day, day.AddDays(1)),
                    ConditionOperator.NotOn => v => v is DateTime d && (d < day || d >= day.AddDays(1)),
                    ConditionOperator.OnOrBefore => v => v is DateTime d && d < day.AddDays(1),
                    _ => v => v is DateTime d && d >= day,
                };
            }

            case ConditionOperator.ThisFiscalYear:
                return Range(YearStart(now.Year), YearStart(now.Year + 1));
            case ConditionOperator.LastFiscalYear:
                return Range(YearStart(now.Year - 1), YearStart(now.Year));
            case ConditionOperator.NextFiscalYear:
                return Range(YearStart(now.Year + 1), YearStart(now.Year + 2));
            case ConditionOperator.LastXFiscalYears:
                return Range(YearStart(now.Year - intValue(0)), YearStart(now.Year));
            case ConditionOperator.NextXFiscalYears:
                return Range(YearStart(now.Year + 1), YearStart(now.Year + 1 + intValue(0)));
            case ConditionOperator.InFiscalYear:
            {
                var year = intValue(0);
                return Range(YearStart(year), YearStart(year + 1));
            }

            case ConditionOperator.ThisFiscalPeriod:
                return Range(QuarterStart(0), QuarterStart(1));
            case ConditionOperator.LastFiscalPeriod:
                return Range(QuarterStart(-1), QuarterStart(0));
            case ConditionOperator.NextFiscalPeriod:
                return Range(QuarterStart(1), QuarterStart(2));
            case ConditionOperator.LastXFiscalPeriods:
                return Range(QuarterStart(-intValue(0)), QuarterStart(0));
            case ConditionOperator.NextXFiscalPeriods:
                return Range(QuarterStart(1), QuarterStart(1 + intValue(0)));
            case ConditionOperator.InFiscalPeriod:
            {
                var period = intValue(0);
                return v => v is DateTime d && Quarter(d) == period;
            }

            case ConditionOperator.InFiscalPeriodAndYear:
            case ConditionOperator.InOrBeforeFiscalPeriodAndYear:
            case ConditionOperator.InOrAfterFiscalPeriodAndYear:
            {
                var period = intValue(0);
                var year = intValue(1);
                var start = new DateTime(year, 1, 1).AddMonths(3 * (period - 1));
                var end = start.AddMonths(3);
                return op switch
                {
                    ConditionOperator.InFiscalPeriodAndYear => Range(start, end),
                    ConditionOperator.InOrBeforeFiscalPeriodAndYear => v => v is DateTime d && d < end,
                    _ => v => v is DateTime d && d >= start,
                };
            }
            default:
                return null;
        }
    }

    private static Func<object?, bool> Range(DateTime start, DateTime endExclusive) =>
        v => v is DateTime d && d >= start && d < endExclusive;

    private static Func<object?, bool> RangeInclusiveEnd(DateTime start, DateTime endInclusive) =>
        v => v is DateTime d && d >= start && d <= endInclusive;

    private static Func<object?, bool> Before(DateTime limit) => v => v is DateTime d && d < limit;

    private static DateTime AsDate(object? value, string attribute) =>
        value as DateTime? ?? throw QueryFaults.Invalid($"The condition on attribute '{attribute}' requires a date value.");

    private DateTime WeekStart() => Today.AddDays(-(int)Today.DayOfWeek);

    private DateTime MonthStart() => new(Today.Year, Today.Month, 1, 0, 0, 0, Today.Kind);

    private static DateTime YearStart(int year) => new(year, 1, 1);

    private static int Quarter(DateTime d) => (d.Month - 1) / 3 + 1;

    private DateTime QuarterStart(int offset)
    {
        var start = new DateTime(Today.Year, (Quarter(Today) - 1) * 3 + 1, 1);
        return start.AddMonths(3 * offset);
    }
}
