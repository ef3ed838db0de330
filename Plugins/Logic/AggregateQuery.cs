namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>
    /// What the aggregate readers share: the values of aggregate rows (aliased, typed as the platform returns them), the
    /// split of a date range past the 50,000-row aggregate limit (fault -2147164125), and reading every page of a query.
    /// </summary>
    internal static class AggregateQuery
    {
        /// <summary>Rows per page where rows are read instead of aggregated (the platform's maximum).</summary>
        public const int PageSize = 5000;

        /// <summary>
        /// <paramref name="aggregate"/> over [from, to); where the aggregate limit is hit the range is halved until each
        /// half fits, and a single day that still does not fit is read by <paramref name="paged"/>. Halves are
        /// combined in date order.
        /// </summary>
        public static T OverRange<T>(
            DateTime from, DateTime to, Func<DateTime, DateTime, T> aggregate, Func<DateTime, DateTime, T> paged,
            Func<T, T, T> combine, ITracingService tracing, string what)
        {
            try
            {
                return aggregate(from, to);
            }
            catch (FaultException<OrganizationServiceFault> fault) when (Faults.Is(fault, Faults.AggregateQueryRecordLimit))
            {
                var days = (to - from).Days;
                tracing.Trace("{0}: aggregate limit over {1:yyyy-MM-dd}..{2:yyyy-MM-dd} ({3} days), range split", what, from, to, days);
                if (days <= 1)
                {
                    return paged(from, to);
                }

                var middle = from.AddDays(days / 2);
                var first = OverRange(from, middle, aggregate, paged, combine, tracing, what);
                return combine(first, OverRange(middle, to, aggregate, paged, combine, tracing, what));
            }
        }

        /// <summary>Every row of the query, <see cref="PageSize"/> a page with the paging cookie (the query orders the rows).</summary>
        public static IEnumerable<Entity> AllPages(IOrganizationService service, QueryExpression query)
        {
            query.PageInfo = new PagingInfo { Count = PageSize, PageNumber = 1 };
            while (true)
            {
                var result = service.RetrieveMultiple(query);
                foreach (var row in result.Entities)
                {
                    yield return row;
                }

                if (!result.MoreRecords)
                {
                    yield break;
                }

                query.PageInfo.PageNumber++;
                query.PageInfo.PagingCookie = result.PagingCookie;
            }
        }

        /// <summary>The value of an aggregate column (the <see cref="AliasedValue"/>'s value), null when absent.</summary>
        public static object? Aliased(Entity row, string alias)
        {
            if (!row.Attributes.Contains(alias))
            {
                return null;
            }

            var value = row.Attributes[alias];
            return value is AliasedValue aliased ? aliased.Value : value;
        }

        public static int? ToInt(object? value)
        {
            switch (value)
            {
                case null: return null;
                case OptionSetValue option: return option.Value;
                case int i: return i;
                case long l: return (int)l;
                case decimal d: return (int)d;
                case double f: return (int)f;
                default: return Convert.ToInt32(value, CultureInfo.InvariantCulture);
            }
        }

        public static decimal ToDecimal(object? value)
        {
            switch (value)
            {
                case null: return 0m;
                case Money money: return money.Value;
                case decimal d: return d;
                case int i: return i;
                case long l: return l;
                case double f: return (decimal)f;
                default: return Convert.ToDecimal(value, CultureInfo.InvariantCulture);
            }
        }
    }
}
