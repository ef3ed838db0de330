using System.Globalization;
using System.Text;
using AccountPlanXrm.Emulator.Query;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using static AccountPlanXrm.Emulator.Tests.Query.QueryTestData;

namespace AccountPlanXrm.Emulator.Tests.Query;

/// <summary>
/// Aggregates over the source's column arrays (grouped or not, filtered by values, "or" filters and any / not any /
/// all link-entities) give exactly what the row-by-row scan gives.
/// </summary>
[TestClass]
public sealed class ColumnScanTests
{
    private static readonly Guid[] Accounts = [Contoso, ContosoEast, ContosoEastSub, Fabrikam, Litware];

    /// <summary>The query data plus 40 opportunities over the Contoso hierarchy and two other accounts.</summary>
    private static TestQuerySource Source(bool columns)
    {
        var source = Create();
        for (var i = 0; i < 40; i++)
        {
            var opportunity = new Entity("opportunity", TestQuerySource.Id(1000 + i))
            {
                ["name"] = i % 5 == 0 ? "renewal" : "Renewal",
                ["estimatedvalue"] = new Money(100m + i),
                ["closeprobability"] = i % 4 * 25,
                ["estimatedclosedate"] = new DateTime(2026, 1 + i % 6, 1 + i % 27),
                ["statecode"] = new OptionSetValue(i % 3),
            };
            if (i % 7 != 6)
            {
                opportunity["parentaccountid"] = new EntityReference("account", Accounts[i % Accounts.Length]);
            }

            source.Add(opportunity);
        }

        source.ProvidesColumns = columns;
        return source;
    }

    private static string Run(TestQuerySource source, string fetchXml)
    {
        var text = new StringBuilder();
        foreach (var row in new QueryEngine(source).Execute(new FetchExpression(fetchXml)).Entities)
        {
            foreach (var pair in row.Attributes.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var value = pair.Value is AliasedValue aliased ? aliased.Value : pair.Value;
                var shown = value switch
                {
                    Money m => m.Value.ToString(CultureInfo.InvariantCulture),
                    OptionSetValue o => o.Value.ToString(CultureInfo.InvariantCulture),
                    EntityReference r => r.Id.ToString(),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => Convert.ToString(value, CultureInfo.InvariantCulture),
                };
                text.Append(pair.Key).Append('=').Append(shown);
                if (row.FormattedValues.TryGetValue(pair.Key, out var formatted))
                {
                    text.Append(" (").Append(formatted).Append(')');
                }

                text.Append("; ");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static void AssertSameAsRowScan(string fetchXml)
    {
        var rows = Source(columns: false);
        var columns = Source(columns: true);

        var expected = Run(rows, fetchXml);
        var actual = Run(columns, fetchXml);

        Assert.IsTrue(columns.ColumnCalls > 0, "the column arrays were not used");
        Assert.AreEqual(expected, actual);
    }

    private const string InHierarchy = """
        <link-entity name='account' from='accountid' to='parentaccountid' link-type='any'>
          <filter><condition attribute='accountid' operator='eq-or-under' value='00000000-0000-0000-0000-000000000001' /></filter>
        </link-entity>
        """;

    [TestMethod]
    public void GroupedAggregate_HierarchyLinkAndStateRanges_SameAsRowScan()
    {
        AssertSameAsRowScan($"""
            <fetch aggregate='true'>
              <entity name='opportunity'>
                <attribute name='statecode' alias='state' groupby='true' />
                <attribute name='closeprobability' alias='probability' groupby='true' />
                <attribute name='estimatedvalue' alias='total' aggregate='sum' />
                <attribute name='opportunityid' alias='n' aggregate='count' />
                <filter type='and'>
                  <filter type='or'>{InHierarchy}</filter>
                  <filter type='or'>
                    <filter><condition attribute='statecode' operator='eq' value='1' /><condition attribute='estimatedclosedate' operator='lt' value='2026-04-01' /></filter>
                    <filter><condition attribute='statecode' operator='eq' value='0' /><condition attribute='estimatedclosedate' operator='ge' value='2026-02-01' /></filter>
                  </filter>
                </filter>
              </entity>
            </fetch>
            """);
    }

    [TestMethod]
    public void GroupedAggregate_HierarchyLink_SumsTheWholeTree()
    {
        var source = Source(columns: true);

        var result = new QueryEngine(source).Execute(new FetchExpression($"""
            <fetch aggregate='true'>
              <entity name='opportunity'>
                <attribute name='estimatedvalue' alias='total' aggregate='sum' />
                <attribute name='opportunityid' alias='n' aggregate='count' />
                <filter>{InHierarchy}</filter>
              </entity>
            </fetch>
            """)).Entities.Single();

        // The seed's two Contoso opportunities (100 + 300) and those of i % 5 in {0, 1, 2} (Contoso, East, East Sub) with an account.
        var tree = Enumerable.Range(0, 40).Where(i => i % 7 != 6 && i % 5 < 3).ToArray();
        Assert.AreEqual(new Money(400m + tree.Sum(i => 100m + i)), result.GetAttributeValue<AliasedValue>("total").Value);
        Assert.AreEqual(2 + tree.Length, result.GetAttributeValue<AliasedValue>("n").Value);
    }

    [TestMethod]
    public void GroupedAggregate_NotAnyAndAllLinks_SameAsRowScan()
    {
        AssertSameAsRowScan("""
            <fetch aggregate='true'>
              <entity name='opportunity'>
                <attribute name='parentaccountid' alias='account' groupby='true' />
                <attribute name='estimatedvalue' alias='total' aggregate='sum' />
                <filter type='or'>
                  <link-entity name='account' from='accountid' to='parentaccountid' link-type='not any'>
                    <filter><condition attribute='name' operator='like' value='Contoso%' /></filter>
                  </link-entity>
                  <link-entity name='account' from='accountid' to='parentaccountid' link-type='all'>
                    <filter><condition attribute='name' operator='eq' value='Contoso East' /></filter>
                  </link-entity>
                </filter>
              </entity>
            </fetch>
            """);
    }

    [TestMethod]
    public void GroupedAggregate_TextAndDateGroupingWithLike_SameAsRowScan()
    {
        AssertSameAsRowScan("""
            <fetch aggregate='true'>
              <entity name='opportunity'>
                <attribute name='name' alias='name' groupby='true' />
                <attribute name='estimatedclosedate' alias='month' groupby='true' dategrouping='month' />
                <attribute name='estimatedvalue' alias='average' aggregate='avg' />
                <attribute name='closeprobability' alias='highest' aggregate='max' />
                <filter type='or'>
                  <condition attribute='name' operator='like' value='%newal' />
                  <condition attribute='closeprobability' operator='null' />
                </filter>
              </entity>
            </fetch>
            """);
    }

    [TestMethod]
    public void GroupedAggregate_OverTheAggregateLimit_ThrowsTheLimitFault()
    {
        var source = Source(columns: true);

        var fault = Fault(() => new QueryEngine(source).Execute(new FetchExpression("""
            <fetch aggregate='true' aggregatelimit='10'>
              <entity name='opportunity'>
                <attribute name='statecode' alias='state' groupby='true' />
                <attribute name='opportunityid' alias='n' aggregate='count' />
              </entity>
            </fetch>
            """)));

        Assert.AreEqual(QueryFaults.AggregateQueryRecordLimit, fault.Detail.ErrorCode);
        Assert.IsTrue(source.ColumnCalls > 0);
    }
}
