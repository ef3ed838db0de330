namespace AccountPlanXrm.Plugins.Steps
{
    /// <summary>
    /// apx_planmeasure / apx_planstakeholder Create / Update / Delete, PostOperation, sync: recomputes the completeness
    /// of the plan (both plans when a row moves) and writes what changed. A plan In review or Active that loses a counted
    /// row (delete, cancel/deactivate, move away) must stay complete: otherwise the request is refused and rolled back.
    /// Images (statecode, statuscode, apx_accountplanid) tell whether the row counted before and after.
    /// </summary>
    public sealed class ChildCompletenessStep : PluginBase
    {
        public ChildCompletenessStep(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var calculator = new CompletenessCalculator(context.SystemService, context.Tracing);
            var isMeasure = context.Context.PrimaryEntityName == Measure.EntityName;
            var section = isMeasure ? Resources.PlanSection.Measures : Resources.PlanSection.Stakeholders;
            var pre = context.PreImage(StepImages.Pre);
            var post = context.Context.MessageName == "Delete" ? null : context.PostImage(StepImages.Post);
            var lost = LostPlan(pre, post, isMeasure);
            foreach (var plan in ChildPlans.Of(context))
            {
                calculator.Recalculate(plan, out _, plan == lost ? section : (Resources.PlanSection?)null, context.Messages);
            }
        }

        /// <summary>The plan that loses a counted row with this change (Guid.Empty when none).</summary>
        private static Guid LostPlan(Entity? pre, Entity? post, bool isMeasure)
        {
            var before = pre?.GetAttributeValue<EntityReference>(Measure.PlanId);
            if (pre == null || before == null || !CountedRows.Counts(pre, isMeasure))
            {
                return Guid.Empty;
            }

            var after = post?.GetAttributeValue<EntityReference>(Measure.PlanId);
            var stillCounted = post != null && after?.Id == before.Id && CountedRows.Counts(post, isMeasure);
            return stillCounted ? Guid.Empty : before.Id;
        }
    }

    internal static class CountedRows
    {
        /// <summary>Whether a measure (not cancelled) or stakeholder (active) row counts toward the plan's minimum.</summary>
        public static bool Counts(Entity row, bool isMeasure) =>
            isMeasure
                ? row.GetAttributeValue<OptionSetValue>(Measure.StatusCode)?.Value != Measure.StatusCancelled
                : (row.GetAttributeValue<OptionSetValue>(Stakeholder.StateCode)?.Value ?? 0) == 0;
    }

    /// <summary>
    /// apx_planmeasure Create / Update / Delete, PostOperation, sync: recomputes the measure KPIs of the plan (both
    /// plans when a measure moves) and writes what changed.
    /// </summary>
    public sealed class MeasureKpiStep : PluginBase
    {
        public MeasureKpiStep(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var rollup = new KpiRollup(context.SystemService, context.Tracing, context.Clock);
            foreach (var plan in ChildPlans.Of(context))
            {
                rollup.Recalculate(plan, KpiParts.Measures);
            }
        }
    }

    /// <summary>
    /// apx_planmeasure Create / Update, PreValidation, sync: a measure over the decision threshold or business-critical
    /// moves to In progress only with an Approved decision. Update pre-image "PreImage".
    /// </summary>
    public sealed class MeasureDecisionGateStep : PluginBase
    {
        public MeasureDecisionGateStep(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var target = context.RequiredTarget;
            new DecisionGate(context.SystemService, context.UserService, context.Tracing, context.Clock, context.Messages)
                .CheckMeasure(target, context.PreImage(StepImages.Pre));
        }
    }

    /// <summary>
    /// apx_plandecision Create / Update / Delete, PreValidation, sync: only members of the plan's steering committee
    /// approve or reject, never the proposer or the plan's owner; stamps who decided and when; an approved decision is
    /// frozen and stays while it covers started measures. Update pre-image "PreImage".
    /// </summary>
    public sealed class DecisionApprovalStep : PluginBase
    {
        public DecisionApprovalStep(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var gate = new DecisionGate(context.SystemService, context.UserService, context.Tracing, context.Clock, context.Messages);
            if (context.Context.MessageName == "Delete")
            {
                gate.CheckDecisionDelete(context.RequiredTargetReference);
                return;
            }

            gate.CheckDecision(context.RequiredTarget, context.PreImage(StepImages.Pre), context.Context.InitiatingUserId);
        }
    }

    /// <summary>
    /// task Update (state, status), PostOperation, sync: completing a review task freezes the plan's KPIs into an
    /// apx_planreview (once per task) and schedules the next review. Pre-image "PreImage", post-image "PostImage".
    /// </summary>
    public sealed class ReviewTaskCompletionStep : PluginBase
    {
        public ReviewTaskCompletionStep(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var post = context.PostImage(StepImages.Post);
            var pre = context.PreImage(StepImages.Pre);
            if (post == null)
            {
                return;
            }

            var state = post.GetAttributeValue<OptionSetValue>(ReviewTask.StateCode)?.Value;
            var before = pre?.GetAttributeValue<OptionSetValue>(ReviewTask.StateCode)?.Value;
            if (state != ReviewTask.StateCompleted || before == ReviewTask.StateCompleted)
            {
                return;
            }

            if (post.Id == Guid.Empty)
            {
                post.Id = context.Context.PrimaryEntityId;
            }

            new ReviewScheduler(context.SystemService, context.Tracing, context.Clock, context.Messages).OnTaskCompleted(post);
        }
    }

    /// <summary>
    /// apx_planstakeholder Create / Update (frequency, last contact), PreOperation, sync: the next contact date from the
    /// last contact and the agreed frequency, written into the target. Update pre-image "PreImage".
    /// </summary>
    public sealed class StakeholderCadenceStep : PluginBase
    {
        public StakeholderCadenceStep(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var pre = context.Context.MessageName == "Update" ? context.PreImageOrStored(StepImages.Pre, ContactCadence.ImageColumns) : null;

            new ContactCadence(context.Clock, context.Messages).ApplyToTarget(context.RequiredTarget, pre);
        }
    }

    /// <summary>The plan (or plans, when the row moved) a measure/stakeholder step concerns.</summary>
    internal static class ChildPlans
    {
        public static IEnumerable<Guid> Of(LocalPluginContext context)
        {
            var plans = new List<Guid>();
            void Add(Entity? row)
            {
                var plan = row?.GetAttributeValue<EntityReference>(Measure.PlanId);
                if (plan != null && plan.Id != Guid.Empty && !plans.Contains(plan.Id))
                {
                    plans.Add(plan.Id);
                }
            }

            Add(context.PostImage(StepImages.Post));
            if (context.Context.MessageName == "Create")
            {
                Add(context.TargetEntity);
            }

            Add(context.PreImage(StepImages.Pre));
            return plans;
        }
    }
}
