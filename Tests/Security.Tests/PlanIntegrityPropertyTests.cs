using System.ServiceModel;
using CsCheck;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using static AccountPlanXrm.Security.Tests.IntegrityWorld;
using static AccountPlanXrm.Security.Tests.SecurityWorld;

namespace AccountPlanXrm.Security.Tests;

/// <summary>
/// Property: whatever sequence of edits a seller and a committee member send (status moves by Update, SetState,
/// UpdateMultiple and ExecuteTransaction, template switches, section edits, measure budgets, currencies, links and
/// deletes, decision proposals, approvals, withdrawals and amount changes), the stored data never has an In review or
/// Active plan that the completeness logic calls incomplete, nor a started measure without a covering approved
/// decision of its plan. Refused requests are part of the walk; the invariants are checked after every step.
/// </summary>
[TestClass]
public sealed class PlanIntegrityPropertyTests
{
    /// <summary>One step: an operation code and two arguments that pick values and rows.</summary>
    public readonly record struct Step(int Op, int A, int B)
    {
        public override string ToString() => $"{Op}/{A}/{B}";
    }

    private static readonly Gen<Step[]> Walks =
        Gen.Select(Gen.Int[0, 15], Gen.Int[0, 5], Gen.Int[0, 5], (op, a, b) => new Step(op, a, b)).Array[10, 40];

    [TestMethod]
    public void RandomEdits_BySellerAndCommitteeMember_NeverBreakTheGates()
    {
        Walks.Sample(
            steps =>
            {
                // Start where the rules matter: a complete Draft plan with one measure, two approved decisions.
                var w = new IntegrityWorld();
                var measures = new List<Guid> { w.Complete() };
                var decisions = new List<Guid> { w.ApprovedDecision(30_000m), w.ApprovedDecision(30_000m, CriticalType) };
                foreach (var step in steps)
                {
                    Apply(w, step, measures, decisions);
                    AssertInvariants(w, step);
                }
            },
            iter: 100,
            threads: 1,
            print: steps => string.Join(" ", steps));
    }

    private static void Apply(IntegrityWorld w, Step step, List<Guid> measures, List<Guid> decisions)
    {
        Guid Pick(List<Guid> rows) => rows.Count == 0 ? Guid.Empty : rows[step.B % rows.Count];
        var statuses = new[] { Draft, InReview, Active, Draft, InReview, Active };
        var texts = new[] { "Machines", string.Empty, null, "Parts", " ", "Services" };
        var plan = new EntityReference(PlanTable, w.PlanId);
        try
        {
            switch (step.Op)
            {
                case 0:
                    w.Seller.Update(new Entity(PlanTable, w.PlanId) { ["apx_businessmodel"] = texts[step.A] });
                    break;
                case 1:
                    w.Seller.Update(new Entity(PlanTable, w.PlanId) { ["apx_products"] = texts[step.A], ["statuscode"] = new OptionSetValue(statuses[step.B]) });
                    break;
                case 2:
                    w.Seller.Update(new Entity(PlanTable, w.PlanId) { ["statuscode"] = new OptionSetValue(statuses[step.A]) });
                    break;
                case 3:
                    w.Seller.Execute(new SetStateRequest { EntityMoniker = plan, State = new OptionSetValue(0), Status = new OptionSetValue(statuses[step.A]) });
                    break;
                case 4:
                    var templates = new EntityReference?[] { null, new(TemplateTable, FullTemplateId), new(TemplateTable, LaxTemplateId) };
                    w.Seller.Update(new Entity(PlanTable, w.PlanId) { ["apx_templateid"] = templates[step.A % 3], ["statuscode"] = new OptionSetValue(statuses[step.B]) });
                    break;
                case 5:
                    measures.Add(w.AddMeasure($"M{measures.Count}", step.A * 10_000m, critical: step.B == 5, currency: step.B % 2 == 0 ? EuroId : null));
                    break;
                case 6:
                    w.Start(Pick(measures), step.A == 0 || decisions.Count == 0 ? null : decisions[step.A % decisions.Count]);
                    break;
                case 7:
                    w.Seller.Update(new Entity(MeasureTable, Pick(measures)) { ["apx_budget"] = new Money(step.A * 12_000m) });
                    break;
                case 8:
                    if (step.A % 2 == 0)
                    {
                        w.Seller.Delete(MeasureTable, Pick(measures));
                    }
                    else
                    {
                        w.Seller.Execute(new SetStateRequest { EntityMoniker = new EntityReference(MeasureTable, Pick(measures)), State = new OptionSetValue(1), Status = new OptionSetValue(Cancelled) });
                    }

                    break;
                case 9:
                    decisions.Add(w.Propose(step.A * 15_000m, step.B % 2 == 0 ? BudgetType : CriticalType));
                    break;
                case 10:
                    w.Decide(Pick(decisions), step.A % 3 == 0 ? Rejected : Approved);
                    break;
                case 11:
                    w.Seller.Update(new Entity(MeasureTable, Pick(measures)) { ["apx_decisionid"] = decisions.Count == 0 ? null : new EntityReference(DecisionTable, decisions[step.A % decisions.Count]) });
                    break;
                case 12:
                    var by = step.A % 2 == 0 ? w.Member : w.Seller;
                    by.Update(new Entity(DecisionTable, Pick(decisions)) { ["statecode"] = new OptionSetValue(0), ["statuscode"] = new OptionSetValue(Proposed), ["apx_requestedbudget"] = new Money(step.A * 5_000m) });
                    break;
                case 13:
                    w.Seller.Update(new Entity(MeasureTable, Pick(measures)) { ["transactioncurrencyid"] = new EntityReference("transactioncurrency", step.A % 2 == 0 ? EuroId : w.World.Emulator.BaseCurrencyId) });
                    break;
                case 14 when step.A == 5:
                    w.Manager.Update(new Entity(PlanTable, w.PlanId) { ["apx_decisionthreshold"] = new Money(step.B * 5_000m) });
                    break;
                case 14:
                    var targets = new EntityCollection { EntityName = PlanTable };
                    targets.Entities.Add(new Entity(PlanTable, w.PlanId) { ["apx_businessmodel"] = texts[step.A], ["statuscode"] = new OptionSetValue(statuses[step.B]) });
                    w.Seller.Execute(new UpdateMultipleRequest { Targets = targets });
                    break;
                default:
                    w.Seller.Execute(new ExecuteTransactionRequest
                    {
                        Requests = new OrganizationRequestCollection
                        {
                            new UpdateRequest { Target = new Entity(PlanTable, w.PlanId) { ["apx_products"] = texts[step.A] } },
                            new UpdateRequest { Target = new Entity(PlanTable, w.PlanId) { ["statuscode"] = new OptionSetValue(statuses[step.B]) } },
                        },
                    });
                    break;
            }
        }
        catch (FaultException<OrganizationServiceFault>)
        {
            // A refusal (or a step on a row that does not exist) is a legal outcome; the invariants must still hold.
        }
    }

    private static void AssertInvariants(IntegrityWorld w, Step step)
    {
        var status = w.StatusOf(PlanTable, w.PlanId);
        if (status is InReview or Active)
        {
            var completeness = w.Completeness(w.PlanId);
            Assert.IsTrue(completeness.IsComplete, $"after {step}: the plan is {status} but incomplete: {completeness.MissingText(AccountPlanXrm.Plugins.Resources.Messages.English)}");
        }

        var violations = w.DecisionViolations();
        Assert.AreEqual(0, violations.Count, $"after {step}: {string.Join("; ", violations)}");
    }
}
