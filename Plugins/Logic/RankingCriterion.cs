namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>What customer selection ranks accounts by (the Criterion parameter of apx_RankAccounts).</summary>
    public enum RankingCriterion
    {
        /// <summary>Won opportunities' actual revenue (base currency), closed within the last months.</summary>
        WonRevenue,

        /// <summary>Won opportunities' margin (apx_margin_base), closed within the last months.</summary>
        WonMargin,

        /// <summary>Open opportunities' estimated revenue, expected to close before the end of the next months (overdue ones included).</summary>
        OpenPipeline,

        /// <summary>As <see cref="OpenPipeline"/>, each weighted by its close probability.</summary>
        WeightedPipeline,
    }
}
