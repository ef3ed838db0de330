namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>The rollout cockpit's figures (custom API apx_PortfolioStatus).</summary>
    public sealed class PortfolioFigures
    {
        public int PlanCount { get; set; }
        public int OpenPlanCount { get; set; }
        public int TopAccounts { get; set; }
        public int CoveredAccounts { get; set; }
        public decimal? AverageCompleteness { get; set; }
        public int ReviewsOverdue { get; set; }
        public int CommunicationsDue { get; set; }
        public int CommunicationsOverdue { get; set; }
        public decimal MeasureBudget { get; set; }
        public decimal PlanBudget { get; set; }
        public EntityCollection PlansByStatus { get; set; } = new EntityCollection();
        public EntityCollection PlansByOwner { get; set; } = new EntityCollection();
    }

    /// <summary>
    /// How the rollout is going, over the plans the caller can read (everything is read with the calling user's
    /// service): coverage (how many of the top N ranked accounts have an Active plan whose period has not ended: the current one,
    /// or the next one a roll-forward activated early), plans per
    /// status and per owner, average completeness of the open plans (Draft, In review, Active), Active plans whose
    /// next review is overdue, communications due within 7 days and overdue (active stakeholders of open plans), and
    /// the measures' budget against the plans' budgets (open plans, base currency of the stored sums).
    /// </summary>
    public sealed class PortfolioStatus(IOrganizationService service, ITracingService tracing, IClock clock)
    {
        private static readonly string[] PlanColumns =
        {
            Plan.AccountId, Plan.OwnerId, Plan.StateCode, Plan.StatusCode, Plan.CompletenessPct, Plan.NextReviewOn,
            Plan.PeriodStart, Plan.PeriodEnd, Plan.PlanBudget, Plan.MeasureBudget,
        };

        public PortfolioFigures Calculate(RankingCriterion criterion, int months, int top)
        {
            var today = clock.UtcNow.Date;
            var plans = Plans();
            var open = plans.Where(p => p.GetAttributeValue<OptionSetValue>(Plan.StateCode)?.Value == Plan.StateActive).ToList();
            var figures = new PortfolioFigures { PlanCount = plans.Count, OpenPlanCount = open.Count };

            var completeness = open.Select(p => p.GetAttributeValue<int?>(Plan.CompletenessPct) ?? 0).ToList();
            figures.AverageCompleteness = completeness.Count == 0 ? (decimal?)null : Math.Round((decimal)completeness.Sum() / completeness.Count, 1);
            figures.ReviewsOverdue = open.Count(p => Status(p) == Plan.StatusActive && p.GetAttributeValue<DateTime?>(Plan.NextReviewOn) is DateTime next && next.Date < today);
            figures.MeasureBudget = KpiRollup.Round(open.Sum(p => p.GetAttributeValue<Money>(Plan.MeasureBudget)?.Value ?? 0m));
            figures.PlanBudget = KpiRollup.Round(open.Sum(p => p.GetAttributeValue<Money>(Plan.PlanBudget)?.Value ?? 0m));

            figures.PlansByStatus = new EntityCollection();
            foreach (var group in plans.GroupBy(Status).OrderBy(g => StatusOrder(g.Key)))
            {
                figures.PlansByStatus.Entities.Add(new Entity { [PortfolioRow.StatusCode] = group.Key ?? 0, [PortfolioRow.Count] = group.Count() });
            }

            figures.PlansByOwner = new EntityCollection();
            foreach (var group in open.Where(p => p.GetAttributeValue<EntityReference>(Plan.OwnerId) != null)
                         .GroupBy(p => p.GetAttributeValue<EntityReference>(Plan.OwnerId).Id)
                         .Select(g => new { Owner = g.First().GetAttributeValue<EntityReference>(Plan.OwnerId), Rows = g.ToList() })
                         .OrderBy(g => g.Owner.Name ?? string.Empty, StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Owner.Id))
            {
                figures.PlansByOwner.Entities.Add(new Entity
                {
                    [PortfolioRow.OwnerId] = new EntityReference(group.Owner.LogicalName, group.Owner.Id) { Name = group.Owner.Name },
                    [PortfolioRow.OwnerName] = group.Owner.Name ?? string.Empty,
                    [PortfolioRow.Count] = group.Rows.Count,
                    [PortfolioRow.Active] = group.Rows.Count(p => Status(p) == Plan.StatusActive),
                    [PortfolioRow.AverageCompleteness] = Math.Round((decimal)group.Rows.Sum(p => p.GetAttributeValue<int?>(Plan.CompletenessPct) ?? 0) / group.Rows.Count, 1),
                });
            }

            var ranking = new AccountRanking(service, tracing, clock).Rank(criterion, months, top, null);
            var covered = new HashSet<Guid>(open
                .Where(p => Status(p) == Plan.StatusActive && p.GetAttributeValue<DateTime?>(Plan.PeriodEnd) is DateTime end && end.Date >= today)
                .Select(p => p.GetAttributeValue<EntityReference>(Plan.AccountId)?.Id ?? Guid.Empty));
            figures.TopAccounts = ranking.Entities.Count;
            figures.CoveredAccounts = ranking.Entities.Count(a => covered.Contains(a.Id));

            var due = CommunicationsDue(today.AddDays(ContactCadence.DueWithinDays));
            figures.CommunicationsDue = due.Count;
            figures.CommunicationsOverdue = due.Count(d => d.Date < today);
            return figures;
        }

        private static int? Status(Entity plan) => plan.GetAttributeValue<OptionSetValue>(Plan.StatusCode)?.Value;

        private static int StatusOrder(int? status)
        {
            switch (status)
            {
                case Plan.StatusDraft: return 0;
                case Plan.StatusInReview: return 1;
                case Plan.StatusActive: return 2;
                case Plan.StatusClosed: return 3;
                default: return 4;
            }
        }

        private List<Entity> Plans()
        {
            var query = new QueryExpression(Plan.EntityName) { ColumnSet = new ColumnSet(PlanColumns) };
            query.AddOrder(Plan.Id, OrderType.Ascending);
            return AggregateQuery.AllPages(service, query).ToList();
        }

        /// <summary>Next contact dates up to the limit of the active stakeholders of open plans.</summary>
        private List<DateTime> CommunicationsDue(DateTime until)
        {
            var query = new QueryExpression(Stakeholder.EntityName) { ColumnSet = new ColumnSet(Stakeholder.NextContactOn) };
            query.Criteria.AddCondition(Stakeholder.StateCode, ConditionOperator.Equal, Stakeholder.StateActive);
            query.Criteria.AddCondition(Stakeholder.NextContactOn, ConditionOperator.LessEqual, until);
            var plan = query.AddLink(Plan.EntityName, Stakeholder.PlanId, Plan.Id);
            plan.LinkCriteria.AddCondition(Plan.StateCode, ConditionOperator.Equal, Plan.StateActive);
            query.AddOrder(Stakeholder.Id, OrderType.Ascending);
            return AggregateQuery.AllPages(service, query)
                .Select(e => e.GetAttributeValue<DateTime?>(Stakeholder.NextContactOn)).Where(d => d.HasValue).Select(d => d!.Value).ToList();
        }
    }
}
