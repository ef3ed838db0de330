namespace AccountPlanXrm.Emulator.Pipeline;

/// <summary>A named stage of the event pipeline: its number, whether it always runs in the transaction, whether its steps are queued.</summary>
internal sealed record PipelineStep(string Name, int Stage, bool Queued);

/// <summary>
/// Runs the steps of one stage: filtering attributes, the step's execution context (copied from the request's
/// template), images, the plug-in itself with its trace, and the translation of its exception into a fault.
/// </summary>
internal sealed class StageRunner(XrmEmulator emulator)
{
    public static readonly PipelineStep PreValidation = new("PreValidation", 10, Queued: false);
    public static readonly PipelineStep PreOperation = new("PreOperation", 20, Queued: false);
    public static readonly PipelineStep PostOperation = new("PostOperation", 40, Queued: false);
    public static readonly PipelineStep Async = new("Async", 40, Queued: true);

    private const int DefaultErrorHResult = -2146233088; // COR_E_EXCEPTION: no code given to the exception

    private readonly Dictionary<string, BoundStep> _customApiSteps = new(StringComparer.OrdinalIgnoreCase);

    public void Run(RequestRun run, BoundStep[] steps, PipelineStep stage)
    {
        foreach (var step in steps)
        {
            if (!FilterMatches(step, run.Message, run.Input))
            {
                continue;
            }

            var preValidation = stage == PreValidation;
            var context = StepContext(
                run.Template!,
                step,
                stage.Stage,
                inTransaction: preValidation ? run.Caller.InTransaction : !stage.Queued,
                preValidation ? run.Shared10 : run.Shared,
                preValidation ? run.Caller.Parent : run.ParentOfOperation,
                run.Output ?? []);
            AddImages(step, context, run.PreImage, run.PostImage, run.Message, stage.Stage);
            if (stage.Queued)
            {
                emulator.AsyncJobs.Enqueue(new AsyncJob(step, context.CloneForAsync()));
            }
            else
            {
                Invoke(step, context);
            }
        }
    }

    /// <summary>Runs one plug-in with its context, captures its trace and translates its exception into a fault.</summary>
    public void Invoke(BoundStep step, PluginContext context)
    {
        context.OwningExtension = new EntityReference("sdkmessageprocessingstep", step.Id) { Name = step.Name };
        if (step.Registration.RunAsUserId is Guid runAs)
        {
            context.UserId = runAs;
        }

        var tracing = new TracingService();
        var provider = new PluginServiceProvider(context, tracing, new OrganizationServiceFactory(emulator, context));
        try
        {
            step.GetInstance().Execute(provider);
            emulator.Recorder.Log(context, step, ExecutionOutcome.Succeeded, null);
        }
        catch (Exception ex)
        {
            var fault = Translate(ex, step, tracing.Text);
            emulator.Recorder.Log(context, step, ExecutionOutcome.Failed, fault.Detail.Message);
            throw fault;
        }
        finally
        {
            emulator.Recorder.Trace(step, context, tracing.Text);
        }
    }

    /// <summary>Runs a custom API's main plug-in (stage 30, in the transaction) and returns its OutputParameters.</summary>
    public ParameterCollection RunMainOperation(MessageContext context, string message, Type pluginType)
    {
        if (!_customApiSteps.TryGetValue(message, out var step))
        {
            step = new BoundStep(new StepRegistration(pluginType, message, null, PipelineStage.MainOperation) { Name = $"{message} main operation" });
            _customApiSteps[message] = step;
        }

        var caller = context.Caller;
        var pctx = NewContext(caller, message, context.PrimaryEntityName, context.PrimaryEntityId, context.Request.RequestId, context.Input);
        pctx.Stage = 30;
        pctx.IsInTransaction = true;
        pctx.ParentContext = caller.Parent;
        Invoke(step, pctx);
        return pctx.OutputParameters;
    }

    /// <summary>The execution context fields every step of one request shares: message, target, caller, organization.</summary>
    public PluginContext NewContext(Caller caller, string message, string entityName, Guid entityId, Guid? requestId, ParameterCollection input) => new()
    {
        MessageName = message,
        PrimaryEntityName = entityName,
        PrimaryEntityId = entityId,
        UserId = caller.UserId,
        InitiatingUserId = caller.InitiatingUserId,
        BusinessUnitId = caller.BusinessUnitId,
        OrganizationId = emulator.OrganizationId,
        OrganizationName = emulator.OrganizationName,
        Depth = caller.Depth,
        CorrelationId = caller.CorrelationId == Guid.Empty ? emulator.NewInternalId() : caller.CorrelationId,
        OperationId = emulator.NewInternalId(),
        OperationCreatedOn = emulator.Now,
        RequestId = requestId,
        InputParameters = input,
        AuthenticatedUserId = caller.InitiatingUserId,
    };

    /// <summary>A step's own context: a copy of the request's template with the stage's settings.</summary>
    public static PluginContext StepContext(PluginContext template, BoundStep? step, int stage, bool inTransaction, ParameterCollection shared, IPluginExecutionContext? parent, ParameterCollection output)
    {
        var context = template.CopyForStep();
        context.Mode = step?.Registration.Mode == StepMode.Asynchronous ? 1 : 0;
        context.Stage = stage;
        context.IsInTransaction = inTransaction;
        context.SharedVariables = shared;
        context.ParentContext = parent;
        context.OutputParameters = stage == 40 ? output : new ParameterCollection();
        return context;
    }

    private static FaultException<OrganizationServiceFault> Translate(Exception ex, BoundStep step, string trace)
    {
        switch (ex)
        {
            case FaultException<OrganizationServiceFault> fault:
                return fault;
            case InvalidPluginExecutionException ipe:
                var code = ipe.ErrorCode == 0 || ipe.ErrorCode == DefaultErrorHResult ? ErrorCodes.IsvAborted : ipe.ErrorCode;
                return Faults.Create(code, ipe.Message, trace);
            default:
                return Faults.Create(
                    ErrorCodes.IsvUnExpected,
                    $"Unexpected exception from plug-in (Execute): {step.PluginType.FullName}: {ex.GetType().FullName}: {ex.Message}",
                    trace + ex);
        }
    }

    /// <summary>Filtering attributes apply to Update only: a step runs when the Target holds one of them.</summary>
    private static bool FilterMatches(BoundStep step, string message, ParameterCollection input)
    {
        var filter = step.Registration.FilteringAttributes;
        if (filter.Count == 0 || !string.Equals(message, "Update", StringComparison.OrdinalIgnoreCase)
            || !input.TryGetValue("Target", out var target) || target is not Entity entity)
        {
            return true;
        }

        return filter.Any(entity.Attributes.ContainsKey);
    }

    private void AddImages(BoundStep step, PluginContext context, Entity? pre, Entity? post, string message, int stage)
    {
        foreach (var image in step.Registration.Images)
        {
            var wantsPre = image.Type is ImageType.PreImage or ImageType.Both;
            var wantsPost = image.Type is ImageType.PostImage or ImageType.Both;

            // The platform's rules: no pre-image on Create, no post-image on Delete, post-images only in PostOperation.
            if (wantsPre && pre != null && message != "Create")
            {
                context.PreEntityImages[image.Alias] = emulator.Reader.Image(pre, image.Attributes);
            }

            if (wantsPost && post != null && stage == 40 && message != "Delete")
            {
                context.PostEntityImages[image.Alias] = emulator.Reader.Image(post, image.Attributes);
            }
        }
    }
}
