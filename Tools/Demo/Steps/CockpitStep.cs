using static AccountPlanXrm.Tools.Demo.Story.StoryValues;

namespace AccountPlanXrm.Tools.Demo.Steps;

/// <summary>Step 15: the complete plans are activated and a committee member reads the rollout cockpit (apx_PortfolioStatus).</summary>
public sealed class CockpitStep : IDemoStep
{
    public string Title => "Rollout cockpit (apx_PortfolioStatus)";

    public void Run(StoryContext story)
    {
        var world = story.World;
        // Account managers activate the plans that are complete by now.
        foreach (var plan in story.Plans.Where(p => p.Id != Guid.Empty))
        {
            var row = story.ReadPlan(plan.Id);
            if (row.GetAttributeValue<int?>("apx_completenesspct") == 100 && row.GetAttributeValue<OptionSetValue>("statuscode")?.Value == StatusDraft)
            {
                story.As(plan.Account.OwnerId).Update(StatusChange("apx_accountplan", plan.Id, 0, StatusActive));
                story.Report.Line($"  {world.UserName(plan.Account.OwnerId)} activates the complete plan \"{plan.Name}\".");
            }
        }

        story.DrainAsync();
        var member = world.Committee.Count > 0 ? story.As(world.Committee[0].Id) : story.Admin;
        story.CockpitStatus = member.Execute(new OrganizationRequest("apx_PortfolioStatus") { ["Top"] = 20 });
        story.Report.Line(string.Create(CultureInfo.InvariantCulture, $"  As {(world.Committee.Count > 0 ? world.Committee[0].Name : "the administrator")} (steering committee), over the plans that user can read:"));
        story.Report.Table(StoryTables.Cockpit(story));
        story.Report.Line();
        story.Report.Table(StoryTables.CockpitOwners(story));
    }
}
