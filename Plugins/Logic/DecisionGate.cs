namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>
    /// The steering committee's gate.
    /// <list type="bullet">
    /// <item>A measure is started (In progress or Done) only when covered: a measure whose budget, in base currency, is
    /// above the plan's decision threshold (in base currency), or that is business-critical, needs an Approved decision
    /// of the same plan whose type fits (business-critical → Business-critical, else Budget); any started measure linked
    /// to an Approved decision counts against it, and the decision's approved amount (base currency) must cover the sum of
    /// the started measures it covers. Re-checked whenever budget, currency, flag, decision or plan of a started measure
    /// change.</item>
    /// <item>An Approved decision keeps its amount, currency, type and plan; it is not withdrawn or deleted while it
    /// covers started measures.</item>
    /// <item>Only members of the plan's steering committee approve or reject, never the proposer of the decision
    /// (createdby) nor the owner of the plan (the user, or a member of the owning team); decider and time are stamped. An
    /// owner on the committee does not hand the plan over while a decision on it is pending.</item>
    /// </list>
    /// The measure gate reads the plan's threshold and the linked decision with the calling user's service (shown in its
    /// messages; an unreadable row fails the request with the platform's access fault, so the gate fails closed); the
    /// sum of covered measures, currencies, the committee and its membership are read as SYSTEM.
    /// </summary>
    /// <param name="systemService">Reads the covered measures, currencies, the steering committee and its membership.</param>
    /// <param name="callerService">The calling user's service: the plan threshold, the linked decision, names.</param>
    /// <param name="tracing">The tracing service.</param>
    /// <param name="clock">The time a decision is stamped with.</param>
    /// <param name="messages">The texts in the initiating user's language.</param>
    public sealed class DecisionGate(IOrganizationService systemService, IOrganizationService callerService, ITracingService tracing, IClock clock, Messages messages)
    {
        private static readonly string[] FrozenColumns =
            { Decision.RequestedBudget, Decision.TransactionCurrencyId, Decision.DecisionType, Decision.PlanId };

        private BaseCurrency? currencies;

        /// <summary>Currencies and exchange rates, read as SYSTEM once per gate.</summary>
        private BaseCurrency Currencies => currencies ??= new BaseCurrency(systemService);

        /// <summary>True for the statuses in which a measure counts as started.</summary>
        public static bool IsStarted(int? status) => status == Measure.StatusInProgress || status == Measure.StatusDone;

        /// <summary>Measure create/update before the operation.</summary>
        public void CheckMeasure(Entity target, Entity? preImage)
        {
            var merged = Values.Merge(preImage, target);
            var status = Values.Option(merged, Measure.StatusCode, messages);
            var budget = Values.Money(merged, Measure.Budget, messages);
            var critical = Values.Bool(merged, Measure.BusinessCritical, messages) == true;
            var decision = Values.Reference(merged, Measure.DecisionId, messages);
            var plan = Values.Reference(merged, Measure.PlanId, messages);
            var currency = Values.Reference(merged, Measure.TransactionCurrencyId, messages);
            if (budget < 0m || Values.Money(target, Measure.ActualCost, messages) < 0m)
            {
                throw new InvalidPluginExecutionException(messages.NegativeAmount(budget < 0m ? Measure.Budget : Measure.ActualCost));
            }

            if (!IsStarted(status) || plan == null)
            {
                return;
            }

            // A started measure whose cover-relevant columns did not change (e.g. In progress → Done) is not re-judged.
            var wasStarted = preImage != null && IsStarted(Values.Option(preImage, Measure.StatusCode, messages));
            if (wasStarted && Values.ChangedColumns(target, preImage, new[] { Measure.Budget, Measure.TransactionCurrencyId, Measure.BusinessCritical, Measure.DecisionId, Measure.PlanId }).Length == 0)
            {
                return;
            }

            var planRow = callerService.Retrieve(Plan.EntityName, plan.Id, new ColumnSet(Plan.DecisionThreshold, Plan.DecisionThresholdBase, Plan.TransactionCurrencyId));
            var threshold = planRow.GetAttributeValue<Money>(Plan.DecisionThreshold)?.Value;
            var planCurrency = planRow.GetAttributeValue<EntityReference>(Plan.TransactionCurrencyId);
            var thresholdBase = planRow.GetAttributeValue<Money>(Plan.DecisionThresholdBase)?.Value
                ?? (threshold.HasValue ? Currencies.ToBase(threshold.Value, planCurrency) : (decimal?)null);
            var budgetBase = budget.HasValue ? Currencies.ToBase(budget.Value, currency) : 0m;
            var overThreshold = thresholdBase.HasValue && budget.HasValue && budgetBase > thresholdBase.Value;
            var needsDecision = overThreshold || critical;

            var name = Values.Get<string>(merged, Measure.Name, messages) ?? string.Empty;
            string Refusal() => overThreshold
                ? messages.DecisionRequiredOverThreshold(
                    name,
                    messages.MoneyWithBase(budget!.Value, Currencies.Code(currency), budgetBase, Currencies.BaseCode),
                    messages.MoneyWithBase(threshold ?? thresholdBase!.Value, Currencies.Code(planCurrency), thresholdBase!.Value, Currencies.BaseCode))
                : messages.DecisionRequiredBusinessCritical(name);

            Entity? decisionRow = decision == null
                ? null
                : callerService.Retrieve(Decision.EntityName, decision.Id, new ColumnSet(
                    Decision.Name, Decision.StatusCode, Decision.PlanId, Decision.DecisionType, Decision.RequestedBudget,
                    Decision.RequestedBudgetBase, Decision.TransactionCurrencyId));
            var approved = decisionRow?.GetAttributeValue<OptionSetValue>(Decision.StatusCode)?.Value == Decision.StatusApproved;
            if (!needsDecision && !approved)
            {
                return;
            }

            if (decisionRow == null)
            {
                throw new InvalidPluginExecutionException(Refusal());
            }

            if (decisionRow.GetAttributeValue<EntityReference>(Decision.PlanId)?.Id != plan.Id)
            {
                throw new InvalidPluginExecutionException(messages.DecisionOfOtherPlan(name));
            }

            if (!approved)
            {
                tracing.Trace("Decision {0} is not approved", decision!.Id);
                throw new InvalidPluginExecutionException(Refusal());
            }

            var decisionName = decisionRow.GetAttributeValue<string>(Decision.Name) ?? string.Empty;
            var requiredType = critical ? Decision.TypeBusinessCritical : Decision.TypeBudget;
            if (needsDecision && decisionRow.GetAttributeValue<OptionSetValue>(Decision.DecisionType)?.Value != requiredType)
            {
                throw new InvalidPluginExecutionException(messages.DecisionTypeMismatch(name, decisionName, requiredType));
            }

            var decisionCurrency = decisionRow.GetAttributeValue<EntityReference>(Decision.TransactionCurrencyId);
            var amount = decisionRow.GetAttributeValue<Money>(Decision.RequestedBudget)?.Value ?? 0m;
            var amountBase = decisionRow.GetAttributeValue<Money>(Decision.RequestedBudgetBase)?.Value ?? Currencies.ToBase(amount, decisionCurrency);
            var covered = CoveredBudgetBase(decision!.Id, merged.Id) + budgetBase;
            if (covered > amountBase)
            {
                tracing.Trace("Decision {0} covers {1} in base currency, {2} requested", decision.Id, amountBase, covered);
                throw new InvalidPluginExecutionException(messages.DecisionDoesNotCover(
                    name, decisionName, messages.Money(covered, Currencies.BaseCode),
                    messages.MoneyWithBase(amount, Currencies.Code(decisionCurrency), amountBase, Currencies.BaseCode)));
            }
        }

        /// <summary>Decision create/update before the operation: frozen when approved; decided only by the committee, never by an interested party.</summary>
        public void CheckDecision(Entity target, Entity? preImage, Guid callingUserId)
        {
            var merged = Values.Merge(preImage, target);
            var status = Values.Option(merged, Decision.StatusCode, messages);
            var oldStatus = preImage == null ? null : Values.Option(preImage, Decision.StatusCode, messages);
            Values.Option(target, Decision.DecisionType, messages);
            Values.Reference(target, Decision.TransactionCurrencyId, messages);
            if (Values.Money(target, Decision.RequestedBudget, messages) < 0m)
            {
                throw new InvalidPluginExecutionException(messages.NegativeAmount(Decision.RequestedBudget));
            }

            var name = Values.Get<string>(merged, Decision.Name, messages) ?? string.Empty;
            if (oldStatus == Decision.StatusApproved)
            {
                if (Values.ChangedColumns(target, preImage, FrozenColumns).Length > 0)
                {
                    throw new InvalidPluginExecutionException(messages.ApprovedDecisionFrozen(name));
                }

                if (status != Decision.StatusApproved)
                {
                    RefuseWhileCovering(merged.Id != Guid.Empty ? merged.Id : target.Id, name);
                }
            }

            if ((status != Decision.StatusApproved && status != Decision.StatusRejected) || status == oldStatus)
            {
                // Decider and time are the approval's stamp: a request that does not decide does not set them.
                var stamped = Values.ChangedColumns(target, preImage, new[] { Decision.DecidedById, Decision.DecidedOn });
                if (stamped.Length > 0)
                {
                    throw new InvalidPluginExecutionException(messages.ComputedColumnsSet(string.Join(", ", stamped.Select(messages.ColumnLabel))));
                }

                return;
            }

            var plan = Values.Reference(merged, Decision.PlanId, messages);
            if (plan == null)
            {
                return;
            }

            var planRow = systemService.Retrieve(Plan.EntityName, plan.Id, new ColumnSet(Plan.SteeringCommitteeId, Plan.OwnerId));
            string PlanName() => callerService.Retrieve(Plan.EntityName, plan.Id, new ColumnSet(Plan.Name)).GetAttributeValue<string>(Plan.Name) ?? string.Empty;
            var committee = planRow.GetAttributeValue<EntityReference>(Plan.SteeringCommitteeId);
            if (committee == null)
            {
                throw new InvalidPluginExecutionException(messages.NoSteeringCommittee(PlanName()));
            }

            if (!IsTeamMember(committee.Id, callingUserId))
            {
                tracing.Trace("User {0} is not in steering committee {1}", callingUserId, committee.Id);
                throw new InvalidPluginExecutionException(messages.NotSteeringCommitteeMember(PlanName()));
            }

            // Separation of duties: the proposer (who created the decision; on create, the caller) and the plan's owner
            // do not decide, even as committee members.
            var proposer = preImage == null ? callingUserId : preImage.GetAttributeValue<EntityReference>(Decision.CreatedBy)?.Id;
            if (proposer == callingUserId)
            {
                throw new InvalidPluginExecutionException(messages.OwnProposal(name));
            }

            var owner = planRow.GetAttributeValue<EntityReference>(Plan.OwnerId);
            if (owner != null && (owner.Id == callingUserId || (owner.LogicalName == Team.EntityName && IsTeamMember(owner.Id, callingUserId))))
            {
                throw new InvalidPluginExecutionException(messages.OwnPlan(PlanName()));
            }

            var decisionId = merged.Id != Guid.Empty ? merged.Id : target.Id;
            if (status == Decision.StatusApproved && decisionId != Guid.Empty)
            {
                // Measures already started on this decision (below the threshold, so they could link it while it was
                // proposed) count against the amount being approved.
                var currency = Values.Reference(merged, Decision.TransactionCurrencyId, messages);
                var amount = Values.Money(merged, Decision.RequestedBudget, messages) ?? 0m;
                var amountBase = Currencies.ToBase(amount, currency);
                var covered = CoveredBudgetBase(decisionId, Guid.Empty);
                if (covered > amountBase)
                {
                    throw new InvalidPluginExecutionException(messages.ApprovalBelowStartedMeasures(
                        name, messages.Money(covered, Currencies.BaseCode), messages.MoneyWithBase(amount, Currencies.Code(currency), amountBase, Currencies.BaseCode)));
                }
            }

            target[Decision.DecidedById] = new EntityReference(SystemUser.EntityName, callingUserId);
            target[Decision.DecidedOn] = clock.UtcNow;
        }

        /// <summary>
        /// Plan update before the operation: lowering the decision threshold (or changing the plan's currency) may not leave
        /// a started measure above the new threshold without an approved Budget decision of the plan.
        /// </summary>
        public void CheckPlanThreshold(Entity target, Entity? preImage)
        {
            if (preImage == null || (!target.Attributes.Contains(Plan.DecisionThreshold) && !target.Attributes.Contains(Plan.TransactionCurrencyId)))
            {
                return;
            }

            var merged = Values.Merge(preImage, target);
            var threshold = Values.Money(merged, Plan.DecisionThreshold, messages);
            if (!threshold.HasValue)
            {
                return;
            }

            var currency = Values.Reference(merged, Plan.TransactionCurrencyId, messages);
            var thresholdBase = Currencies.ToBase(threshold.Value, currency);
            var query = new QueryExpression(Measure.EntityName) { ColumnSet = new ColumnSet(Measure.Name, Measure.DecisionId, Measure.PlanId) };
            query.Criteria.AddCondition(Measure.PlanId, ConditionOperator.Equal, merged.Id != Guid.Empty ? merged.Id : target.Id);
            query.Criteria.AddCondition(Measure.StatusCode, ConditionOperator.In, Measure.StatusInProgress, Measure.StatusDone);
            query.Criteria.AddCondition(Measure.BudgetBase, ConditionOperator.GreaterThan, thresholdBase);
            var uncovered = new List<string>();
            foreach (var measure in systemService.RetrieveMultiple(query).Entities)
            {
                var link = measure.GetAttributeValue<EntityReference>(Measure.DecisionId);
                var decision = link == null ? null : systemService.Retrieve(Decision.EntityName, link.Id, new ColumnSet(Decision.StatusCode, Decision.DecisionType, Decision.PlanId));
                var covered = decision != null
                    && decision.GetAttributeValue<OptionSetValue>(Decision.StatusCode)?.Value == Decision.StatusApproved
                    && decision.GetAttributeValue<EntityReference>(Decision.PlanId)?.Id == measure.GetAttributeValue<EntityReference>(Measure.PlanId)?.Id
                    && decision.GetAttributeValue<OptionSetValue>(Decision.DecisionType)?.Value == Decision.TypeBudget;
                if (!covered)
                {
                    uncovered.Add(measure.GetAttributeValue<string>(Measure.Name) ?? string.Empty);
                }
            }

            if (uncovered.Count > 0)
            {
                throw new InvalidPluginExecutionException(messages.ThresholdLeavesMeasuresUncovered(
                    messages.MoneyWithBase(threshold.Value, Currencies.Code(currency), thresholdBase, Currencies.BaseCode), string.Join(", ", uncovered)));
            }
        }

        /// <summary>
        /// Plan update before the operation (a new owner, also through Assign): an owner who sits on the plan's steering
        /// committee does not hand the plan over while one of its decisions is pending (Proposed or Deferred) — otherwise
        /// the owner could give the plan away, decide on it and take it back. Anyone else with the privilege (sales
        /// management) still reassigns it. Judged for the initiating user; owner and committee from the pre-image "PreImage"
        /// (ownerid, apx_steeringcommitteeid, apx_name) or, without it, the stored plan.
        /// </summary>
        public void CheckPlanHandOver(Entity target, Entity? preImage, Guid initiatingUserId)
        {
            var newOwner = Values.Reference(target, Plan.OwnerId, messages);
            if (newOwner == null)
            {
                return;
            }

            var plan = preImage ?? systemService.Retrieve(Plan.EntityName, target.Id, new ColumnSet(Plan.Name, Plan.OwnerId, Plan.SteeringCommitteeId));
            var owner = Values.Reference(plan, Plan.OwnerId, messages);
            var committee = Values.Reference(plan, Plan.SteeringCommitteeId, messages);
            if (owner == null || committee == null || owner.Id == newOwner.Id)
            {
                return;
            }

            var isOwner = owner.Id == initiatingUserId || (owner.LogicalName == Team.EntityName && IsTeamMember(owner.Id, initiatingUserId));
            if (!isOwner || !IsTeamMember(committee.Id, initiatingUserId))
            {
                return;
            }

            var pending = new QueryExpression(Decision.EntityName) { ColumnSet = new ColumnSet(Decision.Id), TopCount = 1 };
            pending.Criteria.AddCondition(Decision.PlanId, ConditionOperator.Equal, target.Id);
            pending.Criteria.AddCondition(Decision.StatusCode, ConditionOperator.In, Decision.StatusProposed, Decision.StatusDeferred);
            if (systemService.RetrieveMultiple(pending).Entities.Count > 0)
            {
                tracing.Trace("Owner {0} in steering committee {1} hands plan {2} over with a pending decision", initiatingUserId, committee.Id, target.Id);
                throw new InvalidPluginExecutionException(messages.HandOverWithPendingDecision(plan.GetAttributeValue<string>(Plan.Name) ?? string.Empty));
            }
        }

        /// <summary>Decision delete before the operation: an approved decision that covers started measures stays.</summary>
        public void CheckDecisionDelete(EntityReference decision)
        {
            var row = systemService.Retrieve(Decision.EntityName, decision.Id, new ColumnSet(Decision.Name, Decision.StatusCode));
            if (row.GetAttributeValue<OptionSetValue>(Decision.StatusCode)?.Value == Decision.StatusApproved)
            {
                RefuseWhileCovering(decision.Id, row.GetAttributeValue<string>(Decision.Name) ?? string.Empty);
            }
        }

        private void RefuseWhileCovering(Guid decisionId, string name)
        {
            var count = CoveredMeasures(decisionId, Guid.Empty).Count;
            if (count > 0)
            {
                throw new InvalidPluginExecutionException(messages.ApprovedDecisionStillCovers(name, count));
            }
        }

        /// <summary>The base-currency budgets of the started measures linked to the decision, except one measure.</summary>
        private decimal CoveredBudgetBase(Guid decisionId, Guid exceptMeasure)
        {
            var sum = 0m;
            foreach (var measure in CoveredMeasures(decisionId, exceptMeasure))
            {
                sum += measure.GetAttributeValue<Money>(Measure.BudgetBase)?.Value ?? 0m;
            }

            return sum;
        }

        private List<Entity> CoveredMeasures(Guid decisionId, Guid exceptMeasure)
        {
            var query = new QueryExpression(Measure.EntityName) { ColumnSet = new ColumnSet(Measure.BudgetBase) };
            query.Criteria.AddCondition(Measure.DecisionId, ConditionOperator.Equal, decisionId);
            query.Criteria.AddCondition(Measure.StatusCode, ConditionOperator.In, Measure.StatusInProgress, Measure.StatusDone);
            if (exceptMeasure != Guid.Empty)
            {
                query.Criteria.AddCondition(Measure.Id, ConditionOperator.NotEqual, exceptMeasure);
            }

            return systemService.RetrieveMultiple(query).Entities.ToList();
        }

        private bool IsTeamMember(Guid teamId, Guid userId)
        {
            var membership = new QueryExpression(TeamMembership.EntityName) { ColumnSet = new ColumnSet(TeamMembership.SystemUserId), TopCount = 1 };
            membership.Criteria.AddCondition(TeamMembership.TeamId, ConditionOperator.Equal, teamId);
            membership.Criteria.AddCondition(TeamMembership.SystemUserId, ConditionOperator.Equal, userId);
            return systemService.RetrieveMultiple(membership).Entities.Any();
        }
    }
}
