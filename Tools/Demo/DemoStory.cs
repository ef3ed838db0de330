using System.Globalization;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Tools.Demo;

/// <summary>A plan the story created, with what the report needs to say about it.</summary>
public sealed record DemoPlan(Guid Id, string Name, DemoAccount Account, int Reason, string ReasonLabel, string Rationale);

/// <summary>The outcome of one story step.</summary>
public sealed record StepOutcome(int Number, string Title, bool Ok, string? Failure);

/// <summary>
/// Walks the account-planning story on a seeded environment, one numbered step at a time, each ending with a
/// readable table: customer selection, plans, sections, the completeness gate, activation, the review task, KPIs
/// moving with won and lost opportunities, a held review with its snapshot, and a steering committee decision.
/// A step that fails prints why and the story goes on (later steps that need its result say so).
/// </summary>
public sealed partial class DemoStory
{
    public const int PlanReasonTopRevenue = 726000000;
    public const int PlanReasonDevelopment = 726000003;
    public const int StatusDraft = 1;
    public const int StatusActive = 726000001;
    public const int MeasureInProgress = 726000000;
    public const int DecisionApproved = 2;

    private const int TopCustomers = 5;
    private const int DevelopmentCustomers = 2;
    private const decimal DecisionThreshold = 50_000m;

    private static readonly string[] KpiColumns =
    [
        "apx_name", "apx_accountid", "ownerid", "apx_templateid", "apx_selectionreason", "statecode", "statuscode",
        "apx_revenuetarget", "apx_wonrevenue", "apx_openpipeline", "apx_weightedpipeline", "apx_attainmentpct", "apx_measurecount",
        "apx_measurebudget", "apx_measuredonepct", "apx_kpiscalculatedon", "apx_completenesspct", "apx_completenessanalysis",
        "apx_completenessposition", "apx_completenessgoals", "apx_completenessmeasures", "apx_completenessstakeholders",
        "apx_completenesssummary", "apx_missingitems", "apx_nextreviewon", "apx_lastreviewon", "apx_periodstart", "apx_periodend",
    ];

    private readonly DemoHost _host;
    private readonly DemoWorld _world;
    private readonly DemoOptions _options;
    private readonly DemoIds _ids;
    private readonly TextWriter _out;
    private readonly Dictionary<Guid, decimal> _developmentPipeline = [];
    private int _step;

    public DemoStory(DemoHost host, DemoWorld world, DemoOptions options, DemoIds ids, TextWriter output)
    {
        _host = host;
        _world = world;
        _options = options;
        _ids = ids;
        _out = output;
        PeriodStart = new DateTime(options.Clock.Year - (options.Clock.Month >= 7 ? 0 : 1), 7, 1, 0, 0, 0, DateTimeKind.Utc);
        PeriodEnd = PeriodStart.AddYears(1).AddDays(-1);
    }

    /// <summary>The plan period: the fiscal year (July to June) that contains the demo clock.</summary>
    public DateTime PeriodStart { get; }

    public DateTime PeriodEnd { get; }

    public List<StepOutcome> Outcomes { get; } = [];

    /// <summary>The top of the ranking (as returned by apx_RankAccounts).</summary>
    public List<Entity> Ranking { get; } = [];

    public List<DemoPlan> Plans { get; } = [];

    /// <summary>The plan the story follows closely (the first top customer).</summary>
    public DemoPlan? Focus => Plans.FirstOrDefault();

    public List<(string Kpi, string Before, string After, string Change)> KpiMoves { get; } = [];

    public List<(string Action, string By, string Result)> DecisionLog { get; } = [];

    public string? GateMessage { get; private set; }

    /// <summary>Measures and stakeholders the story created.</summary>
    public int StoryRecords { get; private set; }

    private IOrganizationService Admin => _host.Services.CreateOrganizationService(null);

    private IOrganizationService As(Guid userId) => _host.Services.CreateOrganizationService(userId);

    public void Run()
    {
        Step("Customer selection: rank accounts by won revenue (apx_RankAccounts)", SelectCustomers);
        Step("Create account plans for the selected customers", CreatePlans);
        Step("Fill the plan sections", FillSections);
        Step("Completeness gate: try to activate an incomplete plan", TryActivateIncomplete);
        Step("Complete the plan and activate it", CompleteAndActivate);
        Step("The first review task", ShowReviewTask);
        Step("Win and lose opportunities: the KPIs move", WinAndLose);
        Step("Hold the review: complete the task, snapshot and next task", CompleteReview);
        Step("Steering committee decision on a budget-critical measure", SteeringDecision);
        Step("Portfolio: recalculate every plan (apx_RecalculatePlan)", Portfolio);
        Step("Customer selection by margin and by industry (apx_RankAccounts Criterion, IndustryCode)", SelectByMargin);
        Step("A seller above the compact threshold gets the compact template", CompactTemplate);
        Step("Communication cadence: next contacts, logging a contact, My communications due", CommunicationCadence);
        Step("Roll-forward into the next period (apx_RollForwardPlan), activation closes the old plan", RollForward);
        Step("Rollout cockpit (apx_PortfolioStatus)", Cockpit);
    }

    private void Step(string title, Action body)
    {
        _step++;
        _out.WriteLine();
        _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_step}] {title}"));
        try
        {
            body();
            _host.DrainAsync();
            Outcomes.Add(new StepOutcome(_step, title, true, null));
        }
        catch (Exception ex) when (ex is FaultException<OrganizationServiceFault> or DemoStepException or InvalidPluginExecutionException or NotSupportedException or NotImplementedException or InvalidOperationException or KeyNotFoundException)
        {
            var message = Message(ex);
            _out.WriteLine($"  STEP FAILED: {message}");
            if (Hint(message) is { } hint)
            {
                _out.WriteLine($"  Missing piece: {hint}");
                message += $" (missing piece: {hint})";
            }

            Outcomes.Add(new StepOutcome(_step, title, false, message));
        }
    }

    // ---------------------------------------------------------------- 1 customer selection

    private void SelectCustomers()
    {
        var response = Admin.Execute(new OrganizationRequest("apx_RankAccounts") { ["Months"] = 12, ["Top"] = 20 });
        var ranking = response.Results.TryGetValue("Ranking", out var value) && value is EntityCollection collection
            ? collection.Entities.ToList()
            : throw new DemoStepException("apx_RankAccounts returned no 'Ranking' collection");
        Ranking.AddRange(ranking);

        var table = new TextTable(">Rank", "Account", "Parent", "Account manager", ">Won revenue 12 months (EUR)", "Current plan");
        foreach (var row in ranking.Take(10))
        {
            var account = _world.AccountsById.GetValueOrDefault(row.Id);
            table.Add(
                row.GetAttributeValue<int?>("apx_rank"),
                row.GetAttributeValue<string>("name"),
                account?.ParentId is { } parent ? _world.AccountsById[parent].Name : "",
                account is null ? "" : _world.UserName(account.OwnerId),
                row.GetAttributeValue<Money>("apx_wonrevenue")?.Value,
                row.GetAttributeValue<bool?>("apx_hascurrentplan") == true);
        }

        _out.WriteLine("  Top 10 of the ranking (won opportunities, base currency EUR, last 12 months):");
        table.Write(_out);

        if (ranking.Count < TopCustomers)
        {
            throw new DemoStepException($"the ranking returned {ranking.Count} accounts; the story needs {TopCustomers}");
        }

        var pipeline = OpenPipelineByAccount();
        var ranked = ranking.Select(r => r.Id).ToHashSet();
        var development = pipeline
            .Where(p => !ranked.Contains(p.Key) && _world.AccountsById.ContainsKey(p.Key) && _world.AccountsById[p.Key].Level > 1)
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key)
            .Take(DevelopmentCustomers)
            .ToList();

        var selection = new TextTable("Account", "Selection reason", "Rationale");
        foreach (var row in ranking.Where(r => r.GetAttributeValue<bool?>("apx_hascurrentplan") != true).Take(TopCustomers))
        {
            var account = _world.AccountsById[row.Id];
            var won = row.GetAttributeValue<Money>("apx_wonrevenue")?.Value ?? 0m;
            var rationale = string.Create(CultureInfo.InvariantCulture, $"Rank {row.GetAttributeValue<int?>("apx_rank")} by won revenue over the last 12 months ({won:#,##0} EUR).");
            Plans.Add(new DemoPlan(Guid.Empty, "", account, PlanReasonTopRevenue, "Top revenue", rationale));
            selection.Add(account.Name, "Top revenue", rationale);
        }

        foreach (var (accountId, open) in development)
        {
            var account = _world.AccountsById[accountId];
            _developmentPipeline[accountId] = open;
            var rationale = string.Create(CultureInfo.InvariantCulture, $"Outside the top 20, but {open:#,##0} EUR open pipeline closing this period: can become a lead customer.");
            Plans.Add(new DemoPlan(Guid.Empty, "", account, PlanReasonDevelopment, "Development customer", rationale));
            selection.Add(account.Name, "Development customer", rationale);
        }

        _out.WriteLine();
        _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Selected: the top {TopCustomers} customers without a current plan, and {DevelopmentCustomers} development customers (largest open pipeline outside the top 20):"));
        selection.Write(_out, maxWidth: 90);
    }

    /// <summary>Open pipeline (base currency) per account expected to close by the end of the plan period, read page by page (no aggregate limit to worry about).</summary>
    private Dictionary<Guid, decimal> OpenPipelineByAccount()
    {
        var result = new Dictionary<Guid, decimal>();
        var query = new QueryExpression("opportunity")
        {
            ColumnSet = new ColumnSet("customerid", "estimatedvalue_base"),
            PageInfo = new PagingInfo { Count = 5000, PageNumber = 1 },
        };
        query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
        query.Criteria.AddCondition("estimatedclosedate", ConditionOperator.OnOrBefore, PeriodEnd);
        query.AddOrder("opportunityid", OrderType.Ascending);
        while (true)
        {
            var page = Admin.RetrieveMultiple(query);
            foreach (var row in page.Entities)
            {
                if (row.GetAttributeValue<EntityReference>("customerid") is { LogicalName: "account" } customer)
                {
                    result[customer.Id] = result.GetValueOrDefault(customer.Id) + (row.GetAttributeValue<Money>("estimatedvalue_base")?.Value ?? 0m);
                }
            }

            if (!page.MoreRecords)
            {
                return result;
            }

            query.PageInfo.PageNumber++;
            query.PageInfo.PagingCookie = page.PagingCookie;
        }
    }

    // ---------------------------------------------------------------- 2 plans

    private void CreatePlans()
    {
        RequireSelection();
        var fiscal = string.Create(CultureInfo.InvariantCulture, $"FY {PeriodStart:yyyy}/{PeriodEnd:yy}");
        for (var i = 0; i < Plans.Count; i++)
        {
            var selected = Plans[i];
            var id = _ids.For("apx_accountplan", i);
            var name = $"{selected.Account.Name} {fiscal}";
            var won = Ranking.FirstOrDefault(r => r.Id == selected.Account.Id)?.GetAttributeValue<Money>("apx_wonrevenue")?.Value ?? 0m;
            var target = selected.Reason == PlanReasonTopRevenue
                ? Amounts.RoundTo(won * 1.12m, 10_000m)
                : Amounts.RoundTo(_developmentPipeline.GetValueOrDefault(selected.Account.Id) * 0.6m + WonSince(selected.Account.Id, PeriodStart), 10_000m);
            As(selected.Account.OwnerId).Create(new Entity("apx_accountplan", id)
            {
                ["apx_name"] = name,
                ["apx_accountid"] = new EntityReference("account", selected.Account.Id),
                ["apx_selectionreason"] = new OptionSetValue(selected.Reason),
                ["apx_selectionrationale"] = selected.Rationale,
                ["apx_periodstart"] = PeriodStart,
                ["apx_periodend"] = PeriodEnd,
                ["apx_reviewcadence"] = new OptionSetValue(726000000),
                ["apx_revenuetarget"] = new Money(Math.Max(target, 50_000m)),
                ["apx_planbudget"] = new Money(selected.Reason == PlanReasonTopRevenue ? 250_000m : 80_000m),
                ["apx_decisionthreshold"] = new Money(DecisionThreshold),
                ["transactioncurrencyid"] = new EntityReference("transactioncurrency", _world.EuroId),
            });

            // Separation of duties: the seller does not choose the steering committee; sales management sets it.
            Admin.Update(new Entity("apx_accountplan", id) { ["apx_steeringcommitteeid"] = new EntityReference("team", _world.SteeringCommitteeId) });
            Plans[i] = selected with { Id = id, Name = name };
        }

        var table = new TextTable("Plan", "Account manager", "Selection reason", "Template", "Status", ">Target (EUR)", ">Won (EUR)", ">Complete %");
        foreach (var plan in Plans)
        {
            var row = ReadPlan(plan.Id);
            table.Add(plan.Name, _world.UserName(plan.Account.OwnerId), plan.ReasonLabel, Name(row, "apx_templateid"), Label(row, "statuscode"),
                MoneyOf(row, "apx_revenuetarget"), MoneyOf(row, "apx_wonrevenue"), row.GetAttributeValue<int?>("apx_completenesspct"));
        }

        _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Plans.Count} plans for the period {PeriodStart:yyyy-MM-dd} to {PeriodEnd:yyyy-MM-dd}, each created by its account manager (the template is defaulted by the plan validation step):"));
        table.Write(_out);
    }

    /// <summary>Won revenue (base currency) of one account closed since a date.</summary>
    private decimal WonSince(Guid accountId, DateTime from)
    {
        var query = new QueryExpression("opportunity") { ColumnSet = new ColumnSet("actualvalue_base") };
        query.Criteria.AddCondition("customerid", ConditionOperator.Equal, accountId);
        query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 1);
        query.Criteria.AddCondition("actualclosedate", ConditionOperator.OnOrAfter, from);
        return Admin.RetrieveMultiple(query).Entities.Sum(o => o.GetAttributeValue<Money>("actualvalue_base")?.Value ?? 0m);
    }

    // ---------------------------------------------------------------- 3 sections

    private void FillSections()
    {
        RequirePlans();
        var focus = Focus!;
        // The focus plan: customer analysis complete, our position and goals half done, one measure, two stakeholders.
        As(focus.Account.OwnerId).Update(new Entity("apx_accountplan", focus.Id)
        {
            ["apx_businessmodel"] = $"{focus.Account.Name} sells {focus.Account.Industry.ToLowerInvariant()} solutions to industrial customers in Europe and North America; service revenue grows faster than product revenue.",
            ["apx_products"] = "Core product lines, aftermarket services, a new subscription offer launched this year.",
            ["apx_challenges"] = "Margin pressure from Asian competitors, skills shortage, pressure to cut CO2 along the supply chain.",
            ["apx_markettrends"] = "Consolidation of suppliers, digital service contracts, near-shoring of production.",
            ["apx_competitiveposition"] = "Preferred supplier for two of five product lines; strong with engineering, weak with purchasing.",
            ["apx_strengths"] = "Delivery reliability, local service teams.",
            ["apx_margintarget"] = 18.5m,
        });
        CreateMeasure(focus, 0, "Joint roadmap workshop", 12_000m, done: false);
        CreateStakeholder(focus, 0, external: true);
        CreateStakeholder(focus, 1, external: false);

        // The other plans get varying amounts of content, the way real plans look a few weeks in.
        for (var i = 1; i < Plans.Count; i++)
        {
            FillPlan(Plans[i], depth: i % 3 == 0 ? 3 : i % 3 == 1 ? 2 : 1);
        }

        var table = new TextTable("Plan", ">Analysis", ">Position", ">Goals", ">Measures", ">Stakeholders", ">Summary", ">Overall %");
        foreach (var plan in Plans)
        {
            var row = ReadPlan(plan.Id);
            table.Add(plan.Name, Pct(row, "apx_completenessanalysis"), Pct(row, "apx_completenessposition"), Pct(row, "apx_completenessgoals"),
                Pct(row, "apx_completenessmeasures"), Pct(row, "apx_completenessstakeholders"), Pct(row, "apx_completenesssummary"), Pct(row, "apx_completenesspct"));
        }

        _out.WriteLine("  Completeness per section (%), computed by the completeness step from each plan's template:");
        table.Write(_out);
        var missing = ReadPlan(focus.Id).GetAttributeValue<string>("apx_missingitems") ?? "";
        _out.WriteLine();
        _out.WriteLine($"  Still missing in \"{focus.Name}\" (apx_missingitems):");
        foreach (var line in missing.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            _out.WriteLine($"    {line}");
        }
    }

    private void FillPlan(DemoPlan plan, int depth)
    {
        var update = new Entity("apx_accountplan", plan.Id)
        {
            ["apx_businessmodel"] = $"{plan.Account.Industry} company; sells through distributors and key accounts.",
            ["apx_challenges"] = "Cost pressure and a long procurement cycle.",
            ["apx_competitiveposition"] = "Second supplier, growing share of wallet.",
        };
        if (depth >= 2)
        {
            update["apx_products"] = "Standard range plus customer-specific variants.";
            update["apx_markettrends"] = "Digital services, sustainability reporting.";
            update["apx_competitors"] = "Two global players and a regional specialist.";
            update["apx_salessuccesses"] = "Framework agreement renewed last year.";
            update["apx_financialkpis"] = "Revenue, gross margin, share of wallet.";
            update["apx_margintarget"] = 15m;
        }

        if (depth >= 3)
        {
            update["apx_strengths"] = "Service quality.";
            update["apx_weaknesses"] = "Price level.";
            update["apx_opportunities"] = "Expansion into the US plants.";
            update["apx_threats"] = "Dual-sourcing policy.";
            update["apx_planneddevelopments"] = "Pilot of the subscription offer.";
            update["apx_managementsummary"] = "Grow share of wallet with services; defend the core business.";
        }

        As(plan.Account.OwnerId).Update(update);
        var index = Plans.IndexOf(plan);
        for (var m = 0; m < depth; m++)
        {
            CreateMeasure(plan, m, $"Measure {m + 1}: {new[] { "Executive sponsor meeting", "Reference visit", "Service pilot" }[m]}", 5_000m * (m + 1), done: m == 0 && depth == 3);
        }

        for (var s = 0; s < depth + (index % 2); s++)
        {
            CreateStakeholder(plan, s, external: s % 2 == 0);
        }
    }

    private Guid CreateMeasure(DemoPlan plan, int number, string name, decimal budget, bool done, bool critical = false)
    {
        var id = _ids.For($"apx_planmeasure/{plan.Id}", number);
        var service = As(plan.Account.OwnerId);
        service.Create(new Entity("apx_planmeasure", id)
        {
            ["apx_name"] = name,
            ["apx_accountplanid"] = new EntityReference("apx_accountplan", plan.Id),
            ["apx_description"] = $"{name} with {plan.Account.Name}.",
            ["apx_responsibleid"] = new EntityReference("systemuser", plan.Account.OwnerId),
            ["apx_budget"] = new Money(budget),
            ["apx_startdate"] = _options.Clock.Date.AddDays(7 * (number + 1)),
            ["apx_duedate"] = _options.Clock.Date.AddDays(60 + 30 * number),
            ["apx_expectedrevenue"] = new Money(budget * 5),
            ["apx_businesscritical"] = critical,
            ["transactioncurrencyid"] = new EntityReference("transactioncurrency", _world.EuroId),
        });
        StoryRecords++;
        if (done)
        {
            service.Update(new Entity("apx_planmeasure", id) { ["apx_actualcost"] = new Money(budget * 0.9m), ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });
        }

        return id;
    }

    private void CreateStakeholder(DemoPlan plan, int number, bool external)
    {
        var contacts = _world.ContactsByAccount.GetValueOrDefault(plan.Account.Id) ?? [];
        var entity = new Entity("apx_planstakeholder", _ids.For($"apx_planstakeholder/{plan.Id}", number))
        {
            ["apx_accountplanid"] = new EntityReference("apx_accountplan", plan.Id),
            ["apx_side"] = new OptionSetValue(external ? 726000001 : 726000000),
            ["apx_influence"] = new OptionSetValue(726000000 + number % 3),
            ["apx_attitude"] = new OptionSetValue(726000000 + (number + 1) % 5),
            ["apx_channel"] = new OptionSetValue(external ? 726000000 : 726000002),
            ["apx_frequency"] = new OptionSetValue(external ? 726000002 : 726000001),
        };
        if (external && contacts.Count > 0)
        {
            entity["apx_name"] = number < 2 ? "Head of purchasing" : "Chief operating officer";
            entity["apx_contactid"] = new EntityReference("contact", contacts[number / 2 % contacts.Count]);
            entity["apx_role"] = number < 2 ? "Decision maker" : "Sponsor";
            entity["apx_communicationtopic"] = "Roadmap and service offer";
            entity["apx_communicationgoal"] = "Win the sponsor for the joint roadmap.";
        }
        else
        {
            var user = number % 3 == 1 ? _world.Committee[0] : _world.User(plan.Account.OwnerId);
            entity["apx_name"] = user.Name;
            entity["apx_userid"] = new EntityReference("systemuser", user.Id);
            entity["apx_role"] = user.Title;
            entity["apx_communicationtopic"] = "Progress of the plan";
            entity["apx_communicationgoal"] = "Keep management informed.";
        }

        As(plan.Account.OwnerId).Create(entity);
        StoryRecords++;
    }

    // ---------------------------------------------------------------- 4 gate

    private void TryActivateIncomplete()
    {
        RequirePlans();
        var focus = Focus!;
        try
        {
            As(focus.Account.OwnerId).Update(new Entity("apx_accountplan", focus.Id) { ["statecode"] = new OptionSetValue(0), ["statuscode"] = new OptionSetValue(StatusActive) });
        }
        catch (FaultException<OrganizationServiceFault> fault)
        {
            GateMessage = fault.Detail?.Message ?? fault.Message;
            _out.WriteLine($"  {_world.UserName(focus.Account.OwnerId)} sets \"{focus.Name}\" to Active. The platform refuses:");
            _out.WriteLine();
            foreach (var line in GateMessage.Split('\n', StringSplitOptions.TrimEntries))
            {
                _out.WriteLine($"    | {line}");
            }

            var row = ReadPlan(focus.Id);
            _out.WriteLine();
            new TextTable("Plan", "Status", ">Complete %").Add(focus.Name, Label(row, "statuscode"), row.GetAttributeValue<int?>("apx_completenesspct")).Write(_out);
            return;
        }

        throw new DemoStepException("the incomplete plan was activated: the completeness gate did not stop it");
    }

    // ---------------------------------------------------------------- 5 activate

    private void CompleteAndActivate()
    {
        RequirePlans();
        var focus = Focus!;
        var owner = As(focus.Account.OwnerId);
        var target = MoneyOf(ReadPlan(focus.Id), "apx_revenuetarget") ?? 0m;
        owner.Update(new Entity("apx_accountplan", focus.Id)
        {
            ["apx_competitors"] = "Two global competitors; one regional specialist with aggressive pricing.",
            ["apx_salessuccesses"] = "Framework agreement for spare parts; pilot of the monitoring service in two plants.",
            ["apx_weaknesses"] = "Price level; little contact with the purchasing board.",
            ["apx_opportunities"] = "Service contracts for the installed base; new plant in Poland.",
            ["apx_threats"] = "Dual-sourcing policy from next year.",
            ["apx_financialkpis"] = string.Create(CultureInfo.InvariantCulture, $"Revenue target {target:#,##0} EUR, gross margin 18.5 %, share of wallet 30 %."),
            ["apx_planneddevelopments"] = "Subscription offer for the monitoring service; joint innovation day.",
            ["apx_managementsummary"] = "Defend the core business, grow services, become preferred supplier for all product lines.",
        });
        CreateMeasure(Focus!, 1, "Service contract proposal for the installed base", 18_000m, done: false);
        CreateMeasure(Focus!, 2, "Innovation day at the customer's headquarters", 9_500m, done: true);
        CreateStakeholder(Focus!, 2, external: true);
        CreateStakeholder(Focus!, 3, external: false);

        var before = ReadPlan(focus.Id);
        owner.Update(new Entity("apx_accountplan", focus.Id) { ["statecode"] = new OptionSetValue(0), ["statuscode"] = new OptionSetValue(StatusActive) });
        _host.DrainAsync();
        var after = ReadPlan(focus.Id);

        var table = new TextTable("Plan", ">Complete % before", "Status", ">Complete %", ">Measures", "Next review");
        table.Add(focus.Name, before.GetAttributeValue<int?>("apx_completenesspct"), Label(after, "statuscode"), after.GetAttributeValue<int?>("apx_completenesspct"),
            after.GetAttributeValue<int?>("apx_measurecount"), after.GetAttributeValue<DateTime?>("apx_nextreviewon"));
        _out.WriteLine("  The remaining section columns, two more measures and two more stakeholders are added; activation now passes the gate:");
        table.Write(_out);
    }

    // ---------------------------------------------------------------- 6 review task

    private void ShowReviewTask()
    {
        RequirePlans();
        var tasks = ReviewTasks(Focus!.Id, open: true);
        if (tasks.Count == 0)
        {
            throw new DemoStepException("no open review task regards the activated plan (the review task step did not run)");
        }

        var table = new TextTable("Subject", "Due", "Owner", "Status");
        foreach (var task in tasks)
        {
            table.Add(task.GetAttributeValue<string>("subject"), task.GetAttributeValue<DateTime?>("scheduledend"), OwnerName(task), Label(task, "statecode"));
        }

        _out.WriteLine("  Created by the plan's activation (a task regarding the plan, owned by the account manager):");
        table.Write(_out, maxWidth: 80);
        _out.WriteLine();
        _out.WriteLine("  Agenda (task description):");
        foreach (var line in (tasks[0].GetAttributeValue<string>("description") ?? "").Split('\n', StringSplitOptions.TrimEntries))
        {
            _out.WriteLine($"    {line}");
        }
    }

    private List<Entity> ReviewTasks(Guid planId, bool open)
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

    // ---------------------------------------------------------------- 7 KPIs

    private void WinAndLose()
    {
        RequirePlans();
        var focus = Focus!;
        var before = ReadPlan(focus.Id);
        var accounts = _world.Accounts.Where(a => a.Id == focus.Account.Id || a.ParentId == focus.Account.Id).Select(a => (object)a.Id).ToArray();
        var query = new QueryExpression("opportunity") { ColumnSet = new ColumnSet("name", "estimatedvalue", "estimatedvalue_base", "transactioncurrencyid", "estimatedclosedate", "closeprobability"), TopCount = 3 };
        query.Criteria.AddCondition("customerid", ConditionOperator.In, accounts);
        query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
        query.Criteria.AddCondition("estimatedclosedate", ConditionOperator.OnOrBefore, PeriodEnd);
        query.AddOrder("estimatedvalue_base", OrderType.Descending);
        var open = Admin.RetrieveMultiple(query).Entities.ToList();
        if (open.Count < 2)
        {
            // A small seed can leave the focus account without open opportunities in the period: sell something new.
            for (var i = open.Count; i < 2; i++)
            {
                var id = _ids.For("opportunity/story", i);
                As(focus.Account.OwnerId).Create(new Entity("opportunity", id)
                {
                    ["name"] = $"{(i == 0 ? "Service contract" : "Retrofit kit")} – {focus.Account.Name}",
                    ["customerid"] = new EntityReference("account", focus.Account.Id),
                    ["parentaccountid"] = new EntityReference("account", focus.Account.Id),
                    ["estimatedvalue"] = new Money(40_000m + 25_000m * i),
                    ["closeprobability"] = 60,
                    ["estimatedclosedate"] = _options.Clock.Date.AddDays(30),
                    ["transactioncurrencyid"] = new EntityReference("transactioncurrency", _world.EuroId),
                });
                open.Add(Admin.Retrieve("opportunity", id, query.ColumnSet));
            }
        }

        var won = open[0];
        var lost = open[1];
        var seller = As(focus.Account.OwnerId);
        var revenue = won.GetAttributeValue<Money>("estimatedvalue")?.Value ?? 0m;
        seller.Execute(new OrganizationRequest("WinOpportunity")
        {
            ["OpportunityClose"] = new Entity("opportunityclose")
            {
                ["opportunityid"] = won.ToEntityReference(),
                ["subject"] = "Won: order received",
                ["actualrevenue"] = new Money(revenue),
                ["actualend"] = _options.Clock.Date,
            },
            ["Status"] = new OptionSetValue(3),
        });
        seller.Execute(new OrganizationRequest("LoseOpportunity")
        {
            ["OpportunityClose"] = new Entity("opportunityclose")
            {
                ["opportunityid"] = lost.ToEntityReference(),
                ["subject"] = "Lost to a competitor",
                ["actualend"] = _options.Clock.Date,
            },
            ["Status"] = new OptionSetValue(5),
        });
        _host.DrainAsync();
        var after = ReadPlan(focus.Id);

        var opportunities = new TextTable("Opportunity", "Outcome", ">Value", "Currency", ">Value (EUR)");
        opportunities.Add(won.GetAttributeValue<string>("name"), "Won", won.GetAttributeValue<Money>("estimatedvalue")?.Value, CurrencyName(won), won.GetAttributeValue<Money>("estimatedvalue_base")?.Value);
        opportunities.Add(lost.GetAttributeValue<string>("name"), "Lost (out-sold)", lost.GetAttributeValue<Money>("estimatedvalue")?.Value, CurrencyName(lost), lost.GetAttributeValue<Money>("estimatedvalue_base")?.Value);
        _out.WriteLine($"  {_world.UserName(focus.Account.OwnerId)} closes two opportunities of {focus.Account.Name}:");
        opportunities.Write(_out);

        var kpis = new TextTable("KPI (plan)", ">Before", ">After", ">Change");
        foreach (var (column, label) in new[] { ("apx_wonrevenue", "Won revenue (EUR)"), ("apx_openpipeline", "Open pipeline (EUR)"), ("apx_weightedpipeline", "Weighted pipeline (EUR)"), ("apx_attainmentpct", "Attainment %") })
        {
            var b = Number(before, column);
            var a = Number(after, column);
            var change = a - b;
            var row = (label, TextTable.Format(b), TextTable.Format(a), (change > 0 ? "+" : "") + TextTable.Format(change));
            KpiMoves.Add(row);
            kpis.Add(row.label, row.Item2, row.Item3, row.Item4);
        }

        _out.WriteLine();
        _out.WriteLine("  The roll-up step recomputes the plan's KPIs from source on Win and Lose:");
        kpis.Write(_out);
        if (Number(after, "apx_wonrevenue") == Number(before, "apx_wonrevenue"))
        {
            throw new DemoStepException("the won revenue did not move: the KPI roll-up did not run on WinOpportunity");
        }
    }

    // ---------------------------------------------------------------- 8 review

    private void CompleteReview()
    {
        RequirePlans();
        var focus = Focus!;
        var task = ReviewTasks(focus.Id, open: true).FirstOrDefault() ?? throw new DemoStepException("no open review task to complete");
        As(focus.Account.OwnerId).Update(new Entity("task", task.Id) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(5) });
        _host.DrainAsync();

        var query = new QueryExpression("apx_planreview") { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition("apx_accountplanid", ConditionOperator.Equal, focus.Id);
        query.AddOrder("apx_reviewdate", OrderType.Ascending);
        var reviews = Admin.RetrieveMultiple(query).Entities;
        if (reviews.Count == 0)
        {
            throw new DemoStepException("completing the review task froze no apx_planreview snapshot");
        }

        var snapshot = new TextTable("Review", "Date", "Presenter", ">Target", ">Won", ">Open pipeline", ">Attainment %", ">Measures", ">Done %", ">Complete %");
        foreach (var review in reviews)
        {
            snapshot.Add(review.GetAttributeValue<string>("apx_name"), review.GetAttributeValue<DateTime?>("apx_reviewdate"), Name(review, "apx_presenterid"),
                MoneyOf(review, "apx_revenuetarget"), MoneyOf(review, "apx_wonrevenue"), MoneyOf(review, "apx_openpipeline"),
                review.GetAttributeValue<decimal?>("apx_attainmentpct"), review.GetAttributeValue<int?>("apx_measurecount"),
                review.GetAttributeValue<decimal?>("apx_measuredonepct"), review.GetAttributeValue<int?>("apx_completenesspct"));
        }

        _out.WriteLine($"  {_world.UserName(focus.Account.OwnerId)} presents the plan and completes the review task; the snapshot is frozen:");
        snapshot.Write(_out);

        var tasks = new TextTable("Review task", "Due", "Status");
        foreach (var row in ReviewTasks(focus.Id, open: false))
        {
            tasks.Add(row.GetAttributeValue<string>("subject"), row.GetAttributeValue<DateTime?>("scheduledend"), Label(row, "statuscode") is { Length: > 0 } s ? s : Label(row, "statecode"));
        }

        var plan = ReadPlan(focus.Id);
        _out.WriteLine();
        _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Review tasks of the plan (last review {TextTable.Format(plan.GetAttributeValue<DateTime?>("apx_lastreviewon"))}, next review {TextTable.Format(plan.GetAttributeValue<DateTime?>("apx_nextreviewon"))}):"));
        tasks.Write(_out, maxWidth: 80);
        if (ReviewTasks(focus.Id, open: true).Count == 0)
        {
            throw new DemoStepException("no next review task was created after the review");
        }
    }

    // ---------------------------------------------------------------- 9 decision

    private void SteeringDecision()
    {
        RequirePlans();
        var focus = Focus!;
        var seller = _world.User(focus.Account.OwnerId);
        var member = _world.Committee[1];
        const decimal budget = 120_000m;
        var measureId = CreateMeasure(focus, 10, "Executive briefing centre visit and reference plant tour", budget, done: false);
        _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Measure \"Executive briefing centre visit and reference plant tour\": budget {budget:#,##0} EUR, the plan's decision threshold {DecisionThreshold:#,##0} EUR."));

        Attempt("Start the measure (In progress) without a decision", seller, () =>
            As(seller.Id).Update(new Entity("apx_planmeasure", measureId) { ["statecode"] = new OptionSetValue(0), ["statuscode"] = new OptionSetValue(MeasureInProgress) }), expectRefusal: true);

        var decisionId = _ids.For("apx_plandecision", 0);
        Attempt("Propose a budget decision to the steering committee", seller, () =>
        {
            As(seller.Id).Create(new Entity("apx_plandecision", decisionId)
            {
                ["apx_name"] = "Budget for the executive briefing centre visit",
                ["apx_accountplanid"] = new EntityReference("apx_accountplan", focus.Id),
                ["apx_decisiontype"] = new OptionSetValue(726000000),
                ["apx_requestedbudget"] = new Money(budget),
                ["apx_rationale"] = "Brings the purchasing board to our reference plant; prerequisite for the service contract.",
                ["transactioncurrencyid"] = new EntityReference("transactioncurrency", _world.EuroId),
            });
            As(seller.Id).Update(new Entity("apx_planmeasure", measureId) { ["apx_decisionid"] = new EntityReference("apx_plandecision", decisionId) });
        }, expectRefusal: false);

        Attempt("Approve the decision (account manager, not in the committee)", seller, () =>
            As(seller.Id).Update(new Entity("apx_plandecision", decisionId) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(DecisionApproved) }), expectRefusal: true);

        Attempt($"Approve the decision ({member.Title}, committee member)", member, () =>
            As(member.Id).Update(new Entity("apx_plandecision", decisionId) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(DecisionApproved), ["apx_decisionnotes"] = "Approved; report the outcome at the next review." }), expectRefusal: false);

        Attempt("Start the measure (In progress) with the approved decision", seller, () =>
            As(seller.Id).Update(new Entity("apx_planmeasure", measureId) { ["statecode"] = new OptionSetValue(0), ["statuscode"] = new OptionSetValue(MeasureInProgress) }), expectRefusal: false);

        var table = new TextTable("Action", "By", "Result");
        foreach (var (action, by, result) in DecisionLog)
        {
            table.Add(action, by, result);
        }

        table.Write(_out, maxWidth: 110);
        var decision = Admin.Retrieve("apx_plandecision", decisionId, new ColumnSet("statuscode", "apx_decidedbyid", "apx_decidedon"));
        var measure = Admin.Retrieve("apx_planmeasure", measureId, new ColumnSet("statuscode"));
        _out.WriteLine();
        new TextTable("Decision status", "Decided by", "Decided on", "Measure status")
            .Add(Label(decision, "statuscode"), Name(decision, "apx_decidedbyid"), decision.GetAttributeValue<DateTime?>("apx_decidedon"), Label(measure, "statuscode"))
            .Write(_out);
        if (measure.GetAttributeValue<OptionSetValue>("statuscode")?.Value != MeasureInProgress)
        {
            throw new DemoStepException("the measure did not reach In progress");
        }
    }

    private void Attempt(string action, DemoUser by, Action body, bool expectRefusal)
    {
        string result;
        try
        {
            body();
            result = expectRefusal ? "ACCEPTED (expected a refusal: the decision gate did not stop it)" : "accepted";
        }
        catch (FaultException<OrganizationServiceFault> fault)
        {
            var message = (fault.Detail?.Message ?? fault.Message).Replace('\n', ' ');
            result = expectRefusal ? $"refused: {message}" : $"FAILED: {message}";
        }

        DecisionLog.Add((action, $"{by.Name} ({by.Title})", result));
    }

    // ---------------------------------------------------------------- 10 portfolio

    private void Portfolio()
    {
        RequirePlans();
        foreach (var plan in Plans)
        {
            Admin.Execute(new OrganizationRequest("apx_RecalculatePlan") { ["Target"] = new EntityReference("apx_accountplan", plan.Id) });
        }

        _host.DrainAsync();
        PortfolioTable().Write(_out, maxWidth: 48);
    }

    /// <summary>One row per plan with its KPIs as stored now.</summary>
    public TextTable PortfolioTable()
    {
        var table = new TextTable("Plan", "Account manager", "Reason", "Template", "Status", ">Complete %", ">Target", ">Won", ">Attain. %", ">Pipeline", ">Weighted", ">Measures", "Next review");
        foreach (var plan in Plans.Where(p => p.Id != Guid.Empty))
        {
            var row = ReadPlan(plan.Id);
            table.Add(plan.Name, _world.UserName(plan.Account.OwnerId), plan.ReasonLabel, Name(row, "apx_templateid"), Label(row, "statuscode"),
                row.GetAttributeValue<int?>("apx_completenesspct"), MoneyOf(row, "apx_revenuetarget"), MoneyOf(row, "apx_wonrevenue"),
                row.GetAttributeValue<decimal?>("apx_attainmentpct"), MoneyOf(row, "apx_openpipeline"), MoneyOf(row, "apx_weightedpipeline"),
                row.GetAttributeValue<int?>("apx_measurecount"), row.GetAttributeValue<DateTime?>("apx_nextreviewon"));
        }

        return table;
    }

    /// <summary>The missing items of every plan, for the report.</summary>
    public IEnumerable<(string Plan, string Missing)> MissingItems() =>
        Plans.Where(p => p.Id != Guid.Empty).Select(p => (p.Name, ReadPlan(p.Id).GetAttributeValue<string>("apx_missingitems") ?? ""));

    // ---------------------------------------------------------------- helpers

    public Entity ReadPlan(Guid id) => Admin.Retrieve("apx_accountplan", id, new ColumnSet(KpiColumns));

    private void RequireSelection()
    {
        if (Plans.Count == 0)
        {
            throw new DemoStepException("skipped: no customers were selected (step 1 failed)");
        }
    }

    private void RequirePlans()
    {
        if (Plans.Count == 0 || Plans[0].Id == Guid.Empty)
        {
            throw new DemoStepException("skipped: no plans exist (step 2 failed)");
        }
    }

    private string OwnerName(Entity row) => row.GetAttributeValue<EntityReference>("ownerid") is { } owner ? (_world.UserName(owner.Id) is { Length: > 0 } n ? n : owner.Name ?? "") : "";

    private string CurrencyName(Entity opportunity) =>
        opportunity.GetAttributeValue<EntityReference>("transactioncurrencyid")?.Id == _world.DollarId ? "USD" : "EUR";

    private string Name(Entity row, string column)
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
            return _world.UserName(reference.Id);
        }

        var template = _world.Templates.FirstOrDefault(t => t.Id == reference.Id);
        return template?.Key ?? reference.Id.ToString();
    }

    private static string Label(Entity row, string column)
    {
        if (row.FormattedValues.Contains(column))
        {
            return row.FormattedValues[column];
        }

        var value = row.GetAttributeValue<OptionSetValue>(column)?.Value;
        return (row.LogicalName, column, value) switch
        {
            (_, _, null) => "",
            ("apx_accountplan", "statuscode", 1) => "Draft",
            ("apx_accountplan", "statuscode", 726000000) => "In review",
            ("apx_accountplan", "statuscode", 726000001) => "Active",
            ("apx_accountplan", "statuscode", 2) => "Closed",
            ("apx_accountplan", "statuscode", 726000002) => "Cancelled",
            ("apx_planmeasure", "statuscode", 1) => "Planned",
            ("apx_planmeasure", "statuscode", 726000000) => "In progress",
            ("apx_planmeasure", "statuscode", 2) => "Done",
            ("apx_planmeasure", "statuscode", 726000001) => "Cancelled",
            ("apx_plandecision", "statuscode", 1) => "Proposed",
            ("apx_plandecision", "statuscode", 726000000) => "Deferred",
            ("apx_plandecision", "statuscode", 2) => "Approved",
            ("apx_plandecision", "statuscode", 726000001) => "Rejected",
            ("task", "statecode", 0) => "Open",
            ("task", "statecode", 1) => "Completed",
            ("task", "statecode", 2) => "Canceled",
            ("task", "statuscode", 2) => "Not started",
            ("task", "statuscode", 5) => "Completed",
            ("task", "statuscode", 6) => "Canceled",
            _ => value.Value.ToString(CultureInfo.InvariantCulture),
        };
    }

    private static decimal? MoneyOf(Entity row, string column) => row.GetAttributeValue<Money>(column)?.Value;

    private static int? Pct(Entity row, string column) => row.GetAttributeValue<int?>(column);

    private static decimal Number(Entity row, string column) => row.Contains(column) ? row[column] switch
    {
        Money m => m.Value,
        decimal d => d,
        int i => i,
        _ => 0m,
    } : 0m;

    /// <summary>What is missing in the environment when a step fails with a known platform message.</summary>
    private static string? Hint(string message) =>
        message.Contains("'apx_accountplan' is not a valid target of the lookup 'regardingobjectid'", StringComparison.Ordinal)
            ? "the solution metadata does not make apx_accountplan a regarding target of task (an activity-enabled table with its task relationship), so review tasks cannot be created."
            : null;

    private static string Message(Exception ex) => ex switch
    {
        FaultException<OrganizationServiceFault> fault => (fault.Detail?.Message ?? fault.Message) + (fault.Detail is { ErrorCode: not 0 } d ? string.Create(CultureInfo.InvariantCulture, $" (error code {d.ErrorCode})") : ""),
        _ => ex.Message,
    };
}
