namespace AccountPlanXrm.Plugins.Logic
{
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
    public sealed class KpiRollup(IOrganizationService service, ITracingService tracing, IClock clock)
    {
        private const string StatusAlias = "status";
        private const string CountAlias = "count";
        private const string BudgetAlias = "budget";
        private const string CostAlias = "cost";

        /// <summary>Plan columns the roll-up reads.</summary>
        public static readonly string[] PlanColumns =
        {
            Plan.AccountId, Plan.PeriodStart, Plan.PeriodEnd, Plan.RevenueTarget, Plan.RevenueTargetBase, Plan.TransactionCurrencyId, Plan.ExchangeRate, Plan.StateCode, Plan.WonRevenue, Plan.OpenPipeline,
            Plan.WeightedPipeline, Plan.WonRevenueExact, Plan.OpenPipelineExact, Plan.WeightedPipelineExact, Plan.AttainmentPct,
            Plan.MeasureCount, Plan.MeasureBudget, Plan.MeasureCost, Plan.MeasureDonePct, Plan.KpisCalculatedOn,
        };

        private BaseCurrency? currencies;

        /// <summary>Currencies and their current rates, read as needed once per instance.</summary>
        private BaseCurrency Currencies => currencies ??= new BaseCurrency(service);

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

            if ((parts & KpiParts.Measures) != 0)
            {
                MeasureKpis(plan.Id, kpis);
                SetIfChanged(plan, update, Plan.MeasureCount, kpis.MeasureCount);
                SetIfChanged(plan, update, Plan.MeasureBudget, new Money(kpis.MeasureBudget));
                SetIfChanged(plan, update, Plan.MeasureCost, new Money(kpis.MeasureCost));
                SetIfChanged(plan, update, Plan.MeasureDonePct, kpis.MeasureDonePercent);
            }

            kpis.AttainmentPercent = SetAttainment(plan, update, kpis.WonRevenue);

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
        /// Puts the revenue columns that differ from the stored plan into <paramref name="update"/>: the exact sums and the
        /// money columns rounded to their precision (2). The attainment follows with <see cref="SetAttainment"/> once every
        /// column of the write is known.
        /// </summary>
        internal static void SetRevenue(Entity plan, Entity update, RevenueSums sums)
        {
            SetIfChanged(plan, update, Plan.WonRevenueExact, sums.Won);
            SetIfChanged(plan, update, Plan.OpenPipelineExact, sums.Open);
            SetIfChanged(plan, update, Plan.WeightedPipelineExact, sums.Weighted);
            SetIfChanged(plan, update, Plan.WonRevenue, new Money(Round(sums.Won)));
            SetIfChanged(plan, update, Plan.OpenPipeline, new Money(Round(sums.Open)));
            SetIfChanged(plan, update, Plan.WeightedPipeline, new Money(Round(sums.Weighted)));
        }

        /// <summary>
        /// Attainment = won revenue (base currency, rounded) / the revenue target in base currency × 100, put into
        /// <paramref name="update"/> when it differs from the stored value. The target in base currency is the one the plan
        /// holds once this write is saved: its stored <c>apx_revenuetarget_base</c>, or, when the write changes a money
        /// column (on which the platform converts the row's money again at its currency's current rate), the target at
        /// that rate — read only for a plan whose stored rate is not 1 (the base currency's rate is always 1).
        /// </summary>
        internal decimal? SetAttainment(Entity plan, Entity update, decimal wonRevenue)
        {
            var attainment = Attainment(wonRevenue, TargetBase(plan, update));
            SetIfChanged(plan, update, Plan.AttainmentPct, attainment);
            return attainment;
        }

        private decimal? TargetBase(Entity plan, Entity update)
        {
            var target = plan.GetAttributeValue<Money>(Plan.RevenueTarget)?.Value;
            var currency = plan.GetAttributeValue<EntityReference>(Plan.TransactionCurrencyId);
            var rate = plan.GetAttributeValue<decimal?>(Plan.ExchangeRate);
            if (target == null || currency == null || rate == null || rate == 1m)
            {
                return target;
            }

            return update.Attributes.Values.Any(v => v is Money)
                ? Currencies.ToBase(target.Value, currency)
                : plan.GetAttributeValue<Money>(Plan.RevenueTargetBase)?.Value ?? Currencies.ToBase(target.Value, currency);
        }

        internal static decimal? Attainment(decimal wonRevenue, decimal? target) =>
            target.HasValue && target.Value > 0 ? Math.Round(wonRevenue / target.Value * 100m, 2) : (decimal?)null;

        /// <summary>Won revenue and pipelines of an account and every account below it within a period (date-only, inclusive).</summary>
        public RevenueSums Revenue(Guid accountId, DateTime periodStart, DateTime periodEnd) =>
            new RevenueAggregate(service, tracing).Sums(accountId, periodStart.Date, periodEnd.Date.AddDays(1));

        private void MeasureKpis(Guid planId, PlanKpis kpis)
        {
            var fetch = FetchXml.Aggregate(
                Measure.EntityName,
                FetchXml.GroupBy(Measure.StatusCode, StatusAlias),
                FetchXml.Count(Measure.Id, CountAlias),
                FetchXml.Sum(Measure.BudgetBase, BudgetAlias),
                FetchXml.Sum(Measure.ActualCostBase, CostAlias),
                FetchXml.Filter("and", FetchXml.Condition(Measure.PlanId, "eq", planId)));

            var groups = new List<Tuple<int?, int, decimal, decimal>>();
            try
            {
                foreach (var row in service.RetrieveMultiple(new FetchExpression(fetch)).Entities)
                {
                    groups.Add(Tuple.Create(
                        AggregateQuery.ToInt(AggregateQuery.Aliased(row, StatusAlias)), AggregateQuery.ToInt(AggregateQuery.Aliased(row, CountAlias)) ?? 0,
                        AggregateQuery.ToDecimal(AggregateQuery.Aliased(row, BudgetAlias)), AggregateQuery.ToDecimal(AggregateQuery.Aliased(row, CostAlias))));
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
            var query = new QueryExpression(Measure.EntityName) { ColumnSet = new ColumnSet(Measure.StatusCode, Measure.BudgetBase, Measure.ActualCostBase) };
            query.Criteria.AddCondition(Measure.PlanId, ConditionOperator.Equal, planId);
            query.AddOrder(Measure.Id, OrderType.Ascending);
            foreach (var row in AggregateQuery.AllPages(service, query))
            {
                var status = row.GetAttributeValue<OptionSetValue>(Measure.StatusCode)?.Value;
                var key = status ?? -1;
                groups.TryGetValue(key, out var g);
                groups[key] = Tuple.Create(
                    status, (g?.Item2 ?? 0) + 1,
                    (g?.Item3 ?? 0m) + (row.GetAttributeValue<Money>(Measure.BudgetBase)?.Value ?? 0m),
                    (g?.Item4 ?? 0m) + (row.GetAttributeValue<Money>(Measure.ActualCostBase)?.Value ?? 0m));
            }

            return groups.Values.ToList();
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
    }
}
