namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>What one opportunity adds to a plan whose account is at or above one of its accounts.</summary>
    public sealed class OpportunityContribution
    {
        private OpportunityContribution(IReadOnlyList<Guid> accounts, DateTime? date, RevenueSums sums)
        {
            Accounts = accounts;
            Date = date;
            Sums = sums;
        }

        /// <summary>The opportunity's customer (when an account) and its account lookup.</summary>
        public IReadOnlyList<Guid> Accounts { get; }

        /// <summary>Actual close date when won, estimated close date when open; null when lost or undated (counts nowhere).</summary>
        public DateTime? Date { get; }

        public RevenueSums Sums { get; }

        /// <summary>Counts for no plan at all.</summary>
        public bool IsEmpty => Accounts.Count == 0 || Date == null;

        /// <summary>The contribution described by an image (<see cref="Opportunity.ContributionColumns"/>); empty for null.</summary>
        public static OpportunityContribution Of(Entity? row)
        {
            var sums = new RevenueSums();
            if (row == null)
            {
                return new OpportunityContribution(Array.Empty<Guid>(), null, sums);
            }

            var accounts = AccountsOf(row).Distinct().ToList();
            DateTime? date = null;
            switch (row.GetAttributeValue<OptionSetValue>(Opportunity.StateCode)?.Value ?? Opportunity.StateOpen)
            {
                case Opportunity.StateWon:
                    date = row.GetAttributeValue<DateTime?>(Opportunity.ActualCloseDate);
                    sums.Won = row.GetAttributeValue<Money>(Opportunity.ActualValueBase)?.Value ?? 0m;
                    break;
                case Opportunity.StateOpen:
                    date = row.GetAttributeValue<DateTime?>(Opportunity.EstimatedCloseDate);
                    sums.Open = row.GetAttributeValue<Money>(Opportunity.EstimatedValueBase)?.Value ?? 0m;
                    sums.Weighted = sums.Open * (row.GetAttributeValue<int?>(Opportunity.CloseProbability) ?? 0) / 100m;
                    break;
            }

            return new OpportunityContribution(accounts, date, sums);
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

        /// <summary>
        /// The sums this contribution adds to a plan: those of the opportunity when one of its accounts has the plan's
        /// account in its chain (itself and its ancestors) and its date lies in the plan period (date-only, inclusive);
        /// zero otherwise. The same rule as the recount's FetchXML.
        /// </summary>
        public RevenueSums For(Guid planAccount, DateTime from, DateTime toExclusive, IReadOnlyDictionary<Guid, HashSet<Guid>> chains)
        {
            if (IsEmpty || Date!.Value < from || Date.Value >= toExclusive
                || !Accounts.Any(a => chains.TryGetValue(a, out var chain) && chain.Contains(planAccount)))
            {
                return new RevenueSums();
            }

            return Sums;
        }

        /// <summary>Same accounts, date and sums: no plan can see a difference.</summary>
        public bool SameAs(OpportunityContribution other) =>
            Date == other.Date && Accounts.SequenceEqual(other.Accounts)
            && Sums.Won == other.Sums.Won && Sums.Open == other.Sums.Open && Sums.Weighted == other.Sums.Weighted;
    }

    /// <summary>
    /// Keeps the revenue KPIs of the plans an opportunity change touches by adding the difference between the
    /// opportunity's contribution before and after the change (pre- and post-image): every open-state plan (Draft, In
    /// review, Active) of one of the opportunity's accounts or of an account above it, at any depth. The number of
    /// requests does not depend on how many opportunities exist: one for the account chains (<c>eq-or-above</c>), one
    /// for the plans, one write per plan whose KPIs change (more only when another transaction changed the plan in
    /// between: re-read and retry). A plan without exact sums yet is recounted from source instead.
    /// </summary>
    public sealed class OpportunityRollup(IOrganizationService service, ITracingService tracing, KpiRollup rollup)
    {
        /// <summary>Applies the difference between two images (null = the row did not exist). Returns the ids of the plans written.</summary>
        public IReadOnlyList<Guid> OnOpportunityChanged(Entity? before, Entity? after)
        {
            var old = OpportunityContribution.Of(before);
            var now = OpportunityContribution.Of(after);
            if ((old.IsEmpty && now.IsEmpty) || old.SameAs(now))
            {
                tracing.Trace("Opportunity change moves no plan's KPIs");
                return Array.Empty<Guid>();
            }

            var chains = Chains(old.Accounts.Concat(now.Accounts));
            var touched = new List<Guid>();
            foreach (var plan in PlansOf(chains))
            {
                if (ApplyDifference(plan, old, now, chains))
                {
                    touched.Add(plan.Id);
                }
            }

            return touched;
        }

        /// <summary>
        /// Recounts from source every open-state plan of the given accounts or above them (a change whose difference
        /// cannot be computed safely, e.g. an image is missing). Returns the ids of the plans recounted.
        /// </summary>
        public IReadOnlyList<Guid> RecountPlansOf(IEnumerable<Guid> accounts)
        {
            var touched = new List<Guid>();
            foreach (var plan in PlansOf(Chains(accounts)))
            {
                rollup.Recalculate(plan, KpiParts.Revenue);
                touched.Add(plan.Id);
            }

            return touched;
        }

        /// <summary>
        /// An account left one parent for another (either may be none, a deleted account has none after): its whole
        /// subtree's contribution leaves the plans of the old parent and the accounts above it and enters those of the
        /// new parent and above; plans above both keep it. Those plans are recounted from source (the subtree's volume
        /// decides the cost, as in a recount). Returns the ids of the plans recounted.
        /// </summary>
        public IReadOnlyList<Guid> OnParentChanged(Guid? oldParent, Guid? newParent)
        {
            var parents = new[] { oldParent, newParent }.Where(p => p.HasValue).Select(p => p!.Value).ToList();
            var chains = Chains(parents);
            HashSet<Guid> ChainOf(Guid? parent) => parent is Guid p && chains.TryGetValue(p, out var c) ? c : new HashSet<Guid>();
            var moved = ChainOf(oldParent);
            moved.SymmetricExceptWith(ChainOf(newParent));
            if (moved.Count == 0)
            {
                return Array.Empty<Guid>();
            }

            var touched = new List<Guid>();
            foreach (var plan in PlansOf(new Dictionary<Guid, HashSet<Guid>> { [Guid.Empty] = moved }))
            {
                rollup.Recalculate(plan, KpiParts.Revenue);
                touched.Add(plan.Id);
            }

            return touched;
        }

        private bool ApplyDifference(Entity plan, OpportunityContribution old, OpportunityContribution now, IReadOnlyDictionary<Guid, HashSet<Guid>> chains)
        {
            for (var attempt = 1; ; attempt++)
            {
                var account = plan.GetAttributeValue<EntityReference>(Plan.AccountId);
                var start = plan.GetAttributeValue<DateTime?>(Plan.PeriodStart);
                var end = plan.GetAttributeValue<DateTime?>(Plan.PeriodEnd);
                if (account == null || start == null || end == null || end < start)
                {
                    return false;
                }

                var from = start.Value.Date;
                var to = end.Value.Date.AddDays(1);
                var minus = old.For(account.Id, from, to, chains);
                var plus = now.For(account.Id, from, to, chains);
                if (minus.Won == plus.Won && minus.Open == plus.Open && minus.Weighted == plus.Weighted)
                {
                    return false;
                }

                var won = plan.GetAttributeValue<decimal?>(Plan.WonRevenueExact);
                var open = plan.GetAttributeValue<decimal?>(Plan.OpenPipelineExact);
                var weighted = plan.GetAttributeValue<decimal?>(Plan.WeightedPipelineExact);
                if (won == null || open == null || weighted == null)
                {
                    // No exact sums to add to (a plan written before they existed or with plug-ins bypassed).
                    tracing.Trace("Plan {0} has no exact sums: recounting it from source", plan.Id);
                    rollup.Recalculate(plan, KpiParts.Revenue);
                    return true;
                }

                var sums = new RevenueSums
                {
                    Won = won.Value - minus.Won + plus.Won,
                    Open = open.Value - minus.Open + plus.Open,
                    Weighted = weighted.Value - minus.Weighted + plus.Weighted,
                };
                var update = new Entity(Plan.EntityName, plan.Id);
                KpiRollup.SetRevenue(plan, update, sums);
                rollup.SetAttainment(plan, update, KpiRollup.Round(sums.Won));
                if (update.Attributes.Count == 0)
                {
                    return false;
                }

                update[Plan.KpisCalculatedOn] = rollup.Now;
                if (PlanWriter.TryUpdate(service, update, plan.RowVersion, attempt))
                {
                    tracing.Trace("Plan {0}: revenue KPIs moved by won {1}, open {2}, weighted {3}", plan.Id, plus.Won - minus.Won, plus.Open - minus.Open, plus.Weighted - minus.Weighted);
                    return true;
                }

                tracing.Trace("Plan {0} changed by another transaction: re-reading (attempt {1})", plan.Id, attempt);
                plan = service.Retrieve(Plan.EntityName, plan.Id, new ColumnSet(KpiRollup.PlanColumns));
            }
        }

        /// <summary>
        /// One request: each account and its ancestors (<c>eq-or-above</c>, the platform's hierarchy depth limit
        /// applies), returned as account → {itself, ancestors}. An account that no longer exists has no chain.
        /// </summary>
        private Dictionary<Guid, HashSet<Guid>> Chains(IEnumerable<Guid> accounts)
        {
            var distinct = accounts.Distinct().ToList();
            var chains = new Dictionary<Guid, HashSet<Guid>>();
            if (distinct.Count == 0)
            {
                return chains;
            }

            var query = new QueryExpression(Account.EntityName) { ColumnSet = new ColumnSet(Account.ParentAccountId) };
            var filter = query.Criteria.AddFilter(LogicalOperator.Or);
            foreach (var id in distinct)
            {
                filter.AddCondition(Account.Id, ConditionOperator.AboveOrEqual, id);
            }

            var parents = new Dictionary<Guid, Guid?>();
            foreach (var row in service.RetrieveMultiple(query).Entities)
            {
                parents[row.Id] = row.GetAttributeValue<EntityReference>(Account.ParentAccountId)?.Id;
            }

            foreach (var id in distinct)
            {
                var chain = new HashSet<Guid>();
                Guid? current = id;
                while (current is Guid c && parents.TryGetValue(c, out var parent) && chain.Add(c))
                {
                    current = parent;
                }

                chains[id] = chain;
            }

            return chains;
        }

        /// <summary>One request: the open-state plans of any account in the chains.</summary>
        private IEnumerable<Entity> PlansOf(IReadOnlyDictionary<Guid, HashSet<Guid>> chains)
        {
            var accounts = chains.Values.SelectMany(c => c).Distinct().Cast<object>().ToArray();
            if (accounts.Length == 0)
            {
                return Array.Empty<Entity>();
            }

            var query = new QueryExpression(Plan.EntityName) { ColumnSet = new ColumnSet(KpiRollup.PlanColumns) };
            query.Criteria.AddCondition(Plan.AccountId, ConditionOperator.In, accounts);
            query.Criteria.AddCondition(Plan.StateCode, ConditionOperator.Equal, Plan.StateActive);
            return service.RetrieveMultiple(query).Entities;
        }
    }
}
