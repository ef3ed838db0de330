using System.Globalization;
using System.Text.RegularExpressions;
using AccountPlanXrm.Plugins.Infrastructure;
using AccountPlanXrm.Plugins.Logic;
using AccountPlanXrm.Plugins.Model;
using AccountPlanXrm.Plugins.Tests.Fakes;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Plugins.Tests.Unit;

[TestClass]
public sealed class KpiRollupTests
{
    private static readonly Guid AccountId = new("a0000000-0000-0000-0000-000000000001");
    private static readonly Guid PlanId = new("10000000-0000-0000-0000-000000000001");
    private static readonly DateTime Now = new(2027, 3, 15, 9, 0, 0, DateTimeKind.Utc);

    private static Entity Group(int state, int? probability, decimal won, decimal estimated)
    {
        var row = new Entity(Opportunity.EntityName)
        {
            ["state"] = new AliasedValue(Opportunity.EntityName, Opportunity.StateCode, new OptionSetValue(state)),
            ["won"] = new AliasedValue(Opportunity.EntityName, Opportunity.ActualValueBase, new Money(won)),
            ["estimated"] = new AliasedValue(Opportunity.EntityName, Opportunity.EstimatedValueBase, new Money(estimated)),
        };
        if (probability.HasValue)
        {
            row["probability"] = new AliasedValue(Opportunity.EntityName, Opportunity.CloseProbability, probability.Value);
        }

        return row;
    }

    private static (DateTime From, DateTime To) Range(string fetch)
    {
        var ge = Regex.Match(fetch, "operator=\"ge\" value=\"([0-9-]+)\"").Groups[1].Value;
        var lt = Regex.Match(fetch, "operator=\"lt\" value=\"([0-9-]+)\"").Groups[1].Value;
        return (DateTime.ParseExact(ge, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTime.ParseExact(lt, "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private static KpiRollup Rollup(FakeOrganizationService service) => new(service, new ListTracing(), new FixedClock(Now));

    [TestMethod]
    public void Revenue_AggregateWithinLimit_OneRequestOverTheHierarchyAndWeightedPipeline()
    {
        var service = new FakeOrganizationService();
        service.OnRetrieveMultiple = q => new EntityCollection([Group(1, 100, 1000m, 0m), Group(0, 50, 0m, 400m), Group(0, null, 0m, 100m), Group(2, 0, 0m, 999m)]);

        var sums = Rollup(service).Revenue(AccountId, new DateTime(2027, 1, 1), new DateTime(2027, 12, 31));

        Assert.AreEqual(1000m, sums.Won);
        Assert.AreEqual(500m, sums.Open);
        Assert.AreEqual(200m, sums.Weighted);
        CollectionAssert.AreEqual(new[] { "RetrieveMultiple fetch" }, service.Calls);
        var fetch = ((FetchExpression)service.Queries[0]).Query;
        StringAssert.Contains(fetch, "operator=\"eq-or-under\" value=\"" + AccountId.ToString("D") + "\"");
        StringAssert.Contains(fetch, "to=\"customerid\" link-type=\"any\"");
        StringAssert.Contains(fetch, "to=\"parentaccountid\" link-type=\"any\"");
        StringAssert.Contains(fetch, "value=\"2028-01-01\"");
    }

    [TestMethod]
    public void Revenue_AggregateLimitOverAYear_HalvesTheRangeUntilAggregatesFit()
    {
        var service = new FakeOrganizationService();
        var slices = new List<(DateTime, DateTime)>();
        service.OnRetrieveMultiple = q =>
        {
            if (q is QueryExpression)
            {
                return new EntityCollection();
            }

            var range = Range(((FetchExpression)q).Query);
            if ((range.To - range.From).Days > 100)
            {
                throw FakeOrganizationService.Fault(Faults.AggregateQueryRecordLimit, "AggregateQueryRecordLimit exceeded.");
            }

            slices.Add(range);
            return new EntityCollection([Group(1, 100, 10m, 0m)]);
        };

        var sums = Rollup(service).Revenue(AccountId, new DateTime(2027, 1, 1), new DateTime(2027, 12, 31));

        Assert.AreEqual(40m, sums.Won);
        Assert.AreEqual(4, slices.Count);
        Assert.AreEqual(new DateTime(2027, 1, 1), slices[0].Item1);
        Assert.AreEqual(new DateTime(2028, 1, 1), slices[3].Item2);
        for (var i = 1; i < slices.Count; i++)
        {
            Assert.AreEqual(slices[i - 1].Item2, slices[i].Item1, "slices are contiguous");
        }

        Assert.AreEqual(3 + 4, service.Calls.Count);
    }

    [TestMethod]
    public void Revenue_OneDayStillOverLimit_SumsPagedRows()
    {
        var service = new FakeOrganizationService();
        service.OnRetrieveMultiple = q =>
        {
            if (q is QueryExpression)
            {
                return new EntityCollection();
            }

            var fetch = ((FetchExpression)q).Query;
            if (fetch.Contains("aggregate=\"true\""))
            {
                throw FakeOrganizationService.Fault(Faults.AggregateQueryRecordLimit, "AggregateQueryRecordLimit exceeded.");
            }

            var firstPage = fetch.Contains("page=\"1\"");
            var rows = new EntityCollection(
            [
                new Entity(Opportunity.EntityName) { [Opportunity.StateCode] = new OptionSetValue(1), [Opportunity.ActualValueBase] = new Money(5m) },
                new Entity(Opportunity.EntityName)
                {
                    [Opportunity.StateCode] = new OptionSetValue(0), [Opportunity.EstimatedValueBase] = new Money(10m), [Opportunity.CloseProbability] = 20,
                },
            ])
            { MoreRecords = firstPage, PagingCookie = firstPage ? "<cookie page=\"1\" />" : null };
            return rows;
        };

        var sums = Rollup(service).Revenue(AccountId, new DateTime(2027, 1, 1), new DateTime(2027, 1, 1));

        Assert.AreEqual(10m, sums.Won);
        Assert.AreEqual(20m, sums.Open);
        Assert.AreEqual(4m, sums.Weighted);
        StringAssert.Contains(((FetchExpression)service.Queries.Last()).Query, "paging-cookie=\"&lt;cookie page=&quot;1&quot; /&gt;\"");
    }

    [TestMethod]
    public void Recalculate_NothingChanged_WritesNothing()
    {
        var service = new FakeOrganizationService
        {
            OnRetrieve = (name, id, _) => new Entity(name, id)
            {
                [Plan.AccountId] = new EntityReference(Account.EntityName, AccountId),
                [Plan.PeriodStart] = new DateTime(2027, 1, 1), [Plan.PeriodEnd] = new DateTime(2027, 12, 31),
                [Plan.RevenueTarget] = new Money(4000m), [Plan.WonRevenue] = new Money(1000m), [Plan.OpenPipeline] = new Money(0m),
                [Plan.WeightedPipeline] = new Money(0m), [Plan.AttainmentPct] = 25m, [Plan.MeasureCount] = 0,
                [Plan.WonRevenueExact] = 1000m, [Plan.OpenPipelineExact] = 0m, [Plan.WeightedPipelineExact] = 0m,
                [Plan.MeasureBudget] = new Money(0m), [Plan.MeasureCost] = new Money(0m),
            },
            OnRetrieveMultiple = q => q is FetchExpression f && f.Query.Contains("opportunity")
                ? new EntityCollection([Group(1, 100, 1000m, 0m)])
                : new EntityCollection(),
        };

        var kpis = Rollup(service).Recalculate(PlanId, KpiParts.All);

        Assert.AreEqual(25m, kpis.AttainmentPercent);
        Assert.AreEqual(0, service.Updates.Count);
        Assert.AreEqual(3, service.Calls.Count);
    }

    [TestMethod]
    public void Recalculate_MeasuresChanged_WritesChangedColumnsWithTime()
    {
        var service = new FakeOrganizationService
        {
            OnRetrieve = (name, id, _) => new Entity(name, id) { [Plan.MeasureCount] = 0 },
            OnRetrieveMultiple = _ => new EntityCollection(
            [
                new Entity(Measure.EntityName)
                {
                    ["status"] = new AliasedValue(Measure.EntityName, Measure.StatusCode, new OptionSetValue(Measure.StatusDone)),
                    ["count"] = new AliasedValue(Measure.EntityName, Measure.Id, 1),
                    ["budget"] = new AliasedValue(Measure.EntityName, Measure.BudgetBase, new Money(100m)),
                    ["cost"] = new AliasedValue(Measure.EntityName, Measure.ActualCostBase, new Money(80m)),
                },
                new Entity(Measure.EntityName)
                {
                    ["status"] = new AliasedValue(Measure.EntityName, Measure.StatusCode, new OptionSetValue(Measure.StatusPlanned)),
                    ["count"] = new AliasedValue(Measure.EntityName, Measure.Id, 3),
                    ["budget"] = new AliasedValue(Measure.EntityName, Measure.BudgetBase, new Money(300m)),
                },
                new Entity(Measure.EntityName)
                {
                    ["status"] = new AliasedValue(Measure.EntityName, Measure.StatusCode, new OptionSetValue(Measure.StatusCancelled)),
                    ["count"] = new AliasedValue(Measure.EntityName, Measure.Id, 2),
                    ["budget"] = new AliasedValue(Measure.EntityName, Measure.BudgetBase, new Money(999m)),
                },
            ]),
        };

        var kpis = Rollup(service).Recalculate(PlanId, KpiParts.Measures);

        Assert.AreEqual(4, kpis.MeasureCount);
        Assert.AreEqual(400m, kpis.MeasureBudget);
        Assert.AreEqual(80m, kpis.MeasureCost);
        Assert.AreEqual(25m, kpis.MeasureDonePercent);
        var update = service.Updates.Single();
        Assert.AreEqual(Now, update[Plan.KpisCalculatedOn]);
        Assert.AreEqual(4, update[Plan.MeasureCount]);
        Assert.IsFalse(update.Attributes.ContainsKey(Plan.WonRevenue));
    }
}
