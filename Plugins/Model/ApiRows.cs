namespace AccountPlanXrm.Plugins.Model
{
    /// <summary>The columns of the rows apx_RankAccounts returns (account rows with the ranking's own columns, docs/schema.md).</summary>
    public static class RankingRow
    {
        public const string Rank = "apx_rank";
        public const string Criterion = "apx_criterion";
        public const string Value = "apx_value";
        public const string HasCurrentPlan = "apx_hascurrentplan";
        public const string CurrentPlanId = "apx_currentplanid";
        public const string SelectionReason = Plan.SelectionReason;
        public const string SelectionRationale = Plan.SelectionRationale;
        public const string WonRevenue = Plan.WonRevenue;
    }

    /// <summary>The columns of the PlansByStatus and PlansByOwner rows apx_PortfolioStatus returns (docs/schema.md).</summary>
    public static class PortfolioRow
    {
        public const string StatusCode = Plan.StatusCode;
        public const string OwnerId = Plan.OwnerId;
        public const string OwnerName = "ownername";
        public const string Count = "count";
        public const string Active = "active";
        public const string AverageCompleteness = "averagecompleteness";
    }
}
