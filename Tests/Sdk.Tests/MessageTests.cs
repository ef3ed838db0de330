using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Sdk.Tests;

[TestClass]
public sealed class MessageTests
{
    public static IEnumerable<object[]> RequestsWithPrefilledParameters =>
    [
        [new CreateRequest(), "Create", new[] { "Target" }],
        [new RetrieveRequest(), "Retrieve", new[] { "Target", "ColumnSet" }],
        [new UpdateRequest(), "Update", new[] { "Target" }],
        [new DeleteRequest(), "Delete", new[] { "Target" }],
        [new RetrieveMultipleRequest(), "RetrieveMultiple", new[] { "Query" }],
        [new AssociateRequest(), "Associate", new[] { "Target", "Relationship", "RelatedEntities" }],
        [new DisassociateRequest(), "Disassociate", new[] { "Target", "Relationship", "RelatedEntities" }],
        [new ExecuteMultipleRequest(), "ExecuteMultiple", new[] { "Requests", "Settings" }],
        [new ExecuteTransactionRequest(), "ExecuteTransaction", new[] { "Requests" }],
        [new UpsertRequest(), "Upsert", new[] { "Target" }],
        [new CreateMultipleRequest(), "CreateMultiple", new[] { "Targets" }],
        [new UpdateMultipleRequest(), "UpdateMultiple", new[] { "Targets" }],
        [new SetStateRequest(), "SetState", new[] { "EntityMoniker", "State", "Status" }],
        [new WhoAmIRequest(), "WhoAmI", Array.Empty<string>()],
        [new WinOpportunityRequest(), "WinOpportunity", new[] { "OpportunityClose", "Status" }],
        [new LoseOpportunityRequest(), "LoseOpportunity", new[] { "OpportunityClose", "Status" }],
    ];

    [TestMethod]
    [DynamicData(nameof(RequestsWithPrefilledParameters))]
    public void RequestConstructor_SetsRequestNameAndPrefillsMainParametersWithNull(OrganizationRequest request, string name, string[] parameters)
    {
        Assert.AreEqual(name, request.RequestName);
        CollectionAssert.AreEquivalent(parameters, request.Parameters.Keys.ToArray());
        Assert.IsTrue(parameters.All(p => request.Parameters[p] is null));
    }

    [TestMethod]
    public void RequestProperty_Set_WritesParameterUnderPropertyName()
    {
        var target = new Entity("account");
        var request = new CreateRequest { Target = target };

        Assert.AreSame(target, request.Parameters["Target"]);
        Assert.AreSame(target, request["Target"]);
    }

    [TestMethod]
    public void RequestValueProperty_Absent_ReturnsDefault()
    {
        var update = new UpdateRequest();
        var retrieve = new RetrieveRequest();
        var transaction = new ExecuteTransactionRequest();

        Assert.AreEqual(ConcurrencyBehavior.Default, update.ConcurrencyBehavior);
        Assert.IsFalse(retrieve.ReturnNotifications);
        Assert.IsNull(retrieve.RelatedEntitiesQuery);
        Assert.IsNull(transaction.ReturnResponses);
    }

    [TestMethod]
    public void RequestValueProperty_Set_RoundTrips()
    {
        var update = new UpdateRequest { ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches };
        var transaction = new ExecuteTransactionRequest { ReturnResponses = true };
        var retrieve = new RetrieveRequest { ColumnSet = new ColumnSet("name"), Target = new EntityReference("account", Ids.AccountId) };

        Assert.AreEqual(ConcurrencyBehavior.IfRowVersionMatches, update.Parameters["ConcurrencyBehavior"]);
        Assert.AreEqual(true, transaction.ReturnResponses);
        Assert.AreEqual("name", retrieve.ColumnSet.Columns.Single());
    }

    [TestMethod]
    public void Responses_ResultsAbsent_ReturnNullOrDefaultWithoutThrowing()
    {
        Assert.AreEqual(Guid.Empty, new CreateResponse().id);
        Assert.IsNull(new RetrieveResponse().Entity);
        Assert.IsNull(new RetrieveMultipleResponse().EntityCollection);
        Assert.IsFalse(new ExecuteMultipleResponse().IsFaulted);
        Assert.IsNull(new ExecuteMultipleResponse().Responses);
        Assert.IsNull(new ExecuteTransactionResponse().Responses);
        Assert.IsFalse(new UpsertResponse().RecordCreated);
        Assert.IsNull(new UpsertResponse().Target);
        Assert.IsNull(new CreateMultipleResponse().Ids);
        Assert.AreEqual(Guid.Empty, new WhoAmIResponse().UserId);
    }

    [TestMethod]
    public void CreateResponseId_ReadsLowerCaseIdResult()
    {
        var response = new CreateResponse();

        response.Results["id"] = Ids.AccountId;

        Assert.AreEqual(Ids.AccountId, response.id);
    }

    [TestMethod]
    public void Responses_ResultsPresent_ReadTheirKeys()
    {
        var entity = new Entity("account");
        var retrieve = new RetrieveResponse();
        retrieve.Results["Entity"] = entity;
        var whoAmI = new WhoAmIResponse();
        whoAmI.Results["UserId"] = Ids.UserId;
        whoAmI.Results["BusinessUnitId"] = Ids.AccountId;
        whoAmI.Results["OrganizationId"] = Ids.ContactId;
        var upsert = new UpsertResponse();
        upsert.Results["RecordCreated"] = true;
        upsert.Results["Target"] = new EntityReference("account", Ids.AccountId);

        Assert.AreSame(entity, retrieve.Entity);
        Assert.AreEqual(Ids.UserId, whoAmI.UserId);
        Assert.AreEqual(Ids.AccountId, whoAmI.BusinessUnitId);
        Assert.AreEqual(Ids.ContactId, whoAmI.OrganizationId);
        Assert.IsTrue(upsert.RecordCreated);
        Assert.AreEqual(Ids.AccountId, upsert.Target.Id);
    }

    [TestMethod]
    public void OrganizationRequest_Indexer_DelegatesToParameters()
    {
        var request = new OrganizationRequest("my_CustomApi") { ["Input"] = 5 };

        Assert.AreEqual("my_CustomApi", request.RequestName);
        Assert.AreEqual(5, request.Parameters["Input"]);
        Assert.IsNull(request.RequestId);
        Assert.ThrowsExactly<KeyNotFoundException>(() => request["Missing"]);
    }

    [TestMethod]
    public void OrganizationResponse_Indexer_DelegatesToResults()
    {
        var response = new OrganizationResponse { ResponseName = "my_CustomApi", ["Output"] = "x" };

        Assert.AreEqual("x", response.Results["Output"]);
    }

    [TestMethod]
    public void SetStateRequest_Properties_WrapParameters()
    {
        var request = new SetStateRequest
        {
            EntityMoniker = new EntityReference("account", Ids.AccountId),
            State = new OptionSetValue(1),
            Status = new OptionSetValue(2),
        };

        Assert.AreEqual(new OptionSetValue(1), request.Parameters["State"]);
        Assert.AreEqual(new OptionSetValue(2), request.Status);
        Assert.AreEqual(Ids.AccountId, request.EntityMoniker.Id);
    }

    [TestMethod]
    public void ExecuteMultipleSettingsAndResponseItem_Defaults_AreFalseZeroAndNull()
    {
        var settings = new ExecuteMultipleSettings();
        var item = new ExecuteMultipleResponseItem();

        Assert.IsFalse(settings.ContinueOnError);
        Assert.IsFalse(settings.ReturnResponses);
        Assert.AreEqual(0, item.RequestIndex);
        Assert.IsNull(item.Response);
        Assert.IsNull(item.Fault);
    }
}
