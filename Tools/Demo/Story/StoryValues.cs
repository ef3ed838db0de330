namespace AccountPlanXrm.Tools.Demo.Story;

/// <summary>The option values the story sets and the readable labels and numbers it prints from stored rows.</summary>
public static class StoryValues
{
    public const int PlanReasonTopRevenue = 726000000;
    public const int PlanReasonTopProfit = 726000001;
    public const int PlanReasonStrategic = 726000002;
    public const int PlanReasonDevelopment = 726000003;
    public const int StatusDraft = 1;
    public const int StatusActive = 726000001;
    public const int MeasureInProgress = 726000000;
    public const int DecisionApproved = 2;
    public const int DurableManufacturing = 12;
    public const decimal DecisionThreshold = 50_000m;

    /// <summary>The label of a status or state: the formatted value when the row carries one, else the solution's label.</summary>
    public static string Label(Entity row, string column)
    {
        if (row.FormattedValues.Contains(column))
        {
            return row.FormattedValues[column];
        }

        var value = row.GetAttributeValue<OptionSetValue>(column)?.Value;
        return (row.LogicalName, column, value) switch
        {
            (_, _, null) => "",
            ("apx_accountplan", "statuscode", 1) => "Draft",
            ("apx_accountplan", "statuscode", 726000000) => "In review",
            ("apx_accountplan", "statuscode", 726000001) => "Active",
            ("apx_accountplan", "statuscode", 2) => "Closed",
            ("apx_accountplan", "statuscode", 726000002) => "Cancelled",
            ("apx_planmeasure", "statuscode", 1) => "Planned",
            ("apx_planmeasure", "statuscode", 726000000) => "In progress",
            ("apx_planmeasure", "statuscode", 2) => "Done",
            ("apx_planmeasure", "statuscode", 726000001) => "Cancelled",
            ("apx_plandecision", "statuscode", 1) => "Proposed",
            ("apx_plandecision", "statuscode", 726000000) => "Deferred",
            ("apx_plandecision", "statuscode", 2) => "Approved",
            ("apx_plandecision", "statuscode", 726000001) => "Rejected",
            ("task", "statecode", 0) => "Open",
            ("task", "statecode", 1) => "Completed",
            ("task", "statecode", 2) => "Canceled",
            ("task", "statuscode", 2) => "Not started",
            ("task", "statuscode", 5) => "Completed",
            ("task", "statuscode", 6) => "Canceled",
            _ => value.Value.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The label of a stakeholder's contact frequency (apx_frequency).</summary>
    public static string FrequencyLabel(int? value) => value switch
    {
        726000000 => "Weekly",
        726000001 => "Monthly",
        726000002 => "Quarterly",
        726000003 => "Semi-annually",
        726000004 => "Ad hoc",
        _ => "",
    };

    public static decimal? MoneyOf(Entity row, string column) => row.GetAttributeValue<Money>(column)?.Value;

    public static int? Pct(Entity row, string column) => row.GetAttributeValue<int?>(column);

    /// <summary>A money, decimal or whole-number column as a number (0 when empty).</summary>
    public static decimal Number(Entity row, string column) => row.Contains(column) ? row[column] switch
    {
        Money m => m.Value,
        decimal d => d,
        int i => i,
        _ => 0m,
    } : 0m;

    /// <summary>The update that moves a record to a state and status.</summary>
    public static Entity StatusChange(string table, Guid id, int state, int status) =>
        new(table, id) { ["statecode"] = new OptionSetValue(state), ["statuscode"] = new OptionSetValue(status) };
}
