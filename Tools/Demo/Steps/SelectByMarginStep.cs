using static AccountPlanXrm.Tools.Demo.Story.StoryValues;

namespace AccountPlanXrm.Tools.Demo.Steps;

/// <summary>Step 11: the other selection criteria of apx_RankAccounts: won margin, and weighted pipeline of one industry.</summary>
public sealed class SelectByMarginStep : IDemoStep
{
    public string Title => "Customer selection by margin and by industry (apx_RankAccounts Criterion, IndustryCode)";

    public void Run(StoryContext story)
    {
        var byMargin = story.Ranked(new OrganizationRequest("apx_RankAccounts") { ["Criterion"] = "WonMargin", ["Top"] = 10 });
        story.MarginRanking.AddRange(byMargin);
        var table = new TextTable(">Rank", "Account", ">Won margin 12 months (EUR)", "Reason", "Rationale");
        foreach (var row in byMargin.Take(5))
        {
            table.Add(row.GetAttributeValue<int?>("apx_rank"), row.GetAttributeValue<string>("name"), row.GetAttributeValue<Money>("apx_value")?.Value,
                row.GetAttributeValue<OptionSetValue>("apx_selectionreason")?.Value == PlanReasonTopProfit ? "Top profit" : "Top revenue", row.GetAttributeValue<string>("apx_selectionrationale"));
        }

        story.Report.Line("  Ranked by won margin (apx_margin of won opportunities, each account with its whole hierarchy):");
        story.Report.Table(table, maxWidth: 70);

        var industry = story.Ranked(new OrganizationRequest("apx_RankAccounts") { ["Criterion"] = "WeightedPipeline", ["IndustryCode"] = DurableManufacturing, ["Top"] = 5 });
        var pipeline = new TextTable(">Rank", "Account", "Industry", ">Weighted pipeline (EUR)");
        foreach (var row in industry)
        {
            pipeline.Add(row.GetAttributeValue<int?>("apx_rank"), row.GetAttributeValue<string>("name"), story.World.AccountsById.GetValueOrDefault(row.Id)?.Industry ?? "",
                row.GetAttributeValue<Money>("apx_value")?.Value);
        }

        story.Report.Line();
        story.Report.Line("  Strategic selection: weighted pipeline of one industry (IndustryCode 12, Durable Manufacturing):");
        story.Report.Table(pipeline);
        if (byMargin.Count == 0 || industry.Count == 0)
        {
            throw new DemoStepException("a ranking by margin or by industry came back empty");
        }

        if (industry.Any(r => r.GetAttributeValue<OptionSetValue>("industrycode")?.Value != DurableManufacturing))
        {
            throw new DemoStepException("the industry filter let another industry through");
        }
    }
}
