using static AccountPlanXrm.Tools.Demo.Story.StoryValues;

namespace AccountPlanXrm.Tools.Demo.Steps;

/// <summary>Step 3: the account managers fill their plans' sections; the completeness step scores each section.</summary>
public sealed class FillSectionsStep() : PlanStep("Fill the plan sections")
{
    private static readonly string[] MeasureNames = ["Executive sponsor meeting", "Reference visit", "Service pilot"];

    /// <summary>The section columns a plan gets beyond the basics, by how far its account manager got (depth 2 and 3).</summary>
    private static readonly (int Depth, string Column, object Value)[] ContentByDepth =
    [
        (2, "apx_products", "Standard range plus customer-specific variants."),
        (2, "apx_markettrends", "Digital services, sustainability reporting."),
        (2, "apx_competitors", "Two global players and a regional specialist."),
        (2, "apx_salessuccesses", "Framework agreement renewed last year."),
        (2, "apx_financialkpis", "Revenue, gross margin, share of wallet."),
        (2, "apx_margintarget", 15m),
        (3, "apx_strengths", "Service quality."),
        (3, "apx_weaknesses", "Price level."),
        (3, "apx_opportunities", "Expansion into the US plants."),
        (3, "apx_threats", "Dual-sourcing policy."),
        (3, "apx_planneddevelopments", "Pilot of the subscription offer."),
        (3, "apx_managementsummary", "Grow share of wallet with services; defend the core business."),
    ];

    protected override void Run(StoryContext story, DemoPlan focus)
    {
        // The focus plan: customer analysis complete, our position and goals half done, one measure, two stakeholders.
        story.As(focus.Account.OwnerId).Update(new Entity("apx_accountplan", focus.Id)
        {
            ["apx_businessmodel"] = $"{focus.Account.Name} sells {focus.Account.Industry.ToLowerInvariant()} solutions to industrial customers in Europe and North America; service revenue grows faster than product revenue.",
            ["apx_products"] = "Core product lines, aftermarket services, a new subscription offer launched this year.",
            ["apx_challenges"] = "Margin pressure from Asian competitors, skills shortage, pressure to cut CO2 along the supply chain.",
            ["apx_markettrends"] = "Consolidation of suppliers, digital service contracts, near-shoring of production.",
            ["apx_competitiveposition"] = "Preferred supplier for two of five product lines; strong with engineering, weak with purchasing.",
            ["apx_strengths"] = "Delivery reliability, local service teams.",
            ["apx_margintarget"] = 18.5m,
        });
        story.Content.CreateMeasure(focus, 0, "Joint roadmap workshop", 12_000m, done: false);
        story.Content.CreateStakeholder(focus, 0, external: true);
        story.Content.CreateStakeholder(focus, 1, external: false);

        // The other plans get varying amounts of content, the way real plans look a few weeks in.
        for (var i = 1; i < story.Plans.Count; i++)
        {
            FillPlan(story, story.Plans[i], depth: i % 3 == 0 ? 3 : i % 3 == 1 ? 2 : 1);
        }

        var table = new TextTable("Plan", ">Analysis", ">Position", ">Goals", ">Measures", ">Stakeholders", ">Summary", ">Overall %");
        foreach (var plan in story.Plans)
        {
            var row = story.ReadPlan(plan.Id);
            table.Add(plan.Name, Pct(row, "apx_completenessanalysis"), Pct(row, "apx_completenessposition"), Pct(row, "apx_completenessgoals"),
                Pct(row, "apx_completenessmeasures"), Pct(row, "apx_completenessstakeholders"), Pct(row, "apx_completenesssummary"), Pct(row, "apx_completenesspct"));
        }

        story.Report.Line("  Completeness per section (%), computed by the completeness step from each plan's template:");
        story.Report.Table(table);
        var missing = story.ReadPlan(focus.Id).GetAttributeValue<string>("apx_missingitems") ?? "";
        story.Report.Line();
        story.Report.Line($"  Still missing in \"{focus.Name}\" (apx_missingitems):");
        story.Report.Lines(missing, "    ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static void FillPlan(StoryContext story, DemoPlan plan, int depth)
    {
        var update = new Entity("apx_accountplan", plan.Id)
        {
            ["apx_businessmodel"] = $"{plan.Account.Industry} company; sells through distributors and key accounts.",
            ["apx_challenges"] = "Cost pressure and a long procurement cycle.",
            ["apx_competitiveposition"] = "Second supplier, growing share of wallet.",
        };
        foreach (var (minimum, column, value) in ContentByDepth)
        {
            if (depth >= minimum)
            {
                update[column] = value;
            }
        }

        story.As(plan.Account.OwnerId).Update(update);
        var index = story.Plans.IndexOf(plan);
        for (var m = 0; m < depth; m++)
        {
            story.Content.CreateMeasure(plan, m, $"Measure {m + 1}: {MeasureNames[m]}", 5_000m * (m + 1), done: m == 0 && depth == 3);
        }

        for (var s = 0; s < depth + (index % 2); s++)
        {
            story.Content.CreateStakeholder(plan, s, external: s % 2 == 0);
        }
    }
}
