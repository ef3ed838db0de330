using System.Diagnostics;
using AccountPlanXrm.Emulator.Query;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Emulator.Tests.Query;

/// <summary>
/// Stopwatch harness for the query engine over <see cref="TestQuerySource"/>; not a test (nothing asserts a time).
/// 100,000 opportunities over 1,000 accounts. Reports median and minimum of repeated runs: an equality query on
/// the indexed lookup, a sum aggregate that scans 100,000 rows and sums the third its filter keeps (the platform
/// refuses aggregates over more than 50,000 rows), the same sum over all 100,000 rows (ends in that fault), a
/// grouped sum over rows selected through the index, and a first 5,000-row page.
/// </summary>
internal static class QueryBenchmark
{
    public static IReadOnlyList<string> Run(int rows = 100_000, int accounts = 1_000, int repeats = 50)
    {
        var source = new TestQuerySource();
        var accountIds = new Guid[accounts];
        for (int a = 0; a < accounts; a++)
        {
            accountIds[a] = TestQuerySource.Id(1_000_000 + a);
            source.Add(new Entity("account", accountIds[a]) { ["name"] = "Account " + a });
        }

        for (int i = 0; i < rows; i++)
        {
            source.Add(new Entity("opportunity", TestQuerySource.Id(i + 1))
            {
                ["name"] = "Opportunity " + i,
                ["parentaccountid"] = new EntityReference("account", accountIds[i % accounts]),
                ["estimatedvalue"] = new Money(i % 997),
                ["statecode"] = new OptionSetValue(i % 3),
            });
        }

        var engine = new QueryEngine(source);
        var lines = new List<string>();

        var lookup = new QueryExpression("opportunity") { ColumnSet = new ColumnSet("name", "estimatedvalue") };
        lookup.Criteria.AddCondition("parentaccountid", ConditionOperator.Equal, accountIds[accounts / 2]);
        lookup.Criteria.AddCondition("statecode", ConditionOperator.Equal, 1);
        var lookupCount = 0;
        lines.Add(Measure($"equality query on a lookup over {rows:N0} rows (index)", repeats * 20, () => lookupCount = engine.Execute(lookup).Entities.Count) + $" [{lookupCount} rows]");

        var sumFetch = """
            <fetch aggregate='true'>
              <entity name='opportunity'>
                <attribute name='estimatedvalue' alias='total' aggregate='sum' />
                <filter><condition attribute='statecode' operator='eq' value='1' /></filter>
              </entity>
            </fetch>
            """;
        lines.Add(Measure($"sum aggregate scanning {rows:N0} rows (filter on statecode keeps a third)", repeats, () => engine.ExecuteFetchXml(sumFetch)));

        var sumAll = "<fetch aggregate='true'><entity name='opportunity'><attribute name='estimatedvalue' alias='total' aggregate='sum' /></entity></fetch>";
        lines.Add(Measure($"sum aggregate over {rows:N0} rows (ends in the 50,000-row limit fault)", repeats, () =>
        {
            try
            {
                engine.ExecuteFetchXml(sumAll);
            }
            catch (System.ServiceModel.FaultException<OrganizationServiceFault>)
            {
            }
        }));

        var grouped = "<fetch aggregate='true' aggregatelimit='50000'><entity name='opportunity'><attribute name='statecode' alias='state' groupby='true' /><attribute name='estimatedvalue' alias='total' aggregate='sum' /><filter><condition attribute='parentaccountid' operator='in'>"
            + string.Concat(accountIds.Take(accounts / 4).Select(id => $"<value>{id}</value>"))
            + "</condition></filter></entity></fetch>";
        lines.Add(Measure($"grouped sum over {rows / 4:N0} rows selected by an indexed in-condition", repeats, () => engine.ExecuteFetchXml(grouped)));

        var page = new QueryExpression("opportunity") { ColumnSet = new ColumnSet("name"), PageInfo = new PagingInfo { Count = 5000, PageNumber = 1 } };
        lines.Add(Measure($"first 5,000-row page of {rows:N0} rows (sort by primary key)", Math.Max(5, repeats / 5), () => engine.Execute(page)));
        return lines;
    }

    private static string Measure(string label, int repeats, Action action)
    {
        action();
        action();
        var samples = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            samples[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(samples);
        return $"{label}: median {samples[repeats / 2]:F3} ms, min {samples[0]:F3} ms";
    }
}
