namespace AccountPlanXrm.Tools.Demo.Steps;

/// <summary>Step 10: every plan is recalculated (apx_RecalculatePlan) and the portfolio shown.</summary>
public sealed class PortfolioStep() : PlanStep("Portfolio: recalculate every plan (apx_RecalculatePlan)")
{
    protected override void Run(StoryContext story, DemoPlan focus)
    {
        foreach (var plan in story.Plans)
        {
            story.Admin.Execute(new OrganizationRequest("apx_RecalculatePlan") { ["Target"] = new EntityReference("apx_accountplan", plan.Id) });
        }

        story.DrainAsync();
        story.Report.Table(StoryTables.Portfolio(story), maxWidth: 48);
    }
}
