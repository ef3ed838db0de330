using System.ServiceModel;
using AccountPlanXrm.Emulator.Tests.Fixtures;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Emulator.Tests.Organization;

[TestClass]
public sealed class CreateRetrieveTests
{
    private static readonly Guid AccountId = new("11111111-0000-4000-8000-000000000001");

    [TestMethod]
    public void Create_WithoutId_SetsSystemColumnsOwnerAndDefaultStatus()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();

        // Act
        var id = service.Create(new Entity("account") { ["name"] = "Contoso" });
        var stored = emulator.Peek("account", id)!;

        // Assert
        Assert.AreNotEqual(Guid.Empty, id);
        Assert.AreEqual(TestEmulator.Clock, stored["createdon"]);
        Assert.AreEqual(TestEmulator.Clock, stored["modifiedon"]);
        Assert.AreEqual(emulator.CallingUserId, stored.GetAttributeValue<EntityReference>("createdby").Id);
        Assert.AreEqual(emulator.CallingUserId, stored.GetAttributeValue<EntityReference>("ownerid").Id);
        Assert.AreEqual("systemuser", stored.GetAttributeValue<EntityReference>("ownerid").LogicalName);
        Assert.AreEqual(emulator.RootBusinessUnitId, stored.GetAttributeValue<EntityReference>("owningbusinessunit").Id);
        Assert.AreEqual(0, stored.GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.AreEqual(1, stored.GetAttributeValue<OptionSetValue>("statuscode").Value);
        Assert.AreEqual(emulator.BaseCurrencyId, stored.GetAttributeValue<EntityReference>("transactioncurrencyid").Id);
    }

    [TestMethod]
    public void Create_WithClientId_KeepsTheId()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();

        // Act
        var id = service.Create(new Entity("account", AccountId) { ["name"] = "Contoso" });

        // Assert
        Assert.AreEqual(AccountId, id);
    }

    [TestMethod]
    public void Create_ExistingId_FaultsDuplicateRecord()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();
        service.Create(new Entity("account", AccountId) { ["name"] = "Contoso" });

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Create(new Entity("account", AccountId) { ["name"] = "Again" }));

        // Assert
        Assert.AreEqual(ErrorCodes.DuplicateRecord, fault.Detail.ErrorCode);
    }

    [TestMethod]
    public void Create_UnknownColumn_FaultsQueryBuilderNoAttribute()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Create(new Entity("account") { ["nosuchcolumn"] = "x" }));

        // Assert
        Assert.AreEqual(ErrorCodes.QueryBuilderNoAttribute, fault.Detail.ErrorCode);
        StringAssert.Contains(fault.Detail.Message, "'account' entity doesn't contain attribute with Name = 'nosuchcolumn'");
    }

    [TestMethod]
    public void Create_UnknownTable_FaultsQueryBuilderNoEntity()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Create(new Entity("nosuchtable") { ["name"] = "x" }));

        // Assert
        Assert.AreEqual(ErrorCodes.QueryBuilderNoEntity, fault.Detail.ErrorCode);
    }

    [TestMethod]
    public void Create_WrongValueType_FaultsInvalidArgument()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Create(new Entity("account") { ["numberofemployees"] = "many" }));

        // Assert
        Assert.AreEqual(ErrorCodes.InvalidArgument, fault.Detail.ErrorCode);
        StringAssert.Contains(fault.Detail.Message, "System.String");
    }

    [TestMethod]
    public void Create_StringLongerThanMaxLength_FaultsWithPlatformWording()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Create(new Entity("tst_project") { ["tst_name"] = new string('x', 101) }));

        // Assert
        Assert.AreEqual(ErrorCodes.StringLengthTooLong, fault.Detail.ErrorCode);
        Assert.AreEqual("A validation error occurred. The length of the 'tst_name' attribute of the 'tst_project' entity exceeded the maximum allowed length of '100'.", fault.Detail.Message);
    }

    [TestMethod]
    public void Create_ChoiceValueNotInOptionSet_FaultsOutsideValidRange()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Create(new Entity("tst_project") { ["tst_name"] = "P", ["tst_priority"] = new OptionSetValue(5) }));

        // Assert
        Assert.AreEqual(ErrorCodes.InvalidOptionSetValue, fault.Detail.ErrorCode);
        Assert.AreEqual("A validation error occurred. The value 5 of 'tst_priority' on record of type 'tst_project' is outside the valid range. Accepted Values: 100000000,100000001", fault.Detail.Message);
    }

    [TestMethod]
    public void Create_WholeNumberOutsideRange_Faults()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Create(new Entity("tst_project") { ["tst_name"] = "P", ["tst_score"] = 101 }));

        // Assert
        StringAssert.Contains(fault.Detail.Message, "is outside the valid range");
    }

    [TestMethod]
    public void Create_LookupToMissingRow_FaultsObjectDoesNotExist()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() =>
            service.Create(new Entity("contact") { ["lastname"] = "Doe", ["parentcustomerid"] = new EntityReference("account", AccountId) }));

        // Assert
        Assert.AreEqual(ErrorCodes.ObjectDoesNotExist, fault.Detail.ErrorCode);
        Assert.AreEqual($"Entity 'account' With Id = {AccountId} Does Not Exist", fault.Detail.Message);
    }

    [TestMethod]
    public void Create_LookupToTableOutsideTargets_Faults()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var contact = service.Create(new Entity("contact") { ["lastname"] = "Doe" });

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() =>
            service.Create(new Entity("opportunity") { ["name"] = "Deal", ["parentaccountid"] = new EntityReference("contact", contact) }));

        // Assert
        Assert.AreEqual(ErrorCodes.InvalidArgument, fault.Detail.ErrorCode);
    }

    [TestMethod]
    public void Create_MoneyInForeignCurrency_SetsExchangeRateAndBaseAmount()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetSystemService();
        var euro = service.Create(new Entity("transactioncurrency") { ["currencyname"] = "Euro", ["isocurrencycode"] = "EUR", ["currencysymbol"] = "€", ["exchangerate"] = 0.8m, ["currencyprecision"] = 2 });

        // Act
        var id = service.Create(new Entity("tst_project") { ["tst_name"] = "P", ["tst_budget"] = new Money(1000m), ["transactioncurrencyid"] = new EntityReference("transactioncurrency", euro) });
        var retrieved = service.Retrieve("tst_project", id, new ColumnSet("tst_budget", "tst_budget_base", "exchangerate"));

        // Assert
        Assert.AreEqual(0.8m, retrieved["exchangerate"]);
        Assert.AreEqual(1250m, retrieved.GetAttributeValue<Money>("tst_budget_base").Value);
        Assert.AreEqual("€1,000.00", retrieved.FormattedValues["tst_budget"]);
    }

    [TestMethod]
    public void RetrieveAndRetrieveMultiple_SameRow_GiveTheSameFormattedValues()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();
        var account = service.Create(new Entity("account") { ["name"] = "Contoso" });
        var id = service.Create(new Entity("tst_project")
        {
            ["tst_name"] = "Rollout",
            ["tst_accountid"] = new EntityReference("account", account),
            ["tst_priority"] = new OptionSetValue(100000001),
            ["tst_reviewedon"] = new DateTime(2026, 3, 4, 14, 5, 0, DateTimeKind.Utc),
            ["tst_budget"] = new Money(-1234567.5m),
        });

        // Act
        var retrieved = service.Retrieve("tst_project", id, new ColumnSet(true));
        var listed = service.RetrieveMultiple(new QueryExpression("tst_project") { ColumnSet = new ColumnSet(true) }).Entities.Single();

        // Assert
        Assert.AreEqual("-1,234,567.50", retrieved.FormattedValues["tst_budget"].TrimStart('$', '€'));
        CollectionAssert.AreEquivalent(retrieved.FormattedValues.ToList(), listed.FormattedValues.ToList());
    }

    [TestMethod]
    public void Create_TwoOptionColumnNotGiven_GetsItsDefaultValue()
    {
        // Arrange
        var emulator = TestEmulator.Create();

        // Act
        var id = emulator.GetService().Create(new Entity("tst_project") { ["tst_name"] = "P" });

        // Assert
        Assert.IsTrue(emulator.Peek("tst_project", id)!.GetAttributeValue<bool>("tst_isactive"));
    }

    [TestMethod]
    public void Create_StatusReasonOfAnotherState_FaultsNotAValidStatusCode()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() =>
            service.Create(new Entity("tst_project") { ["tst_name"] = "P", ["statecode"] = new OptionSetValue(0), ["statuscode"] = new OptionSetValue(2) }));

        // Assert
        Assert.AreEqual(ErrorCodes.InvalidStateCodeStatusCode, fault.Detail.ErrorCode);
        StringAssert.StartsWith(fault.Detail.Message, "2 is not a valid status code for state code tst_ProjectState.Active");
    }

    [TestMethod]
    public void Create_DateOnlyColumn_StoresMidnight()
    {
        // Arrange
        var emulator = TestEmulator.Create();

        // Act
        var id = emulator.GetService().Create(new Entity("tst_project") { ["tst_name"] = "P", ["tst_startdate"] = new DateTime(2026, 4, 1, 15, 30, 0, DateTimeKind.Utc) });

        // Assert
        Assert.AreEqual(new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), emulator.Peek("tst_project", id)!["tst_startdate"]);
    }

    [TestMethod]
    public void Create_CallerEntity_IsNotModified()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();
        var account = new Entity("account") { ["name"] = "Contoso" };

        // Act
        service.Create(account);

        // Assert
        Assert.AreEqual(Guid.Empty, account.Id);
        Assert.AreEqual(1, account.Attributes.Count);
    }

    [TestMethod]
    public void Retrieve_EmptyColumnSet_ReturnsOnlyTheId()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();
        var id = service.Create(new Entity("account") { ["name"] = "Contoso", ["revenue"] = new Money(5m) });

        // Act
        var entity = service.Retrieve("account", id, new ColumnSet());

        // Assert
        Assert.AreEqual(id, entity.Id);
        CollectionAssert.AreEquivalent(new[] { "accountid" }, entity.Attributes.Keys.ToArray());
    }

    [TestMethod]
    public void Retrieve_NullColumn_IsAbsentFromAttributes()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();
        var id = service.Create(new Entity("account") { ["name"] = "Contoso", ["telephone1"] = null });

        // Act
        var entity = service.Retrieve("account", id, new ColumnSet("name", "telephone1"));

        // Assert
        Assert.IsFalse(entity.Contains("telephone1"));
        Assert.ThrowsExactly<KeyNotFoundException>(() => _ = entity["telephone1"]);
    }

    [TestMethod]
    public void Retrieve_Lookup_CarriesNameAndFormattedValues()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();
        var account = service.Create(new Entity("account") { ["name"] = "Contoso" });
        var id = service.Create(new Entity("tst_project")
        {
            ["tst_name"] = "Rollout",
            ["tst_accountid"] = new EntityReference("account", account),
            ["tst_priority"] = new OptionSetValue(100000001),
            ["tst_reviewedon"] = new DateTime(2026, 3, 4, 14, 5, 0, DateTimeKind.Utc),
        });

        // Act
        var entity = service.Retrieve("tst_project", id, new ColumnSet(true));

        // Assert
        Assert.AreEqual("Contoso", entity.GetAttributeValue<EntityReference>("tst_accountid").Name);
        Assert.AreEqual("Contoso", entity.FormattedValues["tst_accountid"]);
        Assert.AreEqual("High", entity.FormattedValues["tst_priority"]);
        Assert.AreEqual("Active", entity.FormattedValues["statecode"]);
        Assert.AreEqual("Draft", entity.FormattedValues["statuscode"]);
        Assert.AreEqual("Yes", entity.FormattedValues["tst_isactive"]);
        Assert.AreEqual("3/4/2026 2:05 PM", entity.FormattedValues["tst_reviewedon"]);
    }

    [TestMethod]
    public void Retrieve_MissingRecord_FaultsObjectDoesNotExist()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Retrieve("account", AccountId, new ColumnSet(true)));

        // Assert
        Assert.AreEqual(-2147220969, fault.Detail.ErrorCode);
        Assert.AreEqual($"Entity 'account' With Id = {AccountId} Does Not Exist", fault.Detail.Message);
    }

    [TestMethod]
    public void Retrieve_UnknownColumnInColumnSet_FaultsQueryBuilderNoAttribute()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();
        var id = service.Create(new Entity("account") { ["name"] = "Contoso" });

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Retrieve("account", id, new ColumnSet("nosuchcolumn")));

        // Assert
        Assert.AreEqual(ErrorCodes.QueryBuilderNoAttribute, fault.Detail.ErrorCode);
    }

    [TestMethod]
    public void Create_ContactFirstAndLastName_ComposesFullName()
    {
        // Arrange
        var emulator = TestEmulator.Create();

        // Act
        var id = emulator.GetService().Create(new Entity("contact") { ["firstname"] = "Jane", ["lastname"] = "Doe" });

        // Assert
        Assert.AreEqual("Jane Doe", emulator.Peek("contact", id)!["fullname"]);
    }

    [TestMethod]
    public void DefaultIds_TwoEmulators_ProduceTheSameSequence()
    {
        // Arrange
        var first = TestEmulator.Create().GetService();
        var second = TestEmulator.Create().GetService();

        // Act
        var a = first.Create(new Entity("account") { ["name"] = "A" });
        var b = second.Create(new Entity("account") { ["name"] = "A" });

        // Assert
        Assert.AreEqual(a, b);
    }
}
