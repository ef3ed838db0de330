namespace AccountPlanXrm.Emulator.Query;

/// <summary>Runs a bound query that is not an aggregate: joins, ordering, distinct, top or paging, projection.</summary>
internal sealed class SelectRunner
{
    private readonly BoundQuery _query;
    private readonly RowProjector _projector;

    public SelectRunner(BoundQuery query)
    {
        _query = query;
        _projector = new RowProjector(query);
    }

    private QueryPlan Plan => _query.Plan;

    public EntityCollection Run()
    {
        var rows = _query.Joiner.Evaluate();
        ValidateTop();
        var ordering = new RowOrdering(_query, _projector);
        rows = ordering.Sort(rows);
        List<Entity>? projected = null;
        if (Plan.Distinct)
        {
            (projected, rows) = Distinct(rows);
        }

        var collection = new EntityCollection { EntityName = _query.Root.EntityName };
        var cookie = new PagingCookie(_query, ordering);
        var (start, take) = ResultPage.Cut(Plan, rows.Count, collection, Plan.Distinct ? null : page => cookie.Start(rows, page));
        for (int i = start; i < start + take; i++)
        {
            collection.Entities.Add(projected != null ? projected[i] : _projector.Project(rows[i]));
        }

        if (take > 0 && Plan.Top == null)
        {
            collection.PagingCookie = cookie.Build(Math.Max(Plan.PageNumber, 1), rows[start], rows[start + take - 1]);
        }

        return collection;
    }

    private void ValidateTop()
    {
        if (Plan.Top is not int top)
        {
            return;
        }

        if (Plan.Count > 0 || Plan.PageNumber > 1)
        {
            throw QueryFaults.Invalid("The top attribute can't be specified with paging attribute page or count.");
        }

        if (Plan.ReturnTotalRecordCount)
        {
            throw QueryFaults.Invalid("The top attribute can't be specified together with returntotalrecordcount.");
        }

        if (top > QueryExecutor.MaxPageSize || top < 0)
        {
            throw QueryFaults.Invalid($"The top attribute value must be between 0 and {QueryExecutor.MaxPageSize}.");
        }
    }

    /// <summary>Removes rows whose projection equals an earlier one's; returns the projections and the kept rows.</summary>
    private (List<Entity> Projected, List<Entity?[]> Rows) Distinct(List<Entity?[]> rows)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var projected = new List<Entity>();
        var kept = new List<Entity?[]>();
        foreach (var row in rows)
        {
            var entity = _projector.Project(row, distinct: true);
            var signature = string.Join(
                "\u001f",
                entity.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + Signature(a.Value)));
            if (seen.Add(signature))
            {
                projected.Add(entity);
                kept.Add(row);
            }
        }

        return (projected, kept);
    }

    private static string Signature(object? value)
    {
        var normalized = QueryValues.Normalize(value);
        return normalized switch
        {
            string s => s.ToUpperInvariant(),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => normalized?.ToString() ?? "",
        };
    }
}

/// <summary>The page of the ordered results a query asks for (top, or page and count), and the paging properties.</summary>
internal static class ResultPage
{
    /// <summary>
    /// The first row and the number of rows of the requested page among <paramref name="total"/> ordered results;
    /// sets <see cref="EntityCollection.MoreRecords"/> and the total record count. <paramref name="cookieStart"/> may
    /// place the page after the previous page's last row.
    /// </summary>
    public static (int Start, int Take) Cut(QueryPlan plan, int total, EntityCollection collection, Func<int, int?>? cookieStart)
    {
        int start;
        int take;
        if (plan.Top is int limit)
        {
            start = 0;
            take = Math.Min(limit, total);
        }
        else
        {
            var page = Math.Max(plan.PageNumber, 1);
            var size = plan.Count > 0 ? Math.Min(plan.Count, QueryExecutor.MaxPageSize) : QueryExecutor.MaxPageSize;
            start = Math.Min(cookieStart?.Invoke(page) ?? (page - 1) * size, total);
            take = Math.Min(size, total - start);
            collection.MoreRecords = start + take < total;
        }

        if (plan.ReturnTotalRecordCount)
        {
            collection.TotalRecordCount = Math.Min(total, QueryExecutor.TotalRecordCountLimit);
            collection.TotalRecordCountLimitExceeded = total > QueryExecutor.TotalRecordCountLimit;
        }
        else
        {
            collection.TotalRecordCount = -1;
        }

        return (start, take);
    }
}
