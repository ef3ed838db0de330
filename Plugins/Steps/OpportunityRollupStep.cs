namespace AccountPlanXrm.Plugins.Steps
{
    /// <summary>
    /// opportunity Create / Update (the filtering attributes of its registration) / Delete, PostOperation,
    /// sync: moves the revenue KPIs of every plan the opportunity counts for by the difference between its contribution
    /// before and after the change. Images "PreImage" (Update, Delete) and "PostImage" (Create, Update) with
    /// <see cref="Opportunity.ContributionColumns"/>. Wins, losses and reopenings arrive here too: the platform performs
    /// WinOpportunity, LoseOpportunity and SetState as an Update of the opportunity's state, so no step is registered on
    /// those messages. Where an image is missing the difference cannot be computed: the plans the opportunity counts
    /// for now are recounted from source instead.
    /// </summary>
    public sealed class OpportunityRollupStep : PluginBase
    {
        public OpportunityRollupStep(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var service = context.SystemService;
            var message = context.Context.MessageName;
            var before = context.PreImage(StepImages.Pre);
            var after = context.PostImage(StepImages.Post);
            var logic = new OpportunityRollup(service, context.Tracing, new KpiRollup(service, context.Tracing, context.Clock));
            var imagesComplete = message switch
            {
                "Create" => after != null,
                "Update" => before != null && after != null,
                "Delete" => before != null,
                _ => false,
            };
            if (imagesComplete)
            {
                logic.OnOpportunityChanged(message == "Create" ? null : before, message == "Delete" ? null : after);
                return;
            }

            // No safe difference: recount the plans of the accounts the opportunity counts for, as far as they are known.
            context.Trace("OpportunityRollupStep: {0} without its images, recounting the plans concerned", message);
            var current = message == "Delete"
                ? before
                : service.Retrieve(Opportunity.EntityName, context.Context.PrimaryEntityId, new ColumnSet(Opportunity.ContributionColumns));
            var accounts = new[] { before, current }.Where(r => r != null).SelectMany(r => OpportunityContribution.AccountsOf(r!));
            logic.RecountPlansOf(accounts);
        }
    }
}
