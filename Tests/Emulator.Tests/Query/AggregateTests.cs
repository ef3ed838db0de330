using AccountPlanXrm.Emulator.Query;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using static AccountPlanXrm.Emulator.Tests.Query.QueryTestData;

namespace AccountPlanXrm.Emulator.Tests.Query;

[TestClass]
public sealed class AggregateTests
{
    private TestQuerySource _source = null!;
    private QueryEngine _engine = null!;

    [TestInitialize]
    public void Initialize()
    {
        _source = Create();
        _engine = new QueryEngine(_source);
    }

    private EntityCollection Fetch(string fetchXml) => _engine.Execute(new FetchExpression(fetchXml));

    private static object? Value(Entity entity, string alias) => entity.GetAttributeValue<AliasedValue>(alias)?.Value;

    [TestMethod]
    public void Aggregate_CountSumAvgMinMax_ReturnPlatformValueTypes()
    {
        var row = Fetch("""
            <fetch aggregate='true'>
              <entity name='opportunity'>
                <attribute name='opportunityid' alias='n' aggregate='count' />
                <attribute name='estimatedvalue' alias='total' aggregate='sum' />
                <attribute name='estimatedvalue' alias='average' aggregate='avg' />
                <attribute name='closeprobability' alias='lowest' aggregate='min' />
                <attribute name='estimatedclosedate' alias='latest' aggregate='max' />
                <attribute name='closeprobability' alias='probabilitysum' aggregate='sum' />
              </entity>
            </fetch>
            """).Entities.Single();

        Assert.AreEqual(3, Value(row, "n"));
        Assert.AreEqual(new Money(450m), Value(row, "total"));
        Assert.AreEqual(new Money(150m), Value(row, "average"));
        Assert.AreEqual(20, Value(row, "lowest"));
        Assert.AreEqual(new DateTime(2026, 2, 20), Value(row, "latest"));
        Assert.AreEqual(70, Value(row, "probabilitysum"));
        var alias = row.GetAttributeValue<AliasedValue>("total");
        Assert.AreEqual("opportunity", alias.EntityLogicalName);
        Assert.AreEqual("estimatedvalue", alias.AttributeLogicalName);
        Assert.AreEqual(Guid.Empty, row.Id);
    }

    [TestMethod]
    public void Aggregate_AvgOfWholeNumber_IgnoresNullsAndReturnsDecimal()
    {
        var row = Fetch("""
            <fetch aggregate='true'>
              <entity name='opportunity'>
                <attribute name='closeprobability' alias='average' aggregate='avg' />
              </entity>
            </fetch>
            """).Entities.Single();

        Assert.AreEqual(35m, Value(row, "average"));
    }

    [TestMethod]
    public void Aggregate_CountColumn_CountsNonNullValuesAndDistinct()
    {
        var row = Fetch("""
            <fetch aggregate='true'>
              <entity name='account'>
                <attribute name='ownerid' alias='owned' aggregate='countcolumn' />
                <attribute name='ownerid' alias='owners' aggregate='countcolumn' distinct='true' />
                <attribute name='accountid' alias='all' aggregate='count' />
              </entity>
            </fetch>
            """).Entities.Single();

        Assert.AreEqual(4, Value(row, "owned"));
        Assert.AreEqual(2, Value(row, "owners"));
        Assert.AreEqual(6, Value(row, "all"));
    }

    [TestMethod]
    public void Aggregate_OverNoRows_ReturnsCountZeroAndSumAsNullAliasedValue()
    {
        var row = Fetch("""
            <fetch aggregate='true'>
              <entity name='opportunity'>
                <attribute name='opportunityid' alias='n' aggregate='count' />
                <attribute name='estimatedvalue' alias='total' aggregate='sum' />
                <filter><condition attribute='name' operator='eq' value='none' /></filter>
              </entity>
            </fetch>
            """).Entities.Single();

        Assert.AreEqual(0, Value(row, "n"));
        var total = row.GetAttributeValue<AliasedValue>("total");
        Assert.IsNull(total.Value);
        Assert.AreEqual("estimatedvalue", total.AttributeLogicalName);
    }

    [TestMethod]
    public void Aggregate_GroupByChoice_ReturnsOptionSetValueWithLabel()
    {
        var result = Fetch("""
            <fetch aggregate='true'>
              <entity name='opportunity'>
                <attribute name='statecode' alias='state' groupby='true' />
                <attribute name='estimatedvalue' alias='total' aggregate='sum' />
                <order alias='state' />
              </entity>
            </fetch>
            """);

        Assert.AreEqual(2, result.Entities.Count);
        var open = result.Entities[0];
        Assert.AreEqual(new OptionSetValue(0), Value(open, "state"));
        Assert.AreEqual("Open", open.FormattedValues["state"]);
        Assert.AreEqual(new Money(350m), Value(open, "total"));
        Assert.AreEqual(new Money(100m), Value(result.Entities[1], "total"));
    }

    [TestMethod]
    public void Aggregate_GroupByLookup_ReturnsEntityReferenceWithName()
    {
        var result = Fetch("""
            <fetch aggregate='true'>
              <entity name='opportunity'>
                <attribute name='parentaccountid' alias='account' groupby='true' />
                <attribute name='opportunityid' alias='n' aggregate='count' />
                <order alias='n' descending='true' />
              </entity>
            </fetch>
            """);

        var first = result.Entities[0];
        var account = (EntityReference)Value(first, "account")!;
        Assert.AreEqual(Contoso, account.Id);
        Assert.AreEqual("Contoso", account.Name);
        Assert.AreEqual(2, Value(first, "n"));
    }

    [TestMethod]
    public void Aggregate_DateGroupingMonthAndYear_GroupsByCalendarParts()
    {
        var result = Fetch("""
            <fetch aggregate='true'>
              <entity name='opportunity'>
                <attribute name='estimatedclosedate' alias='year' groupby='true' dategrouping='year' />
                <attribute name='estimatedclosedate' alias='month' groupby='true' dategrouping='month' />
                <attribute name='estimatedvalue' alias='total' aggregate='sum' />
                <order alias='month' />
              </entity>
            </fetch>
            """);

        Assert.AreEqual(2, result.Entities.Count);
        Assert.AreEqual(2026, Value(result.Entities[0], "year"));
        Assert.AreEqual(1, Value(result.Entities[0], "month"));
        Assert.AreEqual(new Money(100m), Value(result.Entities[0], "total"));
        Assert.AreEqual(2, Value(result.Entities[1], "month"));
        Assert.AreEqual(new Money(350m), Value(result.Entities[1], "total"));
    }

    [TestMethod]
    public void Aggregate_DateGroupingQuarter_GroupsByQuarter()
    {
        var result = Fetch("""
            <fetch aggregate='true'>
              <entity name='account'>
                <attribute name='createdon' alias='quarter' groupby='true' dategrouping='quarter' />
                <attribute name='accountid' alias='n' aggregate='count' />
                <filter><condition attribute='createdon' operator='not-null' /></filter>
                <order alias='quarter' />
              </entity>
            </fetch>
            """);

        CollectionAssert.AreEqual(new object[] { 1, 2, 4 }, result.Entities.Select(e => Value(e, "quarter")!).ToArray());
        CollectionAssert.AreEqual(new object[] { 1, 3, 1 }, result.Entities.Select(e => Value(e, "n")!).ToArray());
    }

    [TestMethod]
    public void Aggregate_DateGroupingWeek_CountsSundayWeeksFromJanuaryFirst()
    {
        var result = Fetch("""
            <fetch aggregate='true'>
              <entity name='opportunity'>
                <attribute name='estimatedclosedate' alias='week' groupby='true' dategrouping='week' />
                <attribute name='opportunityid' alias='n' aggregate='count' />
                <order alias='week' />
              </entity>
            </fetch>
            """);

        // 2026-01-01 is a Thursday: Jan 15 is in week 3, Feb 10 in week 7, Feb 20 in week 8.
        CollectionAssert.AreEqual(new object[] { 3, 7, 8 }, result.Entities.Select(e => Value(e, "week")!).ToArray());
    }

    [TestMethod]
    public void Aggregate_OnLinkEntityColumns_GroupsAndSumsAcrossTheJoin()
    {
        var result = Fetch("""
            <fetch aggregate='true'>
              <entity name='account'>
                <attribute name='name' alias='account' groupby='true' />
                <order alias='account' />
                <link-entity name='opportunity' from='parentaccountid' to='accountid' alias='o'>
                  <attribute name='estimatedvalue' alias='pipeline' aggregate='sum' />
                  <attribute name='opportunityid' alias='deals' aggregate='countcolumn' />
                </link-entity>
              </entity>
            </fetch>
            """);

        Assert.AreEqual(2, result.Entities.Count);
        Assert.AreEqual("Contoso", Value(result.Entities[0], "account"));
        Assert.AreEqual(new Money(400m), Value(result.Entities[0], "pipeline"));
        Assert.AreEqual(2, Value(result.Entities[0], "deals"));
        Assert.AreEqual("opportunity", result.Entities[0].GetAttributeValue<AliasedValue>("pipeline").EntityLogicalName);
        Assert.AreEqual(new Money(50m), Value(result.Entities[1], "pipeline"));
    }

    [TestMethod]
    public void Aggregate_GroupByOnLinkEntity_GroupsByTheLinkedValue()
    {
        var result = Fetch("""
            <fetch aggregate='true'>
              <entity name='opportunity'>
                <attribute name='estimatedvalue' alias='total' aggregate='sum' />
                <link-entity name='account' from='accountid' to='parentaccountid' alias='a'>
                  <attribute name='industrycode' alias='industry' groupby='true' />
                </link-entity>
              </entity>
            </fetch>
            """);

        var broadcasting = result.Entities.Single(e => Equals(Value(e, "industry"), new OptionSetValue(3)));
        Assert.AreEqual(new Money(400m), Value(broadcasting, "total"));
        Assert.AreEqual("Broadcasting", broadcasting.FormattedValues["industry"]);
    }

    [TestMethod]
    public void Aggregate_MoreThan50000Rows_ThrowsAggregateQueryRecordLimit()
    {
        for (int i = 0; i < 50_001; i++)
        {
            _source.Add(new Entity("contact", TestQuerySource.Id(1_000_000 + i)));
        }

        var fault = Fault(() => Fetch("<fetch aggregate='true'><entity name='contact'><attribute name='contactid' alias='n' aggregate='count'/></entity></fetch>"));

        Assert.AreEqual(-2147164125, fault.Detail.ErrorCode);
        Assert.AreEqual("AggregateQueryRecordLimit exceeded. Cannot perform this operation.", fault.Detail.Message);
    }

    [TestMethod]
    public void Aggregate_Exactly50000Rows_IsAllowed()
    {
        for (int i = 0; i < 50_000 - 3; i++)
        {
            _source.Add(new Entity("contact", TestQuerySource.Id(1_000_000 + i)));
        }

        var row = Fetch("<fetch aggregate='true'><entity name='contact'><attribute name='contactid' alias='n' aggregate='count'/></entity></fetch>").Entities.Single();

        Assert.AreEqual(50_000, Value(row, "n"));
    }

    [TestMethod]
    public void Aggregate_AggregateLimitAttribute_LowersTheLimit()
    {
        var fault = Fault(() => Fetch("<fetch aggregate='true' aggregatelimit='2'><entity name='opportunity'><attribute name='opportunityid' alias='n' aggregate='count'/></entity></fetch>"));

        Assert.AreEqual(QueryFaults.AggregateQueryRecordLimit, fault.Detail.ErrorCode);
    }

    [TestMethod]
    public void Aggregate_AttributeWithoutAggregateOrGroupBy_ThrowsFault()
    {
        Fault(() => Fetch("<fetch aggregate='true'><entity name='opportunity'><attribute name='name'/><attribute name='opportunityid' alias='n' aggregate='count'/></entity></fetch>"));
    }

    [TestMethod]
    public void Aggregate_WithoutAlias_ThrowsFault()
    {
        Fault(() => Fetch("<fetch aggregate='true'><entity name='opportunity'><attribute name='opportunityid' aggregate='count'/></entity></fetch>"));
    }

    [TestMethod]
    public void Aggregate_SumOnText_ThrowsFault()
    {
        Fault(() => Fetch("<fetch aggregate='true'><entity name='opportunity'><attribute name='name' alias='s' aggregate='sum'/></entity></fetch>"));
    }
}
