using static AccountPlanXrm.Tools.Demo.Story.StoryValues;

namespace AccountPlanXrm.Tools.Demo.Steps;

/// <summary>Step 7: the account manager wins one opportunity and loses another; the plan's KPIs follow.</summary>
public sealed class WinAndLoseStep() : PlanStep("Win and lose opportunities: the KPIs move")
{
    private static readonly (string Column, string Label)[] Kpis =
    [
        ("apx_wonrevenue", "Won revenue (EUR)"), ("apx_openpipeline", "Open pipeline (EUR)"), ("apx_weightedpipeline", "Weighted pipeline (EUR)"), ("apx_attainmentpct", "Attainment %"),
    ];

    protected override void Run(StoryContext story, DemoPlan focus)
    {
        var before = story.ReadPlan(focus.Id);
        var open = OpenOpportunities(story, focus);
        var won = open[0];
        var lost = open[1];
        var seller = story.As(focus.Account.OwnerId);
        var revenue = won.GetAttributeValue<Money>("estimatedvalue")?.Value ?? 0m;
        seller.Execute(new OrganizationRequest("WinOpportunity")
        {
            ["OpportunityClose"] = new Entity("opportunityclose")
            {
                ["opportunityid"] = won.ToEntityReference(),
                ["subject"] = "Won: order received",
                ["actualrevenue"] = new Money(revenue),
                ["actualend"] = story.Options.Clock.Date,
            },
            ["Status"] = new OptionSetValue(3),
        });
        seller.Execute(new OrganizationRequest("LoseOpportunity")
        {
            ["OpportunityClose"] = new Entity("opportunityclose")
            {
                ["opportunityid"] = lost.ToEntityReference(),
                ["subject"] = "Lost to a competitor",
                ["actualend"] = story.Options.Clock.Date,
            },
            ["Status"] = new OptionSetValue(5),
        });
        story.DrainAsync();
        var after = story.ReadPlan(focus.Id);

        var opportunities = new TextTable("Opportunity", "Outcome", ">Value", "Currency", ">Value (EUR)");
        opportunities.Add(won.GetAttributeValue<string>("name"), "Won", won.GetAttributeValue<Money>("estimatedvalue")?.Value, story.CurrencyName(won), won.GetAttributeValue<Money>("estimatedvalue_base")?.Value);
        opportunities.Add(lost.GetAttributeValue<string>("name"), "Lost (out-sold)", lost.GetAttributeValue<Money>("estimatedvalue")?.Value, story.CurrencyName(lost), lost.GetAttributeValue<Money>("estimatedvalue_base")?.Value);
        story.Report.Line($"  {story.World.UserName(focus.Account.OwnerId)} closes two opportunities of {focus.Account.Name}:");
        story.Report.Table(opportunities);

        var kpis = new TextTable("KPI (plan)", ">Before", ">After", ">Change");
        foreach (var (column, label) in Kpis)
        {
            var b = Number(before, column);
            var a = Number(after, column);
            var change = a - b;
            var row = (label, TextTable.Format(b), TextTable.Format(a), (change > 0 ? "+" : "") + TextTable.Format(change));
            story.KpiMoves.Add(row);
            kpis.Add(row.label, row.Item2, row.Item3, row.Item4);
        }

        story.Report.Line();
        story.Report.Line("  The roll-up step recomputes the plan's KPIs from source on Win and Lose:");
        story.Report.Table(kpis);
        if (Number(after, "apx_wonrevenue") == Number(before, "apx_wonrevenue"))
        {
            throw new DemoStepException("the won revenue did not move: the KPI roll-up did not run on WinOpportunity");
        }
    }

    /// <summary>The two largest open opportunities of the focus account's hierarchy closing this period (new ones when a small seed has none).</summary>
    private static List<Entity> OpenOpportunities(StoryContext story, DemoPlan focus)
    {
        var accounts = story.World.Accounts.Where(a => a.Id == focus.Account.Id || a.ParentId == focus.Account.Id).Select(a => (object)a.Id).ToArray();
        var query = new QueryExpression("opportunity") { ColumnSet = new ColumnSet("name", "estimatedvalue", "estimatedvalue_base", "transactioncurrencyid", "estimatedclosedate", "closeprobability"), TopCount = 3 };
        query.Criteria.AddCondition("customerid", ConditionOperator.In, accounts);
        query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
        query.Criteria.AddCondition("estimatedclosedate", ConditionOperator.OnOrBefore, story.PeriodEnd);
        query.AddOrder("estimatedvalue_base", OrderType.Descending);
        var open = story.Admin.RetrieveMultiple(query).Entities.ToList();

        // A small seed can leave the focus account without open opportunities in the period: sell something new.
        for (var i = open.Count; i < 2; i++)
        {
            var id = story.Ids.For("opportunity/story", i);
            story.As(focus.Account.OwnerId).Create(new Entity("opportunity", id)
            {
                ["name"] = $"{(i == 0 ? "Service contract" : "Retrofit kit")} – {focus.Account.Name}",
                ["customerid"] = new EntityReference("account", focus.Account.Id),
                ["parentaccountid"] = new EntityReference("account", focus.Account.Id),
                ["estimatedvalue"] = new Money(40_000m + 25_000m * i),
                ["closeprobability"] = 60,
                ["estimatedclosedate"] = story.Options.Clock.Date.AddDays(30),
                ["transactioncurrencyid"] = new EntityReference("transactioncurrency", story.World.EuroId),
            });
            open.Add(story.Admin.Retrieve("opportunity", id, query.ColumnSet));
        }

        return open;
    }
}
