namespace AccountPlanXrm.Emulator.Pipeline;

/// <summary>
/// The state of one request on its way through the pipeline: the handler's context, the steps that apply, the
/// execution context template every step's context copies, shared variables, images and output parameters.
/// Without steps nothing is copied or allocated beyond the handler's context.
/// </summary>
internal sealed class RequestRun
{
    private readonly XrmEmulator _emulator;
    private readonly string _entityName;
    private readonly Guid? _requestId;
    private PluginContext? _operation;

    public RequestRun(XrmEmulator emulator, MessageHandler handler, OrganizationRequest request, Caller caller, string entityName, Guid entityId, StepSet steps)
    {
        _emulator = emulator;
        _entityName = entityName;
        Handler = handler;
        Caller = caller;
        Steps = steps;
        Message = handler.PipelineMessage;
        _requestId = request.RequestId;
        if (steps.IsEmpty)
        {
            Input = request.Parameters;
            Context = new MessageContext(emulator, request, Input, caller, entityName, entityId) { Run = this };
            ParentOfOperation = caller.Parent;
            return;
        }

        Shared10 = [];
        Shared = [];
        Input = CopyInput(request.Parameters);
        Context = new MessageContext(emulator, request, Input, caller, entityName, entityId) { Run = this };
        Template = emulator.Stages.NewContext(caller, Message, entityName, entityId, request.RequestId ?? emulator.NewInternalId(), Input);
        PreImage = steps.NeedsPreImage && handler.SupportsImages && Message != "Create" ? CurrentRow(entityName, entityId) : null;
        ParentOfOperation = steps.PreValidation.Length > 0
            ? StageRunner.StepContext(Template, null, 10, caller.InTransaction, Shared10, caller.Parent, new ParameterCollection())
            : caller.Parent;
    }

    public MessageHandler Handler { get; }
    public Caller Caller { get; }
    public StepSet Steps { get; }

    /// <summary>The message steps are registered on (e.g. "Win" for WinOpportunity).</summary>
    public string Message { get; }

    /// <summary>InputParameters: a copy of the request's parameters when steps may change them.</summary>
    public ParameterCollection Input { get; }

    public MessageContext Context { get; }

    /// <summary>The fields every step context of this request shares; null without steps.</summary>
    public PluginContext? Template { get; }

    /// <summary>SharedVariables of stage 10, and of stages 20/40 (empty collections without steps are never read).</summary>
    public ParameterCollection Shared10 { get; } = null!;

    public ParameterCollection Shared { get; } = null!;

    /// <summary>The parent context of stages 20/30/40: stage 10's context when stage 10 had steps, else the caller's parent.</summary>
    public IPluginExecutionContext? ParentOfOperation { get; }

    /// <summary>
    /// The context of the main operation (stage 30), made once on demand: the ParentContext of the requests the
    /// platform runs for this one (Assign or SetState → Update, Upsert → Create/Update, cascades). Documented on
    /// IPluginExecutionContext.ParentContext (learn.microsoft.com, "Understand the execution context", ParentContext):
    /// "pipeline execution of the AssignRequest results in the internal generation of an UpdateRequest. Any plug-in
    /// registered in stage 20 or 40 for an update request will have the ParentContext property set to the execution
    /// context of the original assign request."
    /// </summary>
    public PluginContext OperationContext()
    {
        if (_operation == null)
        {
            var template = Template ?? _emulator.Stages.NewContext(Caller, Message, _entityName, Context.PrimaryEntityId, _requestId ?? _emulator.NewInternalId(), Input);
            _operation = StageRunner.StepContext(template, null, 30, inTransaction: true, Template != null ? Shared : [], ParentOfOperation, []);
        }

        _operation.PrimaryEntityId = Context.PrimaryEntityId;
        return _operation;
    }

    public Entity? PreImage { get; }
    public Entity? PostImage { get; private set; }
    public ParameterCollection? Output { get; private set; }
    public OrganizationResponse? Response { get; private set; }

    /// <summary>After the main operation: the new id on the Target, output parameters and the post-image source.</summary>
    public void Completed(OrganizationResponse response)
    {
        Response = response;
        if (Template == null)
        {
            return;
        }

        Template.PrimaryEntityId = Context.PrimaryEntityId;
        if (Handler is CreateHandler && Input.TryGetValue("Target", out var created) && created is Entity createdTarget && createdTarget.Id == Guid.Empty)
        {
            // PostOperation sees the new id on the Target, as on the platform (the caller's own entity is untouched).
            createdTarget.Id = Context.PrimaryEntityId;
        }

        Output = ToOutputParameters(Message, response.Results);
        PostImage = Steps.NeedsPostImage && Handler.SupportsImages && Message != "Delete" ? CurrentRow(_entityName, Context.PrimaryEntityId) : null;
    }

    /// <summary>The OutputParameters as post-operation steps left them become the response's results.</summary>
    public void ReturnOutput()
    {
        if (Output == null)
        {
            return;
        }

        foreach (var item in Output)
        {
            Response!.Results[ResultKey(Message, item.Key, toOutput: false)] = item.Value;
        }
    }

    private Entity? CurrentRow(string entityName, Guid id) => id == Guid.Empty ? null : _emulator.Store.GetTable(entityName)?.Find(id)?.Entity;

    private static ParameterCollection CopyInput(ParameterCollection source)
    {
        var copy = new ParameterCollection();
        foreach (var item in source)
        {
            copy[item.Key] = item.Value is Entity entity ? EntityCopy.Clone(entity) : item.Value;
        }

        return copy;
    }

    private static ParameterCollection ToOutputParameters(string message, ParameterCollection results)
    {
        var output = new ParameterCollection();
        foreach (var item in results)
        {
            output[ResultKey(message, item.Key, toOutput: true)] = item.Value;
        }

        return output;
    }

    /// <summary>The platform names Retrieve's and RetrieveMultiple's results BusinessEntity(Collection) in OutputParameters.</summary>
    private static string ResultKey(string message, string key, bool toOutput) => (message, key, toOutput) switch
    {
        ("Retrieve", "Entity", true) => "BusinessEntity",
        ("RetrieveMultiple", "EntityCollection", true) => "BusinessEntityCollection",
        ("Retrieve", "BusinessEntity", false) => "Entity",
        ("RetrieveMultiple", "BusinessEntityCollection", false) => "EntityCollection",
        _ => key,
    };
}
