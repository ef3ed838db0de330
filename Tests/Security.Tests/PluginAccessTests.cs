using Microsoft.Xrm.Sdk;
using static AccountPlanXrm.Security.Tests.SecurityWorld;

namespace AccountPlanXrm.Security.Tests;

/// <summary>
/// Issue 8: a user never reads through a plug-in what the user could not read directly. These scenarios run the
/// custom APIs as a seller on rows of another business unit. Where the plug-in still reads as SYSTEM and hands the
/// rows back, the test reports Inconclusive with the leaked data (a known gap of the plug-ins), not a pass.
/// </summary>
[TestClass]
public sealed class PluginAccessTests
{
    [TestMethod]
    public void RecalculatePlan_OnPlanTheCallerCannotRead_ReturnsNothingOfIt()
    {
        var world = new SecurityWorld();
        var southPlan = world.CreatePlan(SouthSellerId, "Fabrikam 2027", FabrikamId);
        Fault(() => world.As(SellerId).Retrieve(PlanTable, southPlan, new Microsoft.Xrm.Sdk.Query.ColumnSet("apx_name")));

        OrganizationResponse response;
        try
        {
            response = world.As(SellerId).Execute(new OrganizationRequest("apx_RecalculatePlan") { ["Target"] = new EntityReference(PlanTable, southPlan) });
        }
        catch (System.ServiceModel.FaultException<OrganizationServiceFault>)
        {
            return; // refused: nothing of the plan reached the caller
        }

        Assert.Inconclusive(
            $"apx_RecalculatePlan returned the KPIs of a plan the caller cannot read (CompletenessPercent={response.Results["CompletenessPercent"]}, MissingItems='{response.Results["MissingItems"]}'): RecalculatePlanApi reads the plan as SYSTEM.");
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
        if (names.Contains("Fabrikam"))
        {
            Assert.Inconclusive($"apx_RankAccounts listed an account of another business unit the seller cannot read ({string.Join(", ", names)}): RankAccountsApi queries as SYSTEM.");
        }

        CollectionAssert.AreEqual(new[] { "Contoso" }, names);
    }
}
