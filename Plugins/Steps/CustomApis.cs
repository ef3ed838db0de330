namespace AccountPlanXrm.Plugins.Steps
{
    /// <summary>
    /// Custom API apx_RecalculatePlan (bound to apx_accountplan): recomputes completeness and KPIs now, writes what
    /// changed, and returns them.
    /// </summary>
    public sealed class RecalculatePlanApi : PluginBase
    {
        public RecalculatePlanApi(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var target = ApiParameters.BoundTarget(context, Plan.EntityName);
            var result = new PlanRecalculation(context.SystemService, context.UserService, context.Tracing, context.Clock).Recalculate(target.Id);
            var output = context.Context.OutputParameters;
            output["CompletenessPercent"] = result.Completeness.OverallPercent;
            output["MissingItems"] = result.Completeness.MissingText(Resources.Messages.English);
            output["WonRevenue"] = new Money(result.Kpis.WonRevenue);
            output["OpenPipeline"] = new Money(result.Kpis.OpenPipeline);
            output["WeightedPipeline"] = new Money(result.Kpis.WeightedPipeline);
            output["AttainmentPercent"] = result.Kpis.AttainmentPercent ?? 0m;
            output["MeasureCount"] = result.Kpis.MeasureCount;
            output["MeasureDonePercent"] = result.Kpis.MeasureDonePercent ?? 0m;
            output["CalculatedOn"] = result.Kpis.CalculatedOn ?? context.Clock.UtcNow;
        }
    }

    /// <summary>
    /// Custom API apx_RankAccounts (unbound): accounts ranked by Criterion (WonRevenue, the default, WonMargin,
    /// OpenPipeline or WeightedPipeline) over Months (default 12), Top (default 20), optionally of one IndustryCode,
    /// counting each account's hierarchy, with whether each has a current plan. Everything is read with the calling
    /// user's service.
    /// </summary>
    public sealed class RankAccountsApi : PluginBase
    {
        public const int DefaultMonths = 12;
        public const int DefaultTop = 20;
        public const int MaxMonths = 120;
        public const int MaxTop = 500;

        public RankAccountsApi(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var months = ApiParameters.Int(context, "Months", DefaultMonths, 1, MaxMonths);
            var top = ApiParameters.Int(context, "Top", DefaultTop, 1, MaxTop);
            var criterion = ApiParameters.Criterion(context);
            var industry = ApiParameters.OptionalInt(context, "IndustryCode", 1, int.MaxValue);
            context.Context.OutputParameters["Ranking"] =
                new AccountRanking(context.UserService, context.Tracing, context.Clock).Rank(criterion, months, top, industry);
        }
    }

    /// <summary>
    /// Custom API apx_RollForwardPlan (bound to apx_accountplan): the next period's plan from this one, with the
    /// optional GrowthPercent (whole percent, -100 to 1000) for the revenue target proposal (default: the attainment trend). Read and written with
    /// the calling user's service; a retry returns the plan the first call made.
    /// </summary>
    public sealed class RollForwardPlanApi : PluginBase
    {
        public RollForwardPlanApi(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var target = ApiParameters.BoundTarget(context, Plan.EntityName);
            var growth = ApiParameters.OptionalInt(context, "GrowthPercent", -100, 1000);
            var result = new PlanRollForward(context.UserService, context.Tracing, context.Clock, context.Messages).RollForward(target.Id, growth);
            var output = context.Context.OutputParameters;
            output["NewPlan"] = result.NewPlan;
            output["Created"] = result.Created;
            output["GrowthPercent"] = result.GrowthPercent;
            if (result.RevenueTarget.HasValue)
            {
                output["RevenueTarget"] = new Money(result.RevenueTarget.Value);
            }

            output["MeasuresCarried"] = result.MeasuresCarried;
            output["StakeholdersCarried"] = result.StakeholdersCarried;
        }
    }

    /// <summary>
    /// Custom API apx_LogStakeholderContact (bound to apx_planstakeholder): records a contact with the stakeholder
    /// today (the quick action); the next contact moves on by the agreed frequency. Written as the caller.
    /// </summary>
    public sealed class LogStakeholderContactApi : PluginBase
    {
        public LogStakeholderContactApi(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var target = ApiParameters.BoundTarget(context, Stakeholder.EntityName);
            var contactedOn = context.Clock.UtcNow.Date;
            var cadence = new ContactCadence(context.Clock, context.Messages);
            var update = cadence.LogContact(ContactCadence.Read(context.UserService, target.Id), contactedOn);
            if (update != null)
            {
                context.UserService.Update(update);
            }

            var row = ContactCadence.Read(context.UserService, target.Id);
            var output = context.Context.OutputParameters;
            if (row.GetAttributeValue<DateTime?>(Stakeholder.LastContactOn) is DateTime last)
            {
                output["LastContactOn"] = last;
            }

            if (row.GetAttributeValue<DateTime?>(Stakeholder.NextContactOn) is DateTime next)
            {
                output["NextContactOn"] = next;
            }
        }
    }

    /// <summary>
    /// Custom API apx_PortfolioStatus (unbound): the rollout cockpit's figures over the plans the caller can read;
    /// coverage against the top Top (default 20) accounts by Criterion over Months.
    /// </summary>
    public sealed class PortfolioStatusApi : PluginBase
    {
        public PortfolioStatusApi(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var months = ApiParameters.Int(context, "Months", RankAccountsApi.DefaultMonths, 1, RankAccountsApi.MaxMonths);
            var top = ApiParameters.Int(context, "Top", RankAccountsApi.DefaultTop, 1, RankAccountsApi.MaxTop);
            var criterion = ApiParameters.Criterion(context);
            var figures = new PortfolioStatus(context.UserService, context.Tracing, context.Clock).Calculate(criterion, months, top);
            var output = context.Context.OutputParameters;
            output["PlanCount"] = figures.PlanCount;
            output["OpenPlanCount"] = figures.OpenPlanCount;
            output["TopAccounts"] = figures.TopAccounts;
            output["CoveredAccounts"] = figures.CoveredAccounts;
            output["AverageCompleteness"] = figures.AverageCompleteness ?? 0m;
            output["ReviewsOverdue"] = figures.ReviewsOverdue;
            output["CommunicationsDue"] = figures.CommunicationsDue;
            output["CommunicationsOverdue"] = figures.CommunicationsOverdue;
            output["MeasureBudget"] = new Money(figures.MeasureBudget);
            output["PlanBudget"] = new Money(figures.PlanBudget);
            output["PlansByStatus"] = figures.PlansByStatus;
            output["PlansByOwner"] = figures.PlansByOwner;
        }
    }

    /// <summary>Reads and checks custom API parameters, with the localized errors.</summary>
    internal static class ApiParameters
    {
        public static int Int(LocalPluginContext context, string name, int fallback, int min, int max) =>
            OptionalInt(context, name, min, max) ?? fallback;

        public static int? OptionalInt(LocalPluginContext context, string name, int min, int max)
        {
            var input = context.Context.InputParameters;
            if (!input.Contains(name) || input[name] == null)
            {
                return null;
            }

            if (!(input[name] is int value) || value < min || value > max)
            {
                throw new InvalidPluginExecutionException(context.Messages.ParameterOutOfRange(name, min, max));
            }

            return value;
        }

        public static RankingCriterion Criterion(LocalPluginContext context)
        {
            var input = context.Context.InputParameters;
            var text = input.Contains("Criterion") ? input["Criterion"] as string : null;
            if (!AccountRanking.TryParse(text, out var criterion))
            {
                throw new InvalidPluginExecutionException(context.Messages.InvalidCriterion(
                    text ?? string.Empty, string.Join(", ", Enum.GetNames(typeof(RankingCriterion)))));
            }

            return criterion;
        }

        public static EntityReference BoundTarget(LocalPluginContext context, string entityName)
        {
            var target = context.TargetReference;
            if (target == null || target.LogicalName != entityName || target.Id == Guid.Empty)
            {
                throw new InvalidPluginExecutionException(context.Messages.TargetRequired(entityName));
            }

            return target;
        }
    }
}
