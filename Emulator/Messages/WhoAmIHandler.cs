namespace AccountPlanXrm.Emulator.Messages;

/// <summary>WhoAmI: the calling user, its business unit and the organization.</summary>
internal sealed class WhoAmIHandler : MessageHandler
{
    public override string Name => "WhoAmI";

    public override (string Entity, Guid Id) Primary(XrmEmulator emulator, ParameterCollection input) => None;

    public override OrganizationResponse Execute(MessageContext context)
    {
        var response = NewResponse();
        response.Results["UserId"] = context.Caller.UserId;
        response.Results["BusinessUnitId"] = context.Emulator.BusinessUnitOf(context.Caller.UserId);
        response.Results["OrganizationId"] = context.Emulator.OrganizationId;
        return response;
    }
}
