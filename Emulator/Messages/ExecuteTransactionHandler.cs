namespace AccountPlanXrm.Emulator.Messages;

/// <summary>ExecuteTransaction: all or nothing; ExecuteTransactionFault.FaultedRequestIndex on failure.</summary>
internal sealed class ExecuteTransactionHandler : MessageHandler
{
    public override string Name => "ExecuteTransaction";

    internal override bool Direct => true;

    public override (string Entity, Guid Id) Primary(XrmEmulator emulator, ParameterCollection input) => None;

    public override OrganizationResponse Execute(MessageContext context)
    {
        var requests = context.Get<OrganizationRequestCollection>("Requests") ?? throw Faults.Invalid("Required field 'Requests' is missing");
        var returnResponses = context.Input.TryGetValue("ReturnResponses", out var r) && r is bool b && b;
        var responses = context.Emulator.Store.InTransaction(!context.Caller.InTransaction, (context, requests, returnResponses), static s => RunAll(s.context, s.requests, s.returnResponses));
        var result = NewResponse();
        if (returnResponses)
        {
            result.Results["Responses"] = responses;
        }

        return result;
    }

    /// <summary>Runs the requests in order in one transaction; the first fault names its index and undoes them all.</summary>
    private static OrganizationResponseCollection RunAll(MessageContext context, OrganizationRequestCollection requests, bool returnResponses)
    {
        var inner = context.Caller.With(inTransaction: true);
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

                var response = context.Emulator.Pipeline.Dispatch(request ?? throw Faults.Invalid("The request must not be null."), inner);
                if (returnResponses)
                {
                    responses.Add(response);
                }
            }
            catch (FaultException<OrganizationServiceFault> ex)
            {
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
        }

        return responses;
    }
}
