using AccountPlanXrm.Emulator.Query;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using static AccountPlanXrm.Emulator.Tests.Query.QueryTestData;

namespace AccountPlanXrm.Emulator.Tests.Query;

[TestClass]
public sealed class LinkEntityTests
{
    private QueryEngine _engine = null!;

    [TestInitialize]
    public void Initialize() => _engine = new QueryEngine(Create());

    [TestMethod]
    public void InnerJoin_ReturnsLinkedColumnsAsAliasedValuesNamedAliasDotAttribute()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        var link = query.AddLink("account", "parentcustomerid", "accountid");
        link.EntityAlias = "acc";
        link.Columns = new ColumnSet("name", "industrycode");
        query.AddOrder("fullname", OrderType.Ascending);

        var result = _engine.Execute(query);

        Assert.AreEqual(3, result.Entities.Count);
        var anna = result.Entities[0];
        var name = anna.GetAttributeValue<AliasedValue>("acc.name");
        Assert.AreEqual("Contoso", name.Value);
        Assert.AreEqual("account", name.EntityLogicalName);
        Assert.AreEqual("name", name.AttributeLogicalName);
        Assert.AreEqual(new OptionSetValue(3), anna.GetAttributeValue<AliasedValue>("acc.industrycode").Value);
        Assert.AreEqual("Broadcasting", anna.FormattedValues["acc.industrycode"]);
    }

    [TestMethod]
    public void InnerJoin_WithoutAlias_NamesLinkAfterTableAndCounter()
    {
        var query = new QueryExpression("opportunity") { ColumnSet = new ColumnSet("name") };
        query.AddLink("account", "parentaccountid", "accountid").Columns = new ColumnSet("name");
        query.AddLink("transactioncurrency", "transactioncurrencyid", "transactioncurrencyid", JoinOperator.LeftOuter).Columns = new ColumnSet("currencyname");
        query.AddLink("account", "parentaccountid", "accountid").Columns = new ColumnSet("accountnumber");
        query.Criteria.AddCondition("opportunityid", ConditionOperator.Equal, TestQuerySource.Id(201));

        var entity = _engine.Execute(query).Entities.Single();

        Assert.AreEqual("Contoso", entity.GetAttributeValue<AliasedValue>("account1.name").Value);
        Assert.AreEqual("A-100", entity.GetAttributeValue<AliasedValue>("account2.accountnumber").Value);
        Assert.IsFalse(entity.Contains("transactioncurrency1.currencyname"));
    }

    [TestMethod]
    public void InnerJoin_DropsParentsWithoutMatch()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.AddLink("contact", "accountid", "parentcustomerid");
        query.AddOrder("name", OrderType.Ascending);

        var names = Names(_engine.Execute(query));

        // One row per matching contact: Contoso twice, Fabrikam once.
        CollectionAssert.AreEqual(new[] { "Contoso", "Contoso", "Fabrikam" }, names);
    }

    [TestMethod]
    public void LeftOuterJoin_KeepsParentsWithoutMatch()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        var link = query.AddLink("contact", "accountid", "parentcustomerid", JoinOperator.LeftOuter);
        link.EntityAlias = "c";
        link.Columns = new ColumnSet("fullname");
        query.Criteria.AddCondition("name", ConditionOperator.NotNull);
        query.AddOrder("name", OrderType.Ascending);

        var result = _engine.Execute(query);

        CollectionAssert.AreEqual(new[] { "Contoso", "Contoso", "Contoso East", "Contoso East Sub", "Fabrikam", "Litware" }, Names(result));
        Assert.IsFalse(result.Entities.Single(e => e.GetAttributeValue<string>("name") == "Litware").Contains("c.fullname"));
    }

    [TestMethod]
    public void LeftOuterJoin_WithNullConditionOnLinkAlias_FindsParentsWithoutChildren()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        var link = query.AddLink("opportunity", "accountid", "parentaccountid", JoinOperator.LeftOuter);
        link.EntityAlias = "o";
        query.Criteria.AddCondition("o", "opportunityid", ConditionOperator.Null);
        query.Criteria.AddCondition("name", ConditionOperator.NotNull);
        query.AddOrder("name", OrderType.Ascending);

        CollectionAssert.AreEqual(new[] { "Contoso East", "Contoso East Sub", "Litware" }, Names(_engine.Execute(query)));
    }

    [TestMethod]
    public void LinkCriteria_FilterTheLinkedRowsBeforeTheOuterJoin()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        var link = query.AddLink("opportunity", "accountid", "parentaccountid", JoinOperator.LeftOuter);
        link.EntityAlias = "o";
        link.Columns = new ColumnSet("name");
        link.LinkCriteria.AddCondition("statecode", ConditionOperator.Equal, 0);
        query.Criteria.AddCondition("accountid", ConditionOperator.In, Contoso, Litware);
        query.AddOrder("name", OrderType.Ascending);

        var result = _engine.Execute(query);

        Assert.AreEqual(2, result.Entities.Count);
        Assert.AreEqual("Contoso upsell", result.Entities[0].GetAttributeValue<AliasedValue>("o.name").Value);
        Assert.IsFalse(result.Entities[1].Contains("o.name"));
    }

    [TestMethod]
    public void NestedLinks_JoinThroughTheIntermediateTable()
    {
        var query = new QueryExpression("opportunity") { ColumnSet = new ColumnSet("name") };
        var account = query.AddLink("account", "parentaccountid", "accountid");
        account.EntityAlias = "a";
        var owner = account.AddLink("systemuser", "ownerid", "systemuserid");
        owner.EntityAlias = "u";
        owner.Columns = new ColumnSet("fullname");
        owner.LinkCriteria.AddCondition("fullname", ConditionOperator.Equal, "Kim Manager");

        var entity = _engine.Execute(query).Entities.Single();

        Assert.AreEqual("Fabrikam pilot", entity["name"]);
        Assert.AreEqual("Kim Manager", entity.GetAttributeValue<AliasedValue>("u.fullname").Value);
    }

    [TestMethod]
    public void OrderOnLinkedColumn_SortsByTheLinkedValue()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        var link = query.AddLink("account", "parentcustomerid", "accountid");
        link.EntityAlias = "a";
        link.Orders.Add(new OrderExpression("name", OrderType.Descending));

        // Fabrikam before Contoso; ties keep primary key order.
        CollectionAssert.AreEqual(new[] { "Carla Gamma", "Anna Alpha", "Ben Beta" }, Names(_engine.Execute(query), "fullname"));
    }

    [TestMethod]
    public void OrderWithEntityName_SortsByTheAliasedLinkColumn()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        query.AddLink("account", "parentcustomerid", "accountid").EntityAlias = "a";
        query.AddOrder("name", OrderType.Descending, "a", "a");
        query.AddOrder("fullname", OrderType.Ascending);

        CollectionAssert.AreEqual(new[] { "Carla Gamma", "Anna Alpha", "Ben Beta" }, Names(_engine.Execute(query), "fullname"));
    }

    [TestMethod]
    public void ExistsAndNotAny_FilterParentsWithoutReturningLinkedRows()
    {
        var any = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        var link = any.AddLink("opportunity", "accountid", "parentaccountid", JoinOperator.Exists);
        link.LinkCriteria.AddCondition("statecode", ConditionOperator.Equal, 0);
        any.AddOrder("name", OrderType.Ascending);
        var notAny = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        notAny.AddLink("opportunity", "accountid", "parentaccountid", JoinOperator.NotAny);
        notAny.Criteria.AddCondition("name", ConditionOperator.NotNull);
        notAny.AddOrder("name", OrderType.Ascending);

        CollectionAssert.AreEqual(new[] { "Contoso", "Fabrikam" }, Names(_engine.Execute(any)));
        CollectionAssert.AreEqual(new[] { "Contoso East", "Contoso East Sub", "Litware" }, Names(_engine.Execute(notAny)));
    }

    [TestMethod]
    public void All_ReturnsParentsWhoseRelatedRowsNoneMatchTheLinkFilter()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        var link = query.AddLink("opportunity", "accountid", "parentaccountid", JoinOperator.All);
        link.LinkCriteria.AddCondition("statecode", ConditionOperator.Equal, 1);

        CollectionAssert.AreEqual(new[] { "Fabrikam" }, Names(_engine.Execute(query)));
    }

    [TestMethod]
    public void MatchFirstRowUsingCrossApply_ReturnsOneRowPerParent()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        var link = query.AddLink("contact", "accountid", "parentcustomerid", JoinOperator.MatchFirstRowUsingCrossApply);
        link.EntityAlias = "c";
        link.Columns = new ColumnSet("fullname");
        query.AddOrder("name", OrderType.Ascending);

        var result = _engine.Execute(query);

        CollectionAssert.AreEqual(new[] { "Contoso", "Fabrikam" }, Names(result));
        Assert.AreEqual("Anna Alpha", result.Entities[0].GetAttributeValue<AliasedValue>("c.fullname").Value);
    }

    [TestMethod]
    public void NotAll_BehavesLikeAny()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        var link = query.AddLink("opportunity", "accountid", "parentaccountid", JoinOperator.NotAll);
        link.LinkCriteria.AddCondition("statecode", ConditionOperator.Equal, 1);

        CollectionAssert.AreEqual(new[] { "Contoso" }, Names(_engine.Execute(query)));
    }

    [TestMethod]
    public void NestedLinkInsideExists_MustAlsoMatch()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        var account = query.AddLink("account", "parentcustomerid", "accountid", JoinOperator.Exists);
        var opportunity = account.AddLink("opportunity", "accountid", "parentaccountid", JoinOperator.Inner);
        opportunity.LinkCriteria.AddCondition("estimatedvalue", ConditionOperator.GreaterThan, 200m);
        query.AddOrder("fullname", OrderType.Ascending);

        CollectionAssert.AreEqual(new[] { "Anna Alpha", "Ben Beta" }, Names(_engine.Execute(query), "fullname"));
    }

    [TestMethod]
    public void ConditionOnUnknownAlias_ThrowsFault()
    {
        var query = new QueryExpression("account");
        query.Criteria.AddCondition("nosuchalias", "name", ConditionOperator.Null);

        Fault(() => _engine.Execute(query));
    }

    [TestMethod]
    public void LinkOnUnknownColumn_ThrowsQueryBuilderNoAttribute()
    {
        var query = new QueryExpression("account");
        query.AddLink("contact", "accountid", "nosuchcolumn");

        var fault = Fault(() => _engine.Execute(query));

        Assert.AreEqual(-2147217149, fault.Detail.ErrorCode);
    }

    [TestMethod]
    public void MoreThanFifteenLinks_ThrowsTooManyLinkEntitiesFault()
    {
        var query = new QueryExpression("account");
        for (int i = 0; i < 16; i++)
        {
            query.AddLink("contact", "accountid", "parentcustomerid", JoinOperator.LeftOuter);
        }

        var fault = Fault(() => _engine.Execute(query));

        Assert.AreEqual(QueryFaults.TooManyLinkEntities, fault.Detail.ErrorCode);
    }
}
