using AccountPlanXrm.Emulator.Tests.Fixtures;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Emulator.Tests.Organization;

[TestClass]
public sealed class EmulatorApiTests
{
    [TestMethod]
    public void ServiceFactory_NullAndEmpty_AreSystemAndTheCallingUser()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var factory = emulator.GetServiceFactory();

        // Act
        var system = (WhoAmIResponse)factory.CreateOrganizationService(null).Execute(new WhoAmIRequest());
        var caller = (WhoAmIResponse)factory.CreateOrganizationService(Guid.Empty).Execute(new WhoAmIRequest());

        // Assert
        Assert.AreEqual(emulator.SystemUserId, system.UserId);
        Assert.AreEqual(emulator.CallingUserId, caller.UserId);
    }

    [TestMethod]
    public void SetUtcNow_StampsLaterWritesWithTheNewTime()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var later = new DateTime(2027, 6, 1, 12, 0, 0, DateTimeKind.Utc);

        // Act
        emulator.SetUtcNow(later);
        var id = emulator.GetService().Create(new Entity("account") { ["name"] = "A" });

        // Assert
        Assert.AreEqual(later, emulator.UtcNow);
        Assert.AreEqual(later, emulator.Peek("account", id)!["createdon"]);
    }

    [TestMethod]
    public void WithCallingUser_CreatesThatUserAsTheDefaultCaller()
    {
        // Arrange
        var userId = new Guid("33333333-0000-4000-8000-000000000001");

        // Act
        var emulator = TestEmulator.Create(b => b.WithCallingUser(userId, "Kim", "Seller"));

        // Assert
        Assert.AreEqual(userId, emulator.CallingUserId);
        Assert.AreEqual("Kim Seller", emulator.Peek("systemuser", userId)!["fullname"]);
        Assert.AreEqual(userId, ((WhoAmIResponse)emulator.GetService().Execute(new WhoAmIRequest())).UserId);
    }

    [TestMethod]
    public void WithIdSource_SuppliesRecordIds()
    {
        // Arrange
        var fixedId = new Guid("44444444-0000-4000-8000-000000000001");
        var emulator = TestEmulator.Create(b => b.WithIdSource(() => fixedId));

        // Act
        var id = emulator.GetService().Create(new Entity("account") { ["name"] = "A" });

        // Assert
        Assert.AreEqual(fixedId, id);
    }

    [TestMethod]
    public void Seed_WithoutIds_FillsTheIdsOfTheGivenEntities()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var account = new Entity("account") { ["name"] = "A" };

        // Act
        emulator.Seed(account);

        // Assert
        Assert.AreNotEqual(Guid.Empty, account.Id);
        Assert.IsNotNull(emulator.Peek("account", account.Id));
    }

    [TestMethod]
    public void ClearLogs_EmptiesLogAndTraces()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var id = service.Create(new Entity("tst_project") { ["tst_name"] = "P", ["tst_score"] = 1 });
        service.Update(new Entity("tst_project", id) { ["tst_score"] = 2 });

        // Act
        emulator.ClearLogs();

        // Assert
        Assert.AreEqual(0, emulator.ExecutionLog.Count);
        Assert.AreEqual(0, emulator.Traces.Count);
    }

    [TestMethod]
    public void ExecutionLog_MainOperations_AreLoggedAtStage30WithoutPluginType()
    {
        // Arrange
        var emulator = TestEmulator.Create();

        // Act
        var id = emulator.GetService().Create(new Entity("account") { ["name"] = "A" });

        // Assert
        var entry = emulator.ExecutionLog.Single();
        Assert.AreEqual("Create", entry.Message);
        Assert.AreEqual("account", entry.PrimaryEntity);
        Assert.AreEqual(id, entry.PrimaryEntityId);
        Assert.AreEqual(30, entry.Stage);
        Assert.AreEqual(1, entry.Depth);
        Assert.IsNull(entry.PluginType);
    }

    [TestMethod]
    public void Create_ServiceMethodAndCreateRequest_StoreAndLogTheSame()
    {
        // Arrange
        var direct = TestEmulator.Create();
        var request = TestEmulator.Create();
        Entity Row() => new("account", new Guid("11111111-0000-4000-8000-0000000000a1")) { ["name"] = "A", ["revenue"] = new Money(5m) };

        // Act
        var directId = direct.GetService().Create(Row());
        var requestId = ((Microsoft.Xrm.Sdk.Messages.CreateResponse)request.GetService().Execute(new Microsoft.Xrm.Sdk.Messages.CreateRequest { Target = Row() })).id;

        // Assert
        Assert.AreEqual(requestId, directId);
        var directRow = direct.Peek("account", directId)!;
        var requestRow = request.Peek("account", requestId)!;
        CollectionAssert.AreEquivalent(requestRow.Attributes.Keys.ToArray(), directRow.Attributes.Keys.ToArray());
        foreach (var pair in requestRow.Attributes)
        {
            Assert.AreEqual(Describe(pair.Value), Describe(directRow[pair.Key]), pair.Key);
        }

        var directEntry = direct.ExecutionLog.Single();
        var requestEntry = request.ExecutionLog.Single();
        Assert.AreEqual(requestEntry.Message, directEntry.Message);
        Assert.AreEqual(requestEntry.PrimaryEntity, directEntry.PrimaryEntity);
        Assert.AreEqual(requestEntry.PrimaryEntityId, directEntry.PrimaryEntityId);
        Assert.AreEqual(requestEntry.Stage, directEntry.Stage);
        Assert.AreEqual(requestEntry.Depth, directEntry.Depth);
    }

    private static string Describe(object value) => value switch
    {
        EntityReference r => r.LogicalName + ":" + r.Id,
        OptionSetValue o => "option:" + o.Value,
        Money m => "money:" + m.Value,
        _ => value.ToString() ?? "",
    };

    [TestMethod]
    public void CreateDefault_HasTheBaselineTablesOnly()
    {
        // Arrange / Act
        var emulator = XrmEmulator.CreateDefault();

        // Assert
        Assert.IsNotNull(emulator.Metadata.FindTable("opportunity"));
        Assert.IsNull(emulator.Metadata.FindTable("tst_project"));
        Assert.AreEqual(2, emulator.Count("systemuser"));
        Assert.AreEqual(1, emulator.Count("transactioncurrency"));
    }
}
