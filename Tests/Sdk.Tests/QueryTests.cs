using System.Reflection;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Sdk.Tests;

[TestClass]
public sealed class QueryTests
{
    [TestMethod]
    public void QueryBase_HasInternalAbstractMember_SoUserCodeCannotDerive()
    {
        var members = typeof(QueryBase).GetMethods(BindingFlags.Instance | BindingFlags.NonPublic);

        Assert.IsTrue(members.Any(m => m.IsAbstract && m.IsAssembly));
        Assert.IsTrue(typeof(QueryBase).IsAbstract);
    }

    [TestMethod]
    public void QueryExpression_EntityNameConstructor_InitialisesCriteriaPageInfoAndColumnSet()
    {
        var query = new QueryExpression("account");

        Assert.AreEqual("account", query.EntityName);
        Assert.IsNotNull(query.Criteria);
        Assert.AreEqual(LogicalOperator.And, query.Criteria.FilterOperator);
        Assert.IsNotNull(query.PageInfo);
        Assert.IsNotNull(query.ColumnSet);
        Assert.IsFalse(query.ColumnSet.AllColumns);
        Assert.AreEqual(0, query.ColumnSet.Columns.Count);
        Assert.IsNull(query.TopCount);
        Assert.IsFalse(query.Distinct);
        Assert.IsFalse(query.NoLock);
    }

    [TestMethod]
    public void QueryExpression_DefaultConstructor_IsSameAsNullEntityName()
    {
        var query = new QueryExpression();

        Assert.IsNull(query.EntityName);
        Assert.IsNotNull(query.Criteria);
        Assert.IsNotNull(query.PageInfo);
        Assert.IsNotNull(query.ColumnSet);
    }

    [TestMethod]
    public void QueryExpressionAddLink_ThreeArguments_AddsInnerJoinFromEntityName()
    {
        var query = new QueryExpression("account");

        var link = query.AddLink("contact", "primarycontactid", "contactid");

        Assert.AreSame(link, query.LinkEntities.Single());
        Assert.AreEqual("account", link.LinkFromEntityName);
        Assert.AreEqual("contact", link.LinkToEntityName);
        Assert.AreEqual("primarycontactid", link.LinkFromAttributeName);
        Assert.AreEqual("contactid", link.LinkToAttributeName);
        Assert.AreEqual(JoinOperator.Inner, link.JoinOperator);
    }

    [TestMethod]
    public void QueryExpressionAddLink_EntityNameChangedLater_KeepsNameAtCallTime()
    {
        var query = new QueryExpression("account");

        var link = query.AddLink("contact", "primarycontactid", "contactid", JoinOperator.LeftOuter);
        query.EntityName = "lead";

        Assert.AreEqual("account", link.LinkFromEntityName);
        Assert.AreEqual(JoinOperator.LeftOuter, link.JoinOperator);
    }

    [TestMethod]
    public void QueryExpressionAddOrder_WithAliasAndEntity_AddsOrderExpression()
    {
        var query = new QueryExpression("account");

        query.AddOrder("name", OrderType.Ascending);
        query.AddOrder("fullname", OrderType.Descending, "c", "contact");

        Assert.AreEqual(2, query.Orders.Count);
        Assert.AreEqual("name", query.Orders[0].AttributeName);
        Assert.AreEqual(OrderType.Descending, query.Orders[1].OrderType);
        Assert.AreEqual("c", query.Orders[1].Alias);
        Assert.AreEqual("contact", query.Orders[1].EntityName);
    }

    [TestMethod]
    public void QueryByAttribute_DefaultConstructor_InitialisesColumnSetAndPageInfo()
    {
        var query = new QueryByAttribute();

        Assert.IsNotNull(query.ColumnSet);
        Assert.IsNotNull(query.PageInfo);
        Assert.IsNull(query.EntityName);
    }

    [TestMethod]
    public void QueryByAttribute_EntityNameConstructor_SetsEntityNameOnly()
    {
        var query = new QueryByAttribute("account");

        Assert.AreEqual("account", query.EntityName);
        Assert.IsNull(query.ColumnSet);
        Assert.IsNull(query.PageInfo);
    }

    [TestMethod]
    public void QueryByAttributeAddAttributeValue_AppendsToAttributesAndValuesInParallel()
    {
        var query = new QueryByAttribute("account") { ColumnSet = new ColumnSet("name") };

        query.AddAttributeValue("name", "Contoso");
        query.AddAttributeValue("statecode", 0);
        query.AddOrder("name", OrderType.Ascending);

        CollectionAssert.AreEqual(new[] { "name", "statecode" }, query.Attributes.ToArray());
        CollectionAssert.AreEqual(new object[] { "Contoso", 0 }, query.Values.ToArray());
        Assert.AreEqual("name", query.Orders.Single().AttributeName);
    }

    [TestMethod]
    public void FetchExpression_QueryConstructor_SetsQuery()
    {
        Assert.AreEqual("<fetch/>", new FetchExpression("<fetch/>").Query);
        Assert.IsNull(new FetchExpression().Query);
    }

    [TestMethod]
    public void ColumnSet_DefaultConstructor_HasNoColumnsAndNotAllColumns()
    {
        var columns = new ColumnSet();

        Assert.IsFalse(columns.AllColumns);
        Assert.AreEqual(0, columns.Columns!.Count);
        Assert.AreEqual(0, columns.AttributeExpressions.Count);
    }

    [TestMethod]
    public void ColumnSet_BoolConstructor_SetsAllColumns()
    {
        Assert.IsTrue(new ColumnSet(true).AllColumns);
    }

    [TestMethod]
    public void ColumnSet_ParamsConstructorAndAdd_AppendColumnsInOrder()
    {
        var columns = new ColumnSet("name", "accountnumber");

        columns.AddColumns("city", "country");
        columns.AddColumn("revenue");

        CollectionAssert.AreEqual(new[] { "name", "accountnumber", "city", "country", "revenue" }, columns.Columns.ToArray());
    }

    [TestMethod]
    public void ColumnSetColumns_SetToNull_GetReturnsEmptyCollection()
    {
        var columns = new ColumnSet("name") { Columns = null };

        Assert.AreEqual(0, columns.Columns!.Count);
    }

    [TestMethod]
    public void ConditionExpression_IntArray_BindsToICollectionOverloadAndFlattens()
    {
        var condition = new ConditionExpression("statecode", ConditionOperator.In, new[] { 1, 2 });

        CollectionAssert.AreEqual(new object[] { 1, 2 }, condition.Values.ToArray());
        Assert.IsNull(condition.EntityName);
    }

    [TestMethod]
    public void ConditionExpression_ObjectArray_BindsToParamsInNormalForm()
    {
        var condition = new ConditionExpression("statecode", ConditionOperator.In, new object[] { 1, 2 });

        CollectionAssert.AreEqual(new object[] { 1, 2 }, condition.Values.ToArray());
    }

    [TestMethod]
    public void ConditionExpression_StringArray_BindsToParamsByCovariance()
    {
        var condition = new ConditionExpression("name", ConditionOperator.In, new[] { "a", "b" });

        CollectionAssert.AreEqual(new object[] { "a", "b" }, condition.Values.ToArray());
    }

    [TestMethod]
    public void ConditionExpression_SingleValue_WrapsInOneElement()
    {
        var condition = new ConditionExpression("name", ConditionOperator.Equal, "Contoso");
        var withEntity = new ConditionExpression("contact", "fullname", ConditionOperator.Equal, (object)"Ann");

        Assert.AreEqual("Contoso", condition.Values.Single());
        Assert.AreEqual("contact", withEntity.EntityName);
        Assert.AreEqual("Ann", withEntity.Values.Single());
    }

    [TestMethod]
    public void ConditionExpression_NoValuesOrNullArray_LeavesValuesEmpty()
    {
        var noValues = new ConditionExpression("name", ConditionOperator.Null);
        var nullArray = new ConditionExpression("name", ConditionOperator.In, (object[])null!);
        var withEntity = new ConditionExpression("contact", "fullname", ConditionOperator.NotNull);

        Assert.AreEqual(0, noValues.Values.Count);
        Assert.AreEqual(0, nullArray.Values.Count);
        Assert.AreEqual(0, withEntity.Values.Count);
        Assert.AreEqual("contact", withEntity.EntityName);
    }

    [TestMethod]
    public void ConditionExpression_CompareColumns_SetsFlagAndValue()
    {
        var condition = new ConditionExpression("revenue", ConditionOperator.GreaterThan, true, "creditlimit");
        var withEntity = new ConditionExpression("a", "revenue", ConditionOperator.Equal, true, new object[] { "creditlimit" });

        Assert.IsTrue(condition.CompareColumns);
        Assert.AreEqual("creditlimit", condition.Values.Single());
        Assert.AreEqual("a", withEntity.EntityName);
        Assert.IsTrue(withEntity.CompareColumns);
    }

    [TestMethod]
    public void FilterExpression_DefaultConstructor_UsesAnd()
    {
        var filter = new FilterExpression();

        Assert.AreEqual(LogicalOperator.And, filter.FilterOperator);
        Assert.AreEqual(LogicalOperator.Or, new FilterExpression(LogicalOperator.Or).FilterOperator);
        Assert.IsFalse(filter.IsQuickFindFilter);
    }

    [TestMethod]
    public void FilterExpressionAddCondition_IntArray_BecomesOneValue()
    {
        var filter = new FilterExpression();

        filter.AddCondition("statecode", ConditionOperator.In, new[] { 1, 2 });

        var value = filter.Conditions.Single().Values.Single();
        CollectionAssert.AreEqual(new[] { 1, 2 }, (int[])value);
    }

    [TestMethod]
    public void FilterExpressionAddCondition_GuidArray_BecomesOneValue()
    {
        var filter = new FilterExpression();

        filter.AddCondition("accountid", ConditionOperator.In, new[] { Ids.AccountId, Ids.ContactId });

        Assert.AreEqual(1, filter.Conditions.Single().Values.Count);
    }

    [TestMethod]
    public void FilterExpressionAddCondition_ParamsValues_AddsEachValue()
    {
        var filter = new FilterExpression();

        filter.AddCondition("statecode", ConditionOperator.In, 1, 2);
        filter.AddCondition("contact", "fullname", ConditionOperator.Like, "A%");

        Assert.AreEqual(2, filter.Conditions[0].Values.Count);
        Assert.AreEqual("contact", filter.Conditions[1].EntityName);
        Assert.AreEqual("fullname", filter.Conditions[1].AttributeName);
    }

    [TestMethod]
    public void FilterExpressionAddCondition_CompareColumnsOverloads_SetCompareColumns()
    {
        var filter = new FilterExpression();

        filter.AddCondition("revenue", ConditionOperator.GreaterThan, true, (object)"creditlimit");
        filter.AddCondition("a", "revenue", ConditionOperator.GreaterThan, true, new object[] { "creditlimit" });

        Assert.IsTrue(filter.Conditions.All(c => c.CompareColumns));
        Assert.AreEqual("a", filter.Conditions[1].EntityName);
    }

    [TestMethod]
    public void FilterExpressionAddFilter_Operator_CreatesAddsAndReturnsChild()
    {
        var filter = new FilterExpression();

        var child = filter.AddFilter(LogicalOperator.Or);

        Assert.AreSame(child, filter.Filters.Single());
        Assert.AreEqual(LogicalOperator.Or, child.FilterOperator);
    }

    [TestMethod]
    public void FilterExpressionAddFilter_Null_IsIgnored()
    {
        var filter = new FilterExpression();

        filter.AddFilter((FilterExpression)null!);

        Assert.AreEqual(0, filter.Filters.Count);
    }

    [TestMethod]
    public void LinkEntity_Constructor_TakesFromEntityToEntityFromAttributeToAttributeJoin()
    {
        var link = new LinkEntity("account", "contact", "primarycontactid", "contactid", JoinOperator.LeftOuter);

        Assert.AreEqual("account", link.LinkFromEntityName);
        Assert.AreEqual("contact", link.LinkToEntityName);
        Assert.AreEqual("primarycontactid", link.LinkFromAttributeName);
        Assert.AreEqual("contactid", link.LinkToAttributeName);
        Assert.AreEqual(JoinOperator.LeftOuter, link.JoinOperator);
        Assert.IsNotNull(link.Columns);
        Assert.IsNotNull(link.LinkCriteria);
    }

    [TestMethod]
    public void LinkEntity_DefaultConstructor_IsInnerJoinWithColumnsAndCriteria()
    {
        var link = new LinkEntity();

        Assert.AreEqual(JoinOperator.Inner, link.JoinOperator);
        Assert.IsNull(link.LinkFromEntityName);
        Assert.IsNotNull(link.Columns);
        Assert.IsNotNull(link.LinkCriteria);
        Assert.IsNull(link.EntityAlias);
    }

    [TestMethod]
    public void LinkEntityColumns_SetToNull_GetReturnsNewColumnSet()
    {
        var link = new LinkEntity { Columns = null };

        Assert.IsNotNull(link.Columns);
    }

    [TestMethod]
    public void LinkEntityAddLink_Nested_UsesParentsLinkFromEntityName()
    {
        var query = new QueryExpression("account");
        var contact = query.AddLink("contact", "primarycontactid", "contactid");

        var user = contact.AddLink("systemuser", "owninguser", "systemuserid", JoinOperator.LeftOuter);

        Assert.AreSame(user, contact.LinkEntities.Single());
        Assert.AreEqual("account", user.LinkFromEntityName);
        Assert.AreEqual("systemuser", user.LinkToEntityName);
        Assert.AreEqual(JoinOperator.LeftOuter, user.JoinOperator);
        Assert.AreEqual(JoinOperator.Inner, contact.AddLink("team", "owningteam", "teamid").JoinOperator);
    }

    [TestMethod]
    public void OrderExpression_Constructors_SetAttributeTypeAliasAndEntity()
    {
        var simple = new OrderExpression("name", OrderType.Descending);
        var aliased = new OrderExpression("count", OrderType.Ascending, "cnt");
        var full = new OrderExpression("fullname", OrderType.Ascending, "c", "contact");

        Assert.AreEqual(OrderType.Descending, simple.OrderType);
        Assert.IsNull(simple.Alias);
        Assert.AreEqual("cnt", aliased.Alias);
        Assert.AreEqual("contact", full.EntityName);
    }

    [TestMethod]
    public void PagingInfo_Defaults_AreZeroFalseAndNull()
    {
        var paging = new PagingInfo();

        Assert.AreEqual(0, paging.PageNumber);
        Assert.AreEqual(0, paging.Count);
        Assert.IsFalse(paging.ReturnTotalRecordCount);
        Assert.IsNull(paging.PagingCookie);
    }

    [TestMethod]
    public void LogicalOperatorOrderTypeJoinOperator_Values_MatchSdk()
    {
        ValueTests.AssertEnum<LogicalOperator>(("And", 0), ("Or", 1));
        ValueTests.AssertEnum<OrderType>(("Ascending", 0), ("Descending", 1));
        ValueTests.AssertEnum<JoinOperator>(
            ("Inner", 0), ("LeftOuter", 1), ("Natural", 2), ("MatchFirstRowUsingCrossApply", 3), ("In", 4),
            ("Exists", 5), ("Any", 6), ("NotAny", 7), ("All", 8), ("NotAll", 9));
    }

    [TestMethod]
    public void ConditionOperator_Values_AreSequentialFromZeroAsInSdk()
    {
        var expected = new[]
        {
            "Equal", "NotEqual", "GreaterThan", "LessThan", "GreaterEqual", "LessEqual", "Like", "NotLike", "In", "NotIn",
            "Between", "NotBetween", "Null", "NotNull", "Yesterday", "Today", "Tomorrow", "Last7Days", "Next7Days",
            "LastWeek", "ThisWeek", "NextWeek", "LastMonth", "ThisMonth", "NextMonth", "On", "OnOrBefore", "OnOrAfter",
            "LastYear", "ThisYear", "NextYear", "LastXHours", "NextXHours", "LastXDays", "NextXDays", "LastXWeeks",
            "NextXWeeks", "LastXMonths", "NextXMonths", "LastXYears", "NextXYears", "EqualUserId", "NotEqualUserId",
            "EqualBusinessId", "NotEqualBusinessId", "ChildOf", "Mask", "NotMask", "MasksSelect", "Contains",
            "DoesNotContain", "EqualUserLanguage", "NotOn", "OlderThanXMonths", "BeginsWith", "DoesNotBeginWith",
            "EndsWith", "DoesNotEndWith", "ThisFiscalYear", "ThisFiscalPeriod", "NextFiscalYear", "NextFiscalPeriod",
            "LastFiscalYear", "LastFiscalPeriod", "LastXFiscalYears", "LastXFiscalPeriods", "NextXFiscalYears",
            "NextXFiscalPeriods", "InFiscalYear", "InFiscalPeriod", "InFiscalPeriodAndYear",
            "InOrBeforeFiscalPeriodAndYear", "InOrAfterFiscalPeriodAndYear", "EqualUserTeams", "EqualUserOrUserTeams",
            "Under", "NotUnder", "UnderOrEqual", "Above", "AboveOrEqual", "EqualUserOrUserHierarchy",
            "EqualUserOrUserHierarchyAndTeams", "OlderThanXYears", "OlderThanXWeeks", "OlderThanXDays",
            "OlderThanXHours", "OlderThanXMinutes", "ContainValues", "DoesNotContainValues",
        };

        ValueTests.AssertEnum<ConditionOperator>(expected.Select((name, i) => (name, i)).ToArray());
    }

    [TestMethod]
    public void ConditionOperator_AboveAndAboveOrEqual_Are78And79()
    {
        Assert.AreEqual(78, (int)ConditionOperator.Above);
        Assert.AreEqual(79, (int)ConditionOperator.AboveOrEqual);
        Assert.AreEqual(75, (int)ConditionOperator.Under);
    }
}
