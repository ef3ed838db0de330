namespace AccountPlanXrm.Emulator.Pipeline;

/// <summary>
/// The request pipeline: finds the message's handler, then runs the named steps of the platform's event pipeline —
/// pre-validation (stage 10, outside the transaction), then in one transaction scope pre-operation (20), the main
/// operation (30), post-operation (40) and the queueing of asynchronous steps. Stages run through one
/// <see cref="StageRunner"/>; writes of a failing request are undone by the store's transaction scope.
/// </summary>
internal sealed class RequestPipeline(XrmEmulator emulator, DataStore store, StepRegistry steps, StageRunner stages, MessageRegistry messages, CustomApiCatalog customApis)
{
    /// <summary>
    /// <see cref="IOrganizationService.Create"/> without request, response and context objects when nothing could
    /// observe them: no step for Create on the table and no privilege check for the caller. The write, the log
    /// entry, the rollback of a failing create and the commit are those of the pipeline without steps; null when
    /// the request has to go through <see cref="Dispatch"/> (which then also reports any fault).
    /// </summary>
    public Guid? TryCreateWithoutPipeline(Entity? target, Caller caller)
    {
        if (target?.LogicalName is not { } entityName || caller.Depth > emulator.MaxDepth || !steps.Find("Create", entityName).IsEmpty
            || emulator.SecurityHooks.IsChecked(caller) || messages.IsReplaced("Create"))
        {
            return null;
        }

        return store.InTransaction(!caller.InTransaction, (emulator, target, caller, entityName), static s =>
        {
            var id = s.emulator.Records.Create(s.target, s.caller);
            s.emulator.Recorder.Log("Create", s.entityName, id, 30, 0, s.caller.Depth, null, ExecutionOutcome.Succeeded, null);
            return id;
        });
    }

    public OrganizationResponse Dispatch(OrganizationRequest request, Caller caller)
    {
        var name = request.RequestName;
        if (string.IsNullOrEmpty(name))
        {
            throw Faults.Invalid("The request has no RequestName.");
        }

        var handler = messages.Find(name) ?? customApis.Find(name, steps)
            ?? throw Faults.Create(ErrorCodes.UnrecognizedRequest, $"Request '{name}' is not recognized: no message and no custom API has this name.");
        if (handler.Direct)
        {
            return handler.Execute(new MessageContext(emulator, request, request.Parameters, caller, "none", Guid.Empty));
        }

        if (caller.Depth > emulator.MaxDepth)
        {
            throw Faults.Create(
                ErrorCodes.DepthTooHigh,
                "This workflow job was canceled because the workflow that started it included an infinite loop. Correct the workflow logic and try again. For information about workflow logic, see Help.");
        }

        var bypass = request.Parameters.TryGetValue("BypassCustomPluginExecution", out var bypassValue) && bypassValue is true;
        if (bypass)
        {
            emulator.SecurityHooks.AuthorizeBypass(caller); // only holders of prvBypassCustomPlugins skip the plug-ins
        }

        var (entityName, entityId) = handler.Primary(emulator, request.Parameters);
        var run = new RequestRun(emulator, handler, request, caller, entityName, entityId, bypass ? StepSet.Empty : steps.Find(handler.PipelineMessage, entityName));
        PreValidation(run);
        return store.InTransaction(!caller.InTransaction, (this, run), static s =>
        {
            s.Item1.PreOperation(s.run);
            s.Item1.MainOperation(s.run);
            s.Item1.PostOperation(s.run);
            s.Item1.QueueAsync(s.run);
            return s.run.Response!;
        });
    }

    /// <summary>Stage 10: outside the transaction unless the caller already is in one.</summary>
    private void PreValidation(RequestRun run) => stages.Run(run, run.Steps.PreValidation, StageRunner.PreValidation);

    /// <summary>Stage 20, in the transaction.</summary>
    private void PreOperation(RequestRun run) => stages.Run(run, run.Steps.PreOperation, StageRunner.PreOperation);

    /// <summary>Stage 30: the privilege checks (after stages 10/20, as on the platform), the handler, the log entry.</summary>
    private void MainOperation(RequestRun run)
    {
        var context = run.Context;
        emulator.SecurityHooks.AuthorizeRequest(run.Handler, context);
        var response = run.Handler.Execute(context);
        emulator.SecurityHooks.SecureResponse(run.Handler, context, response);
        run.Completed(response);
        emulator.Recorder.Log(run.Message, context.PrimaryEntityName, context.PrimaryEntityId, 30, 0, run.Caller.Depth, null, ExecutionOutcome.Succeeded, null);
    }

    /// <summary>Stage 40, synchronous steps, in the transaction; their OutputParameters become the response's.</summary>
    private void PostOperation(RequestRun run)
    {
        stages.Run(run, run.Steps.PostOperation, StageRunner.PostOperation);
        run.ReturnOutput();
    }

    /// <summary>Asynchronous stage-40 steps: queued, and unqueued again if the transaction rolls back.</summary>
    private void QueueAsync(RequestRun run) => stages.Run(run, run.Steps.Async, StageRunner.Async);
}
