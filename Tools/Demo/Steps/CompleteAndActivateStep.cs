using static AccountPlanXrm.Tools.Demo.Story.StoryValues;

namespace AccountPlanXrm.Tools.Demo.Steps;

/// <summary>Step 5: the focus plan gets its remaining sections, measures and stakeholders and is activated.</summary>
public sealed class CompleteAndActivateStep() : PlanStep("Complete the plan and activate it")
{
    protected override void Run(StoryContext story, DemoPlan focus)
    {
        var owner = story.As(focus.Account.OwnerId);
        var target = MoneyOf(story.ReadPlan(focus.Id), "apx_revenuetarget") ?? 0m;
        owner.Update(new Entity("apx_accountplan", focus.Id)
        {
            ["apx_competitors"] = "Two global competitors; one regional specialist with aggressive pricing.",
            ["apx_salessuccesses"] = "Framework agreement for spare parts; pilot of the monitoring service in two plants.",
            ["apx_weaknesses"] = "Price level; little contact with the purchasing board.",
            ["apx_opportunities"] = "Service contracts for the installed base; new plant in Poland.",
            ["apx_threats"] = "Dual-sourcing policy from next year.",
            ["apx_financialkpis"] = string.Create(CultureInfo.InvariantCulture, $"Revenue target {target:#,##0} EUR, gross margin 18.5 %, share of wallet 30 %."),
            ["apx_planneddevelopments"] = "Subscription offer for the monitoring service; joint innovation day.",
            ["apx_managementsummary"] = "Defend the core business, grow services, become preferred supplier for all product lines.",
        });
        story.Content.CreateMeasure(focus, 1, "Service contract proposal for the installed base", 18_000m, done: false);
        story.Content.CreateMeasure(focus, 2, "Innovation day at the customer's headquarters", 9_500m, done: true);
        story.Content.CreateStakeholder(focus, 2, external: true);
        story.Content.CreateStakeholder(focus, 3, external: false);

        var before = story.ReadPlan(focus.Id);
        owner.Update(StatusChange("apx_accountplan", focus.Id, 0, StatusActive));
        story.DrainAsync();
        var after = story.ReadPlan(focus.Id);

        var table = new TextTable("Plan", ">Complete % before", "Status", ">Complete %", ">Measures", "Next review");
        table.Add(focus.Name, before.GetAttributeValue<int?>("apx_completenesspct"), Label(after, "statuscode"), after.GetAttributeValue<int?>("apx_completenesspct"),
            after.GetAttributeValue<int?>("apx_measurecount"), after.GetAttributeValue<DateTime?>("apx_nextreviewon"));
        story.Report.Line("  The remaining section columns, two more measures and two more stakeholders are added; activation now passes the gate:");
        story.Report.Table(table);
    }
}
