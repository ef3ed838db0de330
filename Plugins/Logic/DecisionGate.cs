using System;
using System.Linq;
using AccountPlanXrm.Plugins.Infrastructure;
using AccountPlanXrm.Plugins.Model;
using AccountPlanXrm.Plugins.Resources;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>
    /// The steering committee's gate: a measure whose budget is above the plan's decision threshold, or that is
    /// business-critical, is In progress only with an Approved decision of the same plan; only members of the
    /// plan's steering committee team approve or reject decisions. The measure gate reads the plan's threshold and
    /// the linked decision with the calling user's service (what it reads is shown in its messages; a row the caller
    /// cannot read fails the request with the platform's access fault, so the gate fails closed). The approval gate
    /// reads the plan's steering committee and its membership as SYSTEM (the caller need not read teams); the plan
    /// name in its refusals is read as the caller.
    /// </summary>
    public sealed class DecisionGate
    {
        /// <summary>Measure columns whose change re-checks the gate (filtering attributes).</summary>
        public static readonly string[] MeasureTriggerColumns =
            { Measure.StateCode, Measure.StatusCode, Measure.Budget, Measure.BusinessCritical, Measure.DecisionId, Measure.PlanId };

        /// <summary>Measure columns of the update pre-image.</summary>
        public static readonly string[] MeasureImageColumns =
            { Measure.Name, Measure.PlanId, Measure.StatusCode, Measure.Budget, Measure.BusinessCritical, Measure.DecisionId };

        /// <summary>Decision columns whose change is checked (filtering attributes).</summary>
        public static readonly string[] DecisionTriggerColumns = { Decision.StateCode, Decision.StatusCode };

        /// <summary>Decision columns of the update pre-image.</summary>
        public static readonly string[] DecisionImageColumns = { Decision.PlanId, Decision.StatusCode };

        private readonly IOrganizationService service;
        private readonly IOrganizationService callerService;
        private readonly ITracingService tracing;
        private readonly IClock clock;
        private readonly Messages messages;

        /// <summary>Both services the same (unit tests, or a caller who is SYSTEM).</summary>
        public DecisionGate(IOrganizationService service, ITracingService tracing, IClock clock, Messages messages)
            : this(service, service, tracing, clock, messages)
        {
        }

        /// <param name="systemService">Reads the steering committee and its membership.</param>
        /// <param name="callerService">The calling user's service: the plan threshold, the linked decision, names.</param>
        public DecisionGate(IOrganizationService systemService, IOrganizationService callerService, ITracingService tracing, IClock clock, Messages messages)
        {
            service = systemService;
            this.callerService = callerService;
            this.tracing = tracing;
            this.clock = clock;
            this.messages = messages;
        }

        /// <summary>Measure create/update before the operation.</summary>
        public void CheckMeasure(Entity target, Entity? preImage)
        {
            var merged = Values.Merge(preImage, target);
            var status = Values.Option(merged, Measure.StatusCode, messages);
            var budget = Values.Money(merged, Measure.Budget, messages);
            var critical = Values.Bool(merged, Measure.BusinessCritical, messages) == true;
            var decision = Values.Reference(merged, Measure.DecisionId, messages);
            var plan = Values.Reference(merged, Measure.PlanId, messages);
            Values.Money(target, Measure.ActualCost, messages);
            if (budget < 0m || Values.Money(target, Measure.ActualCost, messages) < 0m)
            {
                throw new InvalidPluginExecutionException(messages.NegativeAmount(budget < 0m ? Measure.Budget : Measure.ActualCost));
            }

            if (status != Measure.StatusInProgress || plan == null)
            {
                return;
            }

            var planRow = callerService.Retrieve(Plan.EntityName, plan.Id, new ColumnSet(Plan.DecisionThreshold));
            var threshold = planRow.GetAttributeValue<Money>(Plan.DecisionThreshold)?.Value;
            var overThreshold = threshold.HasValue && budget.HasValue && budget.Value > threshold.Value;
            if (!overThreshold && !critical)
            {
                return;
            }

            var name = Values.Get<string>(merged, Measure.Name, messages) ?? string.Empty;
            string Refusal() => overThreshold
                ? messages.DecisionRequiredOverThreshold(name, budget!.Value, threshold!.Value)
                : messages.DecisionRequiredBusinessCritical(name);

            if (decision == null)
            {
                throw new InvalidPluginExecutionException(Refusal());
            }

            var decisionRow = callerService.Retrieve(Decision.EntityName, decision.Id, new ColumnSet(Decision.StatusCode, Decision.PlanId));
            if (decisionRow.GetAttributeValue<EntityReference>(Decision.PlanId)?.Id != plan.Id)
            {
                throw new InvalidPluginExecutionException(messages.DecisionOfOtherPlan(name));
            }

            if (decisionRow.GetAttributeValue<OptionSetValue>(Decision.StatusCode)?.Value != Decision.StatusApproved)
            {
                tracing.Trace("Decision {0} is not approved", decision.Id);
                throw new InvalidPluginExecutionException(Refusal());
            }
        }

        /// <summary>Decision create/update before the operation: approve/reject only by the steering committee.</summary>
        public void CheckDecision(Entity target, Entity? preImage, Guid callingUserId)
        {
            var merged = Values.Merge(preImage, target);
            var status = Values.Option(merged, Decision.StatusCode, messages);
            var oldStatus = preImage == null ? null : Values.Option(preImage, Decision.StatusCode, messages);
            Values.Money(target, "apx_requestedbudget", messages);
            if (Values.Money(target, "apx_requestedbudget", messages) < 0m)
            {
                throw new InvalidPluginExecutionException(messages.NegativeAmount("apx_requestedbudget"));
            }

            if ((status != Decision.StatusApproved && status != Decision.StatusRejected) || status == oldStatus)
            {
                return;
            }

            var plan = Values.Reference(merged, Decision.PlanId, messages);
            if (plan == null)
            {
                return;
            }

            var planRow = service.Retrieve(Plan.EntityName, plan.Id, new ColumnSet(Plan.Name, Plan.SteeringCommitteeId));
            string PlanName() => ReferenceEquals(callerService, service)
                ? planRow.GetAttributeValue<string>(Plan.Name) ?? string.Empty
                : callerService.Retrieve(Plan.EntityName, plan.Id, new ColumnSet(Plan.Name)).GetAttributeValue<string>(Plan.Name) ?? string.Empty;
            var committee = planRow.GetAttributeValue<EntityReference>(Plan.SteeringCommitteeId);
            if (committee == null)
            {
                throw new InvalidPluginExecutionException(messages.NoSteeringCommittee(PlanName()));
            }

            var membership = new QueryExpression(TeamMembership.EntityName) { ColumnSet = new ColumnSet(TeamMembership.SystemUserId), TopCount = 1 };
            membership.Criteria.AddCondition(TeamMembership.TeamId, ConditionOperator.Equal, committee.Id);
            membership.Criteria.AddCondition(TeamMembership.SystemUserId, ConditionOperator.Equal, callingUserId);
            if (!service.RetrieveMultiple(membership).Entities.Any())
            {
                tracing.Trace("User {0} is not in steering committee {1}", callingUserId, committee.Id);
                throw new InvalidPluginExecutionException(messages.NotSteeringCommitteeMember(PlanName()));
            }

            if (!target.Attributes.Contains(Decision.DecidedById))
            {
                target[Decision.DecidedById] = new EntityReference("systemuser", callingUserId);
            }

            if (!target.Attributes.Contains(Decision.DecidedOn))
            {
                target[Decision.DecidedOn] = clock.UtcNow;
            }
        }
    }
}
