using Microsoft.Crm.Sdk.Messages;
using static AccountPlanXrm.Tools.Demo.Story.StoryValues;

namespace AccountPlanXrm.Tools.Demo.Steps;

/// <summary>
/// Step 13: next contacts follow from the last contact and the frequency; logging a contact (the quick action, or a
/// completed phone call regarding the plan with the stakeholder's contact) moves it on.
/// </summary>
public sealed class CommunicationCadenceStep() : PlanStep("Communication cadence: next contacts, logging a contact, My communications due")
{
    protected override void Run(StoryContext story, DemoPlan focus)
    {
        var owner = story.As(focus.Account.OwnerId);
        var query = new QueryExpression("apx_planstakeholder") { ColumnSet = new ColumnSet("apx_name", "apx_frequency", "apx_lastcontacton", "apx_nextcontacton", "apx_contactid") };
        query.Criteria.AddCondition("apx_accountplanid", ConditionOperator.Equal, focus.Id);
        query.AddOrder("apx_name", OrderType.Ascending);
        var stakeholders = story.Admin.RetrieveMultiple(query).Entities.ToList();
        if (stakeholders.Count == 0)
        {
            throw new DemoStepException("the focus plan has no stakeholders");
        }

        // Two of them were contacted before: a monthly one seven weeks ago (overdue now), a quarterly one last month.
        var today = story.Options.Clock.Date;
        story.Admin.Update(new Entity("apx_planstakeholder", stakeholders[0].Id) { ["apx_lastcontacton"] = today.AddDays(-49), ["apx_frequency"] = new OptionSetValue(726000001) });
        if (stakeholders.Count > 1)
        {
            story.Admin.Update(new Entity("apx_planstakeholder", stakeholders[1].Id) { ["apx_lastcontacton"] = today.AddDays(-30), ["apx_frequency"] = new OptionSetValue(726000002) });
        }

        if (stakeholders.Count > 2)
        {
            story.Admin.Update(new Entity("apx_planstakeholder", stakeholders[2].Id) { ["apx_frequency"] = new OptionSetValue(726000004) });
        }

        var before = story.Admin.RetrieveMultiple(query).Entities.ToList();
        var logged = owner.Execute(new OrganizationRequest("apx_LogStakeholderContact") { ["Target"] = new EntityReference("apx_planstakeholder", stakeholders[0].Id) });
        var after = story.Admin.RetrieveMultiple(query).Entities.ToList();

        var table = new TextTable("Stakeholder", "Frequency", "Last contact", "Next contact", "Next after logging");
        for (var i = 0; i < before.Count; i++)
        {
            table.Add(before[i].GetAttributeValue<string>("apx_name"), FrequencyLabel(before[i].GetAttributeValue<OptionSetValue>("apx_frequency")?.Value),
                before[i].GetAttributeValue<DateTime?>("apx_lastcontacton"), before[i].GetAttributeValue<DateTime?>("apx_nextcontacton"),
                after[i].GetAttributeValue<DateTime?>("apx_nextcontacton"));
        }

        story.Report.Line("  The next contact follows from the last contact and the frequency (never contacted: due now; ad hoc: none);");
        story.Report.Line(string.Create(CultureInfo.InvariantCulture, $"  the account manager logs the overdue contact (apx_LogStakeholderContact) and it moves to {((DateTime)logged.Results["NextContactOn"]):yyyy-MM-dd}:"));
        story.Report.Table(table);
        LogByPhoneCall(story, owner, focus, stakeholders.Skip(1).FirstOrDefault(s => s.GetAttributeValue<EntityReference>("apx_contactid") != null));

        // The view "My communications due": active stakeholders I own, next contact within 7 days or overdue.
        var due = new QueryExpression("apx_planstakeholder") { ColumnSet = new ColumnSet("apx_name", "apx_accountplanid", "apx_nextcontacton") };
        due.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
        due.Criteria.AddCondition("ownerid", ConditionOperator.EqualUserId);
        due.Criteria.AddCondition("apx_nextcontacton", ConditionOperator.OnOrBefore, today.AddDays(7));
        due.AddOrder("apx_nextcontacton", OrderType.Ascending);
        var mine = owner.RetrieveMultiple(due).Entities;
        var view = new TextTable("Next contact", "Stakeholder", "Plan");
        foreach (var row in mine.Take(8))
        {
            view.Add(row.GetAttributeValue<DateTime?>("apx_nextcontacton"), row.GetAttributeValue<string>("apx_name"), row.GetAttributeValue<EntityReference>("apx_accountplanid")?.Name ?? "");
        }

        story.Report.Line();
        story.Report.Line(string.Create(CultureInfo.InvariantCulture, $"  My communications due ({story.World.UserName(focus.Account.OwnerId)}): {mine.Count} stakeholder(s), the first {Math.Min(8, mine.Count)}:"));
        story.Report.Table(view);
        if (after[0].GetAttributeValue<DateTime?>("apx_nextcontacton") is not { } moved || moved <= today)
        {
            throw new DemoStepException("logging the contact did not move the next contact on");
        }
    }

    /// <summary>The account manager calls the stakeholder's contact about the plan and completes the call: a contact today.</summary>
    private static void LogByPhoneCall(StoryContext story, IOrganizationService owner, DemoPlan focus, Entity? stakeholder)
    {
        if (stakeholder == null)
        {
            return;
        }

        var contact = stakeholder.GetAttributeValue<EntityReference>("apx_contactid");
        var parties = new EntityCollection { EntityName = "activityparty" };
        parties.Entities.Add(new Entity("activityparty") { ["partyid"] = new EntityReference("contact", contact.Id) });
        var call = owner.Create(new Entity("phonecall")
        {
            ["subject"] = "Quarterly check-in", ["regardingobjectid"] = new EntityReference("apx_accountplan", focus.Id), ["to"] = parties, ["directioncode"] = true,
        });
        owner.Execute(new SetStateRequest { EntityMoniker = new EntityReference("phonecall", call), State = new OptionSetValue(1), Status = new OptionSetValue(2) });

        var row = story.Admin.Retrieve("apx_planstakeholder", stakeholder.Id, new ColumnSet("apx_name", "apx_lastcontacton", "apx_nextcontacton"));
        var last = row.GetAttributeValue<DateTime?>("apx_lastcontacton");
        story.Report.Line(string.Create(CultureInfo.InvariantCulture,
            $"  a completed phone call regarding the plan with {row.GetAttributeValue<string>("apx_name")}'s contact logs a contact too: last contact {last:yyyy-MM-dd}, next {row.GetAttributeValue<DateTime?>("apx_nextcontacton"):yyyy-MM-dd}."));
        if (last?.Date != story.Options.Clock.Date)
        {
            throw new DemoStepException("completing a phone call with the stakeholder's contact did not log the contact");
        }
    }
}
