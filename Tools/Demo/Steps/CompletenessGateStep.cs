using static AccountPlanXrm.Tools.Demo.Story.StoryValues;

namespace AccountPlanXrm.Tools.Demo.Steps;

/// <summary>Step 4: activating the incomplete focus plan is refused by the completeness gate.</summary>
public sealed class CompletenessGateStep() : PlanStep("Completeness gate: try to activate an incomplete plan")
{
    protected override void Run(StoryContext story, DemoPlan focus)
    {
        try
        {
            story.As(focus.Account.OwnerId).Update(StatusChange("apx_accountplan", focus.Id, 0, StatusActive));
        }
        catch (FaultException<OrganizationServiceFault> fault)
        {
            story.GateMessage = fault.Detail?.Message ?? fault.Message;
            story.Report.Line($"  {story.World.UserName(focus.Account.OwnerId)} sets \"{focus.Name}\" to Active. The platform refuses:");
            story.Report.Line();
            story.Report.Lines(story.GateMessage, "    | ", StringSplitOptions.TrimEntries);

            var row = story.ReadPlan(focus.Id);
            story.Report.Line();
            story.Report.Table(new TextTable("Plan", "Status", ">Complete %").Add(focus.Name, Label(row, "statuscode"), row.GetAttributeValue<int?>("apx_completenesspct")));
            return;
        }

        throw new DemoStepException("the incomplete plan was activated: the completeness gate did not stop it");
    }
}
