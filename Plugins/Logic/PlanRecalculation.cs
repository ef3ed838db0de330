namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>The outcome of an explicit recalculation.</summary>
    public sealed class PlanRecalculationResult(CompletenessResult completeness, PlanKpis kpis)
    {
        public CompletenessResult Completeness { get; } = completeness;

        public PlanKpis Kpis { get; } = kpis;
    }

    /// <summary>
    /// apx_RecalculatePlan: completeness and every KPI from source now; the time of calculation is always written.
    /// The plan is first read with the calling user's service, so a caller who cannot read the plan gets the
    /// platform's access fault and nothing of it. The values themselves are computed and written as SYSTEM: they
    /// are the plan's stored columns, which must not depend on who asked, and the caller may read them anyway.
    /// </summary>
    /// <param name="systemService">Computes and writes the plan's completeness and KPIs.</param>
    /// <param name="callerService">The calling user's service: the caller must be able to read the plan.</param>
    /// <param name="tracing">The tracing service.</param>
    /// <param name="clock">The time of calculation.</param>
    public sealed class PlanRecalculation(IOrganizationService systemService, IOrganizationService callerService, ITracingService tracing, IClock clock)
    {
        public PlanRecalculationResult Recalculate(Guid planId)
        {
            callerService.Retrieve(Plan.EntityName, planId, new ColumnSet(Plan.Name));

            var completeness = new CompletenessCalculator(systemService, tracing).Recalculate(planId, out _);
            var kpis = new KpiRollup(systemService, tracing, clock).Recalculate(planId, KpiParts.All, alwaysStamp: true);
            return new PlanRecalculationResult(completeness, kpis);
        }
    }
}
