using static AccountPlanXrm.Tools.Demo.Story.StoryValues;

namespace AccountPlanXrm.Tools.Demo.Steps;

/// <summary>Step 6: the activation created the first review task with its agenda.</summary>
public sealed class ReviewTaskStep() : PlanStep("The first review task")
{
    protected override void Run(StoryContext story, DemoPlan focus)
    {
        var tasks = story.ReviewTasks(focus.Id, open: true);
        if (tasks.Count == 0)
        {
            throw new DemoStepException("no open review task regards the activated plan (the review task step did not run)");
        }

        var table = new TextTable("Subject", "Due", "Owner", "Status");
        foreach (var task in tasks)
        {
            table.Add(task.GetAttributeValue<string>("subject"), task.GetAttributeValue<DateTime?>("scheduledend"), story.OwnerName(task), Label(task, "statecode"));
        }

        story.Report.Line("  Created by the plan's activation (a task regarding the plan, owned by the account manager):");
        story.Report.Table(table, maxWidth: 80);
        story.Report.Line();
        story.Report.Line("  Agenda (task description):");
        story.Report.Lines(tasks[0].GetAttributeValue<string>("description") ?? "", "    ", StringSplitOptions.TrimEntries);
    }
}
