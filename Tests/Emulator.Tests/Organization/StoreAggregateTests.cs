using System.ServiceModel;
using AccountPlanXrm.Emulator.Tests.Fixtures;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Emulator.Tests.Organization;

/// <summary>Aggregates over the store's column arrays see every committed write and none that was rolled back.</summary>
[TestClass]
public sealed class StoreAggregateTests
{
    private const string SumOfOpenDeals =
        "<fetch aggregate='true'><entity name='opportunity'>"
        + "<attribute name='estimatedvalue' alias='total' aggregate='sum' />"
        + "<attribute name='opportunityid' alias='deals' aggregate='count' />"
        + "<attribute name='estimatedvalue' alias='largest' aggregate='max' />"
        + "<filter><condition attribute='closeprobability' operator='ge' value='50' /></filter></entity></fetch>";

    [TestMethod]
    public void RetrieveMultiple_SumAfterCreateUpdateDelete_SeesEveryWrite()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();
        var first = service.Create(new Entity("opportunity") { ["name"] = "D1", ["estimatedvalue"] = new Money(100m), ["closeprobability"] = 60 });
        var second = service.Create(new Entity("opportunity") { ["name"] = "D2", ["estimatedvalue"] = new Money(250m), ["closeprobability"] = 70 });
        service.Create(new Entity("opportunity") { ["name"] = "D3", ["estimatedvalue"] = new Money(999m), ["closeprobability"] = 10 });
        var before = Totals(service);

        // Act
        service.Update(new Entity("opportunity", first) { ["estimatedvalue"] = new Money(400m) });
        service.Delete("opportunity", second);
        service.Create(new Entity("opportunity") { ["name"] = "D4", ["estimatedvalue"] = new Money(5m), ["closeprobability"] = 90 });
        var after = Totals(service);

        // Assert
        Assert.AreEqual((350m, 2, 250m), before);
        Assert.AreEqual((405m, 2, 400m), after);
    }

    [TestMethod]
    public void RetrieveMultiple_SumAfterFailedRequest_DoesNotSeeTheUndoneWrites()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        service.Create(new Entity("opportunity") { ["name"] = "D1", ["estimatedvalue"] = new Money(100m), ["closeprobability"] = 60 });
        Totals(service);
        var transaction = new Microsoft.Xrm.Sdk.Messages.ExecuteTransactionRequest
        {
            Requests = new OrganizationRequestCollection
            {
                new Microsoft.Xrm.Sdk.Messages.CreateRequest { Target = new Entity("opportunity") { ["name"] = "D2", ["estimatedvalue"] = new Money(50m), ["closeprobability"] = 80 } },
                new Microsoft.Xrm.Sdk.Messages.CreateRequest { Target = new Entity("opportunity") { ["name"] = "D3", ["nosuchcolumn"] = 1 } },
            },
        };

        // Act
        Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Execute(transaction));
        var totals = Totals(service);

        // Assert
        Assert.AreEqual((100m, 1, 100m), totals);
        Assert.AreEqual(1, emulator.Count("opportunity"));
    }

    [TestMethod]
    public void RetrieveMultiple_SumOverMoreRowsThanAggregateLimit_FaultsAggregateQueryRecordLimit()
    {
        // Arrange
        var service = TestEmulator.Create().GetService();
        for (var i = 0; i < 3; i++)
        {
            service.Create(new Entity("opportunity") { ["name"] = "D", ["estimatedvalue"] = new Money(1m), ["closeprobability"] = 60 });
        }

        var fetch = SumOfOpenDeals.Replace("<fetch aggregate='true'>", "<fetch aggregate='true' aggregatelimit='2'>", StringComparison.Ordinal);

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.RetrieveMultiple(new FetchExpression(fetch)));

        // Assert
        Assert.AreEqual(-2147164125, fault.Detail.ErrorCode);
    }

    private static (decimal Total, int Deals, decimal Largest) Totals(IOrganizationService service)
    {
        var row = service.RetrieveMultiple(new FetchExpression(SumOfOpenDeals)).Entities.Single();
        return (
            ((Money)((AliasedValue)row["total"]).Value).Value,
            (int)((AliasedValue)row["deals"]).Value,
            ((Money)((AliasedValue)row["largest"]).Value).Value);
    }
}
