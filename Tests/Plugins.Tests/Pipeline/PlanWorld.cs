using AccountPlanXrm.Emulator;
using AccountPlanXrm.Plugins.Model;
using AccountPlanXrm.TestSupport;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Plugins.Tests.Pipeline;

/// <summary>
/// A fresh emulator over the repository's Solution/src with this plug-in assembly bound to exactly the registered
/// steps and custom APIs, fixed clock and ids, and the reference data every scenario starts from.
/// </summary>
public sealed class PlanWorld
{
    public static readonly DateTime Now = PlanScenario.Now;
    public static readonly Guid UserId = new("0a0a0a0a-0000-4000-8000-0000000000aa");
    public static readonly Guid FullTemplateId = PlanScenario.FullTemplateId;
    public static readonly Guid CompactTemplateId = PlanScenario.CompactTemplateId;
    public static readonly Guid ContosoId = PlanScenario.ContosoId;
    public static readonly Guid ContosoChildId = PlanScenario.ContosoChildId;
    public static readonly Guid FabrikamId = PlanScenario.FabrikamId;

    public PlanWorld()
    {
        Emulator = PlanScenario.Emulator(typeof(Plan).Assembly).WithCallingUser(UserId, "Kim", "Seller").Build();
        Service = Emulator.GetService();
        Emulator.Seed(
            new Entity(Template.EntityName, FullTemplateId)
            {
                [Template.Name] = "Full", [Template.Depth] = new OptionSetValue(Template.DepthFull), [Template.IsDefault] = true,
                [Template.CompactThreshold] = 3, [Template.DefaultCadence] = new OptionSetValue(Plan.CadenceQuarterly),
                [Template.RequiredAnalysis] = "apx_businessmodel,apx_products", [Template.RequiredGoals] = "apx_revenuetarget",
                [Template.RequiredSummary] = "apx_managementsummary", [Template.MinMeasures] = 1, [Template.MinStakeholders] = 1,
            },
            new Entity(Template.EntityName, CompactTemplateId)
            {
                [Template.Name] = "Compact", [Template.Depth] = new OptionSetValue(Template.DepthCompact), [Template.IsDefault] = false,
                [Template.DefaultCadence] = new OptionSetValue(Plan.CadenceSemiAnnual), [Template.RequiredGoals] = "apx_revenuetarget",
            },
            PlanScenario.Account(ContosoId, "Contoso"),
            PlanScenario.Account(ContosoChildId, "Contoso Retail", parent: ContosoId),
            PlanScenario.Account(FabrikamId, "Fabrikam"));
    }

    public XrmEmulator Emulator { get; }

    /// <summary>
    /// Review tasks need the plan table to be a regarding target of task (the apx_accountplan_Tasks relationship of
    /// the solution); a missing relationship is a broken solution, so the scenario fails rather than skips.
    /// </summary>
    public PlanWorld RequireTasksRegardingPlans()
    {
        var targets = Emulator.Metadata.FindTable(ReviewTask.EntityName)?.FindColumn(ReviewTask.RegardingObjectId)?.Targets ?? [];
        Assert.IsTrue(targets.Contains(Plan.EntityName), "The solution metadata does not make apx_accountplan a regarding target of task.");
        return this;
    }

    public IOrganizationService Service { get; }

    public Guid CreatePlan(Guid? account = null, DateTime? start = null, DateTime? end = null, decimal? target = 100_000m, bool complete = false, string name = "Contoso 2027")
    {
        var plan = PlanScenario.Plan(name, account ?? ContosoId, start ?? new DateTime(2027, 1, 1), end ?? new DateTime(2027, 12, 31), target);
        if (complete)
        {
            plan[Plan.BusinessModel] = "Wholesale";
            plan[Plan.Products] = "Machines";
            plan[Plan.ManagementSummary] = "Grow services";
        }

        var id = Service.Create(plan);
        if (complete)
        {
            AddMeasure(id, "Workshop", 1_000m);
            AddStakeholder(id, "CFO");
        }

        return id;
    }

    public Guid AddMeasure(Guid plan, string name, decimal budget, int? status = null, bool critical = false, Guid? decision = null)
    {
        var measure = new Entity(Measure.EntityName)
        {
            [Measure.Name] = name, [Measure.PlanId] = new EntityReference(Plan.EntityName, plan), [Measure.Budget] = new Money(budget),
            [Measure.BusinessCritical] = critical,
        };
        if (status.HasValue)
        {
            measure[Measure.StatusCode] = new OptionSetValue(status.Value);
        }

        if (decision.HasValue)
        {
            measure[Measure.DecisionId] = new EntityReference(Decision.EntityName, decision.Value);
        }

        return Service.Create(measure);
    }

    public Guid AddStakeholder(Guid plan, string name) =>
        Service.Create(new Entity(Stakeholder.EntityName) { ["apx_name"] = name, [Stakeholder.PlanId] = new EntityReference(Plan.EntityName, plan) });

    public Guid AddOpportunity(Guid account, decimal value, int state, DateTime close, int probability = 50, bool seed = false)
    {
        var opportunity = new Entity(Opportunity.EntityName, Guid.Empty)
        {
            ["name"] = "Deal",
            [Opportunity.CustomerId] = new EntityReference(Account.EntityName, account),
            ["estimatedvalue"] = new Money(value),
            [Opportunity.CloseProbability] = probability,
            [Opportunity.EstimatedCloseDate] = close,
        };
        if (state != Opportunity.StateOpen)
        {
            opportunity["actualvalue"] = new Money(value);
            opportunity[Opportunity.ActualCloseDate] = close;
            opportunity[Opportunity.StateCode] = new OptionSetValue(state);
            opportunity["statuscode"] = new OptionSetValue(state == Opportunity.StateWon ? 3 : 4);
        }

        if (seed)
        {
            Emulator.Seed(opportunity);
            return opportunity.Id;
        }

        return Service.Create(opportunity);
    }

    public void SetPlanStatus(Guid plan, int state, int status) =>
        Service.Update(new Entity(Plan.EntityName, plan) { [Plan.StateCode] = new OptionSetValue(state), [Plan.StatusCode] = new OptionSetValue(status) });

    public Entity GetPlan(Guid id) => Emulator.Peek(Plan.EntityName, id) ?? throw new InvalidOperationException("no plan " + id);

    public List<Entity> ReviewTasks(Guid plan, int? state = null)
    {
        var query = new QueryExpression(ReviewTask.EntityName) { ColumnSet = new ColumnSet(ReviewTask.Subject, ReviewTask.Description, ReviewTask.ScheduledEnd, ReviewTask.StateCode, ReviewTask.OwnerId, ReviewTask.Category) };
        query.Criteria.AddCondition(ReviewTask.RegardingObjectId, ConditionOperator.Equal, plan);
        if (state.HasValue)
        {
            query.Criteria.AddCondition(ReviewTask.StateCode, ConditionOperator.Equal, state.Value);
        }

        query.AddOrder(ReviewTask.ScheduledEnd, OrderType.Ascending);
        return Emulator.GetSystemService().RetrieveMultiple(query).Entities.ToList();
    }

    public static decimal MoneyOf(Entity row, string column) => row.GetAttributeValue<Money>(column)?.Value ?? 0m;
}
