namespace AccountPlanXrm.Plugins.Steps
{
    /// <summary>
    /// account Update (parentaccountid) / Delete, PostOperation, sync: re-parenting moves the account's whole subtree
    /// between the plans above the old and the new parent; those plans are recounted from source. A deleted account's
    /// subtree leaves the plans above its old parent. Pre-image "PreImage" with parentaccountid; without it the old
    /// parent is unknown and only the plans above the new parent are recounted.
    /// </summary>
    public sealed class AccountHierarchyStep : PluginBase
    {
        public AccountHierarchyStep(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var pre = context.PreImage(StepImages.Pre);
            var oldParent = pre?.GetAttributeValue<EntityReference>(Account.ParentAccountId)?.Id;
            var newParent = context.Context.MessageName == "Delete"
                ? null
                : context.RequiredTarget.GetAttributeValue<EntityReference>(Account.ParentAccountId)?.Id;
            if (pre == null)
            {
                context.Trace("AccountHierarchyStep: no pre-image, the plans above the old parent are not known");
            }

            var service = context.SystemService;
            new OpportunityRollup(service, context.Tracing, new KpiRollup(service, context.Tracing, context.Clock)).OnParentChanged(oldParent, newParent);
        }
    }
}
