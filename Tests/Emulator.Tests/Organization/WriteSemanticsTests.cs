using System.ServiceModel;
using AccountPlanXrm.Emulator.Pipeline;
using AccountPlanXrm.Emulator.Tests.Fixtures;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace AccountPlanXrm.Emulator.Tests.Organization;

[TestClass]
public sealed class WriteSemanticsTests
{
    private static readonly Guid AccountId = new("11111111-0000-4000-8000-000000000001");

    [TestMethod]
    public void Upsert_ById_CreatesWithThatIdThenUpdates()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();

        // Act
        var created = (UpsertResponse)service.Execute(new UpsertRequest { Target = new Entity("account", AccountId) { ["name"] = "A" } });
        var updated = (UpsertResponse)service.Execute(new UpsertRequest { Target = new Entity("account", AccountId) { ["name"] = "B" } });

        // Assert
        Assert.IsTrue(created.RecordCreated);
        Assert.AreEqual(new EntityReference("account", AccountId), created.Target);
        Assert.IsFalse(updated.RecordCreated);
        Assert.AreEqual(AccountId, updated.Target.Id);
        Assert.AreEqual("B", emulator.Peek("account", AccountId)!["name"]);
    }

    [TestMethod]
    public void UpdateAndDelete_MissingRow_FaultWithThePlatformMessage()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();

        // Act
        var update = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Update(new Entity("account", AccountId) { ["name"] = "A" }));
        var delete = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Delete("account", AccountId));

        // Assert
        Assert.AreEqual(ErrorCodes.ObjectDoesNotExist, update.Detail.ErrorCode);
        Assert.AreEqual($"Entity 'account' With Id = {AccountId} Does Not Exist", update.Detail.Message);
        Assert.AreEqual($"Entity 'account' With Id = {AccountId} Does Not Exist", delete.Detail.Message);
    }

    [TestMethod]
    public void Update_WithoutColumns_StillStampsModifiedOnAndVersion()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var id = service.Create(new Entity("account") { ["name"] = "A" });
        var before = (long)emulator.Peek("account", id)!["versionnumber"];
        emulator.AdvanceTime(TimeSpan.FromHours(1));

        // Act
        service.Update(new Entity("account", id));

        // Assert
        var row = emulator.Peek("account", id)!;
        Assert.IsTrue((long)row["versionnumber"] > before);
        Assert.AreEqual(TestEmulator.Clock.AddHours(1), row["modifiedon"]);
    }

    [TestMethod]
    public void SetState_StatusMinusOne_SetsTheStatesDefaultStatus()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var id = service.Create(new Entity("account") { ["name"] = "A" });

        // Act
        service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("account", id), State = new OptionSetValue(1), Status = new OptionSetValue(-1) });

        // Assert
        var row = emulator.Peek("account", id)!;
        Assert.AreEqual(1, ((OptionSetValue)row["statecode"]).Value);
        Assert.AreEqual(2, ((OptionSetValue)row["statuscode"]).Value);
    }

    [TestMethod]
    public void SetState_StatusOfAnotherState_FaultsInvalidStatusCode()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();
        var id = service.Create(new Entity("account") { ["name"] = "A" });

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() =>
            service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("account", id), State = new OptionSetValue(0), Status = new OptionSetValue(2) }));

        // Assert
        Assert.AreEqual(ErrorCodes.InvalidStateCodeStatusCode, fault.Detail.ErrorCode);
    }

    [TestMethod]
    public void AssociateThenDisassociate_OneToMany_SetsAndClearsTheChildLookup()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var project = service.Create(new Entity("tst_project") { ["tst_name"] = "P" });
        var task = service.Create(new Entity("tst_task") { ["tst_name"] = "T" });
        var relationship = new Relationship("tst_project_tst_task");

        // Act
        service.Associate("tst_project", project, relationship, [new EntityReference("tst_task", task)]);
        var linked = emulator.Peek("tst_task", task)!.GetAttributeValue<EntityReference>("tst_projectid");
        service.Disassociate("tst_project", project, relationship, [new EntityReference("tst_task", task)]);

        // Assert
        Assert.AreEqual(project, linked.Id);
        Assert.IsFalse(emulator.Peek("tst_task", task)!.Contains("tst_projectid"));
    }

    [TestMethod]
    public void Associate_MissingRelatedRow_FaultsObjectDoesNotExist()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();
        var project = service.Create(new Entity("tst_project") { ["tst_name"] = "P" });

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() =>
            service.Associate("tst_project", project, new Relationship("tst_project_contact"), [new EntityReference("contact", AccountId)]));

        // Assert
        Assert.AreEqual(ErrorCodes.ObjectDoesNotExist, fault.Detail.ErrorCode);
    }

    [TestMethod]
    public void PostOperationStep_ChangingTheTarget_DoesNotChangeTheStoredRow()
    {
        // Arrange
        var emulator = TestEmulator.Create(b => b.WithStep(new StepRegistration(typeof(DefaultNotesPlugin), "Update", "tst_project", PipelineStage.PostOperation) { UnsecureConfiguration = "late" }));
        var service = emulator.GetService();
        var id = service.Create(new Entity("tst_project") { ["tst_name"] = "P", ["tst_notes"] = "original" });

        // Act
        service.Update(new Entity("tst_project", id) { ["tst_score"] = 3 });

        // Assert
        Assert.AreEqual("original", emulator.Peek("tst_project", id)!["tst_notes"]);
        Assert.AreEqual(3, emulator.Peek("tst_project", id)!["tst_score"]);
    }
}
