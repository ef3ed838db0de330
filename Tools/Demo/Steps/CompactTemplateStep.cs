using static AccountPlanXrm.Tools.Demo.Story.StoryValues;

namespace AccountPlanXrm.Tools.Demo.Steps;

/// <summary>Step 12: a seller who owns more plans than the default template's compact threshold gets the compact template.</summary>
public sealed class CompactTemplateStep() : PlanStep("A seller above the compact threshold gets the compact template")
{
    protected override void Run(StoryContext story, DemoPlan focus)
    {
        var query = new QueryExpression("apx_plantemplate") { ColumnSet = new ColumnSet("apx_name", "apx_compactthreshold", "apx_isdefault") };
        var templates = story.Admin.RetrieveMultiple(query).Entities;
        var standard = templates.FirstOrDefault(t => t.GetAttributeValue<bool?>("apx_isdefault") == true)
            ?? throw new DemoStepException("no default plan template is loaded");
        story.CompactThreshold = standard.GetAttributeValue<int?>("apx_compactthreshold") ?? throw new DemoStepException("the default template has no compact threshold");
        var threshold = story.CompactThreshold;
        var seller = focus.Account.OwnerId;
        story.WorkloadSeller = story.World.UserName(seller);
        var planned = story.Plans.Select(p => p.Account.Id).ToHashSet();
        var free = story.World.Accounts.Where(a => !planned.Contains(a.Id)).OrderBy(a => a.OwnerId == seller ? 0 : 1).ThenBy(a => a.Id).ToList();
        var service = story.As(seller);
        for (var i = 0; i < free.Count && i < threshold + 4; i++)
        {
            var owned = OwnedPlans(story, seller);
            var account = free[i];
            var id = story.Ids.For("apx_accountplan/workload", i);
            var name = $"{account.Name} {story.FiscalYear}";
            service.Create(new Entity("apx_accountplan", id)
            {
                ["apx_name"] = name,
                ["apx_accountid"] = new EntityReference("account", account.Id),
                ["apx_selectionreason"] = new OptionSetValue(PlanReasonStrategic),
                ["apx_selectionrationale"] = "Strategic account of the seller's territory.",
                ["apx_periodstart"] = story.PeriodStart,
                ["apx_periodend"] = story.PeriodEnd,
                ["apx_revenuetarget"] = new Money(100_000m),
                ["transactioncurrencyid"] = new EntityReference("transactioncurrency", story.World.EuroId),
            });
            var template = story.Name(story.ReadPlan(id), "apx_templateid");
            story.WorkloadPlans.Add((name, template, owned));
            if (owned > threshold)
            {
                break;
            }
        }

        var table = new TextTable("Plan", ">Plans the seller owned before", "Template (defaulted)");
        foreach (var (plan, template, owned) in story.WorkloadPlans)
        {
            table.Add(plan, owned, template);
        }

        story.Report.Line(string.Create(CultureInfo.InvariantCulture, $"  {story.WorkloadSeller} creates more plans; the default template's compact threshold is {threshold} plans per owner:"));
        story.Report.Table(table);
        var last = story.WorkloadPlans.LastOrDefault();
        if (story.WorkloadPlans.Count == 0 || last.OwnedBefore <= threshold || last.Template == story.TemplateName(standard.ToEntityReference()))
        {
            throw new DemoStepException("no plan above the threshold got the compact template");
        }
    }

    private static int OwnedPlans(StoryContext story, Guid owner)
    {
        var query = new QueryExpression("apx_accountplan") { ColumnSet = new ColumnSet(false) };
        query.Criteria.AddCondition("ownerid", ConditionOperator.Equal, owner);
        query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
        return story.Admin.RetrieveMultiple(query).Entities.Count;
    }
}
