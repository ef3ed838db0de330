namespace AccountPlanXrm.Tools.Demo;

/// <summary>
/// What the demo needs from an environment: an organization service per calling user (the SDK's
/// <see cref="IOrganizationServiceFactory"/>; null = the administrator who seeds) and a way to let queued asynchronous
/// steps run. The emulator provides both; a real environment would provide the factory through its SDK client.
/// </summary>
public sealed class DemoHost
{
    public required IOrganizationServiceFactory Services { get; init; }

    /// <summary>Runs the asynchronous steps queued so far (the platform's async service); nothing for a synchronous host.</summary>
    public Action DrainAsync { get; init; } = static () => { };

    /// <summary>One line about the environment (shown at boot).</summary>
    public string Description { get; init; } = "";

    /// <summary>Requests the environment has executed so far, when it counts them.</summary>
    public Func<long>? RequestCount { get; init; }
}

/// <summary>A story step could not continue; the message says why (printed, the demo goes on with the next step).</summary>
public sealed class DemoStepException(string message) : Exception(message);
