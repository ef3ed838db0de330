using AccountPlanXrm.Plugins.Model;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Plugins.Tests.Pipeline;

/// <summary>
/// Completing a phone call, appointment or e-mail regarding a plan with a stakeholder's contact among its parties
/// logs a contact with that stakeholder: the last contact moves to the activity's actual end (never later than
/// today) and the next contact follows from the agreed frequency.
/// </summary>
[TestClass]
public sealed class ActivityContactTests
{
    private static readonly Guid CfoContactId = new("c0000000-0000-4000-8000-0000000000c1");
    private static readonly Guid BuyerContactId = new("c0000000-0000-4000-8000-0000000000c2");

    private static (PlanWorld World, Guid Plan, Guid Cfo, Guid Buyer) Arrange()
    {
        var world = new PlanWorld();
        world.Emulator.Seed(
            new Entity("contact", CfoContactId) { ["lastname"] = "Cfo" },
            new Entity("contact", BuyerContactId) { ["lastname"] = "Buyer" });
        var plan = world.CreatePlan();
        Guid Stakeholder(string name, Guid contact) => world.Service.Create(new Entity(Model.Stakeholder.EntityName)
        {
            [Model.Stakeholder.Name] = name, [Model.Stakeholder.PlanId] = new EntityReference(Plan.EntityName, plan),
            [Model.Stakeholder.ContactId] = new EntityReference("contact", contact),
            [Model.Stakeholder.Frequency] = new OptionSetValue(Model.Stakeholder.FrequencyMonthly),
            [Model.Stakeholder.LastContactOn] = new DateTime(2027, 1, 20),
        });
        return (world, plan, Stakeholder("CFO", CfoContactId), Stakeholder("Buyer", BuyerContactId));
    }

    private static EntityCollection Parties(params Guid[] contacts)
    {
        var parties = new EntityCollection { EntityName = "activityparty" };
        foreach (var contact in contacts)
        {
            parties.Entities.Add(new Entity("activityparty") { [ContactActivity.PartyId] = new EntityReference("contact", contact) });
        }

        return parties;
    }

    private static DateTime? LastContact(PlanWorld world, Guid stakeholder) =>
        world.Emulator.Peek(Model.Stakeholder.EntityName, stakeholder)!.GetAttributeValue<DateTime?>(Model.Stakeholder.LastContactOn)?.Date;

    private static DateTime? NextContact(PlanWorld world, Guid stakeholder) =>
        world.Emulator.Peek(Model.Stakeholder.EntityName, stakeholder)!.GetAttributeValue<DateTime?>(Model.Stakeholder.NextContactOn)?.Date;

    [TestMethod]
    public void PhoneCall_CompletedThroughSetState_LogsContactWithThatStakeholderOnly()
    {
        var (world, plan, cfo, buyer) = Arrange();
        var call = world.Service.Create(new Entity(ContactActivity.PhoneCall)
        {
            ["subject"] = "Budget call", [ContactActivity.RegardingObjectId] = new EntityReference(Plan.EntityName, plan),
            ["to"] = Parties(CfoContactId),
        });
        Assert.AreEqual(new DateTime(2027, 1, 20), LastContact(world, cfo), "an open call is no contact yet");

        world.Service.Execute(new SetStateRequest
        {
            EntityMoniker = new EntityReference(ContactActivity.PhoneCall, call), State = new OptionSetValue(1), Status = new OptionSetValue(2),
        });

        Assert.AreEqual(PlanWorld.Now.Date, LastContact(world, cfo));
        Assert.AreEqual(PlanWorld.Now.Date.AddMonths(1), NextContact(world, cfo));
        Assert.AreEqual(new DateTime(2027, 1, 20), LastContact(world, buyer), "the buyer was not on the call");
    }

    [TestMethod]
    public void Appointment_CompletedThroughUpdateWithPastActualEnd_LogsThatDayForEveryAttendee()
    {
        var (world, plan, cfo, buyer) = Arrange();
        var meeting = world.Service.Create(new Entity(ContactActivity.Appointment)
        {
            ["subject"] = "Strategy workshop", [ContactActivity.RegardingObjectId] = new EntityReference(Plan.EntityName, plan),
            ["requiredattendees"] = Parties(CfoContactId), ["optionalattendees"] = Parties(BuyerContactId),
        });

        world.Service.Update(new Entity(ContactActivity.Appointment, meeting)
        {
            [ContactActivity.StateCode] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(3),
            [ContactActivity.ActualEnd] = new DateTime(2027, 3, 10, 16, 0, 0, DateTimeKind.Utc),
        });

        Assert.AreEqual(new DateTime(2027, 3, 10), LastContact(world, cfo));
        Assert.AreEqual(new DateTime(2027, 4, 10), NextContact(world, cfo));
        Assert.AreEqual(new DateTime(2027, 3, 10), LastContact(world, buyer));
    }

    [TestMethod]
    public void Email_ActualEndBeforeRecordedContact_KeepsTheLaterContact()
    {
        var (world, plan, cfo, _) = Arrange();
        var mail = world.Service.Create(new Entity(ContactActivity.Email)
        {
            ["subject"] = "Minutes", [ContactActivity.RegardingObjectId] = new EntityReference(Plan.EntityName, plan),
            ["to"] = Parties(CfoContactId),
        });

        world.Service.Update(new Entity(ContactActivity.Email, mail)
        {
            [ContactActivity.StateCode] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(3),
            [ContactActivity.ActualEnd] = new DateTime(2027, 1, 5, 8, 0, 0, DateTimeKind.Utc),
        });

        Assert.AreEqual(new DateTime(2027, 1, 20), LastContact(world, cfo), "the last contact never moves back");
    }

    [TestMethod]
    public void PhoneCall_RegardingTheAccountOrCanceled_LeavesStakeholdersUnchanged()
    {
        var (world, plan, cfo, _) = Arrange();
        var aboutAccount = world.Service.Create(new Entity(ContactActivity.PhoneCall)
        {
            ["subject"] = "Account call", [ContactActivity.RegardingObjectId] = new EntityReference(Account.EntityName, PlanWorld.ContosoId),
            ["to"] = Parties(CfoContactId),
        });
        var canceled = world.Service.Create(new Entity(ContactActivity.PhoneCall)
        {
            ["subject"] = "Missed call", [ContactActivity.RegardingObjectId] = new EntityReference(Plan.EntityName, plan),
            ["to"] = Parties(CfoContactId),
        });

        world.Service.Execute(new SetStateRequest { EntityMoniker = new EntityReference(ContactActivity.PhoneCall, aboutAccount), State = new OptionSetValue(1), Status = new OptionSetValue(2) });
        world.Service.Execute(new SetStateRequest { EntityMoniker = new EntityReference(ContactActivity.PhoneCall, canceled), State = new OptionSetValue(2), Status = new OptionSetValue(3) });

        Assert.AreEqual(new DateTime(2027, 1, 20), LastContact(world, cfo));
    }

    [TestMethod]
    public void PhoneCall_FromTheContactToAnotherPlansStakeholder_LogsOnlyTheRegardingPlan()
    {
        var (world, plan, cfo, _) = Arrange();
        var otherPlan = world.CreatePlan(account: PlanWorld.FabrikamId, name: "Fabrikam 2027");
        var otherCfo = world.Service.Create(new Entity(Model.Stakeholder.EntityName)
        {
            [Model.Stakeholder.Name] = "CFO", [Model.Stakeholder.PlanId] = new EntityReference(Plan.EntityName, otherPlan),
            [Model.Stakeholder.ContactId] = new EntityReference("contact", CfoContactId),
            [Model.Stakeholder.Frequency] = new OptionSetValue(Model.Stakeholder.FrequencyMonthly),
            [Model.Stakeholder.LastContactOn] = new DateTime(2027, 1, 20),
        });
        var call = world.Service.Create(new Entity(ContactActivity.PhoneCall)
        {
            ["subject"] = "Incoming call", [ContactActivity.RegardingObjectId] = new EntityReference(Plan.EntityName, plan),
            ["from"] = Parties(CfoContactId),
        });

        world.Service.Execute(new SetStateRequest { EntityMoniker = new EntityReference(ContactActivity.PhoneCall, call), State = new OptionSetValue(1), Status = new OptionSetValue(4) });

        Assert.AreEqual(PlanWorld.Now.Date, LastContact(world, cfo));
        Assert.AreEqual(new DateTime(2027, 1, 20), LastContact(world, otherCfo));
    }
}
