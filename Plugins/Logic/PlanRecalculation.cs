using System;
using AccountPlanXrm.Plugins.Infrastructure;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>The outcome of an explicit recalculation.</summary>
    public sealed class PlanRecalculationResult
    {
        public PlanRecalculationResult(CompletenessResult completeness, PlanKpis kpis)
        {
            Completeness = completeness;
            Kpis = kpis;
        }

        public CompletenessResult Completeness { get; }

        public PlanKpis Kpis { get; }
    }

    /// <summary>apx_RecalculatePlan: completeness and every KPI from source now; the time of calculation is always written.</summary>
    public sealed class PlanRecalculation
    {
        private readonly IOrganizationService service;
        private readonly ITracingService tracing;
        private readonly IClock clock;

        public PlanRecalculation(IOrganizationService service, ITracingService tracing, IClock clock)
        {
            this.service = service;
            this.tracing = tracing;
            this.clock = clock;
        }

        public PlanRecalculationResult Recalculate(Guid planId)
        {
            var completeness = new CompletenessCalculator(service, tracing).Recalculate(planId, out _);
            var kpis = new KpiRollup(service, tracing, clock).Recalculate(planId, KpiParts.All, alwaysStamp: true);
            return new PlanRecalculationResult(completeness, kpis);
        }
    }
}
