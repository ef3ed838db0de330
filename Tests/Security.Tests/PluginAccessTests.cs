using Microsoft.Xrm.Sdk;
using static AccountPlanXrm.Security.Tests.SecurityWorld;

namespace AccountPlanXrm.Security.Tests;

/// <summary>
/// Issue 8: a user never reads through a plug-in what the user could not read directly. These scenarios run the
/// custom APIs as a seller on rows of another business unit: the plug-ins read with the caller's service there.
/// </summary>
[TestClass]
public sealed class PluginAccessTests
{
    [TestMethod]
    public void RecalculatePlan_OnPlanTheCallerCannotRead_ReturnsNothingOfIt()
    {
        var world = new SecurityWorld();
        var southPlan = world.CreatePlan(SouthSellerId, "Fabrikam 2027", FabrikamId);
        FaultAssert.Catch(() => world.As(SellerId).Retrieve(PlanTable, southPlan, new Microsoft.Xrm.Sdk.Query.ColumnSet("apx_name")));

        var fault = FaultAssert.Catch(() =>
            world.As(SellerId).Execute(new OrganizationRequest("apx_RecalculatePlan") { ["Target"] = new EntityReference(PlanTable, southPlan) }));

        CollectionAssert.Contains(new[] { -2147220960, -2147187962 }, fault.Detail.ErrorCode); // the platform's access faults
        Assert.IsFalse(fault.Detail.Message.Contains("Fabrikam 2027", StringComparison.Ordinal));
    }

    [TestMethod]
    public void RankAccounts_AsSeller_ListsOnlyAccountsTheSellerCanRead()
    {
        var world = new SecurityWorld();
        foreach (var (account, owner) in new[] { (ContosoId, SellerId), (FabrikamId, SouthSellerId) })
        {
            world.Emulator.Seed(new Entity("opportunity")
            {
                ["name"] = "Deal", ["customerid"] = new EntityReference("account", account), ["ownerid"] = new EntityReference("systemuser", owner),
                ["estimatedvalue"] = new Money(50_000m), ["actualvalue"] = new Money(50_000m), ["actualclosedate"] = new DateTime(2027, 1, 10),
                ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(3),
            });
        }

        var response = world.As(SellerId).Execute(new OrganizationRequest("apx_RankAccounts"));

        var ranking = (EntityCollection)response.Results["Ranking"];
        var names = ranking.Entities.Select(e => e.GetAttributeValue<string>("name")).ToArray();
        CollectionAssert.AreEqual(new[] { "Contoso" }, names);
    }
}
