using System.Globalization;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Tools.Demo;

/// <summary>The story's steps over years and across the portfolio: selection criteria, templates by workload,
/// communication cadence, roll-forward and the rollout cockpit.</summary>
public sealed partial class DemoStory
{
    private const int DurableManufacturing = 12;

    /// <summary>The top of the ranking by won margin (apx_RankAccounts with Criterion WonMargin).</summary>
    public List<Entity> MarginRanking { get; } = [];

    /// <summary>The plans the compact-template step created: name and template.</summary>
    public List<(string Plan, string Template, int OwnedBefore)> WorkloadPlans { get; } = [];

    public int CompactThreshold { get; private set; }

    public string? WorkloadSeller { get; private set; }

    /// <summary>The roll-forward's outcome: old and new plan, proposal, carried rows, refusal, statuses.</summary>
    public List<(string What, string Value)> RollForwardLog { get; } = [];

    /// <summary>The cockpit's figures as apx_PortfolioStatus returned them.</summary>
    public OrganizationResponse? CockpitStatus { get; private set; }

    // ---------------------------------------------------------------- 11 selection by margin and industry

    private void SelectByMargin()
    {
        var byMargin = Ranked(new OrganizationRequest("apx_RankAccounts") { ["Criterion"] = "WonMargin", ["Top"] = 10 });
        MarginRanking.AddRange(byMargin);
        var table = new TextTable(">Rank", "Account", ">Won margin 12 months (EUR)", "Reason", "Rationale");
        foreach (var row in byMargin.Take(5))
        {
            table.Add(row.GetAttributeValue<int?>("apx_rank"), row.GetAttributeValue<string>("name"), row.GetAttributeValue<Money>("apx_value")?.Value,
                row.GetAttributeValue<OptionSetValue>("apx_selectionreason")?.Value == 726000001 ? "Top profit" : "Top revenue", row.GetAttributeValue<string>("apx_selectionrationale"));
        }

        _out.WriteLine("  Ranked by won margin (apx_margin of won opportunities, each account with its whole hierarchy):");
        table.Write(_out, maxWidth: 70);

        var industry = Ranked(new OrganizationRequest("apx_RankAccounts") { ["Criterion"] = "WeightedPipeline", ["IndustryCode"] = DurableManufacturing, ["Top"] = 5 });
        var pipeline = new TextTable(">Rank", "Account", "Industry", ">Weighted pipeline (EUR)");
        foreach (var row in industry)
        {
            pipeline.Add(row.GetAttributeValue<int?>("apx_rank"), row.GetAttributeValue<string>("name"), _world.AccountsById.GetValueOrDefault(row.Id)?.Industry ?? "",
                row.GetAttributeValue<Money>("apx_value")?.Value);
        }

        _out.WriteLine();
        _out.WriteLine("  Strategic selection: weighted pipeline of one industry (IndustryCode 12, Durable Manufacturing):");
        pipeline.Write(_out);
        if (byMargin.Count == 0 || industry.Count == 0)
        {
            throw new DemoStepException("a ranking by margin or by industry came back empty");
        }

        if (industry.Any(r => r.GetAttributeValue<OptionSetValue>("industrycode")?.Value != DurableManufacturing))
        {
            throw new DemoStepException("the industry filter let another industry through");
        }
    }

    private List<Entity> Ranked(OrganizationRequest request) =>
        Admin.Execute(request).Results.TryGetValue("Ranking", out var value) && value is EntityCollection collection
            ? collection.Entities.ToList()
            : throw new DemoStepException("apx_RankAccounts returned no 'Ranking' collection");

    // ---------------------------------------------------------------- 12 compact template

    private void CompactTemplate()
    {
        RequirePlans();
        var query = new QueryExpression("apx_plantemplate") { ColumnSet = new ColumnSet("apx_name", "apx_compactthreshold", "apx_isdefault") };
        var templates = Admin.RetrieveMultiple(query).Entities;
        var standard = templates.FirstOrDefault(t => t.GetAttributeValue<bool?>("apx_isdefault") == true)
            ?? throw new DemoStepException("no default plan template is loaded");
        CompactThreshold = standard.GetAttributeValue<int?>("apx_compactthreshold") ?? throw new DemoStepException("the default template has no compact threshold");
        var seller = Focus!.Account.OwnerId;
        WorkloadSeller = _world.UserName(seller);
        var planned = Plans.Select(p => p.Account.Id).ToHashSet();
        var free = _world.Accounts.Where(a => !planned.Contains(a.Id)).OrderBy(a => a.OwnerId == seller ? 0 : 1).ThenBy(a => a.Id).ToList();
        var fiscal = string.Create(CultureInfo.InvariantCulture, $"FY {PeriodStart:yyyy}/{PeriodEnd:yy}");
        var service = As(seller);
        for (var i = 0; i < free.Count && i < CompactThreshold + 4; i++)
        {
            var owned = OwnedPlans(seller);
            var account = free[i];
            var id = _ids.For("apx_accountplan/workload", i);
            var name = $"{account.Name} {fiscal}";
            service.Create(new Entity("apx_accountplan", id)
            {
                ["apx_name"] = name,
                ["apx_accountid"] = new EntityReference("account", account.Id),
                ["apx_selectionreason"] = new OptionSetValue(726000002),
                ["apx_selectionrationale"] = "Strategic account of the seller's territory.",
                ["apx_periodstart"] = PeriodStart,
                ["apx_periodend"] = PeriodEnd,
                ["apx_revenuetarget"] = new Money(100_000m),
                ["transactioncurrencyid"] = new EntityReference("transactioncurrency", _world.EuroId),
            });
            var template = Name(ReadPlan(id), "apx_templateid");
            WorkloadPlans.Add((name, template, owned));
            if (owned > CompactThreshold)
            {
                break;
            }
        }

        var table = new TextTable("Plan", ">Plans the seller owned before", "Template (defaulted)");
        foreach (var (plan, template, owned) in WorkloadPlans)
        {
            table.Add(plan, owned, template);
        }

        _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {WorkloadSeller} creates more plans; the default template's compact threshold is {CompactThreshold} plans per owner:"));
        table.Write(_out);
        if (WorkloadPlans.Count == 0 || WorkloadPlans[^1].OwnedBefore <= CompactThreshold || WorkloadPlans[^1].Template == Name(standard.ToEntityReference()))
        {
            throw new DemoStepException("no plan above the threshold got the compact template");
        }
    }

    private string Name(EntityReference reference) => _world.Templates.FirstOrDefault(t => t.Id == reference.Id)?.Key ?? reference.Id.ToString();

    private int OwnedPlans(Guid owner)
    {
        var query = new QueryExpression("apx_accountplan") { ColumnSet = new ColumnSet(false) };
        query.Criteria.AddCondition("ownerid", ConditionOperator.Equal, owner);
        query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
        return Admin.RetrieveMultiple(query).Entities.Count;
    }

    // ---------------------------------------------------------------- 13 communication cadence

    private void CommunicationCadence()
    {
        RequirePlans();
        var focus = Focus!;
        var owner = As(focus.Account.OwnerId);
        var query = new QueryExpression("apx_planstakeholder") { ColumnSet = new ColumnSet("apx_name", "apx_frequency", "apx_lastcontacton", "apx_nextcontacton") };
        query.Criteria.AddCondition("apx_accountplanid", ConditionOperator.Equal, focus.Id);
        query.AddOrder("apx_name", OrderType.Ascending);
        var stakeholders = Admin.RetrieveMultiple(query).Entities.ToList();
        if (stakeholders.Count == 0)
        {
            throw new DemoStepException("the focus plan has no stakeholders");
        }

        // Two of them were contacted before: a monthly one seven weeks ago (overdue now), a quarterly one last month.
        var today = _options.Clock.Date;
        Admin.Update(new Entity("apx_planstakeholder", stakeholders[0].Id) { ["apx_lastcontacton"] = today.AddDays(-49), ["apx_frequency"] = new OptionSetValue(726000001) });
        if (stakeholders.Count > 1)
        {
            Admin.Update(new Entity("apx_planstakeholder", stakeholders[1].Id) { ["apx_lastcontacton"] = today.AddDays(-30), ["apx_frequency"] = new OptionSetValue(726000002) });
        }

        if (stakeholders.Count > 2)
        {
            Admin.Update(new Entity("apx_planstakeholder", stakeholders[2].Id) { ["apx_frequency"] = new OptionSetValue(726000004) });
        }

        var before = Admin.RetrieveMultiple(query).Entities.ToList();
        var logged = owner.Execute(new OrganizationRequest("apx_LogStakeholderContact") { ["Target"] = new EntityReference("apx_planstakeholder", stakeholders[0].Id) });
        var after = Admin.RetrieveMultiple(query).Entities.ToList();

        var table = new TextTable("Stakeholder", "Frequency", "Last contact", "Next contact", "Next after logging");
        for (var i = 0; i < before.Count; i++)
        {
            table.Add(before[i].GetAttributeValue<string>("apx_name"), FrequencyLabel(before[i].GetAttributeValue<OptionSetValue>("apx_frequency")?.Value),
                before[i].GetAttributeValue<DateTime?>("apx_lastcontacton"), before[i].GetAttributeValue<DateTime?>("apx_nextcontacton"),
                after[i].GetAttributeValue<DateTime?>("apx_nextcontacton"));
        }

        _out.WriteLine("  The next contact follows from the last contact and the frequency (never contacted: due now; ad hoc: none);");
        _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  the account manager logs the overdue contact (apx_LogStakeholderContact) and it moves to {((DateTime)logged.Results["NextContactOn"]):yyyy-MM-dd}:"));
        table.Write(_out);

        // The view "My communications due": active stakeholders I own, next contact within 7 days or overdue.
        var due = new QueryExpression("apx_planstakeholder") { ColumnSet = new ColumnSet("apx_name", "apx_accountplanid", "apx_nextcontacton") };
        due.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
        due.Criteria.AddCondition("ownerid", ConditionOperator.EqualUserId);
        due.Criteria.AddCondition("apx_nextcontacton", ConditionOperator.OnOrBefore, today.AddDays(7));
        due.AddOrder("apx_nextcontacton", OrderType.Ascending);
        var mine = owner.RetrieveMultiple(due).Entities;
        var view = new TextTable("Next contact", "Stakeholder", "Plan");
        foreach (var row in mine.Take(8))
        {
            view.Add(row.GetAttributeValue<DateTime?>("apx_nextcontacton"), row.GetAttributeValue<string>("apx_name"), row.GetAttributeValue<EntityReference>("apx_accountplanid")?.Name ?? "");
        }

        _out.WriteLine();
        _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  My communications due ({_world.UserName(focus.Account.OwnerId)}): {mine.Count} stakeholder(s), the first {Math.Min(8, mine.Count)}:"));
        view.Write(_out);
        if (after[0].GetAttributeValue<DateTime?>("apx_nextcontacton") is not { } moved || moved <= today)
        {
            throw new DemoStepException("logging the contact did not move the next contact on");
        }
    }

    private static string FrequencyLabel(int? value) => value switch
    {
        726000000 => "Weekly",
        726000001 => "Monthly",
        726000002 => "Quarterly",
        726000003 => "Semi-annually",
        726000004 => "Ad hoc",
        _ => "",
    };

    // ---------------------------------------------------------------- 14 roll-forward

    private void RollForward()
    {
        RequirePlans();
        var focus = Focus!;
        var owner = As(focus.Account.OwnerId);
        var request = new OrganizationRequest("apx_RollForwardPlan") { ["Target"] = new EntityReference("apx_accountplan", focus.Id) };
        var response = owner.Execute(request);
        var next = (EntityReference)response.Results["NewPlan"];
        var retry = owner.Execute(request);
        var sameOnRetry = ((EntityReference)retry.Results["NewPlan"]).Id == next.Id && retry.Results["Created"] is false;

        var plan = Admin.Retrieve("apx_accountplan", next.Id, new ColumnSet("apx_name", "apx_periodstart", "apx_periodend", "apx_revenuetarget", "apx_templateid", "apx_previouskpis", "statuscode"));
        RollForwardLog.Add(("Old plan", focus.Name));
        RollForwardLog.Add(("New plan", plan.GetAttributeValue<string>("apx_name")));
        RollForwardLog.Add(("Period", string.Create(CultureInfo.InvariantCulture, $"{plan.GetAttributeValue<DateTime>("apx_periodstart"):yyyy-MM-dd} to {plan.GetAttributeValue<DateTime>("apx_periodend"):yyyy-MM-dd}")));
        RollForwardLog.Add(("Growth (attainment trend)", string.Create(CultureInfo.InvariantCulture, $"{(decimal)response.Results["GrowthPercent"]:+0.##;-0.##;0} %")));
        RollForwardLog.Add(("Proposed revenue target (EUR)", string.Create(CultureInfo.InvariantCulture, $"{MoneyOf(plan, "apx_revenuetarget"):#,##0}")));
        RollForwardLog.Add(("Open measures carried over", string.Create(CultureInfo.InvariantCulture, $"{response.Results["MeasuresCarried"]}")));
        RollForwardLog.Add(("Stakeholders carried over", string.Create(CultureInfo.InvariantCulture, $"{response.Results["StakeholdersCarried"]}")));
        RollForwardLog.Add(("Template", Name(plan, "apx_templateid")));
        RollForwardLog.Add(("A retry", sameOnRetry ? "returns the same plan, nothing copied twice" : "made a second plan"));

        // The account of the second plan already has a plan starting where its roll-forward would start.
        var other = Plans.Count > 1 ? Plans[1] : null;
        if (other is not null)
        {
            var start = PeriodEnd.AddDays(1);
            As(other.Account.OwnerId).Create(new Entity("apx_accountplan", _ids.For("apx_accountplan/next", 0))
            {
                ["apx_name"] = string.Create(CultureInfo.InvariantCulture, $"{other.Account.Name} pilot {start:yyyy}"),
                ["apx_accountid"] = new EntityReference("account", other.Account.Id),
                ["apx_periodstart"] = start,
                ["apx_periodend"] = start.AddMonths(6).AddDays(-1),
                ["transactioncurrencyid"] = new EntityReference("transactioncurrency", _world.EuroId),
            });
            try
            {
                As(other.Account.OwnerId).Execute(new OrganizationRequest("apx_RollForwardPlan") { ["Target"] = new EntityReference("apx_accountplan", other.Id) });
                RollForwardLog.Add(("Roll-forward onto a taken period", "not refused"));
            }
            catch (FaultException<OrganizationServiceFault> fault)
            {
                RollForwardLog.Add(("Roll-forward onto a taken period", fault.Detail?.Message ?? fault.Message));
            }
        }

        // Sales management names the steering committee of the new period (only managers may set it).
        Admin.Update(new Entity("apx_accountplan", next.Id) { ["apx_steeringcommitteeid"] = new EntityReference("team", _world.SteeringCommitteeId) });

        // The new period's goals and summary, then activation: the old plan is closed.
        owner.Update(new Entity("apx_accountplan", next.Id)
        {
            ["apx_margintarget"] = 19m,
            ["apx_financialkpis"] = "Revenue target from the attainment trend, gross margin 19 %.",
            ["apx_planneddevelopments"] = "Roll the monitoring service out to all plants.",
            ["apx_managementsummary"] = "Second year: from preferred supplier to strategic partner.",
            ["apx_planbudget"] = new Money(240_000m),
        });
        owner.Update(new Entity("apx_accountplan", next.Id) { ["statecode"] = new OptionSetValue(0), ["statuscode"] = new OptionSetValue(StatusActive) });
        _host.DrainAsync();
        RollForwardLog.Add(("New plan after activation", Label(ReadPlan(next.Id), "statuscode")));
        RollForwardLog.Add(("Old plan after activation", Label(ReadPlan(focus.Id), "statuscode")));

        var table = new TextTable("What", "Value");
        foreach (var (what, value) in RollForwardLog)
        {
            table.Add(what, value);
        }

        table.Write(_out, maxWidth: 100);
        _out.WriteLine();
        _out.WriteLine("  Kept as context on the new plan (apx_previouskpis):");
        foreach (var line in (plan.GetAttributeValue<string>("apx_previouskpis") ?? "").Split('\n'))
        {
            _out.WriteLine($"    {line}");
        }

        Plans.Add(focus with { Id = next.Id, Name = plan.GetAttributeValue<string>("apx_name") ?? "", Rationale = "Rolled forward from " + focus.Name });
        if (!sameOnRetry || Label(ReadPlan(focus.Id), "statuscode") != "Closed")
        {
            throw new DemoStepException("the roll-forward was not idempotent or activating the new plan did not close the old one");
        }
    }

    // ---------------------------------------------------------------- 15 cockpit

    private void Cockpit()
    {
        // Account managers activate the plans that are complete by now.
        foreach (var plan in Plans.Where(p => p.Id != Guid.Empty))
        {
            var row = ReadPlan(plan.Id);
            if (row.GetAttributeValue<int?>("apx_completenesspct") == 100 && row.GetAttributeValue<OptionSetValue>("statuscode")?.Value == StatusDraft)
            {
                As(plan.Account.OwnerId).Update(new Entity("apx_accountplan", plan.Id) { ["statecode"] = new OptionSetValue(0), ["statuscode"] = new OptionSetValue(StatusActive) });
                _out.WriteLine($"  {_world.UserName(plan.Account.OwnerId)} activates the complete plan \"{plan.Name}\".");
            }
        }

        _host.DrainAsync();
        var member = _world.Committee.Count > 0 ? As(_world.Committee[0].Id) : Admin;
        CockpitStatus = member.Execute(new OrganizationRequest("apx_PortfolioStatus") { ["Top"] = 20 });
        _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  As {(_world.Committee.Count > 0 ? _world.Committee[0].Name : "the administrator")} (steering committee), over the plans that user can read:"));
        CockpitTable().Write(_out);
        _out.WriteLine();
        CockpitOwners().Write(_out);
    }

    /// <summary>The cockpit's headline figures.</summary>
    public TextTable CockpitTable()
    {
        var r = CockpitStatus?.Results ?? throw new DemoStepException("apx_PortfolioStatus was not called");
        var coverage = (int)r["TopAccounts"] == 0 ? 0m : (int)r["CoveredAccounts"] * 100m / (int)r["TopAccounts"];
        var planBudget = ((Money)r["PlanBudget"]).Value;
        var table = new TextTable("Figure", ">Value");
        table.Add("Coverage: top accounts with an active plan", string.Create(CultureInfo.InvariantCulture, $"{r["CoveredAccounts"]} of {r["TopAccounts"]} ({coverage:0} %)"));
        table.Add("Plans (open)", string.Create(CultureInfo.InvariantCulture, $"{r["PlanCount"]} ({r["OpenPlanCount"]})"));
        foreach (var row in ((EntityCollection)r["PlansByStatus"]).Entities)
        {
            table.Add("  " + Label(new Entity("apx_accountplan") { ["statuscode"] = new OptionSetValue((int)row["statuscode"]) }, "statuscode"), string.Create(CultureInfo.InvariantCulture, $"{row["count"]}"));
        }

        table.Add("Average completeness of open plans", string.Create(CultureInfo.InvariantCulture, $"{(decimal)r["AverageCompleteness"]:0.#} %"));
        table.Add("Reviews overdue", string.Create(CultureInfo.InvariantCulture, $"{r["ReviewsOverdue"]}"));
        table.Add("Communications overdue (due within 7 days)", string.Create(CultureInfo.InvariantCulture, $"{r["CommunicationsOverdue"]} ({r["CommunicationsDue"]})"));
        table.Add("Measures' budget / plans' budget (EUR)", string.Create(CultureInfo.InvariantCulture,
            $"{((Money)r["MeasureBudget"]).Value:#,##0} / {planBudget:#,##0}{(planBudget > 0 ? $" ({((Money)r["MeasureBudget"]).Value * 100m / planBudget:0} %)" : "")}"));
        return table;
    }

    /// <summary>The cockpit's open plans per owner.</summary>
    public TextTable CockpitOwners()
    {
        var r = CockpitStatus?.Results ?? throw new DemoStepException("apx_PortfolioStatus was not called");
        var table = new TextTable("Owner", ">Open plans", ">Active", ">Avg. complete %");
        foreach (var row in ((EntityCollection)r["PlansByOwner"]).Entities)
        {
            table.Add(row.GetAttributeValue<string>("ownername") is { Length: > 0 } name ? name : _world.UserName(row.GetAttributeValue<EntityReference>("ownerid").Id),
                row["count"], row["active"], row["averagecompleteness"]);
        }

        return table;
    }
}
