using static AccountPlanXrm.Tools.Demo.Story.StoryValues;

namespace AccountPlanXrm.Tools.Demo.Steps;

/// <summary>Step 2: each account manager creates the plans of the selected customers; sales management sets the committee.</summary>
public sealed class CreatePlansStep : IDemoStep
{
    public string Title => "Create account plans for the selected customers";

    public void Run(StoryContext story)
    {
        story.RequireSelection();
        var plans = story.Plans;
        for (var i = 0; i < plans.Count; i++)
        {
            var selected = plans[i];
            var id = story.Ids.For("apx_accountplan", i);
            var name = $"{selected.Account.Name} {story.FiscalYear}";
            var won = story.Ranking.FirstOrDefault(r => r.Id == selected.Account.Id)?.GetAttributeValue<Money>("apx_wonrevenue")?.Value ?? 0m;
            var target = selected.Reason == PlanReasonTopRevenue
                ? Amounts.RoundTo(won * 1.12m, 10_000m)
                : Amounts.RoundTo(story.DevelopmentPipeline.GetValueOrDefault(selected.Account.Id) * 0.6m + WonSince(story, selected.Account.Id, story.PeriodStart), 10_000m);
            story.As(selected.Account.OwnerId).Create(new Entity("apx_accountplan", id)
            {
                ["apx_name"] = name,
                ["apx_accountid"] = new EntityReference("account", selected.Account.Id),
                ["apx_selectionreason"] = new OptionSetValue(selected.Reason),
                ["apx_selectionrationale"] = selected.Rationale,
                ["apx_periodstart"] = story.PeriodStart,
                ["apx_periodend"] = story.PeriodEnd,
                ["apx_reviewcadence"] = new OptionSetValue(726000000),
                ["apx_revenuetarget"] = new Money(Math.Max(target, 50_000m)),
                ["apx_planbudget"] = new Money(selected.Reason == PlanReasonTopRevenue ? 250_000m : 80_000m),
                ["apx_decisionthreshold"] = new Money(DecisionThreshold),
                ["transactioncurrencyid"] = new EntityReference("transactioncurrency", story.World.EuroId),
            });

            // Separation of duties: the seller does not choose the steering committee; sales management sets it.
            story.Admin.Update(new Entity("apx_accountplan", id) { ["apx_steeringcommitteeid"] = new EntityReference("team", story.World.SteeringCommitteeId) });
            plans[i] = selected with { Id = id, Name = name };
        }

        var table = new TextTable("Plan", "Account manager", "Selection reason", "Template", "Status", ">Target (EUR)", ">Won (EUR)", ">Complete %");
        foreach (var plan in plans)
        {
            var row = story.ReadPlan(plan.Id);
            table.Add(plan.Name, story.World.UserName(plan.Account.OwnerId), plan.ReasonLabel, story.Name(row, "apx_templateid"), Label(row, "statuscode"),
                MoneyOf(row, "apx_revenuetarget"), MoneyOf(row, "apx_wonrevenue"), row.GetAttributeValue<int?>("apx_completenesspct"));
        }

        story.Report.Line(string.Create(CultureInfo.InvariantCulture, $"  {plans.Count} plans for the period {story.PeriodStart:yyyy-MM-dd} to {story.PeriodEnd:yyyy-MM-dd}, each created by its account manager (the template is defaulted by the plan validation step):"));
        story.Report.Table(table);
    }

    /// <summary>Won revenue (base currency) of one account closed since a date.</summary>
    private static decimal WonSince(StoryContext story, Guid accountId, DateTime from)
    {
        var query = new QueryExpression("opportunity") { ColumnSet = new ColumnSet("actualvalue_base") };
        query.Criteria.AddCondition("customerid", ConditionOperator.Equal, accountId);
        query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 1);
        query.Criteria.AddCondition("actualclosedate", ConditionOperator.OnOrAfter, from);
        return story.Admin.RetrieveMultiple(query).Entities.Sum(o => o.GetAttributeValue<Money>("actualvalue_base")?.Value ?? 0m);
    }
}
