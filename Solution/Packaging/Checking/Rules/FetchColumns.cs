namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>The columns and tables a FetchXML query of a view or chart names, for the rules that check them.</summary>
public static class FetchColumns
{
    /// <summary>
    /// Checks attribute, order, condition and link-entity columns of a FetchXML query; collects link aliases. Tables the
    /// model does not know are left to <see cref="UnknownTableRule"/> (their columns are not checked, nor links below them).
    /// </summary>
    public static void Check(RuleContext context, SourceElement source, string what, XElement fetch, string rule, Dictionary<string, string> aliases)
    {
        var model = context.Model;
        var root = fetch.Element("entity");
        if (root is null)
        {
            return;
        }

        void Walk(XElement node, string table)
        {
            var columns = model.Columns(table);
            foreach (var child in node.Elements())
            {
                switch (child.Name.LocalName)
                {
                    case "attribute":
                    case "order":
                        CheckColumn(child, child.Attr(child.Name.LocalName == "order" ? "attribute" : "name"), table, columns);
                        break;
                    case "filter":
                        foreach (var condition in child.Descendants("condition"))
                        {
                            var conditionTable = table;
                            var conditionColumns = columns;
                            var entityName = condition.Attr("entityname");
                            if (!string.IsNullOrEmpty(entityName))
                            {
                                if (!aliases.TryGetValue(entityName, out var aliased))
                                {
                                    continue;
                                }

                                conditionTable = aliased;
                                conditionColumns = model.Columns(aliased);
                            }

                            CheckColumn(condition, condition.Attr("attribute"), conditionTable, conditionColumns);
                        }

                        break;
                    case "link-entity":
                        var linked = child.Attr("name") ?? string.Empty;
                        var linkedColumns = model.Columns(linked);
                        CheckColumn(child, child.Attr("from"), linked, linkedColumns);
                        CheckColumn(child, child.Attr("to"), table, columns);
                        var alias = child.Attr("alias");
                        if (!string.IsNullOrEmpty(alias))
                        {
                            aliases[alias] = linked;
                        }

                        if (linkedColumns is not null)
                        {
                            Walk(child, linked);
                        }

                        break;
                }
            }
        }

        void CheckColumn(XElement node, string? column, string table, IReadOnlySet<string>? columns)
        {
            if (!string.IsNullOrEmpty(column) && columns is not null && !columns.Contains(column))
            {
                context.Error(source, node, rule, $"{what}: column '{column}' does not exist on '{table}'");
            }
        }

        Walk(root, root.Attr("name") ?? string.Empty);
    }

    /// <summary>The entity and link-entity elements of a query with their tables, as <see cref="Check"/> walks them.</summary>
    public static IEnumerable<(XElement Node, string Table)> Tables(SolutionModel model, XElement fetch)
    {
        if (fetch.Element("entity") is not { } root)
        {
            yield break;
        }

        var pending = new Stack<(XElement Node, string Table)>();
        pending.Push((root, root.Attr("name") ?? string.Empty));
        while (pending.Count > 0)
        {
            var (node, table) = pending.Pop();
            yield return (node, table);
            if (model.Columns(table) is null && node != root)
            {
                continue;
            }

            foreach (var link in node.Elements("link-entity").Reverse())
            {
                pending.Push((link, link.Attr("name") ?? string.Empty));
            }
        }
    }

    /// <summary>The view's query, or null for a view without fetchxml.</summary>
    public static XElement? Query(SourceElement view) => view.Element.Element("fetchxml")?.Element("fetch");

    /// <summary>How findings name a view.</summary>
    public static string ViewName(SourceElement view) => view.DisplayName(view.Element.Text("savedqueryid"));
}
