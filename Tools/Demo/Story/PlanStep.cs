namespace AccountPlanXrm.Tools.Demo.Story;

/// <summary>
/// A step about the plans the story created: it is skipped (with the reason) when step 2 created none, and otherwise
/// runs with the focus plan, the one the story follows closely.
/// </summary>
public abstract class PlanStep(string title) : IDemoStep
{
    public string Title { get; } = title;

    public void Run(StoryContext story) => Run(story, story.RequirePlans());

    protected abstract void Run(StoryContext story, DemoPlan focus);
}
