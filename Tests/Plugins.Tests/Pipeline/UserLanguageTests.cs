using AccountPlanXrm.Plugins.Model;
using AccountPlanXrm.Plugins.Resources;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Plugins.Tests.Pipeline;

/// <summary>
/// User-facing messages in the calling user's UI language, end to end: the plug-ins read usersettings.uilanguageid
/// (the emulator's baseline table, keyed by systemuserid as on the platform) as SYSTEM; 1031 is German, anything else
/// or no row is English.
/// </summary>
[TestClass]
public sealed class UserLanguageTests
{
    private static readonly Guid CommitteeId = new("7ea00000-0000-4000-8000-000000000002");
    private static readonly Guid OutsiderId = new("0a0a0a0a-0000-4000-8000-0000000000dd");

    private static void SetLanguage(PlanWorld world, Guid userId, int languageId) =>
        world.Emulator.Seed(new Entity(UserSettings.EntityName, userId)
        {
            [UserSettings.SystemUserId] = userId,
            ["businessunitid"] = new EntityReference("businessunit", world.Emulator.RootBusinessUnitId),
            [UserSettings.UiLanguageId] = languageId,
        });

    [TestMethod]
    public void Baseline_UserSettings_KeyedBySystemUserId()
    {
        // Arrange
        var world = new PlanWorld();

        // Act
        var table = world.Emulator.Metadata.FindTable(UserSettings.EntityName);

        // Assert
        Assert.IsNotNull(table);
        Assert.AreEqual(UserSettings.SystemUserId, table.PrimaryIdAttribute);
        Assert.IsNotNull(table.FindColumn(UserSettings.UiLanguageId));
    }

    [TestMethod]
    public void ActivatePlan_GermanUserIncompletePlan_GetsGermanGateMessage()
    {
        // Arrange
        var world = new PlanWorld();
        SetLanguage(world, PlanWorld.UserId, UserLanguage.German);
        var id = world.CreatePlan();

        // Act
        var message = FaultAssert.Message(() => world.SetPlanStatus(id, Plan.StateActive, Plan.StatusActive));

        // Assert
        StringAssert.StartsWith(message,
            "Der Plan kann nicht in den Status Aktiv wechseln, solange Pflichtabschnitte unvollständig sind. Es fehlt:\nKundenanalyse: Geschäftsmodell, Produkte und Leistungen\n");
        StringAssert.Contains(message, "Management-Zusammenfassung: Management-Zusammenfassung");
        StringAssert.Contains(message, "Operative Maßnahmen: mindestens 1 Maßnahme(n) (0 vorhanden)");
        Assert.AreEqual(Plan.StatusDraft, world.GetPlan(id).GetAttributeValue<OptionSetValue>(Plan.StatusCode).Value);
    }

    [TestMethod]
    public void ActivatePlan_GermanUser_StoredMissingItemsStayEnglish()
    {
        // Arrange
        var world = new PlanWorld();
        SetLanguage(world, PlanWorld.UserId, UserLanguage.German);

        // Act
        var id = world.CreatePlan();

        // Assert
        StringAssert.StartsWith(world.GetPlan(id).GetAttributeValue<string>(Plan.MissingItems), "Customer analysis: Business model, Products and services");
    }

    [TestMethod]
    [DataRow(UserLanguage.English)]
    [DataRow(1036)]
    public void ActivatePlan_NonGermanUserIncompletePlan_GetsEnglishGateMessage(int languageId)
    {
        // Arrange
        var world = new PlanWorld();
        SetLanguage(world, PlanWorld.UserId, languageId);
        var id = world.CreatePlan();

        // Act
        var message = FaultAssert.Message(() => world.SetPlanStatus(id, Plan.StateActive, Plan.StatusActive));

        // Assert
        StringAssert.StartsWith(message,
            "The plan cannot move to Active while required sections are incomplete. Missing:\nCustomer analysis: Business model, Products and services\n");
    }

    [TestMethod]
    public void ActivatePlan_UserWithoutSettingsRow_GetsEnglishGateMessage()
    {
        // Arrange
        var world = new PlanWorld();
        var id = world.CreatePlan();

        // Act
        var message = FaultAssert.Message(() => world.SetPlanStatus(id, Plan.StateActive, Plan.StatusInReview));

        // Assert
        StringAssert.StartsWith(message, "The plan cannot move to In review while required sections are incomplete.");
    }

    [TestMethod]
    public void ActivatePlan_OtherUserIsGerman_CallerGetsOwnLanguage()
    {
        // Arrange
        var world = new PlanWorld();
        world.Emulator.CreateUser("Otto", "Outsider", OutsiderId);
        SetLanguage(world, OutsiderId, UserLanguage.German);
        SetLanguage(world, PlanWorld.UserId, UserLanguage.English);
        var id = world.CreatePlan();

        // Act
        var message = FaultAssert.Message(() => world.SetPlanStatus(id, Plan.StateActive, Plan.StatusActive));

        // Assert
        StringAssert.StartsWith(message, "The plan cannot move to Active");
    }

    [TestMethod]
    public void DecideDecision_GermanNonMember_GetsGermanRefusalAndStaysProposed()
    {
        // Arrange
        var world = new PlanWorld();
        world.Emulator.CreateUser("Otto", "Outsider", OutsiderId);
        SetLanguage(world, OutsiderId, UserLanguage.German);
        world.Emulator.Seed(new Entity("team", CommitteeId) { ["name"] = "Steering committee", ["businessunitid"] = new EntityReference("businessunit", world.Emulator.RootBusinessUnitId) });
        var plan = world.CreatePlan();
        world.Service.Update(new Entity(Plan.EntityName, plan) { [Plan.SteeringCommitteeId] = new EntityReference("team", CommitteeId) });
        var decision = world.Service.Create(new Entity(Decision.EntityName)
        {
            [Decision.Name] = "Budget for roadshow", [Decision.PlanId] = new EntityReference(Plan.EntityName, plan),
            ["apx_decisiontype"] = new OptionSetValue(726000000),
        });

        // Act
        var message = FaultAssert.Message(() => world.Emulator.GetService(OutsiderId).Update(new Entity(Decision.EntityName, decision)
        {
            [Decision.StateCode] = new OptionSetValue(1), [Decision.StatusCode] = new OptionSetValue(Decision.StatusApproved),
        }));

        // Assert
        Assert.AreEqual("Nur Mitglieder des Lenkungsausschusses des Plans \"Contoso 2027\" dürfen dessen Entscheidungen genehmigen oder ablehnen.", message);
        Assert.AreEqual(Decision.StatusProposed, world.Emulator.Peek(Decision.EntityName, decision)!.GetAttributeValue<OptionSetValue>(Decision.StatusCode).Value);
    }

    [TestMethod]
    public void StartMeasure_GermanUserOverThreshold_GetsGermanAmountsAndMessage()
    {
        // Arrange
        var world = new PlanWorld();
        SetLanguage(world, PlanWorld.UserId, UserLanguage.German);
        var plan = world.CreatePlan();
        world.Service.Update(new Entity(Plan.EntityName, plan) { [Plan.DecisionThreshold] = new Money(10_000m) });
        var measure = world.AddMeasure(plan, "Roadshow", 20_000m);

        // Act
        var message = FaultAssert.Message(() => world.Service.Update(new Entity(Measure.EntityName, measure)
        {
            [Measure.StatusCode] = new OptionSetValue(Measure.StatusInProgress),
        }));

        // Assert
        Assert.AreEqual(
            "Die Maßnahme \"Roadshow\" braucht eine genehmigte Entscheidung, bevor sie in Bearbeitung gehen kann: ihr Budget 20.000,00 USD liegt über der Entscheidungsschwelle 10.000,00 USD des Plans.",
            message);
    }
}
