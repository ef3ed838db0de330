namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>The revenue and measure KPIs of one plan.</summary>
    public sealed class PlanKpis
    {
        public decimal WonRevenue { get; set; }
        public decimal OpenPipeline { get; set; }
        public decimal WeightedPipeline { get; set; }
        public decimal? AttainmentPercent { get; set; }
        public int MeasureCount { get; set; }
        public decimal MeasureBudget { get; set; }
        public decimal MeasureCost { get; set; }
        public decimal? MeasureDonePercent { get; set; }
        public DateTime? CalculatedOn { get; set; }
    }

    /// <summary>Sums of opportunities in one slice of a plan period.</summary>
    public sealed class RevenueSums
    {
        public decimal Won { get; set; }
        public decimal Open { get; set; }
        public decimal Weighted { get; set; }

        public void Add(RevenueSums other)
        {
            Won += other.Won;
            Open += other.Open;
            Weighted += other.Weighted;
        }
    }

    /// <summary>Which parts of the KPIs to recompute.</summary>
    [Flags]
    public enum KpiParts
    {
        Revenue = 1,
        Measures = 2,
        All = Revenue | Measures,
    }
}
