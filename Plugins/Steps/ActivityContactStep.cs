namespace AccountPlanXrm.Plugins.Steps
{
    /// <summary>
    /// phonecall / appointment / email Create and Update (state), PostOperation, sync: an activity regarding a plan
    /// that becomes completed logs a contact with the plan's stakeholders whose contact took part. Update pre-image
    /// "PreImage" (statecode), post-image "PostImage" (regarding, state, actual end; read when the image is not
    /// registered). Without a pre-image a repeated Update of a completed activity logs the same day again, which
    /// changes nothing (the last contact only moves forward). SetState and the close dialogs
    /// reach the step as an Update of statecode. Runs as SYSTEM: the stakeholder's dates are bookkeeping that the
    /// person completing the activity need not be able to write.
    /// </summary>
    public sealed class ActivityContactStep : PluginBase
    {
        public ActivityContactStep(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var post = context.PostImageOrStored(StepImages.Post, ContactActivity.ImageColumns);
            var pre = context.Context.MessageName == "Update" ? context.PreImage(StepImages.Pre) : null;
            if (!ActivityContacts.JustCompleted(post, pre))
            {
                return;
            }

            var cadence = new ContactCadence(context.Clock, context.Messages);
            new ActivityContacts(context.SystemService, context.Tracing, cadence, context.Clock)
                .OnCompleted(context.Context.PrimaryEntityName, context.Context.PrimaryEntityId, post);
        }
    }
}
