using AccountPlanXrm.Plugins.Logic;
using AccountPlanXrm.TestSupport;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using static AccountPlanXrm.Security.Tests.SecurityWorld;

namespace AccountPlanXrm.Security.Tests;

/// <summary>
/// The plan-integrity scenario on top of <see cref="SecurityWorld"/> (security on): the default "Full" template requires
/// business model and products and one measure; a lax template requires nothing; a second currency (EUR, 2 per USD);
/// the seller's plan with a decision threshold of 20,000 USD and the steering committee, both set by the manager.
/// </summary>
public sealed class IntegrityWorld
{
    public const int Draft = 1;
    public const int InReview = 726000000;
    public const int Active = 726000001;
    public const int Planned = 1;
    public const int InProgress = 726000000;
    public const int Done = 2;
    public const int Cancelled = 726000001;
    public const int Proposed = 1;
    public const int Approved = 2;
    public const int Rejected = 726000001;
    public const int BudgetType = 726000000;
    public const int CriticalType = 726000001;
    public const string StakeholderTable = "apx_planstakeholder";

    public static readonly Guid LaxTemplateId = new("7e000000-0000-4000-8000-000000000002");
    public static readonly Guid EuroId = new("0c0c0c0c-0000-4000-8000-0000000000e1");

    public IntegrityWorld()
    {
        World = new SecurityWorld();
        World.System.Update(new Entity(TemplateTable, FullTemplateId)
        {
            ["apx_requiredanalysis"] = "apx_businessmodel,apx_products", ["apx_minmeasures"] = 1,
        });
        World.Emulator.Seed(
            new Entity(TemplateTable, LaxTemplateId) { ["apx_name"] = "Lax", ["apx_depth"] = new OptionSetValue(726000001), ["apx_isdefault"] = false },
            new Entity("transactioncurrency", EuroId)
            {
                ["currencyname"] = "Euro", ["isocurrencycode"] = "EUR", ["currencysymbol"] = "€", ["exchangerate"] = 2m, ["currencyprecision"] = 2,
            });
        PlanId = World.CreatePlan(SellerId, "Contoso 2027");
        World.As(ManagerId).Update(new Entity(PlanTable, PlanId)
        {
            ["apx_decisionthreshold"] = new Money(20_000m), ["apx_steeringcommitteeid"] = new EntityReference("team", CommitteeId),
        });
    }

    public SecurityWorld World { get; }

    public Guid PlanId { get; }

    public IOrganizationService Seller => World.As(SellerId);

    public IOrganizationService Member => World.As(MemberId);

    public IOrganizationService Manager => World.As(ManagerId);

    /// <summary>Fills the Full template's columns and adds the one measure it requires (1,000 USD, planned).</summary>
    public Guid Complete()
    {
        Seller.Update(new Entity(PlanTable, PlanId) { ["apx_businessmodel"] = "Machines", ["apx_products"] = "Spare parts" });
        return AddMeasure("Workshop", 1_000m);
    }

    /// <summary>A complete, Active plan and its one measure.</summary>
    public Guid CompleteAndActivate()
    {
        var measure = Complete();
        Seller.Update(new Entity(PlanTable, PlanId) { ["statuscode"] = new OptionSetValue(Active) });
        return measure;
    }

    public Guid AddMeasure(string name, decimal budget, bool critical = false, Guid? currency = null, Guid? plan = null)
    {
        var measure = new Entity(MeasureTable)
        {
            ["apx_name"] = name, ["apx_accountplanid"] = new EntityReference(PlanTable, plan ?? PlanId), ["apx_budget"] = new Money(budget),
            ["apx_businesscritical"] = critical,
        };
        if (currency is Guid id)
        {
            measure["transactioncurrencyid"] = new EntityReference("transactioncurrency", id);
        }

        return Seller.Create(measure);
    }

    public Guid Propose(decimal amount, int type = BudgetType, IOrganizationService? by = null, Guid? plan = null) =>
        (by ?? Seller).Create(new Entity(DecisionTable)
        {
            ["apx_name"] = $"Decision {amount:0}", ["apx_accountplanid"] = new EntityReference(PlanTable, plan ?? PlanId),
            ["apx_decisiontype"] = new OptionSetValue(type), ["apx_requestedbudget"] = new Money(amount),
        });

    public void Decide(Guid decision, int status, IOrganizationService? by = null) =>
        (by ?? Member).Update(new Entity(DecisionTable, decision) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(status) });

    public Guid ApprovedDecision(decimal amount, int type = BudgetType)
    {
        var decision = Propose(amount, type);
        Decide(decision, Approved);
        return decision;
    }

    public void Start(Guid measure, Guid? decision = null)
    {
        var update = new Entity(MeasureTable, measure) { ["statuscode"] = new OptionSetValue(InProgress) };
        if (decision is Guid id)
        {
            update["apx_decisionid"] = new EntityReference(DecisionTable, id);
        }

        Seller.Update(update);
    }

    public int StatusOf(string table, Guid id) => World.Stored(table, id).GetAttributeValue<OptionSetValue>("statuscode").Value;

    /// <summary>The message of the fault a refused request raises.</summary>
    public static string Refusal(Action action) => FaultAssert.Catch(action).Message;

    /// <summary>The completeness logic's verdict on the stored plan (its template, or the default one).</summary>
    public CompletenessResult Completeness(Guid plan)
    {
        var system = World.System;
        var calculator = new CompletenessCalculator(system, new NullTracing());
        var row = system.Retrieve(PlanTable, plan, new ColumnSet(true));
        var requirements = calculator.LoadTemplate(row.GetAttributeValue<EntityReference>("apx_templateid"));
        return CompletenessCalculator.Evaluate(row, requirements, calculator.CountMeasures(plan, requirements.MinMeasures), calculator.CountStakeholders(plan, requirements.MinStakeholders));
    }

    /// <summary>
    /// The decision rule on the stored rows: every started measure over the threshold (base currency) or business-critical
    /// has an approved decision of its plan of the fitting type, and no approved decision covers more than its amount.
    /// Returns the violations (empty when the rule holds).
    /// </summary>
    public List<string> DecisionViolations()
    {
        var violations = new List<string>();
        var system = World.System;
        var measures = system.RetrieveMultiple(new QueryExpression(MeasureTable) { ColumnSet = new ColumnSet(true) }).Entities;
        var covered = new Dictionary<Guid, decimal>();
        foreach (var measure in measures)
        {
            var status = measure.GetAttributeValue<OptionSetValue>("statuscode").Value;
            if (status is not (InProgress or Done))
            {
                continue;
            }

            var plan = system.Retrieve(PlanTable, measure.GetAttributeValue<EntityReference>("apx_accountplanid").Id, new ColumnSet("apx_decisionthreshold_base"));
            var threshold = plan.GetAttributeValue<Money>("apx_decisionthreshold_base")?.Value;
            var budget = measure.GetAttributeValue<Money>("apx_budget_base")?.Value ?? 0m;
            var critical = measure.GetAttributeValue<bool?>("apx_businesscritical") == true;
            var needs = critical || (threshold.HasValue && budget > threshold.Value);
            var link = measure.GetAttributeValue<EntityReference>("apx_decisionid");
            Entity? decision = link == null ? null : system.Retrieve(DecisionTable, link.Id, new ColumnSet(true));
            var approved = decision?.GetAttributeValue<OptionSetValue>("statuscode").Value == Approved;
            if (approved)
            {
                covered[link!.Id] = covered.GetValueOrDefault(link.Id) + budget;
            }

            if (!needs)
            {
                continue;
            }

            if (!approved || decision!.GetAttributeValue<EntityReference>("apx_accountplanid").Id != plan.Id
                || decision.GetAttributeValue<OptionSetValue>("apx_decisiontype").Value != (critical ? CriticalType : BudgetType))
            {
                violations.Add($"measure {measure.GetAttributeValue<string>("apx_name")} is started without a fitting approved decision of its plan");
            }
        }

        foreach (var (decisionId, sum) in covered)
        {
            var amount = system.Retrieve(DecisionTable, decisionId, new ColumnSet("apx_requestedbudget_base")).GetAttributeValue<Money>("apx_requestedbudget_base")?.Value ?? 0m;
            if (sum > amount)
            {
                violations.Add($"decision {decisionId} covers {sum} in base currency, approved {amount}");
            }
        }

        return violations;
    }

    private sealed class NullTracing : ITracingService
    {
        public void Trace(string format, params object[] args)
        {
        }
    }
}
