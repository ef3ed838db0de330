namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>Rule <see cref="Rules.ChartUnknownColumn"/>: the columns of every FetchXML query of a chart.</summary>
public sealed class ChartColumnRule : ICheckRule
{
    public IReadOnlyList<string> Ids { get; } = [Rules.ChartUnknownColumn];

    public void Check(RuleContext context)
    {
        foreach (var chart in context.Model.Entities.Values.SelectMany(e => e.Charts))
        {
            var name = chart.DisplayName();
            foreach (var fetch in chart.Element.Descendants("fetch"))
            {
                FetchColumns.Check(context, chart, $"chart '{name}'", fetch, Rules.ChartUnknownColumn, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));
            }
        }
    }
}
