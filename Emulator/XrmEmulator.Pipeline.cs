using System.ServiceModel;
using AccountPlanXrm.Emulator.Messages;
using AccountPlanXrm.Emulator.Pipeline;
using AccountPlanXrm.Emulator.Store;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Emulator;

public sealed partial class XrmEmulator
{
    private const int DefaultErrorHResult = -2146233088; // COR_E_EXCEPTION: no code given to the exception

    /// <summary>Entry point of every service call: serializes access and dispatches.</summary>
    internal OrganizationResponse ExecuteRequest(OrganizationRequest request, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_sync)
        {
            return Dispatch(request, caller);
        }
    }

    /// <summary>
    /// <see cref="IOrganizationService.Create"/> without request, response and context objects when nothing could
    /// observe them: no step for Create on the table and no privilege check for the caller. The writes, the log
    /// entry, the rollback of a failing create and the commit are those of the pipeline without steps; null when
    /// the request has to go through <see cref="ExecuteRequest"/> (which then also reports any fault).
    /// </summary>
    internal Guid? TryCreateWithoutPipeline(Entity? target, Caller caller)
    {
        if (target?.LogicalName is not { } entityName)
        {
            return null;
        }

        lock (_sync)
        {
            if (caller.Depth > MaxDepth || !_steps.Find("Create", entityName).IsEmpty || _security is { } security && security.IsChecked(caller))
            {
                return null;
            }

            var position = Store.JournalPosition;
            Guid id;
            try
            {
                id = CreateRecord(target, caller);
            }
            catch
            {
                Store.RollbackTo(position);
                throw;
            }

            Log("Create", entityName, id, 30, 0, caller.Depth, null, ExecutionOutcome.Succeeded, null);
            if (!caller.InTransaction)
            {
                Store.CommitAll();
            }

            return id;
        }
    }

    internal OrganizationResponse Dispatch(OrganizationRequest request, Caller caller)
    {
        var name = request.RequestName;
        if (string.IsNullOrEmpty(name))
        {
            throw Faults.Invalid("The request has no RequestName.");
        }

        MessageHandler? handler = MessageHandlers.Find(name);
        if (handler == null)
        {
            if (_customApis.TryGetValue(name, out var api))
            {
                handler = new CustomApiHandler(api, _customApiPlugins.GetValueOrDefault(api.UniqueName));
            }
            else if (_steps.Find(name, "none") is { IsEmpty: false } || _customApiPlugins.ContainsKey(name))
            {
                handler = new CustomApiHandler(new CustomApiDefinition { UniqueName = name }, _customApiPlugins.GetValueOrDefault(name));
            }
            else
            {
                throw Faults.Create(ErrorCodes.UnrecognizedRequest, $"Request '{name}' is not recognized: no message and no custom API has this name.");
            }
        }

        if (handler.Direct)
        {
            return handler.Execute(new MessageContext(this, request, request.Parameters, caller, "none", Guid.Empty));
        }

        return RunPipeline(handler, request, caller);
    }

    private OrganizationResponse RunPipeline(MessageHandler handler, OrganizationRequest request, Caller caller)
    {
        if (caller.Depth > MaxDepth)
        {
            throw Faults.Create(
                ErrorCodes.DepthTooHigh,
                "This workflow job was canceled because the workflow that started it included an infinite loop. Correct the workflow logic and try again. For information about workflow logic, see Help.");
        }

        var name = handler.PipelineMessage;
        var bypass = request.Parameters.TryGetValue("BypassCustomPluginExecution", out var bypassValue) && bypassValue is true;
        if (bypass)
        {
            AuthorizeBypass(caller); // Security hook: only holders of prvBypassCustomPlugins skip the plug-ins
        }

        var (entityName, entityId) = handler.Primary(this, request.Parameters);
        var steps = bypass ? StepSet.Empty : _steps.Find(name, entityName);
        var ownsTransaction = !caller.InTransaction;

        if (steps.IsEmpty)
        {
            var fast = new MessageContext(this, request, request.Parameters, caller, entityName, entityId);
            var position = Store.JournalPosition;
            OrganizationResponse result;
            try
            {
                AuthorizeRequest(handler, fast); // Security hook (Emulator/Security): the calling user's privileges, after stages 10/20
                result = handler.Execute(fast);
                SecureResponse(handler, fast, result);
            }
            catch
            {
                Store.RollbackTo(position);
                throw;
            }

            Log(name, fast.PrimaryEntityName, fast.PrimaryEntityId, 30, 0, caller.Depth, null, ExecutionOutcome.Succeeded, null);
            if (ownsTransaction)
            {
                Store.CommitAll();
            }

            return result;
        }

        var input = CopyInput(request.Parameters);
        var context = new MessageContext(this, request, input, caller, entityName, entityId);
        var template = NewContext(caller, name, entityName, entityId, request.RequestId ?? NewInternalId(), input);

        var preImageSource = steps.NeedsPreImage && handler.SupportsImages && name != "Create" ? CurrentRow(entityName, entityId) : null;
        var shared10 = new ParameterCollection();
        var shared = new ParameterCollection();

        // Stage 10: outside the transaction unless the caller already is in one.
        foreach (var step in steps.PreValidation)
        {
            if (!FilterMatches(step, name, input))
            {
                continue;
            }

            var pctx = StepContext(template, step, 10, caller.InTransaction, shared10, caller.Parent, new ParameterCollection());
            AddImages(step, pctx, preImageSource, null, name, 10);
            InvokeStep(step, pctx);
        }

        IPluginExecutionContext? parentOfOperation = caller.Parent;
        if (steps.PreValidation.Length > 0)
        {
            var stage10 = StepContext(template, null, 10, caller.InTransaction, shared10, caller.Parent, new ParameterCollection());
            parentOfOperation = stage10;
        }

        var positionBefore = Store.JournalPosition;
        try
        {
            foreach (var step in steps.PreOperation)
            {
                if (!FilterMatches(step, name, input))
                {
                    continue;
                }

                var pctx = StepContext(template, step, 20, true, shared, parentOfOperation, new ParameterCollection());
                AddImages(step, pctx, preImageSource, null, name, 20);
                InvokeStep(step, pctx);
            }

            AuthorizeRequest(handler, context); // Security hook (Emulator/Security): the calling user's privileges, after stages 10/20
            var response = handler.Execute(context);
            SecureResponse(handler, context, response);
            template.PrimaryEntityId = context.PrimaryEntityId;
            if (handler is CreateHandler && input.TryGetValue("Target", out var created) && created is Entity createdTarget && createdTarget.Id == Guid.Empty)
            {
                // PostOperation sees the new id on the Target, as on the platform (the caller's own entity is untouched).
                createdTarget.Id = context.PrimaryEntityId;
            }
            Log(name, context.PrimaryEntityName, context.PrimaryEntityId, 30, 0, caller.Depth, null, ExecutionOutcome.Succeeded, null);

            var output = ToOutputParameters(name, response.Results);
            var postImageSource = steps.NeedsPostImage && handler.SupportsImages && name != "Delete" ? CurrentRow(entityName, context.PrimaryEntityId) : null;
            foreach (var step in steps.PostOperation)
            {
                if (!FilterMatches(step, name, input))
                {
                    continue;
                }

                var pctx = StepContext(template, step, 40, true, shared, parentOfOperation, output);
                AddImages(step, pctx, preImageSource, postImageSource, name, 40);
                InvokeStep(step, pctx);
            }

            FromOutputParameters(name, output, response);

            foreach (var step in steps.Async)
            {
                if (!FilterMatches(step, name, input))
                {
                    continue;
                }

                var pctx = StepContext(template, step, 40, false, shared, parentOfOperation, output);
                AddImages(step, pctx, preImageSource, postImageSource, name, 40);
                var job = new AsyncJob(step, pctx.CloneForAsync());
                _asyncQueue.Add(job);
                Store.RecordUndo(() => _asyncQueue.Remove(job));
            }

            if (ownsTransaction)
            {
                Store.CommitAll();
            }

            return response;
        }
        catch
        {
            Store.RollbackTo(positionBefore);
            throw;
        }
    }

    /// <summary>Runs one plug-in with its context, captures its trace and translates its exception into a fault.</summary>
    internal void InvokeStep(BoundStep step, PluginContext context)
    {
        context.OwningExtension = new EntityReference("sdkmessageprocessingstep", step.Id) { Name = step.Name };
        if (step.Registration.RunAsUserId is Guid runAs)
        {
            context.UserId = runAs;
        }

        var tracing = new TracingService();
        var provider = new PluginServiceProvider(context, tracing, new OrganizationServiceFactory(this, context));
        try
        {
            step.GetInstance().Execute(provider);
            Log(context.MessageName, context.PrimaryEntityName, context.PrimaryEntityId, context.Stage, context.Mode, context.Depth, step, ExecutionOutcome.Succeeded, null);
        }
        catch (Exception ex)
        {
            var fault = Translate(ex, step, tracing.Text);
            Log(context.MessageName, context.PrimaryEntityName, context.PrimaryEntityId, context.Stage, context.Mode, context.Depth, step, ExecutionOutcome.Failed, fault.Detail.Message);
            throw fault;
        }
        finally
        {
            var text = tracing.Text;
            if (text.Length > 0)
            {
                AddTrace(new TraceRecord(NextSequence(), step.PluginType.FullName ?? step.PluginType.Name, context.MessageName, context.Stage, context.Depth, text));
            }
        }
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

    private PluginContext StepContext(PluginContext template, BoundStep? step, int stage, bool inTransaction, ParameterCollection shared, IPluginExecutionContext? parent, ParameterCollection output)
    {
        return new PluginContext
        {
            Mode = step?.Registration.Mode == StepMode.Asynchronous ? 1 : 0,
            Stage = stage,
            IsInTransaction = inTransaction,
            SharedVariables = shared,
            ParentContext = parent,
            OutputParameters = stage == 40 ? output : new ParameterCollection(),
            MessageName = template.MessageName,
            PrimaryEntityName = template.PrimaryEntityName,
            PrimaryEntityId = template.PrimaryEntityId,
            UserId = template.UserId,
            InitiatingUserId = template.InitiatingUserId,
            BusinessUnitId = template.BusinessUnitId,
            OrganizationId = template.OrganizationId,
            OrganizationName = template.OrganizationName,
            Depth = template.Depth,
            CorrelationId = template.CorrelationId,
            OperationId = template.OperationId,
            OperationCreatedOn = template.OperationCreatedOn,
            RequestId = template.RequestId,
            InputParameters = template.InputParameters,
            AuthenticatedUserId = template.AuthenticatedUserId,
        };
    }

    private static bool FilterMatches(BoundStep step, string message, ParameterCollection input)
    {
        var filter = step.Registration.FilteringAttributes;
        if (filter.Count == 0 || !string.Equals(message, "Update", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!input.TryGetValue("Target", out var target) || target is not Entity entity)
        {
            return true;
        }

        foreach (var attribute in filter)
        {
            if (entity.Attributes.ContainsKey(attribute))
            {
                return true;
            }
        }

        return false;
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
                context.PreEntityImages[image.Alias] = ImageOf(pre, image.Attributes);
            }

            if (wantsPost && post != null && stage == 40 && message != "Delete")
            {
                context.PostEntityImages[image.Alias] = ImageOf(post, image.Attributes);
            }
        }
    }

    private Entity ImageOf(Entity source, IReadOnlyList<string> attributes)
    {
        var columns = attributes.Count == 0 ? new Microsoft.Xrm.Sdk.Query.ColumnSet(true) : new Microsoft.Xrm.Sdk.Query.ColumnSet([.. attributes.Where(a => Metadata.FindTable(source.LogicalName)?.FindColumn(a) != null)]);
        return Project(source, columns, validate: false);
    }

    private Entity? CurrentRow(string entityName, Guid id) => id == Guid.Empty ? null : Store.GetTable(entityName)?.Find(id)?.Entity;

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
            var key = (message, item.Key) switch
            {
                ("Retrieve", "Entity") => "BusinessEntity",
                ("RetrieveMultiple", "EntityCollection") => "BusinessEntityCollection",
                _ => item.Key,
            };
            output[key] = item.Value;
        }

        return output;
    }

    private static void FromOutputParameters(string message, ParameterCollection output, OrganizationResponse response)
    {
        foreach (var item in output)
        {
            var key = (message, item.Key) switch
            {
                ("Retrieve", "BusinessEntity") => "Entity",
                ("RetrieveMultiple", "BusinessEntityCollection") => "EntityCollection",
                _ => item.Key,
            };
            response.Results[key] = item.Value;
        }
    }

    /// <summary>Runs a custom API's main plug-in (stage 30, in the transaction) and returns its OutputParameters.</summary>
    internal ParameterCollection RunMainOperation(MessageContext context, string message, Type pluginType)
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
        InvokeStep(step, pctx);
        return pctx.OutputParameters;
    }

    private readonly Dictionary<string, BoundStep> _customApiSteps = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The execution context fields every step of one request shares: message, target, caller, organization.</summary>
    private PluginContext NewContext(Caller caller, string message, string entityName, Guid entityId, Guid? requestId, ParameterCollection input) => new()
    {
        MessageName = message,
        PrimaryEntityName = entityName,
        PrimaryEntityId = entityId,
        UserId = caller.UserId,
        InitiatingUserId = caller.InitiatingUserId,
        BusinessUnitId = caller.BusinessUnitId,
        OrganizationId = OrganizationId,
        OrganizationName = OrganizationName,
        Depth = caller.Depth,
        CorrelationId = caller.CorrelationId == Guid.Empty ? NewInternalId() : caller.CorrelationId,
        OperationId = NewInternalId(),
        OperationCreatedOn = _utcNow,
        RequestId = requestId,
        InputParameters = input,
        AuthenticatedUserId = caller.InitiatingUserId,
    };
}
