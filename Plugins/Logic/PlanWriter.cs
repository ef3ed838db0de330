using Microsoft.Xrm.Sdk.Messages;

namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>
    /// Writes a plan's KPI columns with Dataverse optimistic concurrency: an UpdateRequest with
    /// <see cref="ConcurrencyBehavior.IfRowVersionMatches"/> and the RowVersion the plan was read with, so two
    /// transactions changing the same plan cannot overwrite each other. On the platform's version-mismatch fault the
    /// caller re-reads the plan and computes again; after <see cref="MaxAttempts"/> the fault goes to the caller (the
    /// request rolls back and can be repeated). A plan read without a RowVersion is written plainly.
    /// </summary>
    public static class PlanWriter
    {
        /// <summary>Attempts before a version mismatch is given up.</summary>
        public const int MaxAttempts = 5;

        /// <summary>True when written; false when the plan changed since it was read (re-read and retry).</summary>
        public static bool TryUpdate(IOrganizationService service, Entity update, string? rowVersion, int attempt)
        {
            if (string.IsNullOrEmpty(rowVersion))
            {
                service.Update(update);
                return true;
            }

            update.RowVersion = rowVersion;
            try
            {
                service.Execute(new UpdateRequest { Target = update, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches });
                return true;
            }
            catch (FaultException<OrganizationServiceFault> fault) when (Faults.Is(fault, Faults.ConcurrencyVersionMismatch) && attempt < MaxAttempts)
            {
                return false;
            }
        }
    }
}
