namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>
    /// A rolled-forward plan takes over: when it becomes Active, the plan it was rolled forward from
    /// (apx_previousplanid) is closed, unless it is closed or cancelled already. Runs as SYSTEM: the seller who
    /// activates the new period need not be able to write the old plan for the old one to end.
    /// </summary>
    public sealed class PlanSuccession(IOrganizationService service, ITracingService tracing)
    {
        /// <summary>Plan columns of the post-image.</summary>
        public static readonly string[] ImageColumns = { Plan.PreviousPlanId, Plan.StatusCode };

        /// <returns>True when the previous plan was closed.</returns>
        public bool OnStatusChanged(Entity post, int? oldStatus)
        {
            var status = post.GetAttributeValue<OptionSetValue>(Plan.StatusCode)?.Value;
            var previous = post.GetAttributeValue<EntityReference>(Plan.PreviousPlanId);
            if (status != Plan.StatusActive || oldStatus == Plan.StatusActive || previous == null || previous.Id == Guid.Empty)
            {
                return false;
            }

            var old = service.Retrieve(Plan.EntityName, previous.Id, new ColumnSet(Plan.StateCode, Plan.StatusCode));
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
    }
}
