using System;
using System.Collections.Generic;
using System.Linq;
using AccountPlanXrm.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>
    /// Finds the plans an opportunity change touches and recomputes their revenue KPIs: every open-state plan
    /// (Draft, In review, Active) of the opportunity's account, or of that account's parent, whose period covers
    /// one of the opportunity's dates, before and after the change (so a moved or re-dated opportunity leaves the
    /// old plan and enters the new one).
    /// </summary>
    public sealed class OpportunityRollup
    {
        private readonly IOrganizationService service;
        private readonly ITracingService tracing;
        private readonly KpiRollup rollup;

        public OpportunityRollup(IOrganizationService service, ITracingService tracing, KpiRollup rollup)
        {
            this.service = service;
            this.tracing = tracing;
            this.rollup = rollup;
        }

        /// <summary>Returns the ids of the plans whose KPIs were recomputed.</summary>
        public IReadOnlyList<Guid> OnOpportunityChanged(Entity? before, Entity? after)
        {
            var accounts = new HashSet<Guid>();
            var dates = new List<DateTime>();
            foreach (var row in new[] { before, after })
            {
                if (row == null)
                {
                    continue;
                }

                foreach (var account in AccountsOf(row))
                {
                    accounts.Add(account);
                }

                foreach (var column in new[] { Opportunity.ActualCloseDate, Opportunity.EstimatedCloseDate })
                {
                    var date = row.GetAttributeValue<DateTime?>(column);
                    if (date.HasValue)
                    {
                        dates.Add(date.Value.Date);
                    }
                }
            }

            if (accounts.Count == 0 || dates.Count == 0)
            {
                tracing.Trace("Opportunity has no account or no date: no plan to recompute");
                return Array.Empty<Guid>();
            }

            foreach (var parent in Parents(accounts))
            {
                accounts.Add(parent);
            }

            var query = new QueryExpression(Plan.EntityName) { ColumnSet = new ColumnSet(KpiRollup.PlanColumns) };
            query.Criteria.AddCondition(Plan.AccountId, ConditionOperator.In, accounts.Cast<object>().ToArray());
            query.Criteria.AddCondition(Plan.StateCode, ConditionOperator.Equal, Plan.StateActive);
            var touched = new List<Guid>();
            foreach (var plan in service.RetrieveMultiple(query).Entities)
            {
                var start = plan.GetAttributeValue<DateTime?>(Plan.PeriodStart);
                var end = plan.GetAttributeValue<DateTime?>(Plan.PeriodEnd);
                if (start == null || end == null || !dates.Any(d => d >= start.Value.Date && d <= end.Value.Date))
                {
                    continue;
                }

                rollup.Recalculate(plan, KpiParts.Revenue);
                touched.Add(plan.Id);
            }

            return touched;
        }

        /// <summary>The accounts an opportunity counts for: its customer when that is an account, and its account lookup.</summary>
        public static IEnumerable<Guid> AccountsOf(Entity opportunity)
        {
            var customer = opportunity.GetAttributeValue<EntityReference>(Opportunity.CustomerId);
            if (customer != null && customer.LogicalName == Account.EntityName)
            {
                yield return customer.Id;
            }

            var account = opportunity.GetAttributeValue<EntityReference>(Opportunity.ParentAccountId);
            if (account != null)
            {
                yield return account.Id;
            }
        }

        private IEnumerable<Guid> Parents(IEnumerable<Guid> accounts)
        {
            var query = new QueryExpression(Account.EntityName) { ColumnSet = new ColumnSet(Account.ParentAccountId) };
            query.Criteria.AddCondition(Account.Id, ConditionOperator.In, accounts.Cast<object>().ToArray());
            return service.RetrieveMultiple(query).Entities
                .Select(a => a.GetAttributeValue<EntityReference>(Account.ParentAccountId))
                .Where(p => p != null)
                .Select(p => p.Id)
                .ToList();
        }
    }
}
