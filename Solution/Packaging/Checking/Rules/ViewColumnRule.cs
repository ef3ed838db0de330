namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// Rule <see cref="Rules.ViewUnknownColumn"/>: the columns of a view's fetchxml (attributes, orders, conditions, link
/// columns) and of its layoutxml (jump column, row id, cells, aliased cells through the fetch's link-entity aliases).
/// </summary>
public sealed class ViewColumnRule : ICheckRule
{
    public IReadOnlyList<string> Ids { get; } = [Rules.ViewUnknownColumn];

    public void Check(RuleContext context)
    {
        foreach (var entity in context.Model.Entities.Values)
        {
            foreach (var view in entity.Views)
            {
                var name = FetchColumns.ViewName(view);
                var fetch = FetchColumns.Query(view);
                var aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                if (fetch is not null)
                {
                    FetchColumns.Check(context, view, $"view '{name}'", fetch, Rules.ViewUnknownColumn, aliases);
                }

                var grid = view.Element.Element("layoutxml")?.Element("grid");
                if (grid is null)
                {
                    continue;
                }

                var rootTable = fetch?.Element("entity")?.Attr("name") ?? entity.LogicalName;
                var columns = context.Model.Columns(rootTable);
                var jump = grid.Attr("jump");
                if (!string.IsNullOrEmpty(jump) && columns is not null && !columns.Contains(jump))
                {
                    context.Error(view, grid, Rules.ViewUnknownColumn, $"view '{name}': jump column '{jump}' does not exist on '{rootTable}'");
                }

                foreach (var row in grid.Elements("row"))
                {
                    var id = row.Attr("id");
                    if (!string.IsNullOrEmpty(id) && columns is not null && !columns.Contains(id))
                    {
                        context.Error(view, row, Rules.ViewUnknownColumn, $"view '{name}': row id '{id}' does not exist on '{rootTable}'");
                    }

                    foreach (var cell in row.Elements("cell"))
                    {
                        var cellName = cell.Attr("name") ?? string.Empty;
                        var dot = cellName.IndexOf('.');
                        if (dot > 0)
                        {
                            var alias = cellName[..dot];
                            var column = cellName[(dot + 1)..];
                            if (!aliases.TryGetValue(alias, out var linked))
                            {
                                context.Error(view, cell, Rules.ViewUnknownColumn, $"view '{name}': column '{cellName}' uses alias '{alias}', which no link-entity of the fetchxml declares");
                            }
                            else if (context.Model.Columns(linked) is { } linkedColumns && !linkedColumns.Contains(column))
                            {
                                context.Error(view, cell, Rules.ViewUnknownColumn, $"view '{name}': column '{cellName}' does not exist on '{linked}'");
                            }
                        }
                        else if (columns is not null && !columns.Contains(cellName))
                        {
                            context.Error(view, cell, Rules.ViewUnknownColumn, $"view '{name}': column '{cellName}' does not exist on '{rootTable}'");
                        }
                    }
                }
            }
        }
    }
}
