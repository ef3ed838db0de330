namespace AccountPlanXrm.Emulator.Query;

/// <summary>Turns QueryExpression and QueryByAttribute into the engine's <see cref="QueryPlan"/>.</summary>
internal static class QueryExpressionConverter
{
    public static QueryPlan Convert(QueryExpression query)
    {
        if (string.IsNullOrEmpty(query.EntityName))
        {
            throw QueryFaults.Invalid("The EntityName of the query must be specified.");
        }

        var root = Fill(new QueryNode { EntityName = query.EntityName, Join = JoinKind.Inner }, query.ColumnSet, query.Criteria, query.Orders, query.LinkEntities);
        var paging = query.PageInfo;
        return new QueryPlan
        {
            Root = root,
            Distinct = query.Distinct,
            Top = query.TopCount,
            Count = paging?.Count ?? 0,
            PageNumber = paging?.PageNumber ?? 0,
            PagingCookie = paging?.PagingCookie,
            ReturnTotalRecordCount = paging?.ReturnTotalRecordCount ?? false,
        };
    }

    /// <summary>The QueryExpression equivalent of a QueryByAttribute: equality conditions joined with "and".</summary>
    public static QueryExpression ToQueryExpression(QueryByAttribute query)
    {
        if (query.Attributes.Count != query.Values.Count)
        {
            throw QueryFaults.Invalid("The number of attributes and values of a QueryByAttribute must be equal.");
        }

        var expression = new QueryExpression(query.EntityName)
        {
            ColumnSet = query.ColumnSet ?? new ColumnSet(),
            TopCount = query.TopCount,
        };
        if (query.PageInfo != null)
        {
            expression.PageInfo = query.PageInfo;
        }

        for (int i = 0; i < query.Attributes.Count; i++)
        {
            var value = query.Values[i];
            expression.Criteria.Conditions.Add(value == null
                ? new ConditionExpression(query.Attributes[i], ConditionOperator.Null)
                : new ConditionExpression(query.Attributes[i], ConditionOperator.Equal, value));
        }

        foreach (var order in query.Orders)
        {
            expression.Orders.Add(order);
        }

        return expression;
    }

    private static void ApplyColumns(QueryNode node, ColumnSet? columns)
    {
        if (columns == null)
        {
            return;
        }

        node.AllColumns = columns.AllColumns;
        if (!columns.AllColumns)
        {
            foreach (var column in columns.Columns)
            {
                node.Columns.Add(new QueryColumn { Name = column });
            }
        }
    }

    private static QueryOrder ConvertOrder(OrderExpression order) => new()
    {
        Attribute = order.AttributeName,
        Descending = order.OrderType == OrderType.Descending,
        EntityName = string.IsNullOrEmpty(order.EntityName) ? null : order.EntityName,
    };

    private static QueryFilter? ConvertFilter(FilterExpression? filter)
    {
        if (filter == null)
        {
            return null;
        }

        var result = new QueryFilter { IsOr = filter.FilterOperator == LogicalOperator.Or };
        foreach (var condition in filter.Conditions)
        {
            var converted = new QueryCondition
            {
                EntityName = string.IsNullOrEmpty(condition.EntityName) ? null : condition.EntityName,
                Attribute = condition.AttributeName,
                Operator = condition.Operator,
                CompareColumns = condition.CompareColumns,
            };
            foreach (var value in condition.Values)
            {
                converted.Values.Add(value);
            }

            result.Conditions.Add(converted);
        }

        foreach (var child in filter.Filters)
        {
            var converted = ConvertFilter(child);
            if (converted != null)
            {
                result.Filters.Add(converted);
            }
        }

        return result;
    }

    private static QueryNode ConvertLink(LinkEntity link, QueryNode parent)
    {
        if (string.IsNullOrEmpty(link.LinkToEntityName))
        {
            throw QueryFaults.Invalid("The LinkToEntityName of a link entity must be specified.");
        }

        var node = new QueryNode
        {
            EntityName = link.LinkToEntityName,
            Alias = string.IsNullOrEmpty(link.EntityAlias) ? null : link.EntityAlias,
            // QueryExpression names the parent's column "from" and the linked column "to" (FetchXML is the reverse).
            ToAttribute = link.LinkFromAttributeName,
            FromAttribute = link.LinkToAttributeName,
            Join = link.JoinOperator switch
            {
                JoinOperator.Inner or JoinOperator.Natural => JoinKind.Inner,
                JoinOperator.LeftOuter => JoinKind.LeftOuter,
                JoinOperator.MatchFirstRowUsingCrossApply => JoinKind.MatchFirstRow,
                JoinOperator.In or JoinOperator.Exists or JoinOperator.Any => JoinKind.Any,
                JoinOperator.NotAny => JoinKind.NotAny,
                JoinOperator.All => JoinKind.All,
                JoinOperator.NotAll => JoinKind.NotAll,
                _ => throw QueryFaults.Invalid($"The join operator '{link.JoinOperator}' is not supported."),
            },
            Parent = parent,
        };
        return Fill(node, link.Columns, link.LinkCriteria, link.Orders, link.LinkEntities);
    }

    /// <summary>The columns, filter, orders and nested links of the query or a link entity.</summary>
    private static QueryNode Fill(QueryNode node, ColumnSet? columns, FilterExpression? criteria, IEnumerable<OrderExpression> orders, IEnumerable<LinkEntity> links)
    {
        ApplyColumns(node, columns);
        node.Filter = ConvertFilter(criteria);
        foreach (var order in orders)
        {
            node.Orders.Add(ConvertOrder(order));
        }

        foreach (var link in links)
        {
            node.Links.Add(ConvertLink(link, node));
        }

        return node;
    }
}
