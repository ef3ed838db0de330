using static AccountPlanXrm.Tools.Demo.Story.StoryValues;

namespace AccountPlanXrm.Tools.Demo.Steps;

/// <summary>Step 14: the focus plan rolls forward into the next period (idempotently); activating the new plan closes the old one.</summary>
public sealed class RollForwardStep() : PlanStep("Roll-forward into the next period (apx_RollForwardPlan), activation closes the old plan")
{
    protected override void Run(StoryContext story, DemoPlan focus)
    {
        var log = story.RollForwardLog;
        var owner = story.As(focus.Account.OwnerId);
        var request = new OrganizationRequest("apx_RollForwardPlan") { ["Target"] = new EntityReference("apx_accountplan", focus.Id) };
        var response = owner.Execute(request);
        var next = (EntityReference)response.Results["NewPlan"];
        var retry = owner.Execute(request);
        var sameOnRetry = ((EntityReference)retry.Results["NewPlan"]).Id == next.Id && retry.Results["Created"] is false;

        var plan = story.Admin.Retrieve("apx_accountplan", next.Id, new ColumnSet("apx_name", "apx_periodstart", "apx_periodend", "apx_revenuetarget", "apx_templateid", "apx_previouskpis", "statuscode"));
        log.Add(("Old plan", focus.Name));
        log.Add(("New plan", plan.GetAttributeValue<string>("apx_name")));
        log.Add(("Period", string.Create(CultureInfo.InvariantCulture, $"{plan.GetAttributeValue<DateTime>("apx_periodstart"):yyyy-MM-dd} to {plan.GetAttributeValue<DateTime>("apx_periodend"):yyyy-MM-dd}")));
        log.Add(("Growth (attainment trend)", string.Create(CultureInfo.InvariantCulture, $"{(decimal)response.Results["GrowthPercent"]:+0.##;-0.##;0} %")));
        log.Add(("Proposed revenue target (EUR)", string.Create(CultureInfo.InvariantCulture, $"{MoneyOf(plan, "apx_revenuetarget"):#,##0}")));
        log.Add(("Open measures carried over", string.Create(CultureInfo.InvariantCulture, $"{response.Results["MeasuresCarried"]}")));
        log.Add(("Stakeholders carried over", string.Create(CultureInfo.InvariantCulture, $"{response.Results["StakeholdersCarried"]}")));
        log.Add(("Template", story.Name(plan, "apx_templateid")));
        log.Add(("A retry", sameOnRetry ? "returns the same plan, nothing copied twice" : "made a second plan"));

        if (story.Plans.Count > 1)
        {
            log.Add(("Roll-forward onto a taken period", RollForwardOntoTakenPeriod(story, story.Plans[1])));
        }

        // Sales management names the steering committee of the new period (only managers may set it).
        story.Admin.Update(new Entity("apx_accountplan", next.Id) { ["apx_steeringcommitteeid"] = new EntityReference("team", story.World.SteeringCommitteeId) });

        // The new period's goals and summary, then activation: the old plan is closed.
        owner.Update(new Entity("apx_accountplan", next.Id)
        {
            ["apx_margintarget"] = 19m,
            ["apx_financialkpis"] = "Revenue target from the attainment trend, gross margin 19 %.",
            ["apx_planneddevelopments"] = "Roll the monitoring service out to all plants.",
            ["apx_managementsummary"] = "Second year: from preferred supplier to strategic partner.",
            ["apx_planbudget"] = new Money(240_000m),
        });
        owner.Update(StatusChange("apx_accountplan", next.Id, 0, StatusActive));
        story.DrainAsync();
        log.Add(("New plan after activation", Label(story.ReadPlan(next.Id), "statuscode")));
        log.Add(("Old plan after activation", Label(story.ReadPlan(focus.Id), "statuscode")));

        var table = new TextTable("What", "Value");
        foreach (var (what, value) in log)
        {
            table.Add(what, value);
        }

        story.Report.Table(table, maxWidth: 100);
        story.Report.Line();
        story.Report.Line("  Kept as context on the new plan (apx_previouskpis):");
        story.Report.Lines(plan.GetAttributeValue<string>("apx_previouskpis") ?? "", "    ");

        story.Plans.Add(focus with { Id = next.Id, Name = plan.GetAttributeValue<string>("apx_name") ?? "", Rationale = "Rolled forward from " + focus.Name });
        if (!sameOnRetry || Label(story.ReadPlan(focus.Id), "statuscode") != "Closed")
        {
            throw new DemoStepException("the roll-forward was not idempotent or activating the new plan did not close the old one");
        }
    }

    /// <summary>The account of another plan already has a plan starting where its roll-forward would start: the platform's answer.</summary>
    private static string RollForwardOntoTakenPeriod(StoryContext story, DemoPlan other)
    {
        var start = story.PeriodEnd.AddDays(1);
        story.As(other.Account.OwnerId).Create(new Entity("apx_accountplan", story.Ids.For("apx_accountplan/next", 0))
        {
            ["apx_name"] = string.Create(CultureInfo.InvariantCulture, $"{other.Account.Name} pilot {start:yyyy}"),
            ["apx_accountid"] = new EntityReference("account", other.Account.Id),
            ["apx_periodstart"] = start,
            ["apx_periodend"] = start.AddMonths(6).AddDays(-1),
            ["transactioncurrencyid"] = new EntityReference("transactioncurrency", story.World.EuroId),
        });
        try
        {
            story.As(other.Account.OwnerId).Execute(new OrganizationRequest("apx_RollForwardPlan") { ["Target"] = new EntityReference("apx_accountplan", other.Id) });
            return "not refused";
        }
        catch (FaultException<OrganizationServiceFault> fault)
        {
            return fault.Detail?.Message ?? fault.Message;
        }
    }
}
