using System;
using AccountPlanXrm.Plugins.Infrastructure;
using AccountPlanXrm.Plugins.Logic;
using AccountPlanXrm.Plugins.Model;
using Microsoft.Xrm.Sdk;

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
            var target = context.TargetReference;
            if (target == null || target.LogicalName != Plan.EntityName || target.Id == Guid.Empty)
            {
                throw new InvalidPluginExecutionException(context.Messages.TargetRequired(Plan.EntityName));
            }

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
    /// Custom API apx_RankAccounts (unbound): accounts ranked by won revenue over the last Months (default 12), Top
    /// (default 20), with whether each has a current plan. Everything is read with the calling user's service.
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
            var months = Read(context, "Months", DefaultMonths, MaxMonths);
            var top = Read(context, "Top", DefaultTop, MaxTop);
            context.Context.OutputParameters["Ranking"] =
                new AccountRanking(context.UserService, context.Tracing, context.Clock).Rank(months, top);
        }

        private static int Read(LocalPluginContext context, string name, int fallback, int max)
        {
            var input = context.Context.InputParameters;
            if (!input.Contains(name) || input[name] == null)
            {
                return fallback;
            }

            if (!(input[name] is int value) || value < 1 || value > max)
            {
                throw new InvalidPluginExecutionException(context.Messages.ParameterOutOfRange(name, 1, max));
            }

            return value;
        }
    }
}
