namespace AccountPlanXrm.Tools.Demo.Story;

/// <summary>A plan the story created, with what the report needs to say about it.</summary>
public sealed record DemoPlan(Guid Id, string Name, DemoAccount Account, int Reason, string ReasonLabel, string Rationale);

/// <summary>The outcome of one story step.</summary>
public sealed record StepOutcome(int Number, string Title, bool Ok, string? Failure);
