using System.Reflection;
using System.Runtime.Serialization;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Sdk.Tests;

[TestClass]
public sealed class ContractTests
{
    private const string Xrm2011 = "http://schemas.microsoft.com/xrm/2011/Contracts";
    private const string Xrm2012 = "http://schemas.microsoft.com/xrm/2012/Contracts";
    private const string Xrm71 = "http://schemas.microsoft.com/xrm/7.1/Contracts";
    private const string Xrm90 = "http://schemas.microsoft.com/xrm/9.0/Contracts";
    private const string Crm2011 = "http://schemas.microsoft.com/crm/2011/Contracts";

    [TestMethod]
    [DataRow(typeof(Entity), "Entity", Xrm2011)]
    [DataRow(typeof(EntityReference), "EntityReference", Xrm2011)]
    [DataRow(typeof(EntityCollection), "EntityCollection", Xrm2011)]
    [DataRow(typeof(Money), "Money", Xrm2011)]
    [DataRow(typeof(OptionSetValue), "OptionSetValue", Xrm2011)]
    [DataRow(typeof(AliasedValue), "AliasedValue", Xrm2011)]
    [DataRow(typeof(Relationship), "Relationship", Xrm2011)]
    [DataRow(typeof(EntityState), "EntityState", Xrm2011)]
    [DataRow(typeof(EntityRole), "EntityRole", Xrm2011)]
    [DataRow(typeof(ConcurrencyBehavior), "ConcurrencyBehavior", Xrm71)]
    [DataRow(typeof(OrganizationRequest), "OrganizationRequest", Xrm2011)]
    [DataRow(typeof(OrganizationResponse), "OrganizationResponse", Xrm2011)]
    [DataRow(typeof(ExecuteMultipleSettings), "ExecuteMultipleSettings", Xrm2012)]
    [DataRow(typeof(ExecuteMultipleResponseItem), "ExecuteMultipleResponseItem", Xrm2012)]
    [DataRow(typeof(BaseServiceFault), "BaseServiceFault", Xrm2011)]
    [DataRow(typeof(OrganizationServiceFault), "OrganizationServiceFault", Xrm2011)]
    [DataRow(typeof(ExecuteTransactionFault), "ExecuteTransactionFault", Xrm71)]
    [DataRow(typeof(BooleanManagedProperty), "BooleanManagedProperty", Xrm2011)]
    [DataRow(typeof(QueryExpression), "QueryExpression", Xrm2011)]
    [DataRow(typeof(QueryByAttribute), "QueryByAttribute", Xrm2011)]
    [DataRow(typeof(FetchExpression), "FetchExpression", Xrm2011)]
    [DataRow(typeof(ColumnSet), "ColumnSet", Xrm2011)]
    [DataRow(typeof(ConditionExpression), "ConditionExpression", Xrm2011)]
    [DataRow(typeof(FilterExpression), "FilterExpression", Xrm2011)]
    [DataRow(typeof(LinkEntity), "LinkEntity", Xrm2011)]
    [DataRow(typeof(OrderExpression), "OrderExpression", Xrm2011)]
    [DataRow(typeof(PagingInfo), "PagingInfo", Xrm2011)]
    [DataRow(typeof(ConditionOperator), "ConditionOperator", Xrm2011)]
    public void DataContract_NameAndNamespace_MatchSdk(Type type, string name, string ns)
    {
        var contract = type.GetCustomAttribute<DataContractAttribute>(inherit: false);

        Assert.IsNotNull(contract);
        Assert.AreEqual(name, contract.Name);
        Assert.AreEqual(ns, contract.Namespace);
    }

    [TestMethod]
    [DataRow(typeof(AttributeCollection), "AttributeCollection", Xrm2011)]
    [DataRow(typeof(FormattedValueCollection), "FormattedValueCollection", Xrm2011)]
    [DataRow(typeof(KeyAttributeCollection), "KeyAttributeCollection", Xrm71)]
    [DataRow(typeof(EntityImageCollection), "EntityImageCollection", Xrm2011)]
    [DataRow(typeof(ParameterCollection), "ParameterCollection", Xrm2011)]
    [DataRow(typeof(RelatedEntityCollection), "RelatedEntityCollection", Xrm2011)]
    [DataRow(typeof(ErrorDetailCollection), "ErrorDetailCollection", Xrm2011)]
    [DataRow(typeof(EntityReferenceCollection), "EntityReferenceCollection", Xrm2011)]
    [DataRow(typeof(OptionSetValueCollection), "OptionSetValueCollection", Xrm90)]
    [DataRow(typeof(OrganizationRequestCollection), "OrganizationRequestCollection", Xrm2012)]
    [DataRow(typeof(OrganizationResponseCollection), "OrganizationResponseCollection", Xrm71)]
    [DataRow(typeof(ExecuteMultipleResponseItemCollection), "OrganizationResponseCollection", Xrm2012)]
    public void CollectionDataContract_NameAndNamespace_MatchSdk(Type type, string name, string ns)
    {
        var contract = type.GetCustomAttribute<CollectionDataContractAttribute>(inherit: false);

        Assert.IsNotNull(contract);
        Assert.AreEqual(name, contract.Name);
        Assert.AreEqual(ns, contract.Namespace);
    }

    [TestMethod]
    [DataRow(typeof(CreateRequest), Xrm2011)]
    [DataRow(typeof(RetrieveMultipleRequest), Xrm2011)]
    [DataRow(typeof(ExecuteMultipleRequest), Xrm2011)]
    [DataRow(typeof(SetStateRequest), Crm2011)]
    [DataRow(typeof(WhoAmIRequest), Crm2011)]
    [DataRow(typeof(WinOpportunityRequest), Crm2011)]
    [DataRow(typeof(LoseOpportunityRequest), Crm2011)]
    public void MessageDataContract_HasNamespaceWithoutName(Type type, string ns)
    {
        var contract = type.GetCustomAttribute<DataContractAttribute>(inherit: false);

        Assert.IsNotNull(contract);
        Assert.IsFalse(contract.IsNameSetExplicitly);
        Assert.AreEqual(ns, contract.Namespace);
    }

    [TestMethod]
    public void OrganizationService_ServiceContract_MatchesSdk()
    {
        var contract = typeof(IOrganizationService).GetCustomAttribute<System.ServiceModel.ServiceContractAttribute>();

        Assert.IsNotNull(contract);
        Assert.AreEqual("IOrganizationService", contract.Name);
        Assert.AreEqual("http://schemas.microsoft.com/xrm/2011/Contracts/Services", contract.Namespace);
    }
}
