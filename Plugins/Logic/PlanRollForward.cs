using System.Text.RegularExpressions;

namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>The outcome of a roll-forward.</summary>
    public sealed class RollForwardResult
    {
        public EntityReference NewPlan { get; set; } = new EntityReference();
        public bool Created { get; set; }
        public decimal GrowthPercent { get; set; }
        public decimal? RevenueTarget { get; set; }
        public int MeasuresCarried { get; set; }
        public int StakeholdersCarried { get; set; }
    }

    /// <summary>
    /// Rolls a plan forward into the next period (custom API apx_RollForwardPlan): a Draft plan of the same length
    /// starting the day after the old end, with sections 1 and 2, selection, template, cadence, steering committee
    /// and decision threshold; the stakeholders with their communication plan; the open measures (not Done, not
    /// Cancelled) linked to their originals; a revenue target proposal (the last target grown by a percentage, by
    /// default the last period's attainment trend); and the last management summary and final KPIs as context.
    /// The new plan's id is derived from the old plan's, so a retry finds the plan it made instead of making a
    /// second one; a plan of another origin for the same account and start (the alternate key) is refused.
    /// Everything is read and written with the calling user's service, so the caller's privileges apply.
    /// </summary>
    public sealed class PlanRollForward(IOrganizationService service, ITracingService tracing, IClock clock, Messages messages)
    {
        /// <summary>The default growth is the attainment trend minus 100, bounded to this range (percent).</summary>
        public const decimal MinDefaultGrowth = -50m;

        /// <summary>The name the ids of rolled-forward plans and their copied rows derive in (the custom API's).</summary>
        private const string IdNamespace = "apx_RollForwardPlan";
        public const decimal MaxDefaultGrowth = 100m;

        /// <summary>Plan columns copied as they are.</summary>
        public static readonly string[] CarriedPlanColumns =
            Plan.AnalysisColumns.Concat(Plan.PositionColumns).Concat(new[]
            {
                Plan.AccountId, Plan.TemplateId, Plan.ReviewCadence, Plan.SelectionReason, Plan.SelectionRationale,
                Plan.DecisionThreshold, Plan.TransactionCurrencyId, Plan.OwnerId,
            }).ToArray();

        /// <summary>The id the roll-forward of a plan always gets.</summary>
        public static Guid NextPlanId(Guid planId) => DeterministicId.From(IdNamespace, planId.ToString("D"));

        /// <summary>
        /// The next period: same length (whole months stay whole months), starting the day after the old end; null when
        /// it would end after the last date the calendar (and Dataverse) holds, 9999-12-31.
        /// </summary>
        public static Tuple<DateTime, DateTime>? NextPeriod(DateTime start, DateTime end)
        {
            start = start.Date;
            end = end.Date;
            try
            {
                var next = end.AddDays(1);
                for (var months = 1; months <= 120 && start.AddMonths(months) <= next; months++)
                {
                    if (start.AddMonths(months).AddDays(-1) == end)
                    {
                        // Months from the 1st of a month up to December 9999 end on the calendar's last day.
                        var lastMonth = next.AddMonths(months - 1);
                        return next.Day == 1 && lastMonth.Year == DateTime.MaxValue.Year && lastMonth.Month == 12
                            ? Tuple.Create(next, DateTime.MaxValue.Date)
                            : Tuple.Create(next, next.AddMonths(months).AddDays(-1));
                    }
                }

                return Tuple.Create(next, next.AddDays((end - start).Days));
            }
            catch (ArgumentOutOfRangeException)
            {
                // Past 9999-12-31: DateTime's last day is also the last date Dataverse stores.
                return null;
            }
        }

        /// <summary>
        /// The attainment trend: the attainment projected to the period end at the run rate so far (the attainment
        /// itself once the period is over), minus 100, bounded to [-50, 100]; 0 without an attainment.
        /// </summary>
        public static decimal DefaultGrowth(decimal? attainmentPercent, DateTime start, DateTime end, DateTime today)
        {
            if (!attainmentPercent.HasValue)
            {
                return 0m;
            }

            var total = (end.Date - start.Date).Days + 1;
            var elapsed = Math.Max(1, Math.Min(total, (today.Date - start.Date).Days + 1));
            var projected = attainmentPercent.Value * total / elapsed;
            return Math.Round(Math.Max(MinDefaultGrowth, Math.Min(MaxDefaultGrowth, projected - 100m)), 2, MidpointRounding.AwayFromZero);
        }

        public RollForwardResult RollForward(Guid planId, int? growthPercent)
        {
            var columns = CarriedPlanColumns.Concat(new[]
            {
                Plan.Name, Plan.PeriodStart, Plan.PeriodEnd, Plan.RevenueTarget, Plan.ManagementSummary, Plan.WonRevenue,
                Plan.OpenPipeline, Plan.AttainmentPct, Plan.MeasureCount, Plan.MeasureDonePct, Plan.MeasureBudget, Plan.CompletenessPct,
                Plan.StatusCode,
            }).Distinct().ToArray();
            var old = service.Retrieve(Plan.EntityName, planId, new ColumnSet(columns));
            var oldName = old.GetAttributeValue<string>(Plan.Name) ?? string.Empty;
            var start = old.GetAttributeValue<DateTime?>(Plan.PeriodStart);
            var end = old.GetAttributeValue<DateTime?>(Plan.PeriodEnd);
            var account = old.GetAttributeValue<EntityReference>(Plan.AccountId);
            if (start == null || end == null || account == null)
            {
                throw new InvalidPluginExecutionException(messages.RollForwardNeedsPeriod(oldName));
            }

            var status = old.GetAttributeValue<OptionSetValue>(Plan.StatusCode)?.Value;
            if (status == Plan.StatusCancelled)
            {
                throw new InvalidPluginExecutionException(messages.RollForwardCancelled(oldName));
            }

            var period = NextPeriod(start.Value, end.Value)
                ?? throw new InvalidPluginExecutionException(messages.RollForwardBeyondCalendar(oldName));
            var newId = NextPlanId(planId);
            var existing = Existing(newId);
            if (existing != null)
            {
                tracing.Trace("Roll-forward of {0} exists already as {1}", planId, newId);
                return existing;
            }

            var taken = PlanForPeriod(account.Id, period.Item1);
            if (taken != null)
            {
                throw new InvalidPluginExecutionException(messages.RollForwardPeriodTaken(taken, period.Item1));
            }

            var attainment = old.GetAttributeValue<decimal?>(Plan.AttainmentPct);
            var growth = growthPercent ?? DefaultGrowth(attainment, start.Value, end.Value, clock.UtcNow);

            var oldTarget = old.GetAttributeValue<Money>(Plan.RevenueTarget)?.Value;
            var target = oldTarget.HasValue ? KpiRollup.Round(oldTarget.Value * (100m + growth) / 100m) : (decimal?)null;

            var plan = new Entity(Plan.EntityName, newId);
            Copy(old, plan, CarriedPlanColumns);

            plan[Plan.Name] = NextName(oldName, start.Value, period.Item1);
            plan[Plan.PeriodStart] = period.Item1;
            plan[Plan.PeriodEnd] = period.Item2;
            plan[Plan.PreviousPlanId] = new EntityReference(Plan.EntityName, planId);
            plan[Plan.PreviousSummary] = old.GetAttributeValue<string>(Plan.ManagementSummary);
            plan[Plan.PreviousKpis] = FinalKpis(old, growth, growthPercent.HasValue, target);
            if (target.HasValue)
            {
                plan[Plan.RevenueTarget] = new Money(target.Value);
            }

            try
            {
                service.Create(plan);
            }
            catch (FaultException<OrganizationServiceFault> fault) when (Faults.IsDuplicate(fault))
            {
                // A concurrent retry made the plan first (same id), or a plan the caller cannot read holds the period.
                var made = Existing(newId);
                if (made != null)
                {
                    return made;
                }

                throw new InvalidPluginExecutionException(messages.RollForwardPeriodTakenHidden(period.Item1));
            }

            var result = new RollForwardResult
            {
                NewPlan = new EntityReference(Plan.EntityName, newId) { Name = (string)plan[Plan.Name] },
                Created = true,
                GrowthPercent = growth,
                RevenueTarget = target,
            };
            result.StakeholdersCarried = CarryStakeholders(planId, newId);
            result.MeasuresCarried = CarryMeasures(planId, newId, old.GetAttributeValue<Money>(Plan.DecisionThreshold)?.Value, old.GetAttributeValue<EntityReference>(Plan.TransactionCurrencyId));
            tracing.Trace("Plan {0} rolled forward to {1}: growth {2} %, {3} measure(s), {4} stakeholder(s)",
                planId, newId, growth, result.MeasuresCarried, result.StakeholdersCarried);
            return result;
        }

        /// <summary>Copies the columns that hold a value.</summary>
        private static void Copy(Entity from, Entity to, string[] columns)
        {
            foreach (var column in columns)
            {
                if (from.Attributes.Contains(column) && from[column] != null)
                {
                    to[column] = from[column];
                }
            }
        }

        private RollForwardResult? Existing(Guid id)
        {
            var query = new QueryExpression(Plan.EntityName) { ColumnSet = new ColumnSet(Plan.Name, Plan.RevenueTarget) };
            query.Criteria.AddCondition(Plan.Id, ConditionOperator.Equal, id);
            var row = service.RetrieveMultiple(query).Entities.FirstOrDefault();
            if (row == null)
            {
                return null;
            }

            var measures = Count(Measure.EntityName, Measure.PlanId, id);
            var stakeholders = Count(Stakeholder.EntityName, Stakeholder.PlanId, id);
            return new RollForwardResult
            {
                NewPlan = new EntityReference(Plan.EntityName, id) { Name = row.GetAttributeValue<string>(Plan.Name) },
                Created = false,
                RevenueTarget = row.GetAttributeValue<Money>(Plan.RevenueTarget)?.Value,
                MeasuresCarried = measures,
                StakeholdersCarried = stakeholders,
            };
        }

        private int Count(string entity, string column, Guid planId)
        {
            var query = new QueryExpression(entity) { ColumnSet = new ColumnSet(false) };
            query.Criteria.AddCondition(column, ConditionOperator.Equal, planId);
            return service.RetrieveMultiple(query).Entities.Count;
        }

        private string? PlanForPeriod(Guid accountId, DateTime start)
        {
            var query = new QueryExpression(Plan.EntityName) { ColumnSet = new ColumnSet(Plan.Name), TopCount = 1 };
            query.Criteria.AddCondition(Plan.AccountId, ConditionOperator.Equal, accountId);
            query.Criteria.AddCondition(Plan.PeriodStart, ConditionOperator.Equal, start);
            var row = service.RetrieveMultiple(query).Entities.FirstOrDefault();
            return row == null ? null : row.GetAttributeValue<string>(Plan.Name) ?? string.Empty;
        }

        /// <summary>
        /// The years in the name move with the period ("Contoso 2027" becomes "Contoso 2028", "FY 2026/27" becomes
        /// "FY 2027/28"); a name without a year, or a period in the same year, gets the new start date.
        /// </summary>
        public static string NextName(string oldName, DateTime oldStart, DateTime newStart)
        {
            var delta = newStart.Year - oldStart.Year;
            if (delta != 0 && Regex.IsMatch(oldName, @"\b(19|20)\d{2}\b"))
            {
                var years = Regex.Replace(oldName, @"\b((19|20)\d{2})(/(\d{2}))?\b", m =>
                {
                    var year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + delta;
                    var text = year.ToString(CultureInfo.InvariantCulture);
                    if (m.Groups[4].Success)
                    {
                        text += "/" + ((int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture) + delta) % 100).ToString("00", CultureInfo.InvariantCulture);
                    }

                    return text;
                });
                return years.Length > 200 ? years.Substring(0, 200) : years;
            }

            var suffix = " (" + newStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ")";
            var name = oldName.Length + suffix.Length > 200 ? oldName.Substring(0, 200 - suffix.Length) : oldName;
            return name + suffix;
        }

        /// <summary>The previous period's final KPIs and how the target was proposed, in English (stored text).</summary>
        private static string FinalKpis(Entity old, decimal growth, bool given, decimal? target)
        {
            var english = Messages.English;
            string Amount(string column) => english.Amount(old.GetAttributeValue<Money>(column)?.Value ?? 0m);
            string Percent(string column) => old.GetAttributeValue<decimal?>(column) is decimal value
                ? value.ToString("0.##", CultureInfo.InvariantCulture) + " %"
                : "n/a";
            var oldTarget = old.GetAttributeValue<Money>(Plan.RevenueTarget)?.Value;
            var lines = new[]
            {
                string.Format(CultureInfo.InvariantCulture, "Period {0:yyyy-MM-dd} to {1:yyyy-MM-dd} (\"{2}\")",
                    old.GetAttributeValue<DateTime?>(Plan.PeriodStart), old.GetAttributeValue<DateTime?>(Plan.PeriodEnd), old.GetAttributeValue<string>(Plan.Name)),
                "Revenue target: " + (oldTarget.HasValue ? english.Amount(oldTarget.Value) : "none"),
                "Won revenue: " + Amount(Plan.WonRevenue) + ", attainment " + Percent(Plan.AttainmentPct),
                "Open pipeline: " + Amount(Plan.OpenPipeline),
                string.Format(CultureInfo.InvariantCulture, "Measures: {0}, done {1}, budget {2}",
                    old.GetAttributeValue<int?>(Plan.MeasureCount) ?? 0, Percent(Plan.MeasureDonePct), Amount(Plan.MeasureBudget)),
                "Completeness: " + (old.GetAttributeValue<int?>(Plan.CompletenessPct)?.ToString(CultureInfo.InvariantCulture) ?? "0") + " %",
                string.Format(CultureInfo.InvariantCulture, "Target proposal: last target {0} {1:+0.##;-0.##;0} % ({2}) = {3}",
                    oldTarget.HasValue ? english.Amount(oldTarget.Value) : "none", growth,
                    given ? "growth given" : "attainment trend", target.HasValue ? english.Amount(target.Value) : "none"),
            };
            return string.Join("\n", lines);
        }

        /// <summary>The active stakeholders continue in the new plan with their communication plan.</summary>
        private int CarryStakeholders(Guid oldPlan, Guid newPlan) =>
            CarryChildren(Stakeholder.EntityName, Stakeholder.PlanId, Stakeholder.StateCode, Stakeholder.StateActive, Stakeholder.Name, Stakeholder.CarriedColumns, oldPlan, newPlan, (row, copy) => { });

        /// <summary>
        /// Open measures (Planned or In progress) continue in the new plan, linked to their originals. One that is In
        /// progress but needs a steering committee decision (business-critical or over the threshold) starts Planned:
        /// decisions belong to the plan of their period, so the new committee decides again. Budget and threshold are
        /// compared in base currency at today's rates, as the decision gate compares them.
        /// </summary>
        private int CarryMeasures(Guid oldPlan, Guid newPlan, decimal? threshold, EntityReference? planCurrency)
        {
            var currencies = new BaseCurrency(service);
            var thresholdBase = threshold.HasValue ? currencies.ToBase(threshold.Value, planCurrency) : (decimal?)null;
            return CarryChildren(Measure.EntityName, Measure.PlanId, Measure.StateCode, Measure.StateActive, Measure.Name, Measure.CarriedColumns, oldPlan, newPlan, (row, copy) =>
            {
                var budget = row.GetAttributeValue<Money>(Measure.Budget)?.Value;
                var needsDecision = row.GetAttributeValue<bool?>(Measure.BusinessCritical) == true
                    || (thresholdBase.HasValue && budget.HasValue
                        && currencies.ToBase(budget.Value, row.GetAttributeValue<EntityReference>(Measure.TransactionCurrencyId)) > thresholdBase.Value);
                if (row.GetAttributeValue<OptionSetValue>(Measure.StatusCode)?.Value == Measure.StatusInProgress && needsDecision)
                {
                    copy[Measure.StatusCode] = new OptionSetValue(Measure.StatusPlanned);
                }

                copy[Measure.OriginalMeasureId] = new EntityReference(Measure.EntityName, row.Id);
            });
        }

        /// <summary>
        /// Creates a copy in the new plan of every active row of a child table of the old plan, in name order, with the
        /// carried columns; the copy's id derives from the new plan and the original, so a retry collides instead of
        /// copying twice. <paramref name="adjust"/> sets what the copy does not take over as it is.
        /// </summary>
        private int CarryChildren(
            string entity, string planColumn, string stateColumn, int activeState, string nameColumn, string[] columns,
            Guid oldPlan, Guid newPlan, Action<Entity, Entity> adjust)
        {
            var query = new QueryExpression(entity) { ColumnSet = new ColumnSet(columns) };
            query.Criteria.AddCondition(planColumn, ConditionOperator.Equal, oldPlan);
            query.Criteria.AddCondition(stateColumn, ConditionOperator.Equal, activeState);
            query.AddOrder(nameColumn, OrderType.Ascending);
            var count = 0;
            foreach (var row in service.RetrieveMultiple(query).Entities)
            {
                var copy = new Entity(entity, DeterministicId.From(IdNamespace, newPlan.ToString("D"), row.Id.ToString("D")));
                Copy(row, copy, columns);
                adjust(row, copy);
                copy[planColumn] = new EntityReference(Plan.EntityName, newPlan);
                service.Create(copy);
                count++;
            }

            return count;
        }
    }
}
