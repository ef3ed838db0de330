namespace AccountPlanXrm.Tools.Demo.Story;

/// <summary>
/// One numbered step of the demo story. A step reads and writes the story's shared state, prints its tables through
/// the reporter and throws <see cref="DemoStepException"/> (or lets a platform fault through) when it cannot finish.
/// </summary>
public interface IDemoStep
{
    /// <summary>The title printed in the step's header and listed in the report.</summary>
    string Title { get; }

    void Run(StoryContext story);
}
