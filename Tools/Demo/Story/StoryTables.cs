using static AccountPlanXrm.Tools.Demo.Story.StoryValues;

namespace AccountPlanXrm.Tools.Demo.Story;

/// <summary>The tables both the console story and the Markdown report show: the portfolio and the rollout cockpit.</summary>
public static class StoryTables
{
    /// <summary>One row per plan with its KPIs as stored now.</summary>
    public static TextTable Portfolio(StoryContext story)
    {
        var table = new TextTable("Plan", "Account manager", "Reason", "Template", "Status", ">Complete %", ">Target", ">Won", ">Attain. %", ">Pipeline", ">Weighted", ">Measures", "Next review");
        foreach (var plan in story.Plans.Where(p => p.Id != Guid.Empty))
        {
            var row = story.ReadPlan(plan.Id);
            table.Add(plan.Name, story.World.UserName(plan.Account.OwnerId), plan.ReasonLabel, story.Name(row, "apx_templateid"), Label(row, "statuscode"),
                row.GetAttributeValue<int?>("apx_completenesspct"), MoneyOf(row, "apx_revenuetarget"), MoneyOf(row, "apx_wonrevenue"),
                row.GetAttributeValue<decimal?>("apx_attainmentpct"), MoneyOf(row, "apx_openpipeline"), MoneyOf(row, "apx_weightedpipeline"),
                row.GetAttributeValue<int?>("apx_measurecount"), row.GetAttributeValue<DateTime?>("apx_nextreviewon"));
        }

        return table;
    }

    /// <summary>The missing items of every plan, for the report.</summary>
    public static IEnumerable<(string Plan, string Missing)> MissingItems(StoryContext story) =>
        story.Plans.Where(p => p.Id != Guid.Empty).Select(p => (p.Name, story.ReadPlan(p.Id).GetAttributeValue<string>("apx_missingitems") ?? ""));

    /// <summary>The cockpit's headline figures.</summary>
    public static TextTable Cockpit(StoryContext story)
    {
        var r = story.CockpitStatus?.Results ?? throw new DemoStepException("apx_PortfolioStatus was not called");
        var coverage = (int)r["TopAccounts"] == 0 ? 0m : (int)r["CoveredAccounts"] * 100m / (int)r["TopAccounts"];
        var planBudget = ((Money)r["PlanBudget"]).Value;
        var table = new TextTable("Figure", ">Value");
        table.Add("Coverage: top accounts with an active plan", string.Create(CultureInfo.InvariantCulture, $"{r["CoveredAccounts"]} of {r["TopAccounts"]} ({coverage:0} %)"));
        table.Add("Plans (open)", string.Create(CultureInfo.InvariantCulture, $"{r["PlanCount"]} ({r["OpenPlanCount"]})"));
        foreach (var row in ((EntityCollection)r["PlansByStatus"]).Entities)
        {
            table.Add("  " + Label(new Entity("apx_accountplan") { ["statuscode"] = new OptionSetValue((int)row["statuscode"]) }, "statuscode"), string.Create(CultureInfo.InvariantCulture, $"{row["count"]}"));
        }

        table.Add("Average completeness of open plans", string.Create(CultureInfo.InvariantCulture, $"{(decimal)r["AverageCompleteness"]:0.#} %"));
        table.Add("Reviews overdue", string.Create(CultureInfo.InvariantCulture, $"{r["ReviewsOverdue"]}"));
        table.Add("Communications overdue (due within 7 days)", string.Create(CultureInfo.InvariantCulture, $"{r["CommunicationsOverdue"]} ({r["CommunicationsDue"]})"));
        table.Add("Measures' budget / plans' budget (EUR)", string.Create(CultureInfo.InvariantCulture,
            $"{((Money)r["MeasureBudget"]).Value:#,##0} / {planBudget:#,##0}{(planBudget > 0 ? $" ({((Money)r["MeasureBudget"]).Value * 100m / planBudget:0} %)" : "")}"));
        return table;
    }

    /// <summary>The cockpit's open plans per owner.</summary>
    public static TextTable CockpitOwners(StoryContext story)
    {
        var r = story.CockpitStatus?.Results ?? throw new DemoStepException("apx_PortfolioStatus was not called");
        var table = new TextTable("Owner", ">Open plans", ">Active", ">Avg. complete %");
        foreach (var row in ((EntityCollection)r["PlansByOwner"]).Entities)
        {
            table.Add(row.GetAttributeValue<string>("ownername") is { Length: > 0 } name ? name : story.World.UserName(row.GetAttributeValue<EntityReference>("ownerid").Id),
                row["count"], row["active"], row["averagecompleteness"]);
        }

        return table;
    }
}
