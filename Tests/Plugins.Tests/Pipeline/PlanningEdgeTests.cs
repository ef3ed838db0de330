using AccountPlanXrm.Plugins.Logic;
using AccountPlanXrm.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Plugins.Tests.Pipeline;

/// <summary>
/// Portfolio planning at its edges: succession only closes a real predecessor, the roll-forward judges carried
/// measures in base currency and stops at the end of the calendar, and contacts are logged only on active stakeholders.
/// </summary>
[TestClass]
public sealed class PlanningEdgeTests
{
    private static int StatusOf(PlanWorld world, Guid plan) => world.GetPlan(plan).GetAttributeValue<OptionSetValue>(Plan.StatusCode).Value;

    [TestMethod]
    public void Activate_PreviousPlanOfAnotherAccount_LeavesThatPlanActive()
    {
        var world = new PlanWorld();
        var fabrikam = world.CreatePlan(account: PlanWorld.FabrikamId, complete: true, name: "Fabrikam 2027");
        world.SetPlanStatus(fabrikam, Plan.StateActive, Plan.StatusActive);
        var contoso = world.CreatePlan(complete: true, start: new DateTime(2028, 1, 1), end: new DateTime(2028, 12, 31), name: "Contoso 2028");
        world.Service.Update(new Entity(Plan.EntityName, contoso) { [Plan.PreviousPlanId] = new EntityReference(Plan.EntityName, fabrikam) });

        world.SetPlanStatus(contoso, Plan.StateActive, Plan.StatusActive);

        Assert.AreEqual(Plan.StatusActive, StatusOf(world, contoso));
        Assert.AreEqual(Plan.StatusActive, StatusOf(world, fabrikam), "another account's plan is no predecessor");
    }

    [TestMethod]
    public void Activate_PreviousPlanIsThePlanItself_StaysActive()
    {
        var world = new PlanWorld();
        var plan = world.CreatePlan(complete: true);
        world.Service.Update(new Entity(Plan.EntityName, plan) { [Plan.PreviousPlanId] = new EntityReference(Plan.EntityName, plan) });

        world.SetPlanStatus(plan, Plan.StateActive, Plan.StatusActive);

        Assert.AreEqual(Plan.StatusActive, StatusOf(world, plan));
    }
}
