using static AccountPlanXrm.Tools.Demo.Story.StoryValues;

namespace AccountPlanXrm.Tools.Demo.Steps;

/// <summary>Step 1: rank the accounts by won revenue and select the top customers and the development customers.</summary>
public sealed class SelectCustomersStep : IDemoStep
{
    private const int TopCustomers = 5;
    private const int DevelopmentCustomers = 2;

    public string Title => "Customer selection: rank accounts by won revenue (apx_RankAccounts)";

    public void Run(StoryContext story)
    {
        var world = story.World;
        var ranking = story.Ranked(new OrganizationRequest("apx_RankAccounts") { ["Months"] = 12, ["Top"] = 20 });
        story.Ranking.AddRange(ranking);

        var table = new TextTable(">Rank", "Account", "Parent", "Account manager", ">Won revenue 12 months (EUR)", "Current plan");
        foreach (var row in ranking.Take(10))
        {
            var account = world.AccountsById.GetValueOrDefault(row.Id);
            table.Add(
                row.GetAttributeValue<int?>("apx_rank"),
                row.GetAttributeValue<string>("name"),
                account?.ParentId is { } parent ? world.AccountsById[parent].Name : "",
                account is null ? "" : world.UserName(account.OwnerId),
                row.GetAttributeValue<Money>("apx_wonrevenue")?.Value,
                row.GetAttributeValue<bool?>("apx_hascurrentplan") == true);
        }

        story.Report.Line("  Top 10 of the ranking (won opportunities, base currency EUR, last 12 months):");
        story.Report.Table(table);

        if (ranking.Count < TopCustomers)
        {
            throw new DemoStepException($"the ranking returned {ranking.Count} accounts; the story needs {TopCustomers}");
        }

        var pipeline = OpenPipelineByAccount(story);
        var ranked = ranking.Select(r => r.Id).ToHashSet();
        var development = pipeline
            .Where(p => !ranked.Contains(p.Key) && world.AccountsById.ContainsKey(p.Key) && world.AccountsById[p.Key].Level > 1)
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key)
            .Take(DevelopmentCustomers)
            .ToList();

        var selection = new TextTable("Account", "Selection reason", "Rationale");
        foreach (var row in ranking.Where(r => r.GetAttributeValue<bool?>("apx_hascurrentplan") != true).Take(TopCustomers))
        {
            var account = world.AccountsById[row.Id];
            var won = row.GetAttributeValue<Money>("apx_wonrevenue")?.Value ?? 0m;
            var rationale = string.Create(CultureInfo.InvariantCulture, $"Rank {row.GetAttributeValue<int?>("apx_rank")} by won revenue over the last 12 months ({won:#,##0} EUR).");
            story.Plans.Add(new DemoPlan(Guid.Empty, "", account, PlanReasonTopRevenue, "Top revenue", rationale));
            selection.Add(account.Name, "Top revenue", rationale);
        }

        foreach (var (accountId, open) in development)
        {
            var account = world.AccountsById[accountId];
            story.DevelopmentPipeline[accountId] = open;
            var rationale = string.Create(CultureInfo.InvariantCulture, $"Outside the top 20, but {open:#,##0} EUR open pipeline closing this period: can become a lead customer.");
            story.Plans.Add(new DemoPlan(Guid.Empty, "", account, PlanReasonDevelopment, "Development customer", rationale));
            selection.Add(account.Name, "Development customer", rationale);
        }

        story.Report.Line();
        story.Report.Line(string.Create(CultureInfo.InvariantCulture, $"  Selected: the top {TopCustomers} customers without a current plan, and {DevelopmentCustomers} development customers (largest open pipeline outside the top 20):"));
        story.Report.Table(selection, maxWidth: 90);
    }

    /// <summary>Open pipeline (base currency) per account expected to close by the end of the plan period, read page by page (no aggregate limit to worry about).</summary>
    private static Dictionary<Guid, decimal> OpenPipelineByAccount(StoryContext story)
    {
        var result = new Dictionary<Guid, decimal>();
        var query = new QueryExpression("opportunity")
        {
            ColumnSet = new ColumnSet("customerid", "estimatedvalue_base"),
            PageInfo = new PagingInfo { Count = 5000, PageNumber = 1 },
        };
        query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
        query.Criteria.AddCondition("estimatedclosedate", ConditionOperator.OnOrBefore, story.PeriodEnd);
        query.AddOrder("opportunityid", OrderType.Ascending);
        while (true)
        {
            var page = story.Admin.RetrieveMultiple(query);
            foreach (var row in page.Entities)
            {
                if (row.GetAttributeValue<EntityReference>("customerid") is { LogicalName: "account" } customer)
                {
                    result[customer.Id] = result.GetValueOrDefault(customer.Id) + (row.GetAttributeValue<Money>("estimatedvalue_base")?.Value ?? 0m);
                }
            }

            if (!page.MoreRecords)
            {
                return result;
            }

            query.PageInfo.PageNumber++;
            query.PageInfo.PagingCookie = page.PagingCookie;
        }
    }
}
