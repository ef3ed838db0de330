using AccountPlanXrm.Emulator.Query;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using static AccountPlanXrm.Emulator.Tests.Query.QueryTestData;

namespace AccountPlanXrm.Emulator.Tests.Query;

[TestClass]
public sealed class FetchXmlTests
{
    private QueryEngine _engine = null!;

    [TestInitialize]
    public void Initialize() => _engine = new QueryEngine(Create());

    private List<string?> Fetch(string fetchXml) => Names(_engine.Execute(new FetchExpression(fetchXml)));

    [TestMethod]
    public void Fetch_ConditionValues_AreConvertedByColumnType()
    {
        var names = Fetch($"""
            <fetch>
              <entity name='account'>
                <attribute name='name' />
                <filter>
                  <condition attribute='numberofemployees' operator='ge' value='50' />
                  <condition attribute='revenue' operator='lt' value='2000.25' />
                  <condition attribute='donotphone' operator='eq' value='0' />
                  <condition attribute='ownerid' operator='eq' value='{TestQuerySource.UserId:B}' />
                  <condition attribute='statecode' operator='eq' value='0' />
                  <condition attribute='createdon' operator='on-or-after' value='2026-05-14' />
                </filter>
              </entity>
            </fetch>
            """);

        CollectionAssert.AreEqual(new[] { "Contoso" }, names);
    }

    [TestMethod]
    public void Fetch_WithoutAttributeElements_ReturnsAllColumns()
    {
        var result = _engine.Execute(new FetchExpression($"<fetch><entity name='account'><filter><condition attribute='accountid' operator='eq' value='{Fabrikam}' /></filter></entity></fetch>"));

        var entity = result.Entities.Single();
        Assert.AreEqual("B-200", entity["accountnumber"]);
        Assert.AreEqual(Fabrikam, entity.Id);
    }

    [TestMethod]
    public void Fetch_InOperatorWithValueElements_MatchesAny()
    {
        var names = Fetch("""
            <fetch>
              <entity name='account'>
                <attribute name='name' />
                <order attribute='name' descending='true' />
                <filter>
                  <condition attribute='industrycode' operator='in'>
                    <value>1</value>
                    <value>2</value>
                  </condition>
                </filter>
              </entity>
            </fetch>
            """);

        CollectionAssert.AreEqual(new[] { "Litware", "Fabrikam" }, names);
    }

    [TestMethod]
    public void Fetch_OrFilterWithNestedAnd_CombinesConditions()
    {
        var names = Fetch("""
            <fetch>
              <entity name='account'>
                <attribute name='name' />
                <order attribute='name' />
                <filter type='or'>
                  <condition attribute='name' operator='like' value='%East' />
                  <filter type='and'>
                    <condition attribute='statecode' operator='eq' value='1' />
                    <condition attribute='name' operator='begins-with' value='Lit' />
                  </filter>
                </filter>
              </entity>
            </fetch>
            """);

        CollectionAssert.AreEqual(new[] { "Contoso East", "Litware" }, names);
    }

    [TestMethod]
    public void Fetch_OuterLinkWithAliasAndAttributeAlias_ReturnsAliasedValues()
    {
        var result = _engine.Execute(new FetchExpression("""
            <fetch>
              <entity name='contact'>
                <attribute name='fullname' />
                <order attribute='fullname' />
                <link-entity name='account' from='accountid' to='parentcustomerid' link-type='outer' alias='acc'>
                  <attribute name='name' />
                  <attribute name='revenue' alias='accountrevenue' />
                </link-entity>
              </entity>
            </fetch>
            """));

        var anna = result.Entities[0];
        Assert.AreEqual("Contoso", anna.GetAttributeValue<AliasedValue>("acc.name").Value);
        var revenue = anna.GetAttributeValue<AliasedValue>("accountrevenue");
        Assert.AreEqual(new Money(1000m), revenue.Value);
        Assert.AreEqual("revenue", revenue.AttributeLogicalName);
        Assert.AreEqual("account", revenue.EntityLogicalName);
    }

    [TestMethod]
    public void Fetch_ConditionWithEntityName_FiltersOnTheLinkedTable()
    {
        var names = Fetch("""
            <fetch>
              <entity name='account'>
                <attribute name='name' />
                <order attribute='name' />
                <link-entity name='contact' from='parentcustomerid' to='accountid' link-type='outer' alias='c' />
                <filter>
                  <condition entityname='c' attribute='contactid' operator='null' />
                  <condition attribute='name' operator='not-null' />
                </filter>
              </entity>
            </fetch>
            """);

        CollectionAssert.AreEqual(new[] { "Contoso East", "Contoso East Sub", "Litware" }, names);
    }

    [TestMethod]
    public void Fetch_LinkTypeAnyInsideFilter_ActsAsCondition()
    {
        var names = Fetch("""
            <fetch>
              <entity name='account'>
                <attribute name='name' />
                <order attribute='name' />
                <filter type='or'>
                  <condition attribute='name' operator='eq' value='Litware' />
                  <link-entity name='opportunity' from='parentaccountid' to='accountid' link-type='any'>
                    <filter>
                      <condition attribute='estimatedvalue' operator='gt' value='200' />
                    </filter>
                  </link-entity>
                </filter>
              </entity>
            </fetch>
            """);

        CollectionAssert.AreEqual(new[] { "Contoso", "Litware" }, names);
    }

    [TestMethod]
    public void Fetch_DistinctAndTop_AreApplied()
    {
        var result = _engine.Execute(new FetchExpression("""
            <fetch distinct='true' top='1'>
              <entity name='account'>
                <attribute name='statecode' />
                <order attribute='statecode' descending='true' />
              </entity>
            </fetch>
            """));

        var entity = result.Entities.Single();
        Assert.AreEqual(new OptionSetValue(1), entity["statecode"]);
        Assert.AreEqual(Guid.Empty, entity.Id);
    }

    [TestMethod]
    public void Fetch_UserAndHierarchyOperators_Work()
    {
        CollectionAssert.AreEqual(new[] { "Contoso", "Litware" }, Fetch("<fetch><entity name='account'><attribute name='name'/><order attribute='name'/><filter><condition attribute='ownerid' operator='eq-userid'/></filter></entity></fetch>"));
        CollectionAssert.AreEqual(new[] { "Contoso East", "Contoso East Sub" }, Fetch($"<fetch><entity name='account'><attribute name='name'/><order attribute='name'/><filter><condition attribute='accountid' operator='under' value='{Contoso}'/></filter></entity></fetch>"));
    }

    [TestMethod]
    public void Fetch_RelativeDateOperator_UsesTheClock()
    {
        CollectionAssert.AreEqual(new[] { "Contoso", "Fabrikam" }, Fetch("<fetch><entity name='account'><attribute name='name'/><order attribute='name'/><filter><condition attribute='createdon' operator='last-x-days' value='1'/></filter></entity></fetch>"));
    }

    [TestMethod]
    public void Fetch_ValueOf_ComparesColumns()
    {
        var names = Fetch("<fetch><entity name='account'><attribute name='name'/><filter><condition attribute='name' operator='eq' valueof='accountnumber'/></filter></entity></fetch>");

        Assert.AreEqual(0, names.Count);
    }

    [TestMethod]
    public void Fetch_LinkEntityOrders_ApplyAfterEntityOrdersUnlessEntityNameIsUsed()
    {
        const string linkOrderLast = "<fetch><entity name='contact'><attribute name='fullname'/><order attribute='lastname' descending='true'/><link-entity name='account' from='accountid' to='parentcustomerid' alias='a'><order attribute='name'/></link-entity></entity></fetch>";
        const string linkOrderFirst = "<fetch><entity name='contact'><attribute name='fullname'/><order entityname='a' attribute='name'/><order attribute='lastname' descending='true'/><link-entity name='account' from='accountid' to='parentcustomerid' alias='a'/></entity></fetch>";

        var last = Names(_engine.Execute(new FetchExpression(linkOrderLast)), "fullname");
        var first = Names(_engine.Execute(new FetchExpression(linkOrderFirst)), "fullname");

        CollectionAssert.AreEqual(new[] { "Carla Gamma", "Ben Beta", "Anna Alpha" }, last);
        CollectionAssert.AreEqual(new[] { "Ben Beta", "Anna Alpha", "Carla Gamma" }, first);
    }

    [TestMethod]
    public void Fetch_UnknownElement_ThrowsFault()
    {
        Fault(() => Fetch("<fetch><entity name='account'><column name='name'/></entity></fetch>"));
    }

    [TestMethod]
    public void Fetch_UnknownXmlAttribute_ThrowsFault()
    {
        Fault(() => Fetch("<fetch><entity name='account'><attribute name='name' sort='true'/></entity></fetch>"));
    }

    [TestMethod]
    public void Fetch_UnknownOperator_ThrowsFault()
    {
        Fault(() => Fetch("<fetch><entity name='account'><filter><condition attribute='name' operator='equals' value='x'/></filter></entity></fetch>"));
    }

    [TestMethod]
    public void Fetch_MalformedXml_ThrowsFault()
    {
        Fault(() => Fetch("<fetch><entity name='account'>"));
    }

    [TestMethod]
    public void Fetch_UnknownTable_ThrowsQueryBuilderNoEntity()
    {
        var fault = Fault(() => Fetch("<fetch><entity name='nosuchtable'/></fetch>"));

        Assert.AreEqual(QueryFaults.NoEntity, fault.Detail.ErrorCode);
    }

    [TestMethod]
    public void Fetch_UnknownAttribute_ThrowsQueryBuilderNoAttribute()
    {
        var fault = Fault(() => Fetch("<fetch><entity name='account'><attribute name='nosuchcolumn'/></entity></fetch>"));

        Assert.AreEqual(QueryFaults.NoAttribute, fault.Detail.ErrorCode);
    }

    [TestMethod]
    public void Fetch_InvalidValueForColumnType_ThrowsFault()
    {
        Fault(() => Fetch("<fetch><entity name='account'><filter><condition attribute='numberofemployees' operator='eq' value='many'/></filter></entity></fetch>"));
    }
}
