using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.ServiceModel;
using AccountPlanXrm.Plugins.Infrastructure;
using AccountPlanXrm.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>
    /// Customer selection: accounts ranked by won revenue with us (base currency) over the last N months, top N,
    /// with whether each already has a current plan (Draft, In review or Active, period covering today).
    /// Runs with the calling user's service: the sums count only opportunities the caller can read, only accounts
    /// the caller can read are ranked, and only plans the caller can read count as current plans.
    /// </summary>
    public sealed class AccountRanking
    {
        private readonly IOrganizationService service;
        private readonly ITracingService tracing;
        private readonly IClock clock;

        public AccountRanking(IOrganizationService service, ITracingService tracing, IClock clock)
        {
            this.service = service;
            this.tracing = tracing;
            this.clock = clock;
        }

        public EntityCollection Rank(int months, int top)
        {
            var today = clock.UtcNow.Date;
            var revenue = WonRevenueByAccount(today.AddMonths(-months), today.AddDays(1));
            var ranked = revenue.Where(p => p.Value > 0m).ToList();
            var names = Names(ranked.Select(p => p.Key).ToList());
            var order = ranked
                .Where(p => names.ContainsKey(p.Key))
                .OrderByDescending(p => p.Value)
                .ThenBy(p => names.TryGetValue(p.Key, out var n) ? n : string.Empty, StringComparer.OrdinalIgnoreCase)
                .ThenBy(p => p.Key)
                .Take(top)
                .ToList();
            var plans = CurrentPlans(order.Select(p => p.Key).ToList(), today);

            var result = new EntityCollection { EntityName = Account.EntityName };
            var rank = 0;
            foreach (var pair in order)
            {
                var account = new Entity(Account.EntityName, pair.Key)
                {
                    [Account.Id] = pair.Key,
                    [Account.Name] = names[pair.Key],
                    ["apx_rank"] = ++rank,
                    ["apx_wonrevenue"] = new Money(KpiRollup.Round(pair.Value)),
                    ["apx_hascurrentplan"] = plans.ContainsKey(pair.Key),
                };
                if (plans.TryGetValue(pair.Key, out var plan))
                {
                    account["apx_currentplanid"] = plan;
                }

                result.Entities.Add(account);
            }

            return result;
        }

        private Dictionary<Guid, decimal> WonRevenueByAccount(DateTime from, DateTime to)
        {
            try
            {
                var fetch = string.Format(
                    CultureInfo.InvariantCulture,
                    "<fetch aggregate=\"true\"><entity name=\"opportunity\">" +
                    "<attribute name=\"customerid\" alias=\"customer\" groupby=\"true\" />" +
                    "<attribute name=\"actualvalue_base\" alias=\"won\" aggregate=\"sum\" />" +
                    "<filter type=\"and\"><condition attribute=\"statecode\" operator=\"eq\" value=\"{0}\" />" +
                    "<condition attribute=\"actualclosedate\" operator=\"ge\" value=\"{1:yyyy-MM-dd}\" />" +
                    "<condition attribute=\"actualclosedate\" operator=\"lt\" value=\"{2:yyyy-MM-dd}\" />" +
                    "<condition attribute=\"customerid\" operator=\"not-null\" /></filter>" +
                    "</entity></fetch>",
                    Opportunity.StateWon, from, to);
                var sums = new Dictionary<Guid, decimal>();
                foreach (var row in service.RetrieveMultiple(new FetchExpression(fetch)).Entities)
                {
                    if (KpiRollup.Aliased(row, "customer") is EntityReference customer && customer.LogicalName == Account.EntityName)
                    {
                        sums.TryGetValue(customer.Id, out var sum);
                        sums[customer.Id] = sum + KpiRollup.ToDecimal(KpiRollup.Aliased(row, "won"));
                    }
                }

                return sums;
            }
            catch (FaultException<OrganizationServiceFault> fault) when (Faults.Is(fault, Faults.AggregateQueryRecordLimit))
            {
                var days = (to - from).Days;
                tracing.Trace("Ranking: aggregate limit over {0} days, range split", days);
                if (days <= 1)
                {
                    return PagedWonRevenue(from, to);
                }

                var middle = from.AddDays(days / 2);
                var left = WonRevenueByAccount(from, middle);
                foreach (var pair in WonRevenueByAccount(middle, to))
                {
                    left.TryGetValue(pair.Key, out var sum);
                    left[pair.Key] = sum + pair.Value;
                }

                return left;
            }
        }

        private Dictionary<Guid, decimal> PagedWonRevenue(DateTime from, DateTime to)
        {
            var sums = new Dictionary<Guid, decimal>();
            var query = new QueryExpression(Opportunity.EntityName)
            {
                ColumnSet = new ColumnSet(Opportunity.CustomerId, Opportunity.ActualValueBase),
                PageInfo = new PagingInfo { Count = 5000, PageNumber = 1 },
            };
            query.Criteria.AddCondition(Opportunity.StateCode, ConditionOperator.Equal, Opportunity.StateWon);
            query.Criteria.AddCondition(Opportunity.ActualCloseDate, ConditionOperator.GreaterEqual, from);
            query.Criteria.AddCondition(Opportunity.ActualCloseDate, ConditionOperator.LessThan, to);
            query.AddOrder(Opportunity.Id, OrderType.Ascending);
            while (true)
            {
                var result = service.RetrieveMultiple(query);
                foreach (var row in result.Entities)
                {
                    var customer = row.GetAttributeValue<EntityReference>(Opportunity.CustomerId);
                    if (customer != null && customer.LogicalName == Account.EntityName)
                    {
                        sums.TryGetValue(customer.Id, out var sum);
                        sums[customer.Id] = sum + (row.GetAttributeValue<Money>(Opportunity.ActualValueBase)?.Value ?? 0m);
                    }
                }

                if (!result.MoreRecords)
                {
                    return sums;
                }

                query.PageInfo.PageNumber++;
                query.PageInfo.PagingCookie = result.PagingCookie;
            }
        }

        /// <summary>The names of the accounts the service can read (unreadable accounts are absent).</summary>
        private Dictionary<Guid, string> Names(IReadOnlyList<Guid> accounts)
        {
            var names = new Dictionary<Guid, string>();
            foreach (var chunk in Chunks(accounts, 500))
            {
                var query = new QueryExpression(Account.EntityName) { ColumnSet = new ColumnSet(Account.Name) };
                query.Criteria.AddCondition(Account.Id, ConditionOperator.In, chunk.Cast<object>().ToArray());
                foreach (var row in service.RetrieveMultiple(query).Entities)
                {
                    names[row.Id] = row.GetAttributeValue<string>(Account.Name) ?? string.Empty;
                }
            }

            return names;
        }

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

        private static IEnumerable<List<Guid>> Chunks(IReadOnlyList<Guid> ids, int size)
        {
            for (var i = 0; i < ids.Count; i += size)
            {
                yield return ids.Skip(i).Take(size).ToList();
            }
        }
    }
}
