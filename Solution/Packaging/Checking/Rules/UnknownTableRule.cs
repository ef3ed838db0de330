namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// Rule <see cref="Rules.UnknownTable"/>: every table a view or chart queries (entity, link-entity), a view's grid shows or a
/// step is registered on is in the solution or in the system-table baseline. The column rules skip what is reported here.
/// </summary>
public sealed class UnknownTableRule : ICheckRule
{
    public IReadOnlyList<string> Ids { get; } = [Rules.UnknownTable];

    public void Check(RuleContext context)
    {
        var model = context.Model;
        void Require(string file, System.Xml.Linq.XObject node, string table, string where)
        {
            if (model.Columns(table) is null)
            {
                context.Report(file, node, Rules.UnknownTable, Severity.Error, $"{where}: table '{table}' is neither in the solution nor in the system-table baseline");
            }
        }

        foreach (var entity in model.Entities.Values)
        {
            foreach (var view in entity.Views)
            {
                var where = $"view '{FetchColumns.ViewName(view)}'";
                var fetch = FetchColumns.Query(view);
                foreach (var (node, table) in fetch is null ? [] : FetchColumns.Tables(model, fetch))
                {
                    Require(view.File, node, table, where);
                }

                if (view.Element.Element("layoutxml")?.Element("grid") is { } grid)
                {
                    Require(view.File, grid, fetch?.Element("entity")?.Attr("name") ?? entity.LogicalName, where);
                }
            }

            foreach (var chart in entity.Charts)
            {
                var where = $"chart '{chart.DisplayName()}'";
                foreach (var (node, table) in chart.Element.Descendants("fetch").SelectMany(f => FetchColumns.Tables(model, f)))
                {
                    Require(chart.File, node, table, where);
                }
            }
        }

        foreach (var step in model.Steps)
        {
            var table = step.Element.Text("PrimaryEntity") ?? string.Empty;
            if (!string.IsNullOrEmpty(table) && table != "none")
            {
                Require(step.File, step.Element.Element("PrimaryEntity") ?? step.Element, table, $"step '{step.Element.Attr("Name") ?? step.File}'");
            }
        }
    }
}
