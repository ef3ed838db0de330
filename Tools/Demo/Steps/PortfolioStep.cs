using AccountPlanXrm.Tools.Demo.Story;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Tools.Demo.Steps;

/// <summary>Step 10: every plan is recalculated (apx_RecalculatePlan) and the portfolio shown.</summary>
public sealed class PortfolioStep : IDemoStep
{
    public string Title => "Portfolio: recalculate every plan (apx_RecalculatePlan)";

    public void Run(StoryContext story)
    {
        story.RequirePlans();
        foreach (var plan in story.Plans)
        {
            story.Admin.Execute(new OrganizationRequest("apx_RecalculatePlan") { ["Target"] = new EntityReference("apx_accountplan", plan.Id) });
        }

        story.DrainAsync();
        story.Report.Table(StoryTables.Portfolio(story), maxWidth: 48);
    }
}
