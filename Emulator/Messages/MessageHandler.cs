namespace AccountPlanXrm.Emulator.Messages;

/// <summary>
/// The main operation (stage 30) of one message. The emulator has one handler per built-in message; a test adds or
/// replaces one with <see cref="MessageRegistry.Register(MessageHandler)"/>. Every handler except the batch messages
/// runs inside the pipeline: steps registered on <see cref="PipelineMessage"/> fire around it, in its transaction.
/// </summary>
public abstract class MessageHandler
{
    /// <summary>The request name (<see cref="OrganizationRequest.RequestName"/>) this handler executes.</summary>
    public abstract string Name { get; }

    /// <summary>The message name plug-in steps are registered on (e.g. "Win" for WinOpportunity).</summary>
    public virtual string PipelineMessage => Name;

    /// <summary>Whether the message supports entity images.</summary>
    public virtual bool SupportsImages => false;

    /// <summary>ExecuteMultiple and ExecuteTransaction run their requests without a pipeline of their own.</summary>
    internal virtual bool Direct => false;

    /// <summary>The primary table and id of the request before it runs (default: the Target parameter, else "none").</summary>
    public virtual (string Entity, Guid Id) Primary(XrmEmulator emulator, ParameterCollection input) => Of(input, "Target");

    /// <summary>Performs the main operation and returns the response.</summary>
    public abstract OrganizationResponse Execute(MessageContext context);

    /// <summary>A new response of this message: the SDK's typed response class when it has one.</summary>
    protected OrganizationResponse NewResponse() => Responses.Create(Name);

    protected static EntityReference RequireReference(ParameterCollection input, string name) => Require<EntityReference>(input, name);

    protected static Entity RequireEntity(ParameterCollection input, string name) => Require<Entity>(input, name);

    /// <summary>A required input parameter, or the platform's fault for a missing field.</summary>
    protected static T Require<T>(ParameterCollection input, string name) =>
        input.TryGetValue(name, out var value) && value is T typed ? typed : throw Faults.Invalid($"Required field '{name}' is missing");

    /// <summary>The table and id of an entity or reference parameter ("none" and empty when absent).</summary>
    protected static (string, Guid) Of(ParameterCollection input, string name) => input.TryGetValue(name, out var value) switch
    {
        true when value is EntityReference r => (r.LogicalName ?? "none", r.Id),
        true when value is Entity e => (e.LogicalName ?? "none", e.Id),
        _ => ("none", Guid.Empty),
    };

    /// <summary>For messages without a primary record.</summary>
    protected static (string, Guid) None => ("none", Guid.Empty);
}
