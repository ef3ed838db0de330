using static AccountPlanXrm.Tools.Demo.Story.StoryValues;

namespace AccountPlanXrm.Tools.Demo.Steps;

/// <summary>Step 9: a measure over the decision threshold starts only after the steering committee approved its budget.</summary>
public sealed class SteeringDecisionStep() : PlanStep("Steering committee decision on a budget-critical measure")
{
    private const decimal Budget = 120_000m;

    protected override void Run(StoryContext story, DemoPlan focus)
    {
        var seller = story.World.User(focus.Account.OwnerId);
        var member = story.World.Committee[1];
        var measureId = story.Content.CreateMeasure(focus, 10, "Executive briefing centre visit and reference plant tour", Budget, done: false);
        story.Report.Line(string.Create(CultureInfo.InvariantCulture, $"  Measure \"Executive briefing centre visit and reference plant tour\": budget {Budget:#,##0} EUR, the plan's decision threshold {DecisionThreshold:#,##0} EUR."));

        Attempt(story, "Start the measure (In progress) without a decision", seller, () =>
            story.As(seller.Id).Update(StatusChange("apx_planmeasure", measureId, 0, MeasureInProgress)), expectRefusal: true);

        var decisionId = story.Ids.For("apx_plandecision", 0);
        Attempt(story, "Propose a budget decision to the steering committee", seller, () =>
        {
            story.As(seller.Id).Create(new Entity("apx_plandecision", decisionId)
            {
                ["apx_name"] = "Budget for the executive briefing centre visit",
                ["apx_accountplanid"] = new EntityReference("apx_accountplan", focus.Id),
                ["apx_decisiontype"] = new OptionSetValue(726000000),
                ["apx_requestedbudget"] = new Money(Budget),
                ["apx_rationale"] = "Brings the purchasing board to our reference plant; prerequisite for the service contract.",
                ["transactioncurrencyid"] = new EntityReference("transactioncurrency", story.World.EuroId),
            });
            story.As(seller.Id).Update(new Entity("apx_planmeasure", measureId) { ["apx_decisionid"] = new EntityReference("apx_plandecision", decisionId) });
        }, expectRefusal: false);

        Attempt(story, "Approve the decision (account manager, not in the committee)", seller, () =>
            story.As(seller.Id).Update(StatusChange("apx_plandecision", decisionId, 1, DecisionApproved)), expectRefusal: true);

        Attempt(story, $"Approve the decision ({member.Title}, committee member)", member, () =>
        {
            var approval = StatusChange("apx_plandecision", decisionId, 1, DecisionApproved);
            approval["apx_decisionnotes"] = "Approved; report the outcome at the next review.";
            story.As(member.Id).Update(approval);
        }, expectRefusal: false);

        Attempt(story, "Start the measure (In progress) with the approved decision", seller, () =>
            story.As(seller.Id).Update(StatusChange("apx_planmeasure", measureId, 0, MeasureInProgress)), expectRefusal: false);

        var table = new TextTable("Action", "By", "Result");
        foreach (var (action, by, result) in story.DecisionLog)
        {
            table.Add(action, by, result);
        }

        story.Report.Table(table, maxWidth: 110);
        var decision = story.Admin.Retrieve("apx_plandecision", decisionId, new ColumnSet("statuscode", "apx_decidedbyid", "apx_decidedon"));
        var measure = story.Admin.Retrieve("apx_planmeasure", measureId, new ColumnSet("statuscode"));
        story.Report.Line();
        story.Report.Table(new TextTable("Decision status", "Decided by", "Decided on", "Measure status")
            .Add(Label(decision, "statuscode"), story.Name(decision, "apx_decidedbyid"), decision.GetAttributeValue<DateTime?>("apx_decidedon"), Label(measure, "statuscode")));
        if (measure.GetAttributeValue<OptionSetValue>("statuscode")?.Value != MeasureInProgress)
        {
            throw new DemoStepException("the measure did not reach In progress");
        }
    }

    /// <summary>Runs one action of the decision flow and logs whether the platform accepted or refused it.</summary>
    private static void Attempt(StoryContext story, string action, DemoUser by, Action body, bool expectRefusal)
    {
        string result;
        try
        {
            body();
            result = expectRefusal ? "ACCEPTED (expected a refusal: the decision gate did not stop it)" : "accepted";
        }
        catch (FaultException<OrganizationServiceFault> fault)
        {
            var message = (fault.Detail?.Message ?? fault.Message).Replace('\n', ' ');
            result = expectRefusal ? $"refused: {message}" : $"FAILED: {message}";
        }

        story.DecisionLog.Add((action, $"{by.Name} ({by.Title})", result));
    }
}
