namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>
    /// The review cycle of an active plan: one open review task (a <c>task</c> regarding the plan, category
    /// <see cref="ReviewTask.ReviewCategory"/>) at a time, due on the cadence from the period start; on its
    /// completion a frozen KPI snapshot (<c>apx_planreview</c>, keyed by the task id) and the next task, unless the
    /// period has ended; closing or cancelling the plan cancels open review tasks.
    /// </summary>
    public sealed class ReviewScheduler(IOrganizationService service, ITracingService tracing, IClock clock, Messages messages)
    {
        /// <summary>Plan columns the scheduler reads.</summary>
        public static readonly string[] PlanColumns =
        {
            Plan.Name, Plan.OwnerId, Plan.PeriodStart, Plan.PeriodEnd, Plan.ReviewCadence, Plan.StateCode, Plan.StatusCode,
            Plan.NextReviewOn, Plan.LastReviewOn, Plan.RevenueTarget, Plan.CompletenessPct,
        };

        /// <summary>Months between reviews for a cadence choice value (quarterly when absent).</summary>
        public static int CadenceMonths(int? cadence) => cadence == Plan.CadenceSemiAnnual ? 6 : 3;

        /// <summary>
        /// The first cadence date (period start + k × cadence, k ≥ 1) that is after <paramref name="after"/> and not
        /// before <paramref name="today"/>; null when it falls after the period end.
        /// </summary>
        public static DateTime? NextDue(DateTime periodStart, DateTime periodEnd, int? cadence, DateTime? after, DateTime today)
        {
            var months = CadenceMonths(cadence);
            var start = periodStart.Date;
            var floor = today.Date;
            for (var k = 1; k <= 1200; k++)
            {
                var due = start.AddMonths(k * months);
                if (due > periodEnd.Date)
                {
                    return null;
                }

                if (due >= floor && (after == null || due > after.Value.Date))
                {
                    return due;
                }
            }

            return null;
        }

        /// <summary>Plan status change (PostOperation): activation schedules, closing/cancelling cancels.</summary>
        public void OnPlanStatusChanged(Entity plan, int? oldState, int? oldStatus)
        {
            var state = plan.GetAttributeValue<OptionSetValue>(Plan.StateCode)?.Value;
            var status = plan.GetAttributeValue<OptionSetValue>(Plan.StatusCode)?.Value;
            if (status == Plan.StatusActive && oldStatus != Plan.StatusActive)
            {
                EnsureOpenTask(plan, null);
            }
            else if (state == Plan.StateInactive && oldState != Plan.StateInactive)
            {
                CancelOpenTasks(plan.Id);
                SetReviewDates(plan, null, null, false);
            }
        }

        /// <summary>Task completion (PostOperation): snapshot once per task, then the next task.</summary>
        public void OnTaskCompleted(Entity task)
        {
            var regarding = task.GetAttributeValue<EntityReference>(ReviewTask.RegardingObjectId);
            if (regarding == null || regarding.LogicalName != Plan.EntityName
                || task.GetAttributeValue<string>(ReviewTask.Category) != ReviewTask.ReviewCategory)
            {
                return;
            }

            var plan = service.Retrieve(Plan.EntityName, regarding.Id, new ColumnSet(PlanColumns));
            var today = clock.UtcNow.Date;
            Snapshot(plan, task.Id, today);

            var status = plan.GetAttributeValue<OptionSetValue>(Plan.StatusCode)?.Value;
            if (status == Plan.StatusActive)
            {
                EnsureOpenTask(plan, task.GetAttributeValue<DateTime?>(ReviewTask.ScheduledEnd) ?? today, today);
            }
            else
            {
                SetReviewDates(plan, today, null, true);
            }
        }

        private void Snapshot(Entity plan, Guid taskId, DateTime today)
        {
            var key = taskId.ToString("D");
            var existing = new QueryExpression(Review.EntityName) { ColumnSet = new ColumnSet(Review.Id), TopCount = 1 };
            existing.Criteria.AddCondition(Review.SourceTaskId, ConditionOperator.Equal, key);
            if (service.RetrieveMultiple(existing).Entities.Count > 0)
            {
                tracing.Trace("Review of task {0} already frozen", key);
                return;
            }

            var kpis = new KpiRollup(service, tracing, clock).Recalculate(plan.Id, KpiParts.All);
            var owner = plan.GetAttributeValue<EntityReference>(Plan.OwnerId);
            var review = new Entity(Review.EntityName)
            {
                [Review.Name] = Truncate(messages.ReviewName(plan.GetAttributeValue<string>(Plan.Name) ?? string.Empty, today), 200),
                [Review.PlanId] = plan.ToEntityReference(),
                [Review.ReviewDate] = today,
                [Review.RevenueTarget] = plan.GetAttributeValue<Money>(Plan.RevenueTarget),
                [Review.WonRevenue] = new Money(kpis.WonRevenue),
                [Review.OpenPipeline] = new Money(kpis.OpenPipeline),
                [Review.WeightedPipeline] = new Money(kpis.WeightedPipeline),
                [Review.AttainmentPct] = kpis.AttainmentPercent,
                [Review.MeasureDonePct] = kpis.MeasureDonePercent,
                [Review.MeasureCount] = kpis.MeasureCount,
                [Review.CompletenessPct] = plan.GetAttributeValue<int?>(Plan.CompletenessPct),
                [Review.SourceTaskId] = key,
            };
            if (owner != null && owner.LogicalName == SystemUser.EntityName)
            {
                review[Review.PresenterId] = owner;
            }

            try
            {
                service.Create(review);
            }
            catch (FaultException<OrganizationServiceFault> fault) when (Faults.IsDuplicate(fault))
            {
                tracing.Trace("Review of task {0} frozen concurrently", key);
            }
        }

        private void EnsureOpenTask(Entity plan, DateTime? after, DateTime? lastReview = null)
        {
            var today = clock.UtcNow.Date;
            var start = plan.GetAttributeValue<DateTime?>(Plan.PeriodStart);
            var end = plan.GetAttributeValue<DateTime?>(Plan.PeriodEnd);
            var due = start.HasValue && end.HasValue
                ? NextDue(start.Value, end.Value, plan.GetAttributeValue<OptionSetValue>(Plan.ReviewCadence)?.Value, after, today)
                : null;

            var open = OpenTasks(plan.Id);
            if (open.Length > 0)
            {
                tracing.Trace("Plan {0} already has an open review task", plan.Id);
                SetReviewDates(plan, lastReview, open[0].GetAttributeValue<DateTime?>(ReviewTask.ScheduledEnd) ?? due, lastReview.HasValue);
                return;
            }

            if (due == null)
            {
                tracing.Trace("Plan {0}: no review date left in the period", plan.Id);
                SetReviewDates(plan, lastReview, null, lastReview.HasValue);
                return;
            }

            var name = plan.GetAttributeValue<string>(Plan.Name) ?? string.Empty;
            var task = new Entity(ReviewTask.EntityName, DeterministicId.From(ReviewTask.IdNamespace, plan.Id.ToString("D"), due.Value.ToString("yyyy-MM-dd")))
            {
                [ReviewTask.Subject] = Truncate(messages.ReviewTaskSubject(name, due.Value), 200),
                [ReviewTask.Description] = messages.ReviewTaskDescription(name),
                [ReviewTask.RegardingObjectId] = plan.ToEntityReference(),
                [ReviewTask.ScheduledEnd] = due.Value,
                [ReviewTask.Category] = ReviewTask.ReviewCategory,
            };
            var owner = plan.GetAttributeValue<EntityReference>(Plan.OwnerId);
            if (owner != null)
            {
                task[ReviewTask.OwnerId] = owner;
            }

            try
            {
                service.Create(task);
                tracing.Trace("Review task for plan {0} due {1:yyyy-MM-dd}", plan.Id, due.Value);
            }
            catch (FaultException<OrganizationServiceFault> fault) when (Faults.IsDuplicate(fault))
            {
                tracing.Trace("Review task for plan {0} due {1:yyyy-MM-dd} exists already", plan.Id, due.Value);
            }

            SetReviewDates(plan, lastReview, due, lastReview.HasValue);
        }

        private Entity[] OpenTasks(Guid planId)
        {
            var query = new QueryExpression(ReviewTask.EntityName) { ColumnSet = new ColumnSet(ReviewTask.ScheduledEnd) };
            query.Criteria.AddCondition(ReviewTask.RegardingObjectId, ConditionOperator.Equal, planId);
            query.Criteria.AddCondition(ReviewTask.Category, ConditionOperator.Equal, ReviewTask.ReviewCategory);
            query.Criteria.AddCondition(ReviewTask.StateCode, ConditionOperator.Equal, ReviewTask.StateOpen);
            query.AddOrder(ReviewTask.ScheduledEnd, OrderType.Ascending);
            return service.RetrieveMultiple(query).Entities.ToArray();
        }

        private void CancelOpenTasks(Guid planId)
        {
            foreach (var task in OpenTasks(planId))
            {
                service.Update(new Entity(ReviewTask.EntityName, task.Id)
                {
                    [ReviewTask.StateCode] = new OptionSetValue(ReviewTask.StateCanceled),
                    [ReviewTask.StatusCode] = new OptionSetValue(ReviewTask.StatusCanceled),
                });
                tracing.Trace("Review task {0} cancelled", task.Id);
            }
        }

        private void SetReviewDates(Entity plan, DateTime? last, DateTime? next, bool writeLast)
        {
            var update = new Entity(Plan.EntityName, plan.Id);
            if (!Values.SameValue(plan.GetAttributeValue<DateTime?>(Plan.NextReviewOn), next))
            {
                update[Plan.NextReviewOn] = next;
            }

            if (writeLast && !Values.SameValue(plan.GetAttributeValue<DateTime?>(Plan.LastReviewOn), last))
            {
                update[Plan.LastReviewOn] = last;
            }

            if (update.Attributes.Count > 0)
            {
                service.Update(update);
            }
        }

        private static string Truncate(string text, int length) => text.Length <= length ? text : text.Substring(0, length);
    }
}
