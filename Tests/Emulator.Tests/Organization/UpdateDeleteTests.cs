using System.ServiceModel;
using AccountPlanXrm.Emulator.Tests.Fixtures;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Emulator.Tests.Organization;

[TestClass]
public sealed class UpdateDeleteTests
{
    [TestMethod]
    public void Update_Partial_KeepsOtherColumnsAndStampsModifiedOn()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var id = service.Create(new Entity("account") { ["name"] = "Contoso", ["telephone1"] = "555" });
        emulator.AdvanceTime(TimeSpan.FromHours(2));

        // Act
        service.Update(new Entity("account", id) { ["name"] = "Contoso Ltd" });
        var stored = emulator.Peek("account", id)!;

        // Assert
        Assert.AreEqual("Contoso Ltd", stored["name"]);
        Assert.AreEqual("555", stored["telephone1"]);
        Assert.AreEqual(TestEmulator.Clock, stored["createdon"]);
        Assert.AreEqual(TestEmulator.Clock.AddHours(2), stored["modifiedon"]);
    }

    [TestMethod]
    public void Update_NullValue_RemovesTheColumn()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var id = service.Create(new Entity("account") { ["name"] = "Contoso", ["telephone1"] = "555" });

        // Act
        service.Update(new Entity("account", id) { ["telephone1"] = null });

        // Assert
        Assert.IsFalse(emulator.Peek("account", id)!.Contains("telephone1"));
    }

    [TestMethod]
    public void Update_MissingRecord_FaultsObjectDoesNotExist()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();
        var id = new Guid("22222222-0000-4000-8000-000000000001");

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Update(new Entity("account", id) { ["name"] = "x" }));

        // Assert
        Assert.AreEqual(ErrorCodes.ObjectDoesNotExist, fault.Detail.ErrorCode);
    }

    [TestMethod]
    public void Update_WithoutId_FaultsEntityIdMustBeSpecified()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Update(new Entity("account") { ["name"] = "x" }));

        // Assert
        Assert.AreEqual("Entity Id must be specified for Update", fault.Detail.Message);
    }

    [TestMethod]
    public void Update_SystemRequiredColumnToNull_FaultsCannotBeSetToNull()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();
        var id = service.Create(new Entity("account") { ["name"] = "Contoso" });

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Update(new Entity("account", id) { ["ownerid"] = null }));

        // Assert
        Assert.AreEqual(ErrorCodes.InvalidArgument, fault.Detail.ErrorCode);
        Assert.AreEqual("Attribute: ownerid cannot be set to NULL", fault.Detail.Message);
    }

    [TestMethod]
    public void Update_StatecodeOnly_SetsTheDefaultStatusOfTheState()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var id = service.Create(new Entity("tst_project") { ["tst_name"] = "P", ["statuscode"] = new OptionSetValue(100000000) });

        // Act
        service.Update(new Entity("tst_project", id) { ["statecode"] = new OptionSetValue(1) });

        // Assert
        var stored = emulator.Peek("tst_project", id)!;
        Assert.AreEqual(1, stored.GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.AreEqual(2, stored.GetAttributeValue<OptionSetValue>("statuscode").Value);
    }

    [TestMethod]
    public void Update_StatuscodeOfAnotherState_Faults()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();
        var id = service.Create(new Entity("tst_project") { ["tst_name"] = "P" });

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Update(new Entity("tst_project", id) { ["statuscode"] = new OptionSetValue(100000001) }));

        // Assert
        Assert.AreEqual(ErrorCodes.InvalidStateCodeStatusCode, fault.Detail.ErrorCode);
    }

    [TestMethod]
    public void Update_Owner_MovesOwningUserAndBusinessUnit()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var seller = emulator.CreateUser("Sam", "Seller");
        var id = service.Create(new Entity("account") { ["name"] = "Contoso" });

        // Act
        service.Execute(new OrganizationRequest("Assign") { ["Target"] = new EntityReference("account", id), ["Assignee"] = new EntityReference("systemuser", seller) });

        // Assert
        var stored = emulator.Peek("account", id)!;
        Assert.AreEqual(seller, stored.GetAttributeValue<EntityReference>("ownerid").Id);
        Assert.AreEqual(seller, stored.GetAttributeValue<EntityReference>("owninguser").Id);
        Assert.AreEqual(emulator.RootBusinessUnitId, stored.GetAttributeValue<EntityReference>("owningbusinessunit").Id);
    }

    [TestMethod]
    public void Delete_MissingRecord_FaultsObjectDoesNotExist()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Delete("account", new Guid("22222222-0000-4000-8000-000000000002")));

        // Assert
        Assert.AreEqual(ErrorCodes.ObjectDoesNotExist, fault.Detail.ErrorCode);
    }

    [TestMethod]
    public void Delete_ParentOfRestrictRelationship_FaultsAndKeepsBoth()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var account = service.Create(new Entity("account") { ["name"] = "Contoso" });
        var project = service.Create(new Entity("tst_project") { ["tst_name"] = "P", ["tst_accountid"] = new EntityReference("account", account) });

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Delete("account", account));

        // Assert
        Assert.AreEqual(ErrorCodes.CannotDeleteDueToAssociation, fault.Detail.ErrorCode);
        Assert.AreEqual("The object you tried to delete is associated with another object and cannot be deleted.", fault.Detail.Message);
        Assert.IsNotNull(emulator.Peek("account", account));
        Assert.IsNotNull(emulator.Peek("tst_project", project));
    }

    [TestMethod]
    public void Delete_ParentOfParentalRelationship_DeletesTheChildren()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var project = service.Create(new Entity("tst_project") { ["tst_name"] = "P" });
        var task1 = service.Create(new Entity("tst_task") { ["tst_name"] = "T1", ["tst_projectid"] = new EntityReference("tst_project", project) });
        var task2 = service.Create(new Entity("tst_task") { ["tst_name"] = "T2", ["tst_projectid"] = new EntityReference("tst_project", project) });

        // Act
        service.Delete("tst_project", project);

        // Assert
        Assert.IsNull(emulator.Peek("tst_project", project));
        Assert.IsNull(emulator.Peek("tst_task", task1));
        Assert.IsNull(emulator.Peek("tst_task", task2));
        Assert.IsTrue(emulator.ExecutionLog.Any(e => e.Message == "Delete" && e.PrimaryEntity == "tst_task" && e.PrimaryEntityId == task1));
    }

    [TestMethod]
    public void Delete_ParentOfRemoveLinkRelationship_ClearsTheChildLookup()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var contact = service.Create(new Entity("contact") { ["lastname"] = "Doe" });
        var account = service.Create(new Entity("account") { ["name"] = "Contoso", ["primarycontactid"] = new EntityReference("contact", contact) });

        // Act
        service.Delete("contact", contact);

        // Assert
        Assert.IsFalse(emulator.Peek("account", account)!.Contains("primarycontactid"));
    }

    [TestMethod]
    public void UpdateParentAccount_ToItselfOrARowBelowIt_FaultsAccountLoopBeingCreatedAndNothingWritten()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var group = service.Create(new Entity("account") { ["name"] = "Group" });
        var company = service.Create(new Entity("account") { ["name"] = "Company", ["parentaccountid"] = new EntityReference("account", group) });
        var branch = service.Create(new Entity("account") { ["name"] = "Branch", ["parentaccountid"] = new EntityReference("account", company) });

        // Act
        var loop = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Update(new Entity("account", group) { ["parentaccountid"] = new EntityReference("account", branch) }));
        var self = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Update(new Entity("account", company) { ["parentaccountid"] = new EntityReference("account", company) }));
        service.Update(new Entity("account", branch) { ["parentaccountid"] = new EntityReference("account", group) });

        // Assert
        Assert.AreEqual(ErrorCodes.AccountLoopBeingCreated, loop.Detail.ErrorCode);
        Assert.AreEqual("Creating this parental association would create a loop in Accounts hierarchy.", loop.Detail.Message);
        Assert.AreEqual(ErrorCodes.AccountLoopBeingCreated, self.Detail.ErrorCode);
        Assert.IsFalse(emulator.Peek("account", group)!.Contains("parentaccountid"));
        Assert.AreEqual(group, emulator.Peek("account", company)!.GetAttributeValue<EntityReference>("parentaccountid").Id);
        Assert.AreEqual(3, emulator.Count("account"));
    }

    [TestMethod]
    public void Delete_FailingCascade_UndoesTheWholeDelete()
    {
        // Arrange
        var emulator = TestEmulator.Create(b => b.WithStep(new AccountPlanXrm.Emulator.Pipeline.StepRegistration(typeof(ThrowingPlugin), "Delete", "tst_task", AccountPlanXrm.Emulator.Pipeline.PipelineStage.PreOperation)));
        var service = emulator.GetService();
        var project = service.Create(new Entity("tst_project") { ["tst_name"] = "P" });
        var task = service.Create(new Entity("tst_task") { ["tst_name"] = "T1", ["tst_projectid"] = new EntityReference("tst_project", project) });

        // Act
        Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Delete("tst_project", project));

        // Assert
        Assert.IsNotNull(emulator.Peek("tst_project", project));
        Assert.IsNotNull(emulator.Peek("tst_task", task));
    }

    [TestMethod]
    public void Upsert_AlternateKey_CreatesThenUpdates()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var first = new Entity("tst_project", "tst_name", "Rollout") { ["tst_score"] = 10 };
        var second = new Entity("tst_project", "tst_name", "Rollout") { ["tst_score"] = 20 };

        // Act
        var created = (UpsertResponse)service.Execute(new UpsertRequest { Target = first });
        var updated = (UpsertResponse)service.Execute(new UpsertRequest { Target = second });

        // Assert
        Assert.IsTrue(created.RecordCreated);
        Assert.IsFalse(updated.RecordCreated);
        Assert.AreEqual(created.Target.Id, updated.Target.Id);
        Assert.AreEqual(20, emulator.Peek("tst_project", created.Target.Id)!["tst_score"]);
        Assert.AreEqual("Rollout", emulator.Peek("tst_project", created.Target.Id)!["tst_name"]);
        Assert.AreEqual(1, emulator.Count("tst_project"));
    }

    [TestMethod]
    public void Update_AlternateKeyWithoutMatch_FaultsRecordNotFoundByEntityKey()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Update(new Entity("tst_project", "tst_name", "Nope") { ["tst_score"] = 1 }));

        // Assert
        Assert.AreEqual(ErrorCodes.RecordNotFoundByEntityKey, fault.Detail.ErrorCode);
        Assert.AreEqual("A record with the specified key values does not exist in tst_project entity", fault.Detail.Message);
    }

    [TestMethod]
    public void Create_DuplicateAlternateKey_FaultsDuplicateRecordEntityKey()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();
        service.Create(new Entity("tst_project") { ["tst_name"] = "Rollout" });

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Create(new Entity("tst_project") { ["tst_name"] = "Rollout" }));

        // Assert
        Assert.AreEqual(ErrorCodes.DuplicateRecordEntityKey, fault.Detail.ErrorCode);
    }

    [TestMethod]
    public void Retrieve_ByAlternateKey_FindsTheRow()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();
        var id = service.Create(new Entity("tst_project") { ["tst_name"] = "Rollout" });

        // Act
        var response = (RetrieveResponse)service.Execute(new RetrieveRequest { Target = new EntityReference("tst_project", "tst_name", "Rollout"), ColumnSet = new ColumnSet("tst_name") });

        // Assert
        Assert.AreEqual(id, response.Entity.Id);
    }
}
