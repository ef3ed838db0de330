using AccountPlanXrm.Emulator.Query;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Emulator.Tests.Query;

[TestClass]
public sealed class PagingTests
{
    private TestQuerySource _source = null!;
    private QueryEngine _engine = null!;

    [TestInitialize]
    public void Initialize()
    {
        _source = new TestQuerySource();
        _engine = new QueryEngine(_source);
    }

    private void AddContacts(int count)
    {
        for (int i = 1; i <= count; i++)
        {
            _source.Add(new Entity("contact", TestQuerySource.Id(i)) { ["lastname"] = $"C{i:D5}" });
        }
    }

    [TestMethod]
    public void Execute_MoreThan5000Rows_ReturnsFirst5000WithMoreRecords()
    {
        AddContacts(5001);

        var result = _engine.Execute(new QueryExpression("contact"));

        Assert.AreEqual(5000, result.Entities.Count);
        Assert.IsTrue(result.MoreRecords);
        Assert.AreEqual(-1, result.TotalRecordCount);
    }

    [TestMethod]
    public void Execute_PageSizeAbove5000_IsCappedAt5000()
    {
        AddContacts(5001);

        var result = _engine.Execute(new QueryExpression("contact") { PageInfo = new PagingInfo { Count = 6000, PageNumber = 1 } });

        Assert.AreEqual(5000, result.Entities.Count);
    }

    [TestMethod]
    public void Execute_PageNumberWithoutCookie_SkipsPreviousPages()
    {
        AddContacts(5);
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname"), PageInfo = new PagingInfo { Count = 2, PageNumber = 2 } };

        var result = _engine.Execute(query);

        CollectionAssert.AreEqual(new[] { "C00003", "C00004" }, result.Entities.Select(e => e["lastname"]).ToArray());
        Assert.IsTrue(result.MoreRecords);
    }

    [TestMethod]
    public void Execute_LastPage_HasNoMoreRecords()
    {
        AddContacts(5);
        var query = new QueryExpression("contact") { PageInfo = new PagingInfo { Count = 2, PageNumber = 3 } };

        var result = _engine.Execute(query);

        Assert.AreEqual(1, result.Entities.Count);
        Assert.IsFalse(result.MoreRecords);
    }

    [TestMethod]
    public void Execute_FirstPage_ReturnsPlatformPagingCookie()
    {
        AddContacts(5);
        var query = new QueryExpression("contact") { PageInfo = new PagingInfo { Count = 2, PageNumber = 1 } };

        var result = _engine.Execute(query);

        Assert.AreEqual(
            "<cookie page=\"1\"><contactid last=\"{00000000-0000-0000-0000-000000000002}\" first=\"{00000000-0000-0000-0000-000000000001}\" /></cookie>",
            result.PagingCookie);
    }

    [TestMethod]
    public void Execute_PagingCookieWithOrder_IncludesOrderColumnValues()
    {
        AddContacts(3);
        var query = new QueryExpression("contact") { PageInfo = new PagingInfo { Count = 2, PageNumber = 1 } };
        query.AddOrder("lastname", OrderType.Descending);

        var result = _engine.Execute(query);

        Assert.AreEqual(
            "<cookie page=\"1\"><lastname last=\"C00002\" first=\"C00003\" /><contactid last=\"{00000000-0000-0000-0000-000000000002}\" first=\"{00000000-0000-0000-0000-000000000003}\" /></cookie>",
            result.PagingCookie);
    }

    [TestMethod]
    public void Execute_PagingCookie_ContinuesAfterTheLastRowEvenWhenEarlierRowsWereDeleted()
    {
        AddContacts(6);
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname"), PageInfo = new PagingInfo { Count = 2, PageNumber = 1 } };
        var first = _engine.Execute(query);
        foreach (var entity in first.Entities)
        {
            _source.Remove("contact", entity.Id);
        }

        query.PageInfo.PageNumber = 2;
        query.PageInfo.PagingCookie = first.PagingCookie;
        var second = _engine.Execute(query);

        CollectionAssert.AreEqual(new[] { "C00003", "C00004" }, second.Entities.Select(e => e["lastname"]).ToArray());
    }

    [TestMethod]
    public void Execute_PagingCookieOfDeletedLastRow_ContinuesWithTheNextKey()
    {
        AddContacts(6);
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname"), PageInfo = new PagingInfo { Count = 2, PageNumber = 1 } };
        var first = _engine.Execute(query);
        _source.Remove("contact", TestQuerySource.Id(2));

        query.PageInfo.PageNumber = 2;
        query.PageInfo.PagingCookie = first.PagingCookie;
        var second = _engine.Execute(query);

        CollectionAssert.AreEqual(new[] { "C00003", "C00004" }, second.Entities.Select(e => e["lastname"]).ToArray());
    }

    [TestMethod]
    public void Execute_PagingCookieWithOrderOnPrimaryKey_NamesTheKeyOnceAndSurvivesDeletion()
    {
        AddContacts(6);
        var fetch = "<fetch count='2' page='{0}'{1}><entity name='contact'><attribute name='lastname'/><order attribute='contactid'/></entity></fetch>";
        var first = _engine.ExecuteFetchXml(string.Format(fetch, 1, ""));
        _source.Remove("contact", TestQuerySource.Id(2));

        var second = _engine.ExecuteFetchXml(string.Format(fetch, 2, $" paging-cookie='{System.Security.SecurityElement.Escape(first.PagingCookie)}'"));

        Assert.AreEqual(
            "<cookie page=\"1\"><contactid last=\"{00000000-0000-0000-0000-000000000002}\" first=\"{00000000-0000-0000-0000-000000000001}\" /></cookie>",
            first.PagingCookie);
        CollectionAssert.AreEqual(new[] { "C00003", "C00004" }, second.Entities.Select(e => e["lastname"]).ToArray());
    }

    [TestMethod]
    public void Execute_PagingCookieWithOrderAndDeletedLastRow_ContinuesAfterTheCookieValues()
    {
        AddContacts(6);
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname"), PageInfo = new PagingInfo { Count = 2, PageNumber = 1 } };
        query.AddOrder("lastname", OrderType.Descending);
        var first = _engine.Execute(query);
        foreach (var entity in first.Entities)
        {
            _source.Remove("contact", entity.Id);
        }

        query.PageInfo.PageNumber = 2;
        query.PageInfo.PagingCookie = first.PagingCookie;
        var second = _engine.Execute(query);

        CollectionAssert.AreEqual(new[] { "C00006", "C00005" }, first.Entities.Select(e => e["lastname"]).ToArray());
        CollectionAssert.AreEqual(new[] { "C00004", "C00003" }, second.Entities.Select(e => e["lastname"]).ToArray());
    }

    [TestMethod]
    public void Execute_PagingLoop_VisitsEveryRowOnce()
    {
        AddContacts(12_345);
        var query = new QueryExpression("contact") { PageInfo = new PagingInfo { Count = 5000, PageNumber = 1 } };
        var seen = new HashSet<Guid>();
        int pages = 0;

        while (true)
        {
            var page = _engine.Execute(query);
            pages++;
            foreach (var entity in page.Entities)
            {
                Assert.IsTrue(seen.Add(entity.Id));
            }

            if (!page.MoreRecords)
            {
                break;
            }

            query.PageInfo.PageNumber++;
            query.PageInfo.PagingCookie = page.PagingCookie;
        }

        Assert.AreEqual(12_345, seen.Count);
        Assert.AreEqual(3, pages);
    }

    [TestMethod]
    public void Execute_ReturnTotalRecordCount_CountsAllMatchingRows()
    {
        AddContacts(7);
        var query = new QueryExpression("contact") { PageInfo = new PagingInfo { Count = 2, PageNumber = 1, ReturnTotalRecordCount = true } };

        var result = _engine.Execute(query);

        Assert.AreEqual(7, result.TotalRecordCount);
        Assert.IsFalse(result.TotalRecordCountLimitExceeded);
    }

    [TestMethod]
    public void Execute_ReturnTotalRecordCountOver5000_IsCappedWithLimitExceeded()
    {
        AddContacts(5001);
        var query = new QueryExpression("contact") { PageInfo = new PagingInfo { Count = 10, PageNumber = 1, ReturnTotalRecordCount = true } };

        var result = _engine.Execute(query);

        Assert.AreEqual(5000, result.TotalRecordCount);
        Assert.IsTrue(result.TotalRecordCountLimitExceeded);
    }

    [TestMethod]
    public void ExecuteFetchXml_PageCountAndPagingCookieAttributes_AreHonoured()
    {
        AddContacts(5);
        var firstPage = _engine.ExecuteFetchXml("<fetch count='2' page='1'><entity name='contact'><attribute name='lastname'/></entity></fetch>");
        var cookie = System.Security.SecurityElement.Escape(firstPage.PagingCookie);
        _source.Remove("contact", TestQuerySource.Id(1));

        var secondPage = _engine.ExecuteFetchXml(
            $"<fetch count='2' page='2' paging-cookie='{cookie}' returntotalrecordcount='true'><entity name='contact'><attribute name='lastname'/></entity></fetch>");

        CollectionAssert.AreEqual(new[] { "C00003", "C00004" }, secondPage.Entities.Select(e => e["lastname"]).ToArray());
        Assert.IsTrue(secondPage.MoreRecords);
        Assert.AreEqual(4, secondPage.TotalRecordCount);
    }

    [TestMethod]
    public void Execute_GuidsOrderLikeSqlServer_LastByteGroupIsMostSignificant()
    {
        var low = new Guid("ffffffff-ffff-ffff-ffff-000000000001");
        var high = new Guid("00000000-0000-0000-0000-000000000002");
        _source.Add(new Entity("contact", high) { ["lastname"] = "high" });
        _source.Add(new Entity("contact", low) { ["lastname"] = "low" });

        var result = _engine.Execute(new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname") });

        CollectionAssert.AreEqual(new[] { "low", "high" }, result.Entities.Select(e => e["lastname"]).ToArray());
    }
}
