using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using static AccountPlanXrm.Security.Tests.IntegrityWorld;
using static AccountPlanXrm.Security.Tests.SecurityWorld;

namespace AccountPlanXrm.Security.Tests;

/// <summary>
/// The completeness gate judges the record as it will be saved, on every route a request can take, and an In review or
/// Active plan stays complete. Security is on; the seller owns the plan.
/// </summary>
[TestClass]
public sealed class CompletenessRouteTests
{
    private const string MissingAnalysis = "Customer analysis: Business model, Products and services";

    [TestMethod]
    public void Update_ClearTemplateAndActivate_JudgedByDefaultTemplateAndRefused()
    {
        var w = new IntegrityWorld();
        w.Seller.Update(new Entity(PlanTable, w.PlanId) { ["apx_templateid"] = new EntityReference(TemplateTable, LaxTemplateId) });

        var message = Refusal(() => w.Seller.Update(new Entity(PlanTable, w.PlanId)
        {
            ["apx_templateid"] = null, ["statuscode"] = new OptionSetValue(Active),
        }));

        StringAssert.Contains(message, "The plan cannot move to Active while required sections are incomplete.");
        StringAssert.Contains(message, MissingAnalysis);
        Assert.AreEqual(Draft, w.StatusOf(PlanTable, w.PlanId));
        Assert.AreEqual(LaxTemplateId, w.World.Stored(PlanTable, w.PlanId).GetAttributeValue<EntityReference>("apx_templateid").Id);
    }

    [TestMethod]
    public void Update_EmptySectionAndActivateTogether_RefusedAndNothingWritten()
    {
        var w = new IntegrityWorld();
        w.Complete();

        var message = Refusal(() => w.Seller.Update(new Entity(PlanTable, w.PlanId)
        {
            ["apx_products"] = "  ", ["apx_challenges"] = "Margins", ["statuscode"] = new OptionSetValue(Active),
        }));

        StringAssert.Contains(message, "Customer analysis: Products and services");
        var stored = w.World.Stored(PlanTable, w.PlanId);
        Assert.AreEqual("Spare parts", stored.GetAttributeValue<string>("apx_products"));
        Assert.IsFalse(stored.Contains("apx_challenges"));
        Assert.AreEqual(Draft, w.StatusOf(PlanTable, w.PlanId));
    }

    [TestMethod]
    public void SetState_IncompletePlanToInReview_Refused()
    {
        var w = new IntegrityWorld();

        var message = Refusal(() => w.Seller.Execute(new SetStateRequest
        {
            EntityMoniker = new EntityReference(PlanTable, w.PlanId), State = new OptionSetValue(0), Status = new OptionSetValue(InReview),
        }));

        StringAssert.Contains(message, "The plan cannot move to In review");
        Assert.AreEqual(Draft, w.StatusOf(PlanTable, w.PlanId));
    }

    [TestMethod]
    public void Upsert_ExistingPlanEmptiedAndActivated_Refused()
    {
        var w = new IntegrityWorld();
        w.Complete();

        var message = Refusal(() => w.Seller.Execute(new UpsertRequest
        {
            Target = new Entity(PlanTable, w.PlanId) { ["apx_businessmodel"] = null, ["statuscode"] = new OptionSetValue(Active) },
        }));

        StringAssert.Contains(message, "Customer analysis: Business model");
        Assert.AreEqual("Machines", w.World.Stored(PlanTable, w.PlanId).GetAttributeValue<string>("apx_businessmodel"));
    }

    [TestMethod]
    public void UpdateMultiple_ClearTemplateAndMoveToInReview_RefusedByDefaultTemplate()
    {
        var w = new IntegrityWorld();
        var lax = new EntityCollection { EntityName = PlanTable };
        lax.Entities.Add(new Entity(PlanTable, w.PlanId) { ["apx_templateid"] = null, ["statuscode"] = new OptionSetValue(InReview) });

        var message = Refusal(() => w.Seller.Execute(new UpdateMultipleRequest { Targets = lax }));

        StringAssert.Contains(message, MissingAnalysis);
        Assert.AreEqual(Draft, w.StatusOf(PlanTable, w.PlanId));
    }

    [TestMethod]
    public void ExecuteMultiple_ActivationOfIncompletePlan_FaultedItemAndPlanUnchanged()
    {
        var w = new IntegrityWorld();
        var requests = new OrganizationRequestCollection
        {
            new UpdateRequest { Target = new Entity(PlanTable, w.PlanId) { ["apx_businessmodel"] = "Machines" } },
            new UpdateRequest { Target = new Entity(PlanTable, w.PlanId) { ["statuscode"] = new OptionSetValue(Active) } },
        };

        var response = (ExecuteMultipleResponse)w.Seller.Execute(new ExecuteMultipleRequest
        {
            Requests = requests, Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
        });

        Assert.IsTrue(response.IsFaulted);
        StringAssert.Contains(response.Responses.Single(r => r.Fault != null).Fault.Message, "Customer analysis: Products and services");
        Assert.AreEqual(Draft, w.StatusOf(PlanTable, w.PlanId));
    }

    [TestMethod]
    public void ExecuteTransaction_FillThenActivateIncomplete_RolledBackWhole()
    {
        var w = new IntegrityWorld();
        var requests = new OrganizationRequestCollection
        {
            new UpdateRequest { Target = new Entity(PlanTable, w.PlanId) { ["apx_businessmodel"] = "Machines" } },
            new UpdateRequest { Target = new Entity(PlanTable, w.PlanId) { ["statuscode"] = new OptionSetValue(Active) } },
        };

        var fault = FaultAssert.Catch(() => w.Seller.Execute(new ExecuteTransactionRequest { Requests = requests }));

        StringAssert.Contains(fault.Message, "Customer analysis: Products and services");
        Assert.IsFalse(w.World.Stored(PlanTable, w.PlanId).Contains("apx_businessmodel"), "the first request of the transaction is undone");
    }

    [TestMethod]
    public void Update_ActivePlanSectionEmptied_RefusedWithPerSectionMessage()
    {
        var w = new IntegrityWorld();
        w.CompleteAndActivate();

        var message = Refusal(() => w.Seller.Update(new Entity(PlanTable, w.PlanId) { ["apx_products"] = string.Empty }));

        Assert.AreEqual("The plan is Active and must stay complete; this change would leave required sections incomplete. Missing:\nCustomer analysis: Products and services", message);
        Assert.AreEqual("Spare parts", w.World.Stored(PlanTable, w.PlanId).GetAttributeValue<string>("apx_products"));
    }

    [TestMethod]
    public void Update_ActivePlanTemplateClearedWhileLaxWouldPass_JudgedByDefault()
    {
        var w = new IntegrityWorld();
        w.Seller.Update(new Entity(PlanTable, w.PlanId) { ["apx_templateid"] = new EntityReference(TemplateTable, LaxTemplateId) });
        w.Seller.Update(new Entity(PlanTable, w.PlanId) { ["statuscode"] = new OptionSetValue(Active) });

        var message = Refusal(() => w.Seller.Update(new Entity(PlanTable, w.PlanId) { ["apx_templateid"] = null }));

        StringAssert.Contains(message, "must stay complete");
        Assert.AreEqual(LaxTemplateId, w.World.Stored(PlanTable, w.PlanId).GetAttributeValue<EntityReference>("apx_templateid").Id);
    }

    [TestMethod]
    public void Delete_OnlyMeasureOfActivePlan_RefusedAndMeasureKept()
    {
        var w = new IntegrityWorld();
        var measure = w.CompleteAndActivate();

        var message = Refusal(() => w.Seller.Delete(MeasureTable, measure));

        StringAssert.Contains(message, "Operative measures: at least 1 measure(s) (0 present)");
        Assert.IsNotNull(w.World.Emulator.Peek(MeasureTable, measure));
    }

    [TestMethod]
    public void SetState_CancelOnlyMeasureOfInReviewPlan_Refused()
    {
        var w = new IntegrityWorld();
        var measure = w.Complete();
        w.Seller.Update(new Entity(PlanTable, w.PlanId) { ["statuscode"] = new OptionSetValue(InReview) });

        var message = Refusal(() => w.Seller.Execute(new SetStateRequest
        {
            EntityMoniker = new EntityReference(MeasureTable, measure), State = new OptionSetValue(1), Status = new OptionSetValue(Cancelled),
        }));

        StringAssert.Contains(message, "The plan is In review and must stay complete");
        Assert.AreEqual(Planned, w.StatusOf(MeasureTable, measure));
    }

    [TestMethod]
    public void Delete_SecondMeasureOfActivePlan_Succeeds()
    {
        var w = new IntegrityWorld();
        w.CompleteAndActivate();
        var extra = w.AddMeasure("Mailing", 500m);

        w.Seller.Delete(MeasureTable, extra);

        Assert.IsNull(w.World.Emulator.Peek(MeasureTable, extra));
        Assert.IsTrue(w.Completeness(w.PlanId).IsComplete);
    }

    [TestMethod]
    public void Update_ActivePlanEditedByGermanSeller_GermanRefusal()
    {
        var w = new IntegrityWorld();
        w.CompleteAndActivate();
        w.World.Emulator.Seed(new Entity("usersettings", SellerId) { ["systemuserid"] = SellerId, ["uilanguageid"] = 1031 });

        var message = Refusal(() => w.Seller.Update(new Entity(PlanTable, w.PlanId) { ["apx_products"] = null }));

        Assert.AreEqual("Der Plan ist im Status Aktiv und muss vollständig bleiben; diese Änderung würde Pflichtabschnitte unvollständig lassen. Es fehlt:\nKundenanalyse: Produkte und Leistungen", message);
    }

    [TestMethod]
    public void Update_BypassCustomPluginExecutionBySeller_PrivilegeFaultAndNothingWritten()
    {
        var w = new IntegrityWorld();
        var request = new UpdateRequest { Target = new Entity(PlanTable, w.PlanId) { ["statuscode"] = new OptionSetValue(Active) } };
        request.Parameters["BypassCustomPluginExecution"] = true;

        var fault = FaultAssert.Catch(() => w.Seller.Execute(request));

        Assert.AreEqual(-2147220960, fault.Detail.ErrorCode);
        StringAssert.Contains(fault.Message, "prvBypassCustomPlugins");
        Assert.AreEqual(Draft, w.StatusOf(PlanTable, w.PlanId));
    }
}
