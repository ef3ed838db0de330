using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.ServiceModel;
using System.Text;
using AccountPlanXrm.Plugins.Infrastructure;
using AccountPlanXrm.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>What customer selection ranks accounts by (the Criterion parameter of apx_RankAccounts).</summary>
    public enum RankingCriterion
    {
        /// <summary>Won opportunities' actual revenue (base currency), closed within the last months.</summary>
        WonRevenue,

        /// <summary>Won opportunities' margin (apx_margin_base), closed within the last months.</summary>
        WonMargin,

        /// <summary>Open opportunities' estimated revenue, expected to close before the end of the next months (overdue ones included).</summary>
        OpenPipeline,

        /// <summary>As <see cref="OpenPipeline"/>, each weighted by its close probability.</summary>
        WeightedPipeline,
    }

    /// <summary>
    /// Customer selection: accounts ranked by a money criterion (won revenue by default, won margin, open or weighted
    /// pipeline, base currency), top N, optionally of one industry (account industrycode), with whether each already
    /// has a current plan (Draft, In review or Active, period covering today). An account's value counts its whole
    /// hierarchy the way a plan does: every opportunity whose customer or account lookup is the account or one of its
    /// descendants, each opportunity once. Runs with the calling user's service: the sums count only opportunities the
    /// caller can read, only accounts the caller can read are ranked (and carry the hierarchy), and only plans the
    /// caller can read count as current plans.
    /// </summary>
    public sealed class AccountRanking
    {
        private const int PageSize = 5000;
        private static readonly DateTime OpenFrom = new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        private readonly IOrganizationService service;
        private readonly ITracingService tracing;
        private readonly IClock clock;

        public AccountRanking(IOrganizationService service, ITracingService tracing, IClock clock)
        {
            this.service = service;
            this.tracing = tracing;
            this.clock = clock;
        }

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
                    ["apx_rank"] = ++rank,
                    ["apx_criterion"] = criterion.ToString(),
                    ["apx_value"] = new Money(value),
                    ["apx_hascurrentplan"] = plans.ContainsKey(pair.Key),
                    ["apx_selectionreason"] = new OptionSetValue(SelectionReason(criterion)),
                    ["apx_selectionrationale"] = SelectionRationale(criterion, rank, top, months, value, industry),
                };
                if (criterion == RankingCriterion.WonRevenue)
                {
                    account["apx_wonrevenue"] = new Money(value);
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
                    account["apx_currentplanid"] = plan;
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
        private List<Group> Sums(RankingCriterion criterion, DateTime from, DateTime to)
        {
            try
            {
                return AggregateSums(criterion, from, to);
            }
            catch (FaultException<OrganizationServiceFault> fault) when (Faults.Is(fault, Faults.AggregateQueryRecordLimit))
            {
                var days = (to - from).Days;
                tracing.Trace("Ranking: aggregate limit over {0} days, range split", days);
                if (days <= 1)
                {
                    return PagedSums(criterion, from, to);
                }

                var middle = from.AddDays(days / 2);
                return Combine(Sums(criterion, from, middle).Concat(Sums(criterion, middle, to)));
            }
        }

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
            string.Format(
                CultureInfo.InvariantCulture,
                "<filter type=\"and\"><condition attribute=\"statecode\" operator=\"eq\" value=\"{0}\" />" +
                "<condition attribute=\"{1}\" operator=\"ge\" value=\"{2:yyyy-MM-dd}\" />" +
                "<condition attribute=\"{1}\" operator=\"lt\" value=\"{3:yyyy-MM-dd}\" /></filter>",
                IsWon(criterion) ? Opportunity.StateWon : Opportunity.StateOpen,
                IsWon(criterion) ? Opportunity.ActualCloseDate : Opportunity.EstimatedCloseDate,
                from, to);

        private List<Group> AggregateSums(RankingCriterion criterion, DateTime from, DateTime to)
        {
            var weighted = criterion == RankingCriterion.WeightedPipeline;
            var fetch = new StringBuilder("<fetch aggregate=\"true\"><entity name=\"opportunity\">");
            fetch.Append("<attribute name=\"customerid\" alias=\"customer\" groupby=\"true\" />");
            fetch.Append("<attribute name=\"parentaccountid\" alias=\"parent\" groupby=\"true\" />");
            if (weighted)
            {
                fetch.Append("<attribute name=\"closeprobability\" alias=\"probability\" groupby=\"true\" />");
            }

            fetch.Append("<attribute name=\"").Append(ValueColumn(criterion)).Append("\" alias=\"value\" aggregate=\"sum\" />");
            fetch.Append(Filter(criterion, from, to));
            fetch.Append("</entity></fetch>");

            var groups = new List<Group>();
            foreach (var row in service.RetrieveMultiple(new FetchExpression(fetch.ToString())).Entities)
            {
                var value = KpiRollup.ToDecimal(KpiRollup.Aliased(row, "value"));
                if (weighted)
                {
                    value = value * (KpiRollup.ToInt(KpiRollup.Aliased(row, "probability")) ?? 0) / 100m;
                }

                groups.Add(new Group
                {
                    Customer = AccountId(KpiRollup.Aliased(row, "customer")),
                    Parent = AccountId(KpiRollup.Aliased(row, "parent")),
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
                PageInfo = new PagingInfo { Count = PageSize, PageNumber = 1 },
            };
            var date = IsWon(criterion) ? Opportunity.ActualCloseDate : Opportunity.EstimatedCloseDate;
            query.Criteria.AddCondition(Opportunity.StateCode, ConditionOperator.Equal, IsWon(criterion) ? Opportunity.StateWon : Opportunity.StateOpen);
            query.Criteria.AddCondition(date, ConditionOperator.GreaterEqual, from);
            query.Criteria.AddCondition(date, ConditionOperator.LessThan, to);
            query.AddOrder(Opportunity.Id, OrderType.Ascending);
            while (true)
            {
                var result = service.RetrieveMultiple(query);
                foreach (var row in result.Entities)
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

                if (!result.MoreRecords)
                {
                    return Combine(groups);
                }

                query.PageInfo.PageNumber++;
                query.PageInfo.PagingCookie = result.PagingCookie;
            }
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

        /// <summary>The readable accounts with their parent, name and industry, loaded up the hierarchy on demand.</summary>
        private sealed class AccountTree
        {
            private readonly IOrganizationService service;
            private readonly Dictionary<Guid, Entity> rows = new Dictionary<Guid, Entity>();
            private readonly HashSet<Guid> requested = new HashSet<Guid>();

            public AccountTree(IOrganizationService service)
            {
                this.service = service;
            }

            /// <summary>Reads the accounts and, level by level, their ancestors (unreadable ones end a chain).</summary>
            public void Load(IEnumerable<Guid> ids)
            {
                var pending = ids.Where(id => requested.Add(id)).ToList();
                while (pending.Count > 0)
                {
                    var parents = new List<Guid>();
                    for (var i = 0; i < pending.Count; i += 500)
                    {
                        var chunk = pending.Skip(i).Take(500).Cast<object>().ToArray();
                        var query = new QueryExpression(Account.EntityName) { ColumnSet = new ColumnSet(Account.Name, Account.ParentAccountId, Account.IndustryCode) };
                        query.Criteria.AddCondition(Account.Id, ConditionOperator.In, chunk);
                        foreach (var row in service.RetrieveMultiple(query).Entities)
                        {
                            rows[row.Id] = row;
                            var parent = row.GetAttributeValue<EntityReference>(Account.ParentAccountId);
                            if (parent != null && requested.Add(parent.Id))
                            {
                                parents.Add(parent.Id);
                            }
                        }
                    }

                    pending = parents;
                }
            }

            public bool IsReadable(Guid id) => rows.ContainsKey(id);

            public string Name(Guid id) => rows.TryGetValue(id, out var row) ? row.GetAttributeValue<string>(Account.Name) ?? string.Empty : string.Empty;

            public Guid? Parent(Guid id) => rows.TryGetValue(id, out var row) ? row.GetAttributeValue<EntityReference>(Account.ParentAccountId)?.Id : null;

            public int? Industry(Guid id) => rows.TryGetValue(id, out var row) ? row.GetAttributeValue<OptionSetValue>(Account.IndustryCode)?.Value : null;

            /// <summary>The account and every readable ancestor (cycle-safe).</summary>
            public IEnumerable<Guid> SelfAndAncestors(Guid id)
            {
                var seen = new HashSet<Guid>();
                Guid? current = id;
                while (current.HasValue && seen.Add(current.Value))
                {
                    yield return current.Value;
                    current = Parent(current.Value);
                }
            }
        }
    }
}
