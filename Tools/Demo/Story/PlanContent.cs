namespace AccountPlanXrm.Tools.Demo.Story;

/// <summary>Creates the measures and stakeholders of the story's plans, as the plan's account manager, with ids from the seed.</summary>
public sealed class PlanContent(StoryContext story)
{
    public Guid CreateMeasure(DemoPlan plan, int number, string name, decimal budget, bool done, bool critical = false)
    {
        var id = story.Ids.For($"apx_planmeasure/{plan.Id}", number);
        var service = story.As(plan.Account.OwnerId);
        service.Create(new Entity("apx_planmeasure", id)
        {
            ["apx_name"] = name,
            ["apx_accountplanid"] = new EntityReference("apx_accountplan", plan.Id),
            ["apx_description"] = $"{name} with {plan.Account.Name}.",
            ["apx_responsibleid"] = new EntityReference("systemuser", plan.Account.OwnerId),
            ["apx_budget"] = new Money(budget),
            ["apx_startdate"] = story.Options.Clock.Date.AddDays(7 * (number + 1)),
            ["apx_duedate"] = story.Options.Clock.Date.AddDays(60 + 30 * number),
            ["apx_expectedrevenue"] = new Money(budget * 5),
            ["apx_businesscritical"] = critical,
            ["transactioncurrencyid"] = new EntityReference("transactioncurrency", story.World.EuroId),
        });
        story.StoryRecords++;
        if (done)
        {
            service.Update(new Entity("apx_planmeasure", id) { ["apx_actualcost"] = new Money(budget * 0.9m), ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });
        }

        return id;
    }

    /// <summary>An external stakeholder (a contact of the account) or an internal one (the seller or a committee member).</summary>
    public void CreateStakeholder(DemoPlan plan, int number, bool external)
    {
        var contacts = story.World.ContactsByAccount.GetValueOrDefault(plan.Account.Id) ?? [];
        var entity = new Entity("apx_planstakeholder", story.Ids.For($"apx_planstakeholder/{plan.Id}", number))
        {
            ["apx_accountplanid"] = new EntityReference("apx_accountplan", plan.Id),
            ["apx_side"] = new OptionSetValue(external ? 726000001 : 726000000),
            ["apx_influence"] = new OptionSetValue(726000000 + number % 3),
            ["apx_attitude"] = new OptionSetValue(726000000 + (number + 1) % 5),
            ["apx_channel"] = new OptionSetValue(external ? 726000000 : 726000002),
            ["apx_frequency"] = new OptionSetValue(external ? 726000002 : 726000001),
        };
        if (external && contacts.Count > 0)
        {
            entity["apx_name"] = number < 2 ? "Head of purchasing" : "Chief operating officer";
            entity["apx_contactid"] = new EntityReference("contact", contacts[number / 2 % contacts.Count]);
            entity["apx_role"] = number < 2 ? "Decision maker" : "Sponsor";
            entity["apx_communicationtopic"] = "Roadmap and service offer";
            entity["apx_communicationgoal"] = "Win the sponsor for the joint roadmap.";
        }
        else
        {
            var user = number % 3 == 1 ? story.World.Committee[0] : story.World.User(plan.Account.OwnerId);
            entity["apx_name"] = user.Name;
            entity["apx_userid"] = new EntityReference("systemuser", user.Id);
            entity["apx_role"] = user.Title;
            entity["apx_communicationtopic"] = "Progress of the plan";
            entity["apx_communicationgoal"] = "Keep management informed.";
        }

        story.As(plan.Account.OwnerId).Create(entity);
        story.StoryRecords++;
    }
}
