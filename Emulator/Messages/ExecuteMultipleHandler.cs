namespace AccountPlanXrm.Emulator.Messages;

/// <summary>ExecuteMultiple: each request in its own transaction; ContinueOnError, ReturnResponses, 1000 requests, no nesting.</summary>
internal sealed class ExecuteMultipleHandler : MessageHandler
{
    public const int MaxBatchSize = 1000;

    public override string Name => "ExecuteMultiple";

    internal override bool Direct => true;

    public override (string Entity, Guid Id) Primary(XrmEmulator emulator, ParameterCollection input) => None;

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

                var response = context.Emulator.Pipeline.Dispatch(request, context.Caller);
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

        var result = NewResponse();
        result.Results["IsFaulted"] = faulted;
        result.Results["Responses"] = responses;
        return result;
    }
}
