using AccountPlanXrm.Emulator.Query;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using static AccountPlanXrm.Emulator.Tests.Query.QueryTestData;

namespace AccountPlanXrm.Emulator.Tests.Query;

[TestClass]
public sealed class ConditionOperatorTests
{
    private QueryEngine _engine = null!;

    [TestInitialize]
    public void Initialize() => _engine = new QueryEngine(Create());

    private List<string?> Accounts(string attribute, ConditionOperator op, params object[] values)
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.Conditions.Add(new ConditionExpression(attribute, op, values));
        query.AddOrder("name", OrderType.Ascending);
        return Names(_engine.Execute(query));
    }

    [TestMethod]
    public void Equal_StringValue_ComparesCaseInsensitively()
    {
        CollectionAssert.AreEqual(new[] { "Contoso" }, Accounts("name", ConditionOperator.Equal, "CONTOSO"));
    }

    [TestMethod]
    public void Equal_OptionSetValueOrInt_MatchesChoice()
    {
        CollectionAssert.AreEqual(new[] { "Fabrikam" }, Accounts("industrycode", ConditionOperator.Equal, new OptionSetValue(1)));
        CollectionAssert.AreEqual(new[] { "Fabrikam" }, Accounts("industrycode", ConditionOperator.Equal, 1));
    }

    [TestMethod]
    public void Equal_EntityReferenceOrGuid_MatchesLookup()
    {
        CollectionAssert.AreEqual(new[] { "Contoso East" }, Accounts("parentaccountid", ConditionOperator.Equal, new EntityReference("account", Contoso)));
        CollectionAssert.AreEqual(new[] { "Contoso East" }, Accounts("parentaccountid", ConditionOperator.Equal, Contoso));
    }

    [TestMethod]
    public void Equal_WrongValueType_ThrowsFault()
    {
        Fault(() => Accounts("numberofemployees", ConditionOperator.Equal, "many"));
    }

    [TestMethod]
    public void NotEqual_NullColumn_IsNotReturned()
    {
        CollectionAssert.AreEqual(new[] { "Fabrikam", "Litware" }, Accounts("industrycode", ConditionOperator.NotEqual, 3));
    }

    [TestMethod]
    public void GreaterThan_MoneyColumnWithDecimal_ComparesValues()
    {
        CollectionAssert.AreEqual(new[] { "Fabrikam" }, Accounts("revenue", ConditionOperator.GreaterThan, 1000m));
        CollectionAssert.AreEqual(new[] { "Contoso", "Fabrikam" }, Accounts("revenue", ConditionOperator.GreaterEqual, new Money(1000m)));
    }

    [TestMethod]
    public void LessThanAndLessEqual_WholeNumber_ComparesValues()
    {
        CollectionAssert.AreEqual(new[] { "Litware" }, Accounts("numberofemployees", ConditionOperator.LessThan, 50));
        CollectionAssert.AreEqual(new[] { "Contoso", "Litware" }, Accounts("numberofemployees", ConditionOperator.LessEqual, 50));
    }

    [TestMethod]
    public void In_ArrayPassedAsOneValue_MatchesAnyElement()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("accountid", ConditionOperator.In, new[] { Fabrikam, Litware });
        query.AddOrder("name", OrderType.Ascending);

        CollectionAssert.AreEqual(new[] { "Fabrikam", "Litware" }, Names(_engine.Execute(query)));
    }

    [TestMethod]
    public void In_StringValues_MatchesAnyCaseInsensitively()
    {
        CollectionAssert.AreEqual(new[] { "Fabrikam", "Litware" }, Accounts("name", ConditionOperator.In, "litware", "FABRIKAM", "none"));
    }

    [TestMethod]
    public void NotIn_Values_ExcludesThemAndNulls()
    {
        CollectionAssert.AreEqual(new[] { "Litware" }, Accounts("industrycode", ConditionOperator.NotIn, 1, 3));
    }

    [TestMethod]
    public void Like_PercentAndUnderscoreWildcards_Match()
    {
        CollectionAssert.AreEqual(new[] { "Contoso", "Contoso East", "Contoso East Sub" }, Accounts("name", ConditionOperator.Like, "con%"));
        CollectionAssert.AreEqual(new[] { "Litware" }, Accounts("name", ConditionOperator.Like, "L_tware"));
        CollectionAssert.AreEqual(new[] { "Contoso East", "Contoso East Sub" }, Accounts("name", ConditionOperator.Like, "%east%"));
        CollectionAssert.AreEqual(new[] { "Fabrikam", "Litware" }, Accounts("name", ConditionOperator.Like, "[FL]%"));
    }

    [TestMethod]
    public void NotLike_Pattern_ExcludesMatchesAndNulls()
    {
        CollectionAssert.AreEqual(new[] { "Fabrikam", "Litware" }, Accounts("name", ConditionOperator.NotLike, "Contoso%"));
    }

    [TestMethod]
    public void BeginsWithEndsWithContains_TreatValueLiterally()
    {
        CollectionAssert.AreEqual(new[] { "Contoso", "Contoso East", "Contoso East Sub" }, Accounts("name", ConditionOperator.BeginsWith, "cont"));
        CollectionAssert.AreEqual(new[] { "Contoso East" }, Accounts("name", ConditionOperator.EndsWith, "EAST"));
        CollectionAssert.AreEqual(new[] { "Fabrikam", "Litware" }, Accounts("name", ConditionOperator.DoesNotBeginWith, "Con"));
        CollectionAssert.AreEqual(new[] { "Contoso", "Contoso East Sub", "Fabrikam", "Litware" }, Accounts("name", ConditionOperator.DoesNotEndWith, "East"));
        CollectionAssert.AreEqual(Array.Empty<string>(), Accounts("name", ConditionOperator.BeginsWith, "%"));
    }

    [TestMethod]
    public void NullAndNotNull_TestPresence()
    {
        CollectionAssert.AreEqual(new[] { "Contoso East", "Contoso East Sub", "Litware" }, Accounts("revenue", ConditionOperator.Null).Where(n => n != null).ToList());
        CollectionAssert.AreEqual(new[] { "Contoso", "Fabrikam" }, Accounts("revenue", ConditionOperator.NotNull));
    }

    [TestMethod]
    public void Between_IsInclusive()
    {
        CollectionAssert.AreEqual(new[] { "Contoso", "Litware" }, Accounts("numberofemployees", ConditionOperator.Between, 10, 50));
        CollectionAssert.AreEqual(new[] { "Fabrikam" }, Accounts("numberofemployees", ConditionOperator.NotBetween, 10, 50));
    }

    [TestMethod]
    public void Between_WithOneValue_ThrowsFault()
    {
        Fault(() => Accounts("numberofemployees", ConditionOperator.Between, 10));
    }

    [TestMethod]
    public void TodayYesterdayTomorrow_UseTheSourceClock()
    {
        CollectionAssert.AreEqual(new[] { "Contoso" }, Accounts("createdon", ConditionOperator.Today));
        CollectionAssert.AreEqual(new[] { "Fabrikam" }, Accounts("createdon", ConditionOperator.Yesterday));
        CollectionAssert.AreEqual(new[] { "Contoso East" }, Accounts("createdon", ConditionOperator.Tomorrow));
    }

    [TestMethod]
    public void ThisMonthLastMonthThisYear_UseCalendarBoundaries()
    {
        CollectionAssert.AreEqual(new[] { "Contoso", "Contoso East", "Fabrikam" }, Accounts("createdon", ConditionOperator.ThisMonth));
        CollectionAssert.AreEqual(Array.Empty<string>(), Accounts("createdon", ConditionOperator.LastMonth));
        CollectionAssert.AreEqual(new[] { "Contoso", "Contoso East", "Fabrikam", "Litware" }, Accounts("createdon", ConditionOperator.ThisYear));
        CollectionAssert.AreEqual(new string?[] { null }, Accounts("createdon", ConditionOperator.LastYear));
    }

    [TestMethod]
    public void ThisWeek_StartsOnSunday()
    {
        // The clock is Thursday 2026-05-14; the week runs Sunday 05-10 to Saturday 05-16.
        CollectionAssert.AreEqual(new[] { "Contoso", "Contoso East", "Fabrikam" }, Accounts("createdon", ConditionOperator.ThisWeek));
    }

    [TestMethod]
    public void LastXDaysAndNextXDays_CountDaysFromToday()
    {
        CollectionAssert.AreEqual(new[] { "Contoso", "Fabrikam" }, Accounts("createdon", ConditionOperator.LastXDays, 1));
        CollectionAssert.AreEqual(new[] { "Contoso East" }, Accounts("createdon", ConditionOperator.NextXDays, 1));
        CollectionAssert.AreEqual(new[] { "Contoso", "Fabrikam", "Litware" }, Accounts("createdon", ConditionOperator.LastXMonths, 3));
        CollectionAssert.AreEqual(new[] { "Contoso East" }, Accounts("createdon", ConditionOperator.NextXMonths, 1));
    }

    [TestMethod]
    public void OlderThanX_ComparesWithTheClock()
    {
        CollectionAssert.AreEqual(new[] { null, "Litware" }, Accounts("createdon", ConditionOperator.OlderThanXMonths, 1));
        CollectionAssert.AreEqual(new[] { null, "Fabrikam", "Litware" }, Accounts("createdon", ConditionOperator.OlderThanXDays, 1));
    }

    [TestMethod]
    public void OnOnOrBeforeOnOrAfter_CompareWholeDays()
    {
        var day = new DateTime(2026, 5, 13);
        CollectionAssert.AreEqual(new[] { "Fabrikam" }, Accounts("createdon", ConditionOperator.On, day));
        CollectionAssert.AreEqual(new[] { null, "Fabrikam", "Litware" }, Accounts("createdon", ConditionOperator.OnOrBefore, day));
        CollectionAssert.AreEqual(new[] { "Contoso", "Contoso East", "Fabrikam" }, Accounts("createdon", ConditionOperator.OnOrAfter, day));
    }

    [TestMethod]
    public void InFiscalYearAndPeriod_UseCalendarYearAndQuarters()
    {
        CollectionAssert.AreEqual(new string?[] { null }, Accounts("createdon", ConditionOperator.InFiscalYear, 2025));
        CollectionAssert.AreEqual(new[] { "Litware" }, Accounts("createdon", ConditionOperator.InFiscalPeriodAndYear, 1, 2026));
        CollectionAssert.AreEqual(new[] { "Contoso", "Contoso East", "Fabrikam" }, Accounts("createdon", ConditionOperator.ThisFiscalPeriod));
    }

    [TestMethod]
    public void EqualUserIdAndNotEqualUserId_UseTheCallingUser()
    {
        CollectionAssert.AreEqual(new[] { "Contoso", "Litware" }, Accounts("ownerid", ConditionOperator.EqualUserId));
        CollectionAssert.AreEqual(new[] { null, "Fabrikam" }, Accounts("ownerid", ConditionOperator.NotEqualUserId));
    }

    [TestMethod]
    public void EqualUserOrUserTeams_MatchesTheUserAndTheUsersTeams()
    {
        var source = Create();
        source.Add(new Entity("account", TestQuerySource.Id(8)) { ["name"] = "Team owned", ["ownerid"] = new EntityReference("team", TestQuerySource.TeamId) });
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("ownerid", ConditionOperator.EqualUserOrUserTeams);
        query.AddOrder("name", OrderType.Ascending);

        CollectionAssert.AreEqual(new[] { "Contoso", "Litware", "Team owned" }, Names(new QueryEngine(source).Execute(query)));
    }

    [TestMethod]
    public void MoreThan500Conditions_ThrowsTooManyConditionsFault()
    {
        var query = new QueryExpression("account");
        for (int i = 0; i < 501; i++)
        {
            query.Criteria.AddCondition("numberofemployees", ConditionOperator.NotEqual, i);
        }

        var fault = Fault(() => _engine.Execute(query));

        Assert.AreEqual(QueryFaults.TooManyConditions, fault.Detail.ErrorCode);
    }

    [TestMethod]
    public void EqualBusinessId_UsesTheCallingUsersBusinessUnit()
    {
        CollectionAssert.AreEqual(new[] { "Contoso" }, Accounts("owningbusinessunit", ConditionOperator.EqualBusinessId));
    }

    [TestMethod]
    public void UnderAndUnderOrEqual_WalkTheHierarchyDown()
    {
        CollectionAssert.AreEqual(new[] { "Contoso East", "Contoso East Sub" }, Accounts("accountid", ConditionOperator.Under, Contoso));
        CollectionAssert.AreEqual(new[] { "Contoso", "Contoso East", "Contoso East Sub" }, Accounts("accountid", ConditionOperator.UnderOrEqual, Contoso));
        CollectionAssert.AreEqual(new[] { "Contoso East Sub" }, Accounts("accountid", ConditionOperator.Under, ContosoEast));
    }

    [TestMethod]
    public void AboveAndAboveOrEqual_WalkTheHierarchyUp()
    {
        CollectionAssert.AreEqual(new[] { "Contoso", "Contoso East" }, Accounts("accountid", ConditionOperator.Above, ContosoEastSub));
        CollectionAssert.AreEqual(new[] { "Contoso", "Contoso East", "Contoso East Sub" }, Accounts("accountid", ConditionOperator.AboveOrEqual, ContosoEastSub));
    }

    [TestMethod]
    public void NotUnder_ExcludesDescendants()
    {
        CollectionAssert.AreEqual(new[] { null, "Contoso", "Fabrikam", "Litware" }, Accounts("accountid", ConditionOperator.NotUnder, Contoso));
    }

    [TestMethod]
    public void Under_OnTableWithoutHierarchy_ThrowsFault()
    {
        var query = new QueryExpression("contact");
        query.Criteria.AddCondition("contactid", ConditionOperator.Under, Anna);

        Fault(() => _engine.Execute(query));
    }

    [TestMethod]
    public void NestedFilters_CombineAndAndOr()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
        var or = query.Criteria.AddFilter(LogicalOperator.Or);
        or.AddCondition("numberofemployees", ConditionOperator.GreaterThan, 100);
        or.AddCondition("name", ConditionOperator.Like, "%East");
        query.AddOrder("name", OrderType.Ascending);

        CollectionAssert.AreEqual(new[] { "Contoso East", "Fabrikam" }, Names(_engine.Execute(query)));
    }

    [TestMethod]
    public void OrCriteria_MatchesEitherCondition()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.FilterOperator = LogicalOperator.Or;
        query.Criteria.AddCondition("accountid", ConditionOperator.Equal, Contoso);
        query.Criteria.AddCondition("name", ConditionOperator.Equal, "Litware");
        query.AddOrder("name", OrderType.Ascending);

        CollectionAssert.AreEqual(new[] { "Contoso", "Litware" }, Names(_engine.Execute(query)));
    }

    [TestMethod]
    public void CompareColumns_ComparesTwoColumnsOfTheRow()
    {
        var source = Create();
        source.Add(new Entity("account", TestQuerySource.Id(7)) { ["name"] = "Same", ["accountnumber"] = "same" });
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("name", ConditionOperator.Equal, true, "accountnumber");

        CollectionAssert.AreEqual(new[] { "Same" }, Names(new QueryEngine(source).Execute(query)));
    }

    [TestMethod]
    public void UnsupportedOperator_ThrowsInvalidConditionOperatorFault()
    {
        var fault = Fault(() => Accounts("numberofemployees", ConditionOperator.Mask, 1));

        Assert.AreEqual(QueryFaults.InvalidConditionOperator, fault.Detail.ErrorCode);
    }
}
