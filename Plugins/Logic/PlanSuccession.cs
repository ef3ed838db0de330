namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>
    /// A rolled-forward plan takes over: when it becomes Active, the plan it was rolled forward from
    /// (apx_previousplanid) is closed, unless it is closed or cancelled already. Only a predecessor is closed: a plan of
    /// the same account whose period starts before this plan's (a lookup to another account's plan, to a later plan or
    /// to the plan itself closes nothing). Runs as SYSTEM: the seller who activates the new period need not be able to
    /// write the old plan for the old one to end.
    /// </summary>
    public sealed class PlanSuccession(IOrganizationService service, ITracingService tracing)
    {
        /// <summary>Plan columns of the post-image.</summary>
        public static readonly string[] ImageColumns = { Plan.PreviousPlanId, Plan.StatusCode, Plan.AccountId, Plan.PeriodStart };

        /// <returns>True when the previous plan was closed.</returns>
        public bool OnStatusChanged(Entity post, int? oldStatus)
        {
            var status = post.GetAttributeValue<OptionSetValue>(Plan.StatusCode)?.Value;
            var previous = post.GetAttributeValue<EntityReference>(Plan.PreviousPlanId);
            if (status != Plan.StatusActive || oldStatus == Plan.StatusActive || previous == null || previous.Id == Guid.Empty)
            {
                return false;
            }

            var old = service.Retrieve(Plan.EntityName, previous.Id, new ColumnSet(Plan.StateCode, Plan.StatusCode, Plan.AccountId, Plan.PeriodStart));
            if (!IsPredecessor(old, post))
            {
                tracing.Trace("Previous plan {0} is not a predecessor of {1} (another account, not an earlier period, or itself): not closed", previous.Id, post.Id);
                return false;
            }

            if (old.GetAttributeValue<OptionSetValue>(Plan.StateCode)?.Value != Plan.StateActive)
            {
                tracing.Trace("Previous plan {0} is closed or cancelled already", previous.Id);
                return false;
            }

            service.Update(new Entity(Plan.EntityName, previous.Id)
            {
                [Plan.StateCode] = new OptionSetValue(Plan.StateInactive),
                [Plan.StatusCode] = new OptionSetValue(Plan.StatusClosed),
            });
            tracing.Trace("Previous plan {0} closed: its successor is active", previous.Id);
            return true;
        }

        /// <summary>The previous plan is another plan of the same account whose period starts earlier.</summary>
        private static bool IsPredecessor(Entity old, Entity post)
        {
            var account = post.GetAttributeValue<EntityReference>(Plan.AccountId);
            var start = post.GetAttributeValue<DateTime?>(Plan.PeriodStart);
            var oldStart = old.GetAttributeValue<DateTime?>(Plan.PeriodStart);
            return old.Id != post.Id
                && account != null && old.GetAttributeValue<EntityReference>(Plan.AccountId)?.Id == account.Id
                && start.HasValue && oldStart.HasValue && oldStart.Value.Date < start.Value.Date;
        }
    }
}
