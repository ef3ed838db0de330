using static AccountPlanXrm.Tools.Demo.Story.StoryValues;

namespace AccountPlanXrm.Tools.Demo.Steps;

/// <summary>Step 8: completing the review task freezes a review snapshot and schedules the next review task.</summary>
public sealed class HoldReviewStep() : PlanStep("Hold the review: complete the task, snapshot and next task")
{
    protected override void Run(StoryContext story, DemoPlan focus)
    {
        var task = story.ReviewTasks(focus.Id, open: true).FirstOrDefault() ?? throw new DemoStepException("no open review task to complete");
        story.As(focus.Account.OwnerId).Update(StatusChange("task", task.Id, 1, 5));
        story.DrainAsync();

        var query = new QueryExpression("apx_planreview") { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition("apx_accountplanid", ConditionOperator.Equal, focus.Id);
        query.AddOrder("apx_reviewdate", OrderType.Ascending);
        var reviews = story.Admin.RetrieveMultiple(query).Entities;
        if (reviews.Count == 0)
        {
            throw new DemoStepException("completing the review task froze no apx_planreview snapshot");
        }

        var snapshot = new TextTable("Review", "Date", "Presenter", ">Target", ">Won", ">Open pipeline", ">Attainment %", ">Measures", ">Done %", ">Complete %");
        foreach (var review in reviews)
        {
            snapshot.Add(review.GetAttributeValue<string>("apx_name"), review.GetAttributeValue<DateTime?>("apx_reviewdate"), story.Name(review, "apx_presenterid"),
                MoneyOf(review, "apx_revenuetarget"), MoneyOf(review, "apx_wonrevenue"), MoneyOf(review, "apx_openpipeline"),
                review.GetAttributeValue<decimal?>("apx_attainmentpct"), review.GetAttributeValue<int?>("apx_measurecount"),
                review.GetAttributeValue<decimal?>("apx_measuredonepct"), review.GetAttributeValue<int?>("apx_completenesspct"));
        }

        story.Report.Line($"  {story.World.UserName(focus.Account.OwnerId)} presents the plan and completes the review task; the snapshot is frozen:");
        story.Report.Table(snapshot);

        var tasks = new TextTable("Review task", "Due", "Status");
        foreach (var row in story.ReviewTasks(focus.Id, open: false))
        {
            tasks.Add(row.GetAttributeValue<string>("subject"), row.GetAttributeValue<DateTime?>("scheduledend"), Label(row, "statuscode") is { Length: > 0 } s ? s : Label(row, "statecode"));
        }

        var plan = story.ReadPlan(focus.Id);
        story.Report.Line();
        story.Report.Line(string.Create(CultureInfo.InvariantCulture, $"  Review tasks of the plan (last review {TextTable.Format(plan.GetAttributeValue<DateTime?>("apx_lastreviewon"))}, next review {TextTable.Format(plan.GetAttributeValue<DateTime?>("apx_nextreviewon"))}):"));
        story.Report.Table(tasks, maxWidth: 80);
        if (story.ReviewTasks(focus.Id, open: true).Count == 0)
        {
            throw new DemoStepException("no next review task was created after the review");
        }
    }
}
