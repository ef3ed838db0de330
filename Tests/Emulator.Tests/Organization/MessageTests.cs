using System.ServiceModel;
using AccountPlanXrm.Emulator.Tests.Fixtures;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Emulator.Tests.Organization;

[TestClass]
public sealed class MessageTests
{
    [TestMethod]
    public void Associate_ManyToMany_AddsIntersectRowQueryableThroughTheLink()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var project = service.Create(new Entity("tst_project") { ["tst_name"] = "P" });
        var contact = service.Create(new Entity("contact") { ["lastname"] = "Doe" });

        // Act
        service.Associate("tst_project", project, new Relationship("tst_project_contact"), [new EntityReference("contact", contact)]);
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname") };
        var link = query.AddLink("tst_project_contact", "contactid", "contactid");
        link.LinkCriteria.AddCondition("tst_projectid", ConditionOperator.Equal, project);
        var found = service.RetrieveMultiple(query);

        // Assert
        Assert.AreEqual(1, emulator.Count("tst_project_contact"));
        Assert.AreEqual(1, found.Entities.Count);
        Assert.AreEqual(contact, found.Entities[0].Id);
    }

    [TestMethod]
    public void Associate_SamePairTwice_FaultsDuplicateRecord()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();
        var project = service.Create(new Entity("tst_project") { ["tst_name"] = "P" });
        var contact = service.Create(new Entity("contact") { ["lastname"] = "Doe" });
        service.Associate("tst_project", project, new Relationship("tst_project_contact"), [new EntityReference("contact", contact)]);

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() =>
            service.Associate("contact", contact, new Relationship("tst_project_contact"), [new EntityReference("tst_project", project)]));

        // Assert
        Assert.AreEqual(ErrorCodes.DuplicateRecord, fault.Detail.ErrorCode);
    }

    [TestMethod]
    public void Disassociate_ManyToMany_RemovesTheIntersectRow()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var project = service.Create(new Entity("tst_project") { ["tst_name"] = "P" });
        var contact = service.Create(new Entity("contact") { ["lastname"] = "Doe" });
        service.Associate("tst_project", project, new Relationship("tst_project_contact"), [new EntityReference("contact", contact)]);

        // Act
        service.Disassociate("tst_project", project, new Relationship("tst_project_contact"), [new EntityReference("contact", contact)]);

        // Assert
        Assert.AreEqual(0, emulator.Count("tst_project_contact"));
    }

    [TestMethod]
    public void Associate_OneToMany_SetsTheChildLookup()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var project = service.Create(new Entity("tst_project") { ["tst_name"] = "P" });
        var other = service.Create(new Entity("tst_project") { ["tst_name"] = "Q" });
        var task = service.Create(new Entity("tst_task") { ["tst_name"] = "T", ["tst_projectid"] = new EntityReference("tst_project", other) });

        // Act
        service.Associate("tst_project", project, new Relationship("tst_project_tst_task"), [new EntityReference("tst_task", task)]);

        // Assert
        Assert.AreEqual(project, emulator.Peek("tst_task", task)!.GetAttributeValue<EntityReference>("tst_projectid").Id);
    }

    [TestMethod]
    public void SetState_ChangesStateAndStatusThroughUpdateSteps()
    {
        // Arrange
        var key = Observed.NewKey();
        var emulator = TestEmulator.Create(b => b.WithStep(new AccountPlanXrm.Emulator.Pipeline.StepRegistration(typeof(CapturePlugin), "Update", "tst_project", AccountPlanXrm.Emulator.Pipeline.PipelineStage.PostOperation) { UnsecureConfiguration = key }));
        var service = emulator.GetService();
        var id = service.Create(new Entity("tst_project") { ["tst_name"] = "P" });

        // Act
        service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("tst_project", id), State = new OptionSetValue(1), Status = new OptionSetValue(100000001) });

        // Assert
        var stored = emulator.Peek("tst_project", id)!;
        Assert.AreEqual(1, stored.GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.AreEqual(100000001, stored.GetAttributeValue<OptionSetValue>("statuscode").Value);
        var target = (Entity)Observed.Of<Captured>(key).Single().Context.InputParameters["Target"];
        Assert.AreEqual(1, target.GetAttributeValue<OptionSetValue>("statecode").Value);
    }

    [TestMethod]
    public void WinOpportunity_ClosesAsWonWithActualValueAndCloseDate()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var account = service.Create(new Entity("account") { ["name"] = "Contoso" });
        var opportunity = service.Create(new Entity("opportunity") { ["name"] = "Deal", ["parentaccountid"] = new EntityReference("account", account), ["estimatedvalue"] = new Money(5000m) });
        var close = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference("opportunity", opportunity), ["actualrevenue"] = new Money(4500m), ["subject"] = "Won" };

        // Act
        service.Execute(new OrganizationRequest("WinOpportunity") { ["OpportunityClose"] = close, ["Status"] = new OptionSetValue(3) });

        // Assert
        var stored = emulator.Peek("opportunity", opportunity)!;
        Assert.AreEqual(1, stored.GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.AreEqual(3, stored.GetAttributeValue<OptionSetValue>("statuscode").Value);
        Assert.AreEqual(4500m, stored.GetAttributeValue<Money>("actualvalue").Value);
        Assert.AreEqual(TestEmulator.Clock.Date, stored["actualclosedate"]);
        Assert.AreEqual(1, emulator.Count("opportunityclose"));
        Assert.IsTrue(emulator.ExecutionLog.Any(e => e.Message == "Win" && e.PrimaryEntityId == opportunity));
    }

    [TestMethod]
    public void LoseOpportunity_ClosesAsLostWithTheGivenReason()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var opportunity = service.Create(new Entity("opportunity") { ["name"] = "Deal" });
        var close = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference("opportunity", opportunity), ["actualend"] = new DateTime(2026, 2, 27, 0, 0, 0, DateTimeKind.Utc) };

        // Act
        service.Execute(new OrganizationRequest("LoseOpportunity") { ["OpportunityClose"] = close, ["Status"] = new OptionSetValue(5) });

        // Assert
        var stored = emulator.Peek("opportunity", opportunity)!;
        Assert.AreEqual(2, stored.GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.AreEqual(5, stored.GetAttributeValue<OptionSetValue>("statuscode").Value);
        Assert.AreEqual(new DateTime(2026, 2, 27, 0, 0, 0, DateTimeKind.Utc), stored["actualclosedate"]);
    }

    [TestMethod]
    public void WinOpportunity_AlreadyClosed_Faults()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();
        var opportunity = service.Create(new Entity("opportunity") { ["name"] = "Deal" });
        var close = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference("opportunity", opportunity) };
        service.Execute(new OrganizationRequest("LoseOpportunity") { ["OpportunityClose"] = close, ["Status"] = new OptionSetValue(4) });

        // Act / Assert
        Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() =>
            service.Execute(new OrganizationRequest("WinOpportunity") { ["OpportunityClose"] = close, ["Status"] = new OptionSetValue(3) }));
    }

    [TestMethod]
    public void WhoAmI_ReturnsCallingUserBusinessUnitAndOrganization()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var seller = emulator.CreateUser("Sam", "Seller");

        // Act
        var response = (WhoAmIResponse)emulator.GetService(seller).Execute(new WhoAmIRequest());

        // Assert
        Assert.AreEqual(seller, response.UserId);
        Assert.AreEqual(emulator.RootBusinessUnitId, response.BusinessUnitId);
        Assert.AreEqual(emulator.OrganizationId, response.OrganizationId);
    }

    [TestMethod]
    public void UnknownMessage_FaultsWithTheMessageName()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Execute(new OrganizationRequest("NoSuchMessage")));

        // Assert
        StringAssert.Contains(fault.Detail.Message, "NoSuchMessage");
    }

    [TestMethod]
    public void ExecuteMultiple_ContinueOnError_ReturnsResponsesAndFaultsByIndex()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var request = new ExecuteMultipleRequest
        {
            Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
            Requests = new OrganizationRequestCollection
            {
                new CreateRequest { Target = new Entity("account") { ["name"] = "A" } },
                new CreateRequest { Target = new Entity("account") { ["nosuchcolumn"] = "B" } },
                new CreateRequest { Target = new Entity("account") { ["name"] = "C" } },
            },
        };

        // Act
        var response = (ExecuteMultipleResponse)service.Execute(request);

        // Assert
        Assert.IsTrue(response.IsFaulted);
        Assert.AreEqual(3, response.Responses.Count);
        Assert.AreEqual(1, response.Responses.Single(r => r.Fault != null).RequestIndex);
        Assert.AreEqual(2, emulator.Count("account"));
    }

    [TestMethod]
    public void ExecuteMultiple_StopOnErrorWithoutResponses_ReturnsOnlyTheFault()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var request = new ExecuteMultipleRequest
        {
            Settings = new ExecuteMultipleSettings { ContinueOnError = false, ReturnResponses = false },
            Requests = new OrganizationRequestCollection
            {
                new CreateRequest { Target = new Entity("account") { ["name"] = "A" } },
                new CreateRequest { Target = new Entity("account") { ["nosuchcolumn"] = "B" } },
                new CreateRequest { Target = new Entity("account") { ["name"] = "C" } },
            },
        };

        // Act
        var response = (ExecuteMultipleResponse)emulator.GetService().Execute(request);

        // Assert
        Assert.AreEqual(1, response.Responses.Count);
        Assert.AreEqual(1, response.Responses[0].RequestIndex);
        Assert.AreEqual(1, emulator.Count("account"));
    }

    [TestMethod]
    public void ExecuteMultiple_MoreThan1000Requests_FaultsBeforeExecution()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var requests = new OrganizationRequestCollection();
        for (var i = 0; i < 1001; i++)
        {
            requests.Add(new CreateRequest { Target = new Entity("account") { ["name"] = "A" } });
        }

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() =>
            emulator.GetService().Execute(new ExecuteMultipleRequest { Requests = requests, Settings = new ExecuteMultipleSettings() }));

        // Assert
        Assert.AreEqual(1000, fault.Detail.ErrorDetails["MaxBatchSize"]);
        Assert.AreEqual(0, emulator.Count("account"));
    }

    [TestMethod]
    public void ExecuteMultiple_Nested_FaultsThatItem()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var inner = new ExecuteMultipleRequest { Requests = [], Settings = new ExecuteMultipleSettings() };
        var outer = new ExecuteMultipleRequest
        {
            Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
            Requests = new OrganizationRequestCollection { inner, new CreateRequest { Target = new Entity("account") { ["name"] = "A" } } },
        };

        // Act
        var response = (ExecuteMultipleResponse)emulator.GetService().Execute(outer);

        // Assert
        Assert.IsNotNull(response.Responses.Single(r => r.RequestIndex == 0).Fault);
        Assert.AreEqual(1, emulator.Count("account"));
    }

    [TestMethod]
    public void ExecuteTransaction_FailingRequest_UndoesAllAndReportsFaultedRequestIndex()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var request = new ExecuteTransactionRequest
        {
            Requests = new OrganizationRequestCollection
            {
                new CreateRequest { Target = new Entity("account") { ["name"] = "A" } },
                new CreateRequest { Target = new Entity("account") { ["name"] = "B" } },
                new CreateRequest { Target = new Entity("account") { ["nosuchcolumn"] = "C" } },
            },
        };

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => emulator.GetService().Execute(request));

        // Assert
        Assert.IsInstanceOfType<ExecuteTransactionFault>(fault.Detail);
        Assert.AreEqual(2, ((ExecuteTransactionFault)fault.Detail).FaultedRequestIndex);
        Assert.AreEqual(ErrorCodes.QueryBuilderNoAttribute, fault.Detail.ErrorCode);
        Assert.AreEqual(0, emulator.Count("account"));
    }

    [TestMethod]
    public void ExecuteTransaction_AllSucceed_ReturnsResponses()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var request = new ExecuteTransactionRequest
        {
            ReturnResponses = true,
            Requests = new OrganizationRequestCollection
            {
                new CreateRequest { Target = new Entity("account") { ["name"] = "A" } },
                new CreateRequest { Target = new Entity("account") { ["name"] = "B" } },
            },
        };

        // Act
        var response = (ExecuteTransactionResponse)emulator.GetService().Execute(request);

        // Assert
        Assert.AreEqual(2, response.Responses.Count);
        Assert.IsInstanceOfType<CreateResponse>(response.Responses[0]);
        Assert.AreEqual(2, emulator.Count("account"));
    }

    [TestMethod]
    public void RetrieveMultiple_EqualityOnLookup_ReturnsMatchingRowsWithLookupNames()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();
        var contoso = service.Create(new Entity("account") { ["name"] = "Contoso" });
        var fabrikam = service.Create(new Entity("account") { ["name"] = "Fabrikam" });
        service.Create(new Entity("opportunity") { ["name"] = "D1", ["parentaccountid"] = new EntityReference("account", contoso) });
        service.Create(new Entity("opportunity") { ["name"] = "D2", ["parentaccountid"] = new EntityReference("account", fabrikam) });
        service.Create(new Entity("opportunity") { ["name"] = "D3", ["parentaccountid"] = new EntityReference("account", contoso) });
        var query = new QueryExpression("opportunity") { ColumnSet = new ColumnSet("name", "parentaccountid") };
        query.Criteria.AddCondition("parentaccountid", ConditionOperator.Equal, contoso);
        query.AddOrder("name", OrderType.Ascending);

        // Act
        var result = service.RetrieveMultiple(query);

        // Assert
        CollectionAssert.AreEqual(new[] { "D1", "D3" }, result.Entities.Select(e => e.GetAttributeValue<string>("name")).ToArray());
        Assert.AreEqual("Contoso", result.Entities[0].GetAttributeValue<EntityReference>("parentaccountid").Name);
    }

    [TestMethod]
    public void RetrieveMultiple_FetchXmlSum_UsesTheStore()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();
        service.Create(new Entity("opportunity") { ["name"] = "D1", ["estimatedvalue"] = new Money(100m) });
        service.Create(new Entity("opportunity") { ["name"] = "D2", ["estimatedvalue"] = new Money(250m) });

        // Act
        var result = service.RetrieveMultiple(new FetchExpression("<fetch aggregate='true'><entity name='opportunity'><attribute name='estimatedvalue' alias='total' aggregate='sum' /></entity></fetch>"));

        // Assert
        var total = (AliasedValue)result.Entities[0]["total"];
        Assert.AreEqual(350m, ((Money)total.Value).Value);
    }

    [TestMethod]
    public void RetrieveMultiple_EqUserId_UsesTheCallingUser()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var seller = emulator.CreateUser("Sam", "Seller");
        emulator.GetService().Create(new Entity("account") { ["name"] = "Mine" });
        emulator.GetService(seller).Create(new Entity("account") { ["name"] = "Theirs" });
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("ownerid", ConditionOperator.EqualUserId);

        // Act
        var result = emulator.GetService(seller).RetrieveMultiple(query);

        // Assert
        Assert.AreEqual("Theirs", result.Entities.Single().GetAttributeValue<string>("name"));
    }
}
