using AccountPlanXrm.Tools.Demo.Steps;

namespace AccountPlanXrm.Tools.Demo;

/// <summary>
/// Walks the account-planning story on a seeded environment, one numbered step at a time, each ending with a
/// readable table: customer selection, plans, sections, the completeness gate, activation, the review task, KPIs
/// moving with won and lost opportunities, a held review with its snapshot, a steering committee decision, and the
/// portfolio over years (selection criteria, templates by workload, communication cadence, roll-forward, cockpit).
/// A step that fails prints why and the story goes on (later steps that need its result say so).
/// </summary>
public sealed class DemoStory
{
    private readonly StoryReporter _reporter;

    public DemoStory(DemoHost host, DemoWorld world, DemoOptions options, DemoIds ids, TextWriter output)
    {
        _reporter = new StoryReporter(output);
        Context = new StoryContext(host, world, options, ids, _reporter);
    }

    /// <summary>The story's steps in the order they run.</summary>
    public static IReadOnlyList<IDemoStep> Steps { get; } =
    [
        new SelectCustomersStep(),
        new CreatePlansStep(),
        new FillSectionsStep(),
        new CompletenessGateStep(),
        new CompleteAndActivateStep(),
        new ReviewTaskStep(),
        new WinAndLoseStep(),
        new HoldReviewStep(),
        new SteeringDecisionStep(),
        new PortfolioStep(),
        new SelectByMarginStep(),
        new CompactTemplateStep(),
        new CommunicationCadenceStep(),
        new RollForwardStep(),
        new CockpitStep(),
    ];

    /// <summary>What the steps produced (for the report).</summary>
    public StoryContext Context { get; }

    public List<StepOutcome> Outcomes { get; } = [];

    public void Run()
    {
        foreach (var step in Steps)
        {
            var number = Outcomes.Count + 1;
            _reporter.StepStarted(number, step.Title);
            try
            {
                step.Run(Context);
                Context.DrainAsync();
                Outcomes.Add(new StepOutcome(number, step.Title, true, null));
            }
            catch (Exception ex) when (IsStepFailure(ex))
            {
                Outcomes.Add(new StepOutcome(number, step.Title, false, _reporter.StepFailed(ex)));
            }
        }
    }

    /// <summary>The failures a step reports and the story survives: platform faults, plug-in errors, a step's own stop.</summary>
    private static bool IsStepFailure(Exception ex) =>
        ex is FaultException<OrganizationServiceFault> or DemoStepException or InvalidPluginExecutionException or NotSupportedException
            or NotImplementedException or InvalidOperationException or KeyNotFoundException;
}
