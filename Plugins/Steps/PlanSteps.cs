namespace AccountPlanXrm.Plugins.Steps
{
    /// <summary>
    /// apx_accountplan Create / Update / Delete, PreValidation, sync: validation, template defaulting, no computed column
    /// set by a client request, and no delete of a plan that still has rows. Update pre-image "PreImage".
    /// </summary>
    public sealed class PlanValidationStep : PluginBase
    {
        public PlanValidationStep(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var validator = new PlanValidator(context.SystemService, context.UserService, context.Tracing, context.Messages);
            var message = context.Context.MessageName;
            if (message != "Delete")
            {
                validator.CheckComputedColumns(context.RequiredTarget, message == "Create", context.Context.Depth, context.Context.InitiatingUserId);
            }

            switch (message)
            {
                case "Create":
                    validator.ValidateCreate(context.RequiredTarget, context.Context.UserId, context.Context.InitiatingUserId);
                    break;
                case "Update":
                    validator.ValidateUpdate(context.RequiredTarget, context.PreImage(StepImages.Pre), context.Context.InitiatingUserId);
                    var gate = new DecisionGate(context.SystemService, context.UserService, context.Tracing, context.Clock, context.Messages);
                    gate.CheckPlanThreshold(context.RequiredTarget, context.PreImage(StepImages.Pre));
                    gate.CheckPlanHandOver(context.RequiredTarget, context.PreImage(StepImages.Pre), context.Context.InitiatingUserId);
                    break;
                case "Delete":
                    validator.ValidateDelete(context.RequiredTargetReference);
                    break;
            }
        }
    }

    /// <summary>
    /// apx_accountplan Create / Update, PreOperation, sync: completeness per section and overall, missing items, and
    /// the gate on moving to In review / Active. Writes the changed columns into the target (no extra update).
    /// </summary>
    public sealed class PlanCompletenessStep : PluginBase
    {
        public PlanCompletenessStep(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var target = context.RequiredTarget;
            var pre = context.Context.MessageName == "Update" ? context.PreImageOrStored(StepImages.Pre, CompletenessCalculator.PlanImageColumns) : null;

            new CompletenessCalculator(context.SystemService, context.Tracing).ApplyToTarget(target, pre, context.Messages);
        }
    }

    /// <summary>
    /// apx_accountplan Create / Update (account, period, revenue target, currency, state), PostOperation, sync: recomputes the
    /// plan's KPIs from source and writes what changed. A state change alone recounts only when the plan becomes
    /// active again (its KPIs were not kept while it was inactive); without the pre-image "PreImage" (statecode) every
    /// change to the active state recounts.
    /// </summary>
    public sealed class PlanKpiStep : PluginBase
    {
        private static readonly string[] RecountColumns = { Plan.AccountId, Plan.PeriodStart, Plan.PeriodEnd, Plan.RevenueTarget, Plan.TransactionCurrencyId };

        public PlanKpiStep(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var id = context.Context.PrimaryEntityId;
            var create = context.Context.MessageName == "Create";
            if (!create && !Array.Exists(RecountColumns, context.RequiredTarget.Attributes.ContainsKey))
            {
                var state = context.RequiredTarget.GetAttributeValue<OptionSetValue>(Plan.StateCode)?.Value;
                var before = context.PreImage(StepImages.Pre)?.GetAttributeValue<OptionSetValue>(Plan.StateCode)?.Value;
                if (state != Plan.StateActive || before == Plan.StateActive)
                {
                    return;
                }
            }

            new KpiRollup(context.SystemService, context.Tracing, context.Clock).Recalculate(id, create ? KpiParts.All : KpiParts.Revenue);
        }
    }

    /// <summary>
    /// apx_accountplan Create / Update (state, status), PostOperation, sync: activation schedules the first review task;
    /// closing or cancelling cancels open review tasks. Pre-image "PreImage", post-image "PostImage".
    /// </summary>
    public sealed class PlanReviewCycleStep : PluginBase
    {
        public PlanReviewCycleStep(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var post = context.PostImageOrStored(StepImages.Post, ReviewScheduler.PlanColumns);
            var pre = context.PreImage(StepImages.Pre);
            var oldState = pre?.GetAttributeValue<OptionSetValue>(Plan.StateCode)?.Value;
            var oldStatus = pre?.GetAttributeValue<OptionSetValue>(Plan.StatusCode)?.Value;
            new ReviewScheduler(context.SystemService, context.Tracing, context.Clock, context.Messages)
                .OnPlanStatusChanged(post, oldState, oldStatus);
        }
    }

    /// <summary>
    /// apx_accountplan Update (state, status), PostOperation, sync: a rolled-forward plan becoming Active closes the
    /// plan it came from. Pre-image "PreImage" (statuscode), post-image "PostImage" (apx_previousplanid, statuscode).
    /// </summary>
    public sealed class PlanSuccessionStep : PluginBase
    {
        public PlanSuccessionStep(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var post = context.PostImageOrStored(StepImages.Post, PlanSuccession.ImageColumns);
            var oldStatus = context.PreImage(StepImages.Pre)?.GetAttributeValue<OptionSetValue>(Plan.StatusCode)?.Value;
            new PlanSuccession(context.SystemService, context.Tracing).OnStatusChanged(post, oldStatus);
        }
    }

    /// <summary>The image aliases every registration uses.</summary>
    public static class StepImages
    {
        public const string Pre = "PreImage";
        public const string Post = "PostImage";
    }
}
