using AccountPlanXrm.Emulator.Query;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using static AccountPlanXrm.Emulator.Tests.Query.QueryTestData;

namespace AccountPlanXrm.Emulator.Tests.Query;

[TestClass]
public sealed class QueryExpressionTests
{
    private TestQuerySource _source = null!;
    private QueryEngine _engine = null!;

    [TestInitialize]
    public void Initialize()
    {
        _source = Create();
        _engine = new QueryEngine(_source);
    }

    [TestMethod]
    public void Execute_UnknownTable_ThrowsQueryBuilderNoEntity()
    {
        var fault = Fault(() => _engine.Execute(new QueryExpression("nosuchtable")));

        Assert.AreEqual(-2147217150, fault.Detail.ErrorCode);
        StringAssert.Contains(fault.Detail.Message, "'nosuchtable'");
    }

    [TestMethod]
    public void Execute_UnknownColumnInColumnSet_ThrowsQueryBuilderNoAttribute()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name", "nosuchcolumn") };

        var fault = Fault(() => _engine.Execute(query));

        Assert.AreEqual(-2147217149, fault.Detail.ErrorCode);
        Assert.AreEqual("'account' entity doesn't contain attribute with Name = 'nosuchcolumn' and NameMapping = 'Logical'.", fault.Detail.Message);
    }

    [TestMethod]
    public void Execute_UnknownColumnInCondition_ThrowsQueryBuilderNoAttribute()
    {
        var query = new QueryExpression("account");
        query.Criteria.AddCondition("nosuchcolumn", ConditionOperator.Equal, 1);

        var fault = Fault(() => _engine.Execute(query));

        Assert.AreEqual(-2147217149, fault.Detail.ErrorCode);
    }

    [TestMethod]
    public void Execute_UnknownColumnInOrder_ThrowsQueryBuilderNoAttribute()
    {
        var query = new QueryExpression("account");
        query.AddOrder("nosuchcolumn", OrderType.Ascending);

        var fault = Fault(() => _engine.Execute(query));

        Assert.AreEqual(-2147217149, fault.Detail.ErrorCode);
    }

    [TestMethod]
    public void Execute_EmptyColumnSet_ReturnsOnlyThePrimaryKey()
    {
        var query = new QueryExpression("account");
        query.Criteria.AddCondition("accountid", ConditionOperator.Equal, Contoso);

        var entity = _engine.Execute(query).Entities.Single();

        Assert.AreEqual(Contoso, entity.Id);
        CollectionAssert.AreEqual(new[] { "accountid" }, entity.Attributes.Select(a => a.Key).ToArray());
        Assert.AreEqual(Contoso, entity["accountid"]);
    }

    [TestMethod]
    public void Execute_ColumnSet_ReturnsOnlyRequestedNonNullColumns()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name", "revenue", "description") };
        query.Criteria.AddCondition("accountid", ConditionOperator.Equal, Contoso);

        var entity = _engine.Execute(query).Entities.Single();

        Assert.AreEqual("Contoso", entity["name"]);
        Assert.AreEqual(new Money(1000m), entity["revenue"]);
        Assert.IsFalse(entity.Contains("description"), "null columns are absent");
        Assert.IsFalse(entity.Contains("numberofemployees"), "columns outside the column set are absent");
    }

    [TestMethod]
    public void Execute_AllColumns_ReturnsEveryStoredColumn()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition("accountid", ConditionOperator.Equal, Fabrikam);

        var entity = _engine.Execute(query).Entities.Single();

        Assert.AreEqual("B-200", entity["accountnumber"]);
        Assert.AreEqual(200, entity["numberofemployees"]);
        Assert.AreEqual(Fabrikam, entity["accountid"]);
    }

    [TestMethod]
    public void Execute_LookupColumn_ReturnsEntityReferenceWithName()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("ownerid", "primarycontactid") };
        query.Criteria.AddCondition("accountid", ConditionOperator.Equal, Contoso);

        var entity = _engine.Execute(query).Entities.Single();

        Assert.AreEqual("Alex Seller", entity.GetAttributeValue<EntityReference>("ownerid").Name);
        Assert.AreEqual("Anna Alpha", entity.GetAttributeValue<EntityReference>("primarycontactid").Name);
        Assert.AreEqual("Anna Alpha", entity.FormattedValues["primarycontactid"]);
    }

    [TestMethod]
    public void Execute_ChoiceBooleanMoneyAndDateColumns_ReturnFormattedValues()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("industrycode", "statecode", "donotphone", "revenue", "createdon") };
        query.Criteria.AddCondition("accountid", ConditionOperator.Equal, Contoso);

        var entity = _engine.Execute(query).Entities.Single();

        Assert.AreEqual("Broadcasting", entity.FormattedValues["industrycode"]);
        Assert.AreEqual("Active", entity.FormattedValues["statecode"]);
        Assert.AreEqual("Allow", entity.FormattedValues["donotphone"]);
        Assert.AreEqual("€1,000.00", entity.FormattedValues["revenue"]);
        Assert.AreEqual("5/14/2026 8:00 AM", entity.FormattedValues["createdon"]);
    }

    [TestMethod]
    public void Execute_DateOnlyColumn_FormatsTheDateWithoutTime()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("birthdate") };
        query.Criteria.AddCondition("contactid", ConditionOperator.Equal, Anna);

        var entity = _engine.Execute(query).Entities.Single();

        Assert.AreEqual("5/14/1990", entity.FormattedValues["birthdate"]);
    }

    [TestMethod]
    public void Execute_ResultEntities_AreCopiesOfTheStoredRows()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name", "revenue") };
        query.Criteria.AddCondition("accountid", ConditionOperator.Equal, Contoso);

        var entity = _engine.Execute(query).Entities.Single();
        entity["name"] = "Changed";
        entity.GetAttributeValue<Money>("revenue").Value = 1m;

        Assert.AreEqual("Contoso", _source.GetRow("account", Contoso)!["name"]);
        Assert.AreEqual(1000m, _source.GetRow("account", Contoso)!.GetAttributeValue<Money>("revenue").Value);
    }

    [TestMethod]
    public void Execute_NoOrder_ReturnsRowsInPrimaryKeyOrder()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };

        var result = _engine.Execute(query);

        CollectionAssert.AreEqual(
            new[] { Contoso, Fabrikam, Litware, Adventure, ContosoEast, ContosoEastSub },
            result.Entities.Select(e => e.Id).ToArray());
        Assert.AreEqual("account", result.EntityName);
    }

    [TestMethod]
    public void Execute_OrderAscending_SortsNullsFirst()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.AddOrder("name", OrderType.Ascending);

        var names = Names(_engine.Execute(query));

        CollectionAssert.AreEqual(new[] { null, "Contoso", "Contoso East", "Contoso East Sub", "Fabrikam", "Litware" }, names);
    }

    [TestMethod]
    public void Execute_OrderDescendingThenAscending_SortsByBothColumns()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name", "ownerid") };
        query.Criteria.AddCondition("ownerid", ConditionOperator.NotNull);
        query.AddOrder("ownerid", OrderType.Descending);
        query.AddOrder("name", OrderType.Ascending);

        var names = Names(_engine.Execute(query));

        // Lookups sort by the referenced record's name: Kim Manager before Alex Seller when descending.
        CollectionAssert.AreEqual(new[] { null, "Fabrikam", "Contoso", "Litware" }, names);
    }

    [TestMethod]
    public void Execute_OrderOnChoice_SortsByLabel()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("industrycode", ConditionOperator.NotNull);
        query.AddOrder("industrycode", OrderType.Ascending);

        var names = Names(_engine.Execute(query));

        // Accounting (1), Agriculture (2), Broadcasting (3).
        CollectionAssert.AreEqual(new[] { "Fabrikam", "Litware", "Contoso" }, names);
    }

    [TestMethod]
    public void Execute_Distinct_RemovesDuplicatesAndOmitsThePrimaryKey()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("statecode"), Distinct = true };
        query.AddOrder("statecode", OrderType.Ascending);

        var result = _engine.Execute(query);

        Assert.AreEqual(2, result.Entities.Count);
        Assert.IsTrue(result.Entities.All(e => e.Id == Guid.Empty && !e.Contains("accountid")));
    }

    [TestMethod]
    public void Execute_TopCount_ReturnsThatManyRows()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name"), TopCount = 2 };
        query.AddOrder("name", OrderType.Descending);

        var result = _engine.Execute(query);

        CollectionAssert.AreEqual(new[] { "Litware", "Fabrikam" }, Names(result));
        Assert.IsFalse(result.MoreRecords);
    }

    [TestMethod]
    public void Execute_TopCountWithPageInfo_ThrowsFault()
    {
        var query = new QueryExpression("account") { TopCount = 2, PageInfo = new PagingInfo { Count = 2, PageNumber = 1 } };

        var fault = Fault(() => _engine.Execute(query));

        Assert.AreEqual(QueryFaults.InvalidArgument, fault.Detail.ErrorCode);
    }

    [TestMethod]
    public void Execute_NoLock_IsIgnored()
    {
        var query = new QueryExpression("account") { NoLock = true };

        Assert.AreEqual(6, _engine.Execute(query).Entities.Count);
    }

    [TestMethod]
    public void Execute_EqualityOnIndexedLookup_DoesNotScanTheTable()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        query.Criteria.AddCondition("parentcustomerid", ConditionOperator.Equal, Contoso);
        var scansBefore = _source.GetRowsCalls;

        var names = Names(_engine.Execute(query), "fullname");

        Assert.AreEqual(scansBefore, _source.GetRowsCalls);
        CollectionAssert.AreEquivalent(new[] { "Anna Alpha", "Ben Beta" }, names);
    }

    [TestMethod]
    public void Execute_QueryByAttribute_AppliesEqualityConditionsAndOrders()
    {
        var query = new QueryByAttribute("account") { ColumnSet = new ColumnSet("name") };
        query.AddAttributeValue("statecode", 0);
        query.AddAttributeValue("ownerid", TestQuerySource.UserId);
        query.AddOrder("name", OrderType.Descending);

        var names = Names(_engine.Execute(query));

        CollectionAssert.AreEqual(new[] { "Contoso" }, names);
    }

    [TestMethod]
    public void Execute_QueryByAttributeWithMismatchedValues_ThrowsFault()
    {
        var query = new QueryByAttribute("account") { ColumnSet = new ColumnSet("name") };
        query.Attributes.Add("name");

        Fault(() => _engine.Execute((QueryBase)query));
    }

    [TestMethod]
    public void Execute_ThroughQueryBase_DispatchesEveryQueryType()
    {
        QueryBase expression = new QueryExpression("account");
        QueryBase fetch = new FetchExpression("<fetch><entity name='account'><attribute name='name'/></entity></fetch>");

        Assert.AreEqual(6, _engine.Execute(expression).Entities.Count);
        Assert.AreEqual(6, _engine.Execute(fetch).Entities.Count);
    }
}
