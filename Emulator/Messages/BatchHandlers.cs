using System.Collections.Frozen;
using System.ServiceModel;
using AccountPlanXrm.Emulator.Pipeline;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Emulator.Messages;

/// <summary>ExecuteMultiple: each request in its own transaction; ContinueOnError, ReturnResponses, 1000 requests, no nesting.</summary>
internal sealed class ExecuteMultipleHandler : MessageHandler
{
    public const int MaxBatchSize = 1000;

    public override string Name => "ExecuteMultiple";

    public override bool Direct => true;

    public override (string Entity, Guid Id) Primary(XrmEmulator emulator, ParameterCollection input) => ("none", Guid.Empty);

    public override OrganizationResponse Execute(MessageContext context)
    {
        var requests = context.Get<OrganizationRequestCollection>("Requests") ?? throw Faults.Invalid("Required field 'Requests' is missing");
        var settings = context.Get<ExecuteMultipleSettings>("Settings") ?? throw Faults.Invalid("Required field 'Settings' is missing");
        if (requests.Count > MaxBatchSize)
        {
            var fault = Faults.Create(
                ErrorCodes.ExecuteMultipleBatchSizeExceeded,
                $"The request collection size of {requests.Count} exceeds the maximum batch size of {MaxBatchSize}.");
            fault.Detail.ErrorDetails["MaxBatchSize"] = MaxBatchSize;
            throw fault;
        }

        var responses = new ExecuteMultipleResponseItemCollection();
        var faulted = false;
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            try
            {
                if (request == null)
                {
                    throw Faults.Invalid("The request must not be null.");
                }

                if (request.RequestName is "ExecuteMultiple")
                {
                    throw Faults.Invalid("ExecuteMultiple cannot be nested: an ExecuteMultiple request cannot contain another ExecuteMultiple request.");
                }

                var response = context.Emulator.Dispatch(request, context.Caller);
                if (settings.ReturnResponses)
                {
                    responses.Add(new ExecuteMultipleResponseItem { RequestIndex = i, Response = response });
                }
            }
            catch (FaultException<OrganizationServiceFault> ex)
            {
                faulted = true;
                responses.Add(new ExecuteMultipleResponseItem { RequestIndex = i, Fault = ex.Detail });
                if (!settings.ContinueOnError)
                {
                    break;
                }
            }
        }

        var result = Responses.Create(Name);
        result.Results["IsFaulted"] = faulted;
        result.Results["Responses"] = responses;
        return result;
    }
}

/// <summary>ExecuteTransaction: all or nothing; ExecuteTransactionFault.FaultedRequestIndex on failure.</summary>
internal sealed class ExecuteTransactionHandler : MessageHandler
{
    public override string Name => "ExecuteTransaction";

    public override bool Direct => true;

    public override (string Entity, Guid Id) Primary(XrmEmulator emulator, ParameterCollection input) => ("none", Guid.Empty);

    public override OrganizationResponse Execute(MessageContext context)
    {
        var requests = context.Get<OrganizationRequestCollection>("Requests") ?? throw Faults.Invalid("Required field 'Requests' is missing");
        var returnResponses = context.Input.TryGetValue("ReturnResponses", out var r) && r is bool b && b;
        var emulator = context.Emulator;
        var inner = context.Caller.With(inTransaction: true);
        var position = emulator.Store.JournalPosition;
        var responses = new OrganizationResponseCollection();
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            try
            {
                if (request?.RequestName is "ExecuteMultiple" or "ExecuteTransaction")
                {
                    throw Faults.Invalid($"{request.RequestName} cannot be executed inside ExecuteTransaction.");
                }

                var response = emulator.Dispatch(request ?? throw Faults.Invalid("The request must not be null."), inner);
                if (returnResponses)
                {
                    responses.Add(response);
                }
            }
            catch (FaultException<OrganizationServiceFault> ex)
            {
                emulator.Store.RollbackTo(position);
                var fault = new ExecuteTransactionFault
                {
                    FaultedRequestIndex = i,
                    ErrorCode = ex.Detail.ErrorCode,
                    Message = ex.Detail.Message,
                    Timestamp = ex.Detail.Timestamp,
                    TraceText = ex.Detail.TraceText,
                    InnerFault = ex.Detail,
                };
                throw new FaultException<OrganizationServiceFault>(fault, new FaultReason(ex.Detail.Message));
            }
            catch
            {
                emulator.Store.RollbackTo(position);
                throw;
            }
        }

        if (!context.Caller.InTransaction)
        {
            emulator.Store.CommitAll();
        }

        var result = Responses.Create(Name);
        if (returnResponses)
        {
            result.Results["Responses"] = responses;
        }

        return result;
    }
}

/// <summary>The handlers of the built-in messages, by request name.</summary>
internal static class MessageHandlers
{
    private static readonly FrozenDictionary<string, MessageHandler> All = new MessageHandler[]
    {
        new CreateHandler(),
        new RetrieveHandler(),
        new UpdateHandler(),
        new DeleteHandler(),
        new RetrieveMultipleHandler(),
        new AssociateHandler(),
        new DisassociateHandler(),
        new UpsertHandler(),
        new CreateMultipleHandler(),
        new UpdateMultipleHandler(),
        new SetStateHandler("SetState"),
        new SetStateHandler("SetStateDynamicEntity"),
        new AssignHandler(),
        new CloseOpportunityHandler("WinOpportunity", "Win", 1),
        new CloseOpportunityHandler("LoseOpportunity", "Lose", 2),
        new WhoAmIHandler(),
        new ExecuteMultipleHandler(),
        new ExecuteTransactionHandler(),
    }.ToFrozenDictionary(h => h.Name, StringComparer.Ordinal);

    public static MessageHandler? Find(string name) => All.GetValueOrDefault(name);
}

/// <summary>A custom API: checks the declared request parameters and runs its main plug-in as stage 30.</summary>
internal sealed class CustomApiHandler(CustomApiDefinition api, Type? pluginType) : MessageHandler
{
    public override string Name => api.UniqueName;

    public override (string Entity, Guid Id) Primary(XrmEmulator emulator, ParameterCollection input)
    {
        if (api.BindingType == 1 && input.TryGetValue("Target", out var t) && t is EntityReference target)
        {
            return (target.LogicalName ?? api.BoundEntityLogicalName ?? "none", target.Id);
        }

        return (api.BoundEntityLogicalName ?? "none", Guid.Empty);
    }

    public override OrganizationResponse Execute(MessageContext context)
    {
        foreach (var parameter in api.RequestParameters)
        {
            if (!parameter.IsOptional && (!context.Input.TryGetValue(parameter.UniqueName, out var value) || value == null))
            {
                throw Faults.Create(ErrorCodes.CustomApiParameterMissing, $"Required parameter '{parameter.UniqueName}' of the message '{api.UniqueName}' is missing.");
            }
        }

        if (api.BindingType == 1 && context.Input.TryGetValue("Target", out var t) && t is EntityReference target)
        {
            context.Emulator.ResolveReference(target);
        }

        var response = Responses.Create(Name);
        if (pluginType == null)
        {
            return response;
        }

        var output = context.Emulator.RunMainOperation(context, api.UniqueName, pluginType);
        foreach (var item in output)
        {
            response.Results[item.Key] = item.Value;
        }

        return response;
    }
}
