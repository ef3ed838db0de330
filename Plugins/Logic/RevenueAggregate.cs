using System.Security;

namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>
    /// Won revenue and open and weighted pipeline of an account and every account below it at any depth, in base
    /// currency, by aggregate FetchXML: the opportunities whose customer or account lookup is the account or below it
    /// (<c>eq-or-under</c> inside "any" link-entities), won and closed in the range or open and expected to close then.
    /// One aggregate answers all three sums (grouped by state and probability); past the aggregate limit the range is
    /// halved, and a single day is summed from pages.
    /// </summary>
    internal sealed class RevenueAggregate(IOrganizationService service, ITracingService tracing)
    {
        private const string StateAlias = "state";
        private const string ProbabilityAlias = "probability";
        private const string WonAlias = "won";
        private const string EstimatedAlias = "estimated";

        /// <summary>Sums over [from, to).</summary>
        public RevenueSums Sums(Guid account, DateTime from, DateTime to) =>
            AggregateQuery.OverRange(
                from, to, (f, t) => Aggregate(account, f, t), (f, t) => Paged(account, f, t),
                (first, second) => { first.Add(second); return first; }, tracing, "Revenue");

        private RevenueSums Aggregate(Guid account, DateTime from, DateTime to)
        {
            var fetch = FetchXml.Aggregate(
                Opportunity.EntityName,
                FetchXml.GroupBy(Opportunity.StateCode, StateAlias),
                FetchXml.GroupBy(Opportunity.CloseProbability, ProbabilityAlias),
                FetchXml.Sum(Opportunity.ActualValueBase, WonAlias),
                FetchXml.Sum(Opportunity.EstimatedValueBase, EstimatedAlias),
                Filter(account, from, to));

            var sums = new RevenueSums();
            foreach (var row in service.RetrieveMultiple(new FetchExpression(fetch)).Entities)
            {
                var state = AggregateQuery.ToInt(AggregateQuery.Aliased(row, StateAlias));
                var probability = AggregateQuery.ToInt(AggregateQuery.Aliased(row, ProbabilityAlias)) ?? 0;
                if (state == Opportunity.StateWon)
                {
                    sums.Won += AggregateQuery.ToDecimal(AggregateQuery.Aliased(row, WonAlias));
                }
                else if (state == Opportunity.StateOpen)
                {
                    var estimated = AggregateQuery.ToDecimal(AggregateQuery.Aliased(row, EstimatedAlias));
                    sums.Open += estimated;
                    sums.Weighted += estimated * probability / 100m;
                }
            }

            return sums;
        }

        /// <summary>The opportunities of one day range read page by page (FetchXML, for the "any" link-entities).</summary>
        private RevenueSums Paged(Guid account, DateTime from, DateTime to)
        {
            var sums = new RevenueSums();
            string? cookie = null;
            for (var page = 1; ; page++)
            {
                var fetch = new StringBuilder();
                fetch.AppendFormat(CultureInfo.InvariantCulture, "<fetch count=\"{0}\" page=\"{1}\"", AggregateQuery.PageSize, page);
                if (cookie != null)
                {
                    fetch.Append(" paging-cookie=\"").Append(SecurityElement.Escape(cookie)).Append('"');
                }

                fetch.Append('>').Append(FetchXml.Entity(
                    Opportunity.EntityName,
                    FetchXml.Attribute(Opportunity.StateCode), FetchXml.Attribute(Opportunity.CloseProbability),
                    FetchXml.Attribute(Opportunity.ActualValueBase), FetchXml.Attribute(Opportunity.EstimatedValueBase),
                    FetchXml.Order(Opportunity.Id),
                    Filter(account, from, to)));
                fetch.Append("</fetch>");

                var result = service.RetrieveMultiple(new FetchExpression(fetch.ToString()));
                foreach (var row in result.Entities)
                {
                    var state = row.GetAttributeValue<OptionSetValue>(Opportunity.StateCode)?.Value;
                    if (state == Opportunity.StateWon)
                    {
                        sums.Won += row.GetAttributeValue<Money>(Opportunity.ActualValueBase)?.Value ?? 0m;
                    }
                    else if (state == Opportunity.StateOpen)
                    {
                        var estimated = row.GetAttributeValue<Money>(Opportunity.EstimatedValueBase)?.Value ?? 0m;
                        sums.Open += estimated;
                        sums.Weighted += estimated * (row.GetAttributeValue<int?>(Opportunity.CloseProbability) ?? 0) / 100m;
                    }
                }

                if (!result.MoreRecords)
                {
                    return sums;
                }

                cookie = result.PagingCookie;
            }
        }

        /// <summary>
        /// Opportunities whose customer or account lookup is the account or below it at any depth (<c>eq-or-under</c>
        /// inside "any" link-entities), won and closed in [from, to) or open and expected to close then.
        /// </summary>
        private static string Filter(Guid account, DateTime from, DateTime to)
        {
            var inHierarchy = FetchXml.Condition(Account.Id, "eq-or-under", account);
            return FetchXml.Filter(
                "and",
                FetchXml.Filter(
                    "or",
                    FetchXml.Link(Account.EntityName, Account.Id, Opportunity.CustomerId, "any", inHierarchy),
                    FetchXml.Link(Account.EntityName, Account.Id, Opportunity.ParentAccountId, "any", inHierarchy)),
                FetchXml.Filter(
                    "or",
                    FetchXml.StateInRange(Opportunity.StateCode, Opportunity.StateWon, Opportunity.ActualCloseDate, from, to),
                    FetchXml.StateInRange(Opportunity.StateCode, Opportunity.StateOpen, Opportunity.EstimatedCloseDate, from, to)));
        }
    }
}
