namespace AccountPlanXrm.Emulator.Messages;

/// <summary>The request being executed, as a <see cref="MessageHandler"/> sees it (the main operation, stage 30).</summary>
public sealed class MessageContext
{
    internal MessageContext(XrmEmulator emulator, OrganizationRequest request, ParameterCollection input, Caller caller, string primaryEntityName, Guid primaryEntityId)
    {
        Emulator = emulator;
        Request = request;
        Input = input;
        Caller = caller;
        PrimaryEntityName = primaryEntityName;
        PrimaryEntityId = primaryEntityId;
    }

    public XrmEmulator Emulator { get; }

    public OrganizationRequest Request { get; }

    /// <summary>The request parameters after PreValidation/PreOperation plug-ins (InputParameters).</summary>
    public ParameterCollection Input { get; }

    /// <summary>The user the request runs as.</summary>
    public Guid UserId => Caller.UserId;

    /// <summary>The depth of the request (1 for a call from outside, +1 per plug-in level).</summary>
    public int Depth => Caller.Depth;

    /// <summary>The primary table of the request, as plug-in contexts see it.</summary>
    public string PrimaryEntityName { get; set; }

    /// <summary>The primary record of the request; a handler that creates or finds one sets it (PostOperation sees it).</summary>
    public Guid PrimaryEntityId { get; set; }

    internal Caller Caller { get; }

    /// <summary>The plug-in context of the main operation of a custom API (stage 30), when one runs.</summary>
    internal PluginContext? MainOperationContext { get; set; }

    /// <summary>The input parameter of that name when it has that type, else the default.</summary>
    public T? Get<T>(string name) => Input.TryGetValue(name, out var value) && value is T typed ? typed : default;

    /// <summary>The pipeline run of this request; null for messages without a pipeline (ExecuteMultiple, ExecuteTransaction).</summary>
    internal RequestRun? Run { get; set; }

    /// <summary>
    /// Runs a platform-internal request (cascade, Upsert → Create, SetState → Update) in this transaction, with its own
    /// steps, at the same depth; its contexts have this request's operation as ParentContext.
    /// </summary>
    public OrganizationResponse Nested(OrganizationRequest request) => Emulator.Pipeline.Dispatch(request, Caller.With(inTransaction: true, parent: Run?.OperationContext()));

    /// <summary>The state change of a close message (Win/Lose): an Update that may set the closed states.</summary>
    internal OrganizationResponse NestedClose(OrganizationRequest request) =>
        Emulator.Pipeline.Dispatch(request, Caller.With(inTransaction: true, platformClose: true, parent: Run?.OperationContext()));
}
