using AccountPlanXrm.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace AccountPlanXrm.Plugins.Tests.Pipeline;

[TestClass]
public sealed class PlanLifecycleTests
{
    [TestMethod]
    public void CreatePlan_WithoutTemplate_GetsDefaultTemplateCadenceAndCompleteness()
    {
        var world = new PlanWorld();

        var id = world.CreatePlan();

        var plan = world.GetPlan(id);
        Assert.AreEqual(PlanWorld.FullTemplateId, plan.GetAttributeValue<EntityReference>(Plan.TemplateId).Id);
        Assert.AreEqual(Plan.CadenceQuarterly, plan.GetAttributeValue<OptionSetValue>(Plan.ReviewCadence).Value);
        Assert.AreEqual(1 * 100 / 6, plan.GetAttributeValue<int>(Plan.CompletenessPct));
        Assert.AreEqual(0, plan.GetAttributeValue<int>(Plan.CompletenessAnalysis));
        Assert.AreEqual(100, plan.GetAttributeValue<int>(Plan.CompletenessGoals));
        Assert.AreEqual(
            "Customer analysis: Business model, Products and services\nOperative measures: at least 1 measure(s) (0 present)\n" +
            "Stakeholders and communication: at least 1 stakeholder(s) (0 present)\nManagement summary: Management summary",
            plan.GetAttributeValue<string>(Plan.MissingItems));
    }

    [TestMethod]
    public void CreatePlan_OwnerAboveCompactThreshold_GetsCompactTemplate()
    {
        var world = new PlanWorld();
        for (var year = 2020; year < 2024; year++)
        {
            world.CreatePlan(start: new DateTime(year, 1, 1), end: new DateTime(year, 12, 31), name: "Contoso " + year);
        }

        var id = world.CreatePlan();

        var plan = world.GetPlan(id);
        Assert.AreEqual(PlanWorld.CompactTemplateId, plan.GetAttributeValue<EntityReference>(Plan.TemplateId).Id);
        Assert.AreEqual(Plan.CadenceSemiAnnual, plan.GetAttributeValue<OptionSetValue>(Plan.ReviewCadence).Value);
    }

    [TestMethod]
    public void CreatePlan_EndBeforeStart_FailsAndStoresNothing()
    {
        var world = new PlanWorld();

        var message = FaultAssert.Message(() => world.CreatePlan(start: new DateTime(2027, 6, 1), end: new DateTime(2027, 5, 31)));

        Assert.AreEqual("The period end (2027-05-31) must be after the period start (2027-06-01).", message);
        Assert.AreEqual(0, world.Emulator.Count(Plan.EntityName));
    }

    [TestMethod]
    public void CreatePlan_NegativeRevenueTarget_Fails()
    {
        var world = new PlanWorld();

        var message = FaultAssert.Message(() => world.CreatePlan(target: -1m));

        Assert.AreEqual("Revenue target must not be negative.", message);
        Assert.AreEqual(0, world.Emulator.Count(Plan.EntityName));
    }

    [TestMethod]
    public void CreatePlan_NoAccount_Fails()
    {
        var world = new PlanWorld();

        var message = FaultAssert.Message(() => world.Service.Create(new Entity(Plan.EntityName) { [Plan.Name] = "Orphan" }));

        StringAssert.Contains(message, "account");
        Assert.AreEqual(0, world.Emulator.Count(Plan.EntityName));
    }

    [TestMethod]
    public void CreatePlan_WrongTypedMoneyColumn_FailsWithClearMessage()
    {
        var world = new PlanWorld();
        var plan = new Entity(Plan.EntityName)
        {
            [Plan.Name] = "Typed", [Plan.AccountId] = new EntityReference(Account.EntityName, PlanWorld.ContosoId), [Plan.RevenueTarget] = 5m,
        };

        var message = FaultAssert.Message(() => world.Service.Create(plan));

        StringAssert.Contains(message, "apx_revenuetarget");
        Assert.AreEqual(0, world.Emulator.Count(Plan.EntityName));
    }

    [TestMethod]
    public void CreatePlan_OverlappingOpenPlanOfSameAccount_Fails()
    {
        var world = new PlanWorld();
        world.CreatePlan();

        var message = FaultAssert.Message(() => world.CreatePlan(start: new DateTime(2027, 7, 1), end: new DateTime(2028, 6, 30), name: "Contoso 27/28"));

        StringAssert.Contains(message, "\"Contoso 2027\" (2027-01-01 to 2027-12-31)");
        Assert.AreEqual(1, world.Emulator.Count(Plan.EntityName));
    }

    [TestMethod]
    public void CreatePlan_OverlappingCancelledPlanOrOtherAccount_Succeeds()
    {
        var world = new PlanWorld();
        var old = world.CreatePlan();
        world.SetPlanStatus(old, Plan.StateInactive, Plan.StatusCancelled);

        world.CreatePlan(start: new DateTime(2027, 2, 1), name: "Contoso 2027 again");
        world.CreatePlan(account: PlanWorld.FabrikamId, name: "Fabrikam 2027");

        Assert.AreEqual(3, world.Emulator.Count(Plan.EntityName));
    }

    [TestMethod]
    public void UpdatePlan_MovingPeriodEndBeforeStart_FailsAndKeepsStoredValues()
    {
        var world = new PlanWorld();
        var id = world.CreatePlan();

        var message = FaultAssert.Message(() => world.Service.Update(new Entity(Plan.EntityName, id) { [Plan.PeriodEnd] = new DateTime(2026, 6, 30) }));

        StringAssert.Contains(message, "must be after the period start");
        Assert.AreEqual(new DateTime(2027, 12, 31), world.GetPlan(id).GetAttributeValue<DateTime>(Plan.PeriodEnd).Date);
    }

    [TestMethod]
    public void ActivatePlan_Incomplete_FailsListingMissingSectionsAndChangesNothing()
    {
        var world = new PlanWorld();
        var id = world.CreatePlan();

        var message = FaultAssert.Message(() => world.SetPlanStatus(id, Plan.StateActive, Plan.StatusActive));

        StringAssert.StartsWith(message, "The plan cannot move to Active while required sections are incomplete. Missing:\nCustomer analysis: Business model, Products and services\n");
        StringAssert.Contains(message, "Management summary: Management summary");
        Assert.AreEqual(Plan.StatusDraft, world.GetPlan(id).GetAttributeValue<OptionSetValue>(Plan.StatusCode).Value);
        Assert.AreEqual(0, world.ReviewTasks(id).Count);
    }

    [TestMethod]
    public void MoveToInReview_Incomplete_Fails()
    {
        var world = new PlanWorld();
        var id = world.CreatePlan();

        var message = FaultAssert.Message(() => world.SetPlanStatus(id, Plan.StateActive, Plan.StatusInReview));

        StringAssert.Contains(message, "cannot move to In review");
    }

    [TestMethod]
    public void FillSectionsAndChildren_CompletenessReachesHundred_OnlyChangedColumnsWritten()
    {
        var world = new PlanWorld();
        var id = world.CreatePlan(complete: true);

        var plan = world.GetPlan(id);

        Assert.AreEqual(100, plan.GetAttributeValue<int>(Plan.CompletenessPct));
        Assert.IsFalse(plan.Attributes.ContainsKey(Plan.MissingItems) && plan[Plan.MissingItems] != null);
        world.Emulator.ClearLogs();
        world.Service.Update(new Entity(Plan.EntityName, id) { [Plan.Products] = "Machines and services" });
        var planUpdates = world.Emulator.ExecutionLog.Count(e => e.Message == "Update" && e.PrimaryEntity == Plan.EntityName && e.PluginType == null);
        Assert.AreEqual(1, planUpdates, "the user's update only; no follow-up write when the completeness did not change");
    }

    [TestMethod]
    public void ActivatePlan_Complete_CreatesOneReviewTaskAndNextReviewDate()
    {
        var world = new PlanWorld().RequireTasksRegardingPlans();
        var id = world.CreatePlan(complete: true);

        world.SetPlanStatus(id, Plan.StateActive, Plan.StatusActive);

        var task = world.ReviewTasks(id).Single();
        Assert.AreEqual(new DateTime(2027, 4, 1), task.GetAttributeValue<DateTime>(ReviewTask.ScheduledEnd).Date);
        Assert.AreEqual("Account plan review: Contoso 2027 (due 2027-04-01)", task.GetAttributeValue<string>(ReviewTask.Subject));
        StringAssert.Contains(task.GetAttributeValue<string>(ReviewTask.Description), "Contents");
        StringAssert.Contains(task.GetAttributeValue<string>(ReviewTask.Description), "Progress");
        StringAssert.Contains(task.GetAttributeValue<string>(ReviewTask.Description), "Results");
        Assert.AreEqual(PlanWorld.UserId, task.GetAttributeValue<EntityReference>(ReviewTask.OwnerId).Id);
        Assert.AreEqual(new DateTime(2027, 4, 1), world.GetPlan(id).GetAttributeValue<DateTime>(Plan.NextReviewOn).Date);
    }

    [TestMethod]
    public void ActivatePlan_Retried_StillOneOpenReviewTask()
    {
        var world = new PlanWorld().RequireTasksRegardingPlans();
        var id = world.CreatePlan(complete: true);
        world.SetPlanStatus(id, Plan.StateActive, Plan.StatusActive);

        world.SetPlanStatus(id, Plan.StateActive, Plan.StatusInReview);
        world.SetPlanStatus(id, Plan.StateActive, Plan.StatusActive);
        world.SetPlanStatus(id, Plan.StateActive, Plan.StatusActive);

        Assert.AreEqual(1, world.ReviewTasks(id, ReviewTask.StateOpen).Count);
    }

    [TestMethod]
    public void CompleteReviewTask_FreezesSnapshotAndSchedulesNext()
    {
        var world = new PlanWorld().RequireTasksRegardingPlans();
        var id = world.CreatePlan(complete: true);
        world.AddOpportunity(PlanWorld.ContosoId, 25_000m, Opportunity.StateWon, new DateTime(2027, 2, 1));
        world.SetPlanStatus(id, Plan.StateActive, Plan.StatusActive);
        var task = world.ReviewTasks(id).Single();
        world.Emulator.SetUtcNow(new DateTime(2027, 4, 2, 10, 0, 0, DateTimeKind.Utc));

        world.Service.Update(new Entity(ReviewTask.EntityName, task.Id)
        {
            [ReviewTask.StateCode] = new OptionSetValue(ReviewTask.StateCompleted), [ReviewTask.StatusCode] = new OptionSetValue(ReviewTask.StatusCompleted),
        });

        Assert.AreEqual(1, world.Emulator.Count(Review.EntityName));
        var review = world.Emulator.GetSystemService().RetrieveMultiple(new Microsoft.Xrm.Sdk.Query.QueryExpression(Review.EntityName) { ColumnSet = new Microsoft.Xrm.Sdk.Query.ColumnSet(true) }).Entities.Single();
        Assert.AreEqual(25_000m, PlanWorld.MoneyOf(review, Review.WonRevenue));
        Assert.AreEqual(25m, review.GetAttributeValue<decimal>(Review.AttainmentPct));
        Assert.AreEqual(100, review.GetAttributeValue<int>(Review.CompletenessPct));
        Assert.AreEqual(task.Id.ToString("D"), review.GetAttributeValue<string>(Review.SourceTaskId));
        var open = world.ReviewTasks(id, ReviewTask.StateOpen).Single();
        Assert.AreEqual(new DateTime(2027, 7, 1), open.GetAttributeValue<DateTime>(ReviewTask.ScheduledEnd).Date);
        var plan = world.GetPlan(id);
        Assert.AreEqual(new DateTime(2027, 4, 2), plan.GetAttributeValue<DateTime>(Plan.LastReviewOn).Date);
        Assert.AreEqual(new DateTime(2027, 7, 1), plan.GetAttributeValue<DateTime>(Plan.NextReviewOn).Date);
    }

    [TestMethod]
    public void CompleteReviewTask_CompletionRetried_FreezesOnce()
    {
        var world = new PlanWorld().RequireTasksRegardingPlans();
        var id = world.CreatePlan(complete: true);
        world.SetPlanStatus(id, Plan.StateActive, Plan.StatusActive);
        var task = world.ReviewTasks(id).Single();
        var completed = new Entity(ReviewTask.EntityName, task.Id)
        {
            [ReviewTask.RegardingObjectId] = new EntityReference(Plan.EntityName, id), [ReviewTask.Category] = ReviewTask.ReviewCategory,
            [ReviewTask.StateCode] = new OptionSetValue(ReviewTask.StateCompleted), [ReviewTask.ScheduledEnd] = new DateTime(2027, 4, 1),
        };
        var scheduler = new Logic.ReviewScheduler(world.Emulator.GetSystemService(), new Fakes.ListTracing(), new Infrastructure.FixedClock(PlanWorld.Now), Resources.Messages.English);

        scheduler.OnTaskCompleted(completed);
        scheduler.OnTaskCompleted(completed);

        Assert.AreEqual(1, world.Emulator.Count(Review.EntityName));
        Assert.AreEqual(1, world.ReviewTasks(id, ReviewTask.StateOpen).Count, "an open review task exists, so no second one");
    }

    [TestMethod]
    public void CompleteLastReviewTaskOfPeriod_NoNextTask()
    {
        var world = new PlanWorld().RequireTasksRegardingPlans();
        var id = world.CreatePlan(complete: true, start: new DateTime(2027, 1, 1), end: new DateTime(2027, 5, 31));
        world.SetPlanStatus(id, Plan.StateActive, Plan.StatusActive);
        var task = world.ReviewTasks(id).Single();

        world.Service.Update(new Entity(ReviewTask.EntityName, task.Id)
        {
            [ReviewTask.StateCode] = new OptionSetValue(ReviewTask.StateCompleted), [ReviewTask.StatusCode] = new OptionSetValue(ReviewTask.StatusCompleted),
        });

        Assert.AreEqual(0, world.ReviewTasks(id, ReviewTask.StateOpen).Count);
        Assert.IsNull(world.GetPlan(id).GetAttributeValue<DateTime?>(Plan.NextReviewOn));
    }

    [TestMethod]
    [DataRow(Plan.StatusClosed)]
    [DataRow(Plan.StatusCancelled)]
    public void CloseOrCancelPlan_CancelsOpenReviewTasks(int status)
    {
        var world = new PlanWorld().RequireTasksRegardingPlans();
        var id = world.CreatePlan(complete: true);
        world.SetPlanStatus(id, Plan.StateActive, Plan.StatusActive);

        world.SetPlanStatus(id, Plan.StateInactive, status);

        Assert.AreEqual(0, world.ReviewTasks(id, ReviewTask.StateOpen).Count);
        Assert.AreEqual(1, world.ReviewTasks(id, ReviewTask.StateCanceled).Count);
    }

    [TestMethod]
    public void DeletePlan_WithChildren_FailsAndKeepsEverything()
    {
        var world = new PlanWorld();
        var id = world.CreatePlan(complete: true);

        var message = FaultAssert.Message(() => world.Service.Delete(Plan.EntityName, id));

        StringAssert.Contains(message, "cannot be deleted because it still has 1 measure(s) and 1 stakeholder(s)");
        Assert.AreEqual(1, world.Emulator.Count(Plan.EntityName));
        Assert.AreEqual(1, world.Emulator.Count(Measure.EntityName));
    }

    [TestMethod]
    public void DeletePlan_WithoutChildren_Succeeds()
    {
        var world = new PlanWorld();
        var id = world.CreatePlan();

        world.Service.Delete(Plan.EntityName, id);

        Assert.AreEqual(0, world.Emulator.Count(Plan.EntityName));
    }

    [TestMethod]
    public void RecalculatePlan_CustomApi_ReturnsCompletenessAndKpis()
    {
        var world = new PlanWorld();
        var id = world.CreatePlan(complete: true);
        world.AddOpportunity(PlanWorld.ContosoId, 10_000m, Opportunity.StateWon, new DateTime(2027, 2, 1));
        world.AddOpportunity(PlanWorld.ContosoId, 4_000m, Opportunity.StateOpen, new DateTime(2027, 9, 1), probability: 25);

        var request = new OrganizationRequest("apx_RecalculatePlan") { ["Target"] = new EntityReference(Plan.EntityName, id) };
        var response = world.Service.Execute(request);

        Assert.AreEqual(100, response.Results["CompletenessPercent"]);
        Assert.AreEqual(string.Empty, response.Results["MissingItems"]);
        Assert.AreEqual(10_000m, ((Money)response.Results["WonRevenue"]).Value);
        Assert.AreEqual(4_000m, ((Money)response.Results["OpenPipeline"]).Value);
        Assert.AreEqual(1_000m, ((Money)response.Results["WeightedPipeline"]).Value);
        Assert.AreEqual(10m, response.Results["AttainmentPercent"]);
        Assert.AreEqual(1, response.Results["MeasureCount"]);
        Assert.AreEqual(PlanWorld.Now, response.Results["CalculatedOn"]);
        Assert.AreEqual(PlanWorld.Now, world.GetPlan(id).GetAttributeValue<DateTime>(Plan.KpisCalculatedOn));
    }

    [TestMethod]
    public void RecalculatePlan_TargetOfAnotherTable_Fails()
    {
        var world = new PlanWorld();

        var message = FaultAssert.Message(() => world.Service.Execute(new OrganizationRequest("apx_RecalculatePlan") { ["Target"] = new EntityReference(Account.EntityName, PlanWorld.ContosoId) }));

        Assert.IsFalse(string.IsNullOrEmpty(message));
    }
}
