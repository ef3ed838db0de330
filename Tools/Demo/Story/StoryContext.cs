namespace AccountPlanXrm.Tools.Demo.Story;

/// <summary>
/// What the story's steps share: the environment (services per user, the seeded world, options, ids), the reporter
/// that prints the story, and what earlier steps produced for later steps and the report (ranking, plans, KPI moves,
/// the decision log, ...). Also the reads several steps make (a plan with its KPIs, review tasks, a ranking).
/// </summary>
public sealed class StoryContext
{
    private static readonly string[] KpiColumns =
    [
        "apx_name", "apx_accountid", "ownerid", "apx_templateid", "apx_selectionreason", "statecode", "statuscode",
        "apx_revenuetarget", "apx_wonrevenue", "apx_openpipeline", "apx_weightedpipeline", "apx_attainmentpct", "apx_measurecount",
        "apx_measurebudget", "apx_measuredonepct", "apx_kpiscalculatedon", "apx_completenesspct", "apx_completenessanalysis",
        "apx_completenessposition", "apx_completenessgoals", "apx_completenessmeasures", "apx_completenessstakeholders",
        "apx_completenesssummary", "apx_missingitems", "apx_nextreviewon", "apx_lastreviewon", "apx_periodstart", "apx_periodend",
    ];

    private readonly DemoHost _host;

    public StoryContext(DemoHost host, DemoWorld world, DemoOptions options, DemoIds ids, StoryReporter reporter)
    {
        _host = host;
        World = world;
        Options = options;
        Ids = ids;
        Report = reporter;
        PeriodStart = new DateTime(options.Clock.Year - (options.Clock.Month >= 7 ? 0 : 1), 7, 1, 0, 0, 0, DateTimeKind.Utc);
        PeriodEnd = PeriodStart.AddYears(1).AddDays(-1);
        Content = new PlanContent(this);
    }

    public DemoWorld World { get; }

    public DemoOptions Options { get; }

    public DemoIds Ids { get; }

    public StoryReporter Report { get; }

    /// <summary>Creates the measures and stakeholders of the story's plans.</summary>
    public PlanContent Content { get; }

    /// <summary>The plan period: the fiscal year (July to June) that contains the demo clock.</summary>
    public DateTime PeriodStart { get; }

    public DateTime PeriodEnd { get; }

    /// <summary>The plan name suffix of the period, e.g. "FY 2026/27".</summary>
    public string FiscalYear => string.Create(CultureInfo.InvariantCulture, $"FY {PeriodStart:yyyy}/{PeriodEnd:yy}");

    /// <summary>The top of the ranking (as returned by apx_RankAccounts).</summary>
    public List<Entity> Ranking { get; } = [];

    /// <summary>Open pipeline (base currency) of the development customers the selection chose.</summary>
    public Dictionary<Guid, decimal> DevelopmentPipeline { get; } = [];

    public List<DemoPlan> Plans { get; } = [];

    /// <summary>The plan the story follows closely (the first top customer).</summary>
    public DemoPlan? Focus => Plans.FirstOrDefault();

    public List<(string Kpi, string Before, string After, string Change)> KpiMoves { get; } = [];

    public List<(string Action, string By, string Result)> DecisionLog { get; } = [];

    public string? GateMessage { get; set; }

    /// <summary>Measures and stakeholders the story created.</summary>
    public int StoryRecords { get; set; }

    /// <summary>The top of the ranking by won margin (apx_RankAccounts with Criterion WonMargin).</summary>
    public List<Entity> MarginRanking { get; } = [];

    /// <summary>The plans the compact-template step created: name and template.</summary>
    public List<(string Plan, string Template, int OwnedBefore)> WorkloadPlans { get; } = [];

    public int CompactThreshold { get; set; }

    public string? WorkloadSeller { get; set; }

    /// <summary>The roll-forward's outcome: old and new plan, proposal, carried rows, refusal, statuses.</summary>
    public List<(string What, string Value)> RollForwardLog { get; } = [];

    /// <summary>The cockpit's figures as apx_PortfolioStatus returned them.</summary>
    public OrganizationResponse? CockpitStatus { get; set; }

    /// <summary>The administrator's service.</summary>
    public IOrganizationService Admin => _host.Services.CreateOrganizationService(null);

    /// <summary>The service of a user of the demo organization.</summary>
    public IOrganizationService As(Guid userId) => _host.Services.CreateOrganizationService(userId);

    /// <summary>Lets the asynchronous steps queued so far run.</summary>
    public void DrainAsync() => _host.DrainAsync();

    /// <summary>A plan with its KPI, completeness and review columns as stored now.</summary>
    public Entity ReadPlan(Guid id) => Admin.Retrieve("apx_accountplan", id, new ColumnSet(KpiColumns));

    /// <summary>The accounts of an apx_RankAccounts call, best first.</summary>
    public List<Entity> Ranked(OrganizationRequest request) =>
        Admin.Execute(request).Results.TryGetValue("Ranking", out var value) && value is EntityCollection collection
            ? collection.Entities.ToList()
            : throw new DemoStepException("apx_RankAccounts returned no 'Ranking' collection");

    /// <summary>The review tasks regarding a plan (only the open ones when asked), by due date.</summary>
    public List<Entity> ReviewTasks(Guid planId, bool open)
    {
        var query = new QueryExpression("task") { ColumnSet = new ColumnSet("subject", "description", "scheduledend", "ownerid", "statecode", "statuscode", "category") };
        query.Criteria.AddCondition("regardingobjectid", ConditionOperator.Equal, planId);
        if (open)
        {
            query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
        }

        query.AddOrder("scheduledend", OrderType.Ascending);
        return Admin.RetrieveMultiple(query).Entities.ToList();
    }

    public void RequireSelection()
    {
        if (Plans.Count == 0)
        {
            throw new DemoStepException("skipped: no customers were selected (step 1 failed)");
        }
    }

    /// <summary>The focus plan; a step that needs plans stops when step 2 created none.</summary>
    public DemoPlan RequirePlans()
    {
        if (Plans.Count == 0 || Plans[0].Id == Guid.Empty)
        {
            throw new DemoStepException("skipped: no plans exist (step 2 failed)");
        }

        return Plans[0];
    }

    public string OwnerName(Entity row) => row.GetAttributeValue<EntityReference>("ownerid") is { } owner ? (World.UserName(owner.Id) is { Length: > 0 } n ? n : owner.Name ?? "") : "";

    public string CurrencyName(Entity opportunity) =>
        opportunity.GetAttributeValue<EntityReference>("transactioncurrencyid")?.Id == World.DollarId ? "USD" : "EUR";

    /// <summary>The name of a lookup: its formatted name, else the demo user or template it points to, else its id.</summary>
    public string Name(Entity row, string column)
    {
        var reference = row.GetAttributeValue<EntityReference>(column);
        if (reference is null)
        {
            return "";
        }

        if (!string.IsNullOrEmpty(reference.Name))
        {
            return reference.Name;
        }

        if (reference.LogicalName == "systemuser")
        {
            return World.UserName(reference.Id);
        }

        return TemplateName(reference);
    }

    /// <summary>The key of the seeded template a reference points to (its id when it is none of them).</summary>
    public string TemplateName(EntityReference reference) => World.Templates.FirstOrDefault(t => t.Id == reference.Id)?.Key ?? reference.Id.ToString();
}
