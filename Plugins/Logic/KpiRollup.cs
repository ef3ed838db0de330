using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.ServiceModel;
using System.Security;
using System.Text;
using AccountPlanXrm.Plugins.Infrastructure;
using AccountPlanXrm.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>The revenue and measure KPIs of one plan.</summary>
    public sealed class PlanKpis
    {
        public decimal WonRevenue { get; set; }
        public decimal OpenPipeline { get; set; }
        public decimal WeightedPipeline { get; set; }
        public decimal? AttainmentPercent { get; set; }
        public int MeasureCount { get; set; }
        public decimal MeasureBudget { get; set; }
        public decimal MeasureCost { get; set; }
        public decimal? MeasureDonePercent { get; set; }
        public DateTime? CalculatedOn { get; set; }
    }

    /// <summary>Sums of opportunities in one slice of a plan period.</summary>
    public sealed class RevenueSums
    {
        public decimal Won { get; set; }
        public decimal Open { get; set; }
        public decimal Weighted { get; set; }

        public void Add(RevenueSums other)
        {
            Won += other.Won;
            Open += other.Open;
            Weighted += other.Weighted;
        }
    }

    /// <summary>Which parts of the KPIs to recompute.</summary>
    [Flags]
    public enum KpiParts
    {
        Revenue = 1,
        Measures = 2,
        All = Revenue | Measures,
    }

    /// <summary>
    /// The revenue KPI roll-up from source, the reference every incremental change must equal: won revenue (won
    /// opportunities closed in the period), open and weighted pipeline (open opportunities expected to close in the
    /// period) of the plan's account and of every account below it at any depth (<c>eq-or-under</c> on the account
    /// hierarchy, through the opportunity's customer or its account lookup), in base currency; attainment against the
    /// revenue target; and the measure KPIs. The exact sums are kept next to the rounded money columns so that
    /// <see cref="OpportunityRollup"/> can add differences without drift. Everything is read with aggregate FetchXML:
    /// a fixed number of requests however many opportunities exist. Where an aggregate evaluates more than 50,000 rows
    /// (fault -2147164125) the date range is halved until the aggregates fit; a single day that still does not fit is
    /// summed from paged rows. The plan is written with optimistic concurrency (<see cref="PlanWriter"/>): when another
    /// transaction changed it in between, it is read and recounted again.
    /// </summary>
    public sealed class KpiRollup
    {
        /// <summary>Plan columns the roll-up reads.</summary>
        public static readonly string[] PlanColumns =
        {
            Plan.AccountId, Plan.PeriodStart, Plan.PeriodEnd, Plan.RevenueTarget, Plan.StateCode, Plan.WonRevenue, Plan.OpenPipeline,
            Plan.WeightedPipeline, Plan.WonRevenueExact, Plan.OpenPipelineExact, Plan.WeightedPipelineExact, Plan.AttainmentPct,
            Plan.MeasureCount, Plan.MeasureBudget, Plan.MeasureCost, Plan.MeasureDonePct, Plan.KpisCalculatedOn,
        };

        /// <summary>Measure columns whose change moves the measure KPIs (filtering attributes of the measure step).</summary>
        public static readonly string[] MeasureTriggerColumns =
            { Measure.PlanId, Measure.Budget, Measure.ActualCost, Measure.StateCode, Measure.StatusCode, "transactioncurrencyid", "exchangerate" };

        private const int PageSize = 5000;

        private readonly IOrganizationService service;
        private readonly ITracingService tracing;
        private readonly IClock clock;

        public KpiRollup(IOrganizationService service, ITracingService tracing, IClock clock)
        {
            this.service = service;
            this.tracing = tracing;
            this.clock = clock;
        }

        /// <summary>The time of calculation stamped on the plan.</summary>
        internal DateTime Now => clock.UtcNow;

        /// <summary>
        /// Recomputes the given parts of a stored plan's KPIs and writes the columns whose value changed, with the time
        /// of calculation. <paramref name="alwaysStamp"/> writes the time even when no value changed (explicit request).
        /// </summary>
        public PlanKpis Recalculate(Guid planId, KpiParts parts, bool alwaysStamp = false)
        {
            var plan = service.Retrieve(Plan.EntityName, planId, new ColumnSet(PlanColumns));
            return Recalculate(plan, parts, alwaysStamp);
        }

        /// <summary>As <see cref="Recalculate(Guid,KpiParts,bool)"/>, for a plan row already read with <see cref="PlanColumns"/>.</summary>
        public PlanKpis Recalculate(Entity plan, KpiParts parts, bool alwaysStamp = false)
        {
            for (var attempt = 1; ; attempt++)
            {
                var kpis = Compute(plan, parts, alwaysStamp, out var update);
                if (update == null || PlanWriter.TryUpdate(service, update, plan.RowVersion, attempt))
                {
                    return kpis;
                }

                tracing.Trace("KPIs of plan {0}: changed by another transaction, recounting (attempt {1})", plan.Id, attempt);
                plan = service.Retrieve(Plan.EntityName, plan.Id, new ColumnSet(PlanColumns));
            }
        }

        private PlanKpis Compute(Entity plan, KpiParts parts, bool alwaysStamp, out Entity? write)
        {
            var kpis = Stored(plan);
            var update = new Entity(Plan.EntityName, plan.Id);
            if ((parts & KpiParts.Revenue) != 0)
            {
                var account = plan.GetAttributeValue<EntityReference>(Plan.AccountId);
                var start = plan.GetAttributeValue<DateTime?>(Plan.PeriodStart);
                var end = plan.GetAttributeValue<DateTime?>(Plan.PeriodEnd);
                var sums = account == null || start == null || end == null || end < start
                    ? new RevenueSums()
                    : Revenue(account.Id, start.Value, end.Value);
                kpis.WonRevenue = Round(sums.Won);
                kpis.OpenPipeline = Round(sums.Open);
                kpis.WeightedPipeline = Round(sums.Weighted);
                SetRevenue(plan, update, sums);
            }

            var target = plan.GetAttributeValue<Money>(Plan.RevenueTarget)?.Value;
            kpis.AttainmentPercent = Attainment(kpis.WonRevenue, target);

            if ((parts & KpiParts.Measures) != 0)
            {
                MeasureKpis(plan.Id, kpis);
                SetIfChanged(plan, update, Plan.MeasureCount, kpis.MeasureCount);
                SetIfChanged(plan, update, Plan.MeasureBudget, new Money(kpis.MeasureBudget));
                SetIfChanged(plan, update, Plan.MeasureCost, new Money(kpis.MeasureCost));
                SetIfChanged(plan, update, Plan.MeasureDonePct, kpis.MeasureDonePercent);
            }

            if (update.Attributes.Count > 0 || alwaysStamp)
            {
                kpis.CalculatedOn = clock.UtcNow;
                update.Attributes[Plan.KpisCalculatedOn] = kpis.CalculatedOn;
                tracing.Trace("KPIs of plan {0}: {1} column(s) to write", plan.Id, update.Attributes.Count);
                write = update;
                return kpis;
            }

            tracing.Trace("KPIs of plan {0}: unchanged, nothing written", plan.Id);
            write = null;
            return kpis;
        }

        /// <summary>
        /// Puts the revenue columns that differ from the stored plan into <paramref name="update"/>: the exact sums, the
        /// money columns rounded to their precision (2) and the attainment computed from the rounded won revenue.
        /// </summary>
        internal static void SetRevenue(Entity plan, Entity update, RevenueSums sums)
        {
            SetIfChanged(plan, update, Plan.WonRevenueExact, sums.Won);
            SetIfChanged(plan, update, Plan.OpenPipelineExact, sums.Open);
            SetIfChanged(plan, update, Plan.WeightedPipelineExact, sums.Weighted);
            SetIfChanged(plan, update, Plan.WonRevenue, new Money(Round(sums.Won)));
            SetIfChanged(plan, update, Plan.OpenPipeline, new Money(Round(sums.Open)));
            SetIfChanged(plan, update, Plan.WeightedPipeline, new Money(Round(sums.Weighted)));
            SetIfChanged(plan, update, Plan.AttainmentPct, Attainment(Round(sums.Won), plan.GetAttributeValue<Money>(Plan.RevenueTarget)?.Value));
        }

        internal static decimal? Attainment(decimal wonRevenue, decimal? target) =>
            target.HasValue && target.Value > 0 ? Math.Round(wonRevenue / target.Value * 100m, 2) : (decimal?)null;

        /// <summary>Won revenue and pipelines of an account and every account below it within a period (date-only, inclusive).</summary>
        public RevenueSums Revenue(Guid accountId, DateTime periodStart, DateTime periodEnd) =>
            RevenueRange(accountId, periodStart.Date, periodEnd.Date.AddDays(1));

        /// <summary>Sums over [from, to) by aggregate; halves the range when the aggregate row limit is hit.</summary>
        private RevenueSums RevenueRange(Guid account, DateTime from, DateTime to)
        {
            try
            {
                return AggregateRevenue(account, from, to);
            }
            catch (FaultException<OrganizationServiceFault> fault) when (Faults.Is(fault, Faults.AggregateQueryRecordLimit))
            {
                var days = (to - from).Days;
                tracing.Trace("Aggregate limit over {0:yyyy-MM-dd}..{1:yyyy-MM-dd} ({2} days)", from, to, days);
                if (days <= 1)
                {
                    return PagedRevenue(account, from, to);
                }

                var middle = from.AddDays(days / 2);
                var sums = RevenueRange(account, from, middle);
                sums.Add(RevenueRange(account, middle, to));
                return sums;
            }
        }

        private RevenueSums AggregateRevenue(Guid account, DateTime from, DateTime to)
        {
            var fetch = new StringBuilder();
            fetch.Append("<fetch aggregate=\"true\"><entity name=\"opportunity\">");
            fetch.Append("<attribute name=\"statecode\" alias=\"state\" groupby=\"true\" />");
            fetch.Append("<attribute name=\"closeprobability\" alias=\"probability\" groupby=\"true\" />");
            fetch.Append("<attribute name=\"actualvalue_base\" alias=\"won\" aggregate=\"sum\" />");
            fetch.Append("<attribute name=\"estimatedvalue_base\" alias=\"estimated\" aggregate=\"sum\" />");
            fetch.Append(RevenueFilter(account, from, to));
            fetch.Append("</entity></fetch>");

            var sums = new RevenueSums();
            foreach (var row in service.RetrieveMultiple(new FetchExpression(fetch.ToString())).Entities)
            {
                var state = ToInt(Aliased(row, "state"));
                var probability = ToInt(Aliased(row, "probability")) ?? 0;
                if (state == Opportunity.StateWon)
                {
                    sums.Won += ToDecimal(Aliased(row, "won"));
                }
                else if (state == Opportunity.StateOpen)
                {
                    var estimated = ToDecimal(Aliased(row, "estimated"));
                    sums.Open += estimated;
                    sums.Weighted += estimated * probability / 100m;
                }
            }

            return sums;
        }

        private RevenueSums PagedRevenue(Guid account, DateTime from, DateTime to)
        {
            var sums = new RevenueSums();
            string? cookie = null;
            for (var page = 1; ; page++)
            {
                var fetch = new StringBuilder();
                fetch.AppendFormat(CultureInfo.InvariantCulture, "<fetch count=\"{0}\" page=\"{1}\"", PageSize, page);
                if (cookie != null)
                {
                    fetch.Append(" paging-cookie=\"").Append(SecurityElement.Escape(cookie)).Append('"');
                }

                fetch.Append("><entity name=\"opportunity\">");
                fetch.Append("<attribute name=\"statecode\" /><attribute name=\"closeprobability\" />");
                fetch.Append("<attribute name=\"actualvalue_base\" /><attribute name=\"estimatedvalue_base\" />");
                fetch.Append("<order attribute=\"opportunityid\" />");
                fetch.Append(RevenueFilter(account, from, to));
                fetch.Append("</entity></fetch>");

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
        private static string RevenueFilter(Guid account, DateTime from, DateTime to)
        {
            var text = new StringBuilder();
            text.Append("<filter type=\"and\"><filter type=\"or\">");
            foreach (var column in new[] { Opportunity.CustomerId, Opportunity.ParentAccountId })
            {
                text.Append("<link-entity name=\"account\" from=\"accountid\" to=\"").Append(column).Append("\" link-type=\"any\">");
                text.Append("<filter><condition attribute=\"accountid\" operator=\"eq-or-under\" value=\"").Append(account.ToString("D")).Append("\" /></filter>");
                text.Append("</link-entity>");
            }

            text.Append("</filter><filter type=\"or\">");
            text.Append(StateInRange(Opportunity.StateWon, Opportunity.ActualCloseDate, from, to));
            text.Append(StateInRange(Opportunity.StateOpen, Opportunity.EstimatedCloseDate, from, to));
            text.Append("</filter></filter>");
            return text.ToString();
        }

        private static string StateInRange(int state, string dateColumn, DateTime from, DateTime to) =>
            string.Format(
                CultureInfo.InvariantCulture,
                "<filter type=\"and\"><condition attribute=\"statecode\" operator=\"eq\" value=\"{0}\" />" +
                "<condition attribute=\"{1}\" operator=\"ge\" value=\"{2:yyyy-MM-dd}\" />" +
                "<condition attribute=\"{1}\" operator=\"lt\" value=\"{3:yyyy-MM-dd}\" /></filter>",
                state, dateColumn, from, to);

        private void MeasureKpis(Guid planId, PlanKpis kpis)
        {
            var fetch =
                "<fetch aggregate=\"true\"><entity name=\"apx_planmeasure\">" +
                "<attribute name=\"statuscode\" alias=\"status\" groupby=\"true\" />" +
                "<attribute name=\"apx_planmeasureid\" alias=\"count\" aggregate=\"count\" />" +
                "<attribute name=\"apx_budget_base\" alias=\"budget\" aggregate=\"sum\" />" +
                "<attribute name=\"apx_actualcost_base\" alias=\"cost\" aggregate=\"sum\" />" +
                "<filter><condition attribute=\"apx_accountplanid\" operator=\"eq\" value=\"" + planId.ToString("D") + "\" /></filter>" +
                "</entity></fetch>";

            var groups = new List<Tuple<int?, int, decimal, decimal>>();
            try
            {
                foreach (var row in service.RetrieveMultiple(new FetchExpression(fetch)).Entities)
                {
                    groups.Add(Tuple.Create(
                        ToInt(Aliased(row, "status")), ToInt(Aliased(row, "count")) ?? 0,
                        ToDecimal(Aliased(row, "budget")), ToDecimal(Aliased(row, "cost"))));
                }
            }
            catch (FaultException<OrganizationServiceFault> fault) when (Faults.Is(fault, Faults.AggregateQueryRecordLimit))
            {
                groups = PagedMeasures(planId);
            }

            var all = groups.Sum(g => g.Item2);
            var cancelled = groups.Where(g => g.Item1 == Measure.StatusCancelled).Sum(g => g.Item2);
            var done = groups.Where(g => g.Item1 == Measure.StatusDone).Sum(g => g.Item2);
            var active = groups.Where(g => g.Item1 != Measure.StatusCancelled).ToList();
            kpis.MeasureCount = all - cancelled;
            kpis.MeasureBudget = Round(active.Sum(g => g.Item3));
            kpis.MeasureCost = Round(active.Sum(g => g.Item4));
            kpis.MeasureDonePercent = all - cancelled > 0 ? Math.Round(done * 100m / (all - cancelled), 2) : (decimal?)null;
        }

        private List<Tuple<int?, int, decimal, decimal>> PagedMeasures(Guid planId)
        {
            var groups = new Dictionary<int, Tuple<int?, int, decimal, decimal>>();
            var query = new QueryExpression(Measure.EntityName)
            {
                ColumnSet = new ColumnSet(Measure.StatusCode, Measure.BudgetBase, Measure.ActualCostBase),
                PageInfo = new PagingInfo { Count = PageSize, PageNumber = 1 },
            };
            query.Criteria.AddCondition(Measure.PlanId, ConditionOperator.Equal, planId);
            query.AddOrder(Measure.Id, OrderType.Ascending);
            while (true)
            {
                var result = service.RetrieveMultiple(query);
                foreach (var row in result.Entities)
                {
                    var status = row.GetAttributeValue<OptionSetValue>(Measure.StatusCode)?.Value;
                    var key = status ?? -1;
                    groups.TryGetValue(key, out var g);
                    groups[key] = Tuple.Create(
                        status, (g?.Item2 ?? 0) + 1,
                        (g?.Item3 ?? 0m) + (row.GetAttributeValue<Money>(Measure.BudgetBase)?.Value ?? 0m),
                        (g?.Item4 ?? 0m) + (row.GetAttributeValue<Money>(Measure.ActualCostBase)?.Value ?? 0m));
                }

                if (!result.MoreRecords)
                {
                    return groups.Values.ToList();
                }

                query.PageInfo.PageNumber++;
                query.PageInfo.PagingCookie = result.PagingCookie;
            }
        }

        internal static PlanKpis Stored(Entity plan) =>
            new PlanKpis
            {
                WonRevenue = plan.GetAttributeValue<Money>(Plan.WonRevenue)?.Value ?? 0m,
                OpenPipeline = plan.GetAttributeValue<Money>(Plan.OpenPipeline)?.Value ?? 0m,
                WeightedPipeline = plan.GetAttributeValue<Money>(Plan.WeightedPipeline)?.Value ?? 0m,
                AttainmentPercent = plan.GetAttributeValue<decimal?>(Plan.AttainmentPct),
                MeasureCount = plan.GetAttributeValue<int?>(Plan.MeasureCount) ?? 0,
                MeasureBudget = plan.GetAttributeValue<Money>(Plan.MeasureBudget)?.Value ?? 0m,
                MeasureCost = plan.GetAttributeValue<Money>(Plan.MeasureCost)?.Value ?? 0m,
                MeasureDonePercent = plan.GetAttributeValue<decimal?>(Plan.MeasureDonePct),
                CalculatedOn = plan.GetAttributeValue<DateTime?>(Plan.KpisCalculatedOn),
            };

        internal static void SetIfChanged(Entity stored, Entity update, string column, object? value)
        {
            var before = stored.Attributes.Contains(column) ? stored.Attributes[column] : null;
            if (!Values.SameValue(before, value))
            {
                update.Attributes[column] = value;
            }
        }

        internal static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

        internal static object? Aliased(Entity row, string alias)
        {
            if (!row.Attributes.Contains(alias))
            {
                return null;
            }

            var value = row.Attributes[alias];
            return value is AliasedValue aliased ? aliased.Value : value;
        }

        internal static int? ToInt(object? value)
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

        internal static decimal ToDecimal(object? value)
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
