using System;
using AccountPlanXrm.Plugins.Infrastructure;
using AccountPlanXrm.Plugins.Logic;
using AccountPlanXrm.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Plugins.Steps
{
    /// <summary>
    /// opportunity Create / Update (revenue columns) / Delete, PostOperation, sync (and Win / Lose where registered):
    /// recomputes the revenue KPIs of every plan the opportunity belongs to, before and after the change.
    /// Images "PreImage" (Update, Delete) and "PostImage" (Create, Update) with the locator columns.
    /// </summary>
    public sealed class OpportunityRollupStep : PluginBase
    {
        public OpportunityRollupStep(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var service = context.SystemService;
            Entity? before = context.PreImage(StepImages.Pre);
            Entity? after = context.PostImage(StepImages.Post);
            var message = context.Context.MessageName;
            if (message == "Win" || message == "Lose")
            {
                var close = context.Context.InputParameters.Contains("OpportunityClose")
                    ? context.Context.InputParameters["OpportunityClose"] as Entity
                    : null;
                var opportunity = close?.GetAttributeValue<EntityReference>(Opportunity.Id);
                if (opportunity == null)
                {
                    return;
                }

                after = service.Retrieve(Opportunity.EntityName, opportunity.Id, new ColumnSet(Opportunity.LocatorColumns));
            }
            else if (message == "Create" && after == null)
            {
                after = context.TargetEntity;
            }

            var rollup = new KpiRollup(service, context.Tracing, context.Clock);
            new OpportunityRollup(service, context.Tracing, rollup).OnOpportunityChanged(before, after);
        }
    }
}
