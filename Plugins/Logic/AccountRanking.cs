namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>
    /// Customer selection: accounts ranked by a money criterion (won revenue by default, won margin, open or weighted
    /// pipeline, base currency), top N, optionally of one industry (account industrycode), with whether each already
    /// has a current plan (Draft, In review or Active, period covering today). An account's value counts its whole
    /// hierarchy the way a plan does: every opportunity whose customer or account lookup is the account or one of its
    /// descendants, each opportunity once. Runs with the calling user's service: the sums count only opportunities the
    /// caller can read, only accounts the caller can read are ranked (and carry the hierarchy), and only plans the
    /// caller can read count as current plans.
    /// </summary>
    public sealed class AccountRanking(IOrganizationService service, ITracingService tracing, IClock clock)
    {
        private const string CustomerAlias = "customer";
        private const string ParentAlias = "parent";
        private const string ProbabilityAlias = "probability";
        private const string ValueAlias = "value";
        private static readonly DateTime OpenFrom = new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>Parses a Criterion parameter (case-insensitive); null or empty is won revenue.</summary>
        public static bool TryParse(string? text, out RankingCriterion criterion)
        {
            criterion = RankingCriterion.WonRevenue;
            if (string.IsNullOrWhiteSpace(text))
            {
                return true;
            }

            foreach (RankingCriterion value in Enum.GetValues(typeof(RankingCriterion)))
            {
                if (string.Equals(value.ToString(), text!.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    criterion = value;
                    return true;
                }
            }

            return false;
        }

        /// <summary>The plan's selection reason for a criterion: margin is Top profit, the others Top revenue.</summary>
        public static int SelectionReason(RankingCriterion criterion) =>
            criterion == RankingCriterion.WonMargin ? Plan.ReasonTopProfit : Plan.ReasonTopRevenue;

        /// <summary>The rationale recorded on a plan chosen from the ranking; names the criterion, window and value.</summary>
        public static string SelectionRationale(RankingCriterion criterion, int rank, int top, int months, decimal value, int? industry)
        {
            string what;
            switch (criterion)
            {
                case RankingCriterion.WonMargin: what = string.Format(CultureInfo.InvariantCulture, "won margin over the last {0} months", months); break;
                case RankingCriterion.OpenPipeline: what = string.Format(CultureInfo.InvariantCulture, "open pipeline closing within the next {0} months", months); break;
                case RankingCriterion.WeightedPipeline: what = string.Format(CultureInfo.InvariantCulture, "weighted pipeline closing within the next {0} months", months); break;
                default: what = string.Format(CultureInfo.InvariantCulture, "won revenue over the last {0} months", months); break;
            }

            return string.Format(
                CultureInfo.InvariantCulture,
                "Rank {0} of the top {1} by {2} (criterion {3}{4}, account hierarchy, base currency): {5:#,0.00}.",
                rank, top, what, criterion, industry.HasValue ? ", industry " + industry.Value.ToString(CultureInfo.InvariantCulture) : string.Empty, value);
        }

        /// <summary>Won revenue over the last months, all industries.</summary>
        public EntityCollection Rank(int months, int top) => Rank(RankingCriterion.WonRevenue, months, top, null);

        public EntityCollection Rank(RankingCriterion criterion, int months, int top, int? industry)
        {
            var today = clock.UtcNow.Date;
            var won = criterion == RankingCriterion.WonRevenue || criterion == RankingCriterion.WonMargin;
            var from = won ? today.AddMonths(-months) : OpenFrom;
            var to = won ? today.AddDays(1) : today.AddMonths(months).AddDays(1);
            var groups = Sums(criterion, from, to);

            var accounts = new AccountTree(service);
            accounts.Load(groups.SelectMany(g => new[] { g.Customer, g.Parent }).Where(id => id.HasValue).Select(id => id!.Value));
            var values = new Dictionary<Guid, decimal>();
            foreach (var group in groups)
            {
                var counted = new HashSet<Guid>();
                foreach (var start in new[] { group.Customer, group.Parent })
                {
                    if (start.HasValue)
                    {
                        counted.UnionWith(accounts.SelfAndAncestors(start.Value));
                    }
                }

                foreach (var account in counted)
                {
                    values.TryGetValue(account, out var sum);
                    values[account] = sum + group.Value;
                }
            }

            var order = values
                .Where(p => p.Value > 0m && accounts.IsReadable(p.Key) && (!industry.HasValue || accounts.Industry(p.Key) == industry.Value))
                .OrderByDescending(p => p.Value)
                .ThenBy(p => accounts.Name(p.Key), StringComparer.OrdinalIgnoreCase)
                .ThenBy(p => p.Key)
                .Take(top)
                .ToList();
            var plans = CurrentPlans(order.Select(p => p.Key).ToList(), today);

            var result = new EntityCollection { EntityName = Account.EntityName };
            var rank = 0;
            foreach (var pair in order)
            {
                var value = KpiRollup.Round(pair.Value);
                var account = new Entity(Account.EntityName, pair.Key)
                {
                    [Account.Id] = pair.Key,
                    [Account.Name] = accounts.Name(pair.Key),
                    [RankingRow.Rank] = ++rank,
                    [RankingRow.Criterion] = criterion.ToString(),
                    [RankingRow.Value] = new Money(value),
                    [RankingRow.HasCurrentPlan] = plans.ContainsKey(pair.Key),
                    [RankingRow.SelectionReason] = new OptionSetValue(SelectionReason(criterion)),
                    [RankingRow.SelectionRationale] = SelectionRationale(criterion, rank, top, months, value, industry),
                };
                if (criterion == RankingCriterion.WonRevenue)
                {
                    account[RankingRow.WonRevenue] = new Money(value);
                }

                if (accounts.Parent(pair.Key) is Guid parent)
                {
                    account[Account.ParentAccountId] = new EntityReference(Account.EntityName, parent);
                }

                if (accounts.Industry(pair.Key) is int code)
                {
                    account[Account.IndustryCode] = new OptionSetValue(code);
                }

                if (plans.TryGetValue(pair.Key, out var plan))
                {
                    account[RankingRow.CurrentPlanId] = plan;
                }

                result.Entities.Add(account);
            }

            return result;
        }

        /// <summary>One aggregate row: the opportunities of one (customer account, account lookup) pair.</summary>
        private sealed class Group
        {
            public Guid? Customer { get; set; }
            public Guid? Parent { get; set; }
            public decimal Value { get; set; }
        }

        private static string Key(Guid? customer, Guid? parent) =>
            (customer?.ToString("N") ?? "-") + "|" + (parent?.ToString("N") ?? "-");

        /// <summary>The criterion's sums per (customer, account lookup) over [from, to); halves the range past the aggregate limit.</summary>
        private List<Group> Sums(RankingCriterion criterion, DateTime from, DateTime to) =>
            AggregateQuery.OverRange(
                from, to, (f, t) => AggregateSums(criterion, f, t), (f, t) => PagedSums(criterion, f, t),
                (first, second) => Combine(first.Concat(second)), tracing, "Ranking");

        private static List<Group> Combine(IEnumerable<Group> groups)
        {
            var combined = new Dictionary<string, Group>();
            foreach (var group in groups)
            {
                var key = Key(group.Customer, group.Parent);
                if (combined.TryGetValue(key, out var existing))
                {
                    existing.Value += group.Value;
                }
                else
                {
                    combined[key] = new Group { Customer = group.Customer, Parent = group.Parent, Value = group.Value };
                }
            }

            return combined.Values.ToList();
        }

        private static bool IsWon(RankingCriterion criterion) =>
            criterion == RankingCriterion.WonRevenue || criterion == RankingCriterion.WonMargin;

        private static string ValueColumn(RankingCriterion criterion)
        {
            switch (criterion)
            {
                case RankingCriterion.WonMargin: return Opportunity.MarginBase;
                case RankingCriterion.WonRevenue: return Opportunity.ActualValueBase;
                default: return Opportunity.EstimatedValueBase;
            }
        }

        private static string Filter(RankingCriterion criterion, DateTime from, DateTime to) =>
            FetchXml.StateInRange(
                Opportunity.StateCode,
                IsWon(criterion) ? Opportunity.StateWon : Opportunity.StateOpen,
                IsWon(criterion) ? Opportunity.ActualCloseDate : Opportunity.EstimatedCloseDate,
                from, to);

        private List<Group> AggregateSums(RankingCriterion criterion, DateTime from, DateTime to)
        {
            var weighted = criterion == RankingCriterion.WeightedPipeline;
            var fetch = FetchXml.Aggregate(
                Opportunity.EntityName,
                FetchXml.GroupBy(Opportunity.CustomerId, CustomerAlias),
                FetchXml.GroupBy(Opportunity.ParentAccountId, ParentAlias),
                weighted ? FetchXml.GroupBy(Opportunity.CloseProbability, ProbabilityAlias) : string.Empty,
                FetchXml.Sum(ValueColumn(criterion), ValueAlias),
                Filter(criterion, from, to));

            var groups = new List<Group>();
            foreach (var row in service.RetrieveMultiple(new FetchExpression(fetch)).Entities)
            {
                var value = AggregateQuery.ToDecimal(AggregateQuery.Aliased(row, ValueAlias));
                if (weighted)
                {
                    value = value * (AggregateQuery.ToInt(AggregateQuery.Aliased(row, ProbabilityAlias)) ?? 0) / 100m;
                }

                groups.Add(new Group
                {
                    Customer = AccountId(AggregateQuery.Aliased(row, CustomerAlias)),
                    Parent = AccountId(AggregateQuery.Aliased(row, ParentAlias)),
                    Value = value,
                });
            }

            return Combine(groups);
        }

        private List<Group> PagedSums(RankingCriterion criterion, DateTime from, DateTime to)
        {
            var groups = new List<Group>();
            var query = new QueryExpression(Opportunity.EntityName)
            {
                ColumnSet = new ColumnSet(Opportunity.CustomerId, Opportunity.ParentAccountId, Opportunity.CloseProbability, ValueColumn(criterion)),
            };
            var date = IsWon(criterion) ? Opportunity.ActualCloseDate : Opportunity.EstimatedCloseDate;
            query.Criteria.AddCondition(Opportunity.StateCode, ConditionOperator.Equal, IsWon(criterion) ? Opportunity.StateWon : Opportunity.StateOpen);
            query.Criteria.AddCondition(date, ConditionOperator.GreaterEqual, from);
            query.Criteria.AddCondition(date, ConditionOperator.LessThan, to);
            query.AddOrder(Opportunity.Id, OrderType.Ascending);
            foreach (var row in AggregateQuery.AllPages(service, query))
            {
                var value = row.GetAttributeValue<Money>(ValueColumn(criterion))?.Value ?? 0m;
                if (criterion == RankingCriterion.WeightedPipeline)
                {
                    value = value * (row.GetAttributeValue<int?>(Opportunity.CloseProbability) ?? 0) / 100m;
                }

                groups.Add(new Group
                {
                    Customer = AccountId(row.GetAttributeValue<EntityReference>(Opportunity.CustomerId)),
                    Parent = AccountId(row.GetAttributeValue<EntityReference>(Opportunity.ParentAccountId)),
                    Value = value,
                });
            }

            return Combine(groups);
        }

        private static Guid? AccountId(object? value) =>
            value is EntityReference reference && reference.LogicalName == Account.EntityName && reference.Id != Guid.Empty ? reference.Id : (Guid?)null;

        private Dictionary<Guid, EntityReference> CurrentPlans(IReadOnlyList<Guid> accounts, DateTime today)
        {
            var plans = new Dictionary<Guid, EntityReference>();
            if (accounts.Count == 0)
            {
                return plans;
            }

            var query = new QueryExpression(Plan.EntityName) { ColumnSet = new ColumnSet(Plan.AccountId, Plan.Name, Plan.PeriodStart) };
            query.Criteria.AddCondition(Plan.AccountId, ConditionOperator.In, accounts.Cast<object>().ToArray());
            query.Criteria.AddCondition(Plan.StateCode, ConditionOperator.Equal, Plan.StateActive);
            query.Criteria.AddCondition(Plan.PeriodStart, ConditionOperator.LessEqual, today);
            query.Criteria.AddCondition(Plan.PeriodEnd, ConditionOperator.GreaterEqual, today);
            query.AddOrder(Plan.PeriodStart, OrderType.Descending);
            foreach (var row in service.RetrieveMultiple(query).Entities)
            {
                var account = row.GetAttributeValue<EntityReference>(Plan.AccountId);
                if (account != null && !plans.ContainsKey(account.Id))
                {
                    plans[account.Id] = new EntityReference(Plan.EntityName, row.Id) { Name = row.GetAttributeValue<string>(Plan.Name) };
                }
            }

            return plans;
        }
    }
}
