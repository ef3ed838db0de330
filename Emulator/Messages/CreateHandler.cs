namespace AccountPlanXrm.Emulator.Messages;

/// <summary>Create: client ids, system columns, defaults, owner, currency; Results["id"].</summary>
internal sealed class CreateHandler : MessageHandler
{
    public override string Name => "Create";

    public override bool SupportsImages => true;

    public override OrganizationResponse Execute(MessageContext context)
    {
        var target = RequireEntity(context.Input, "Target");
        var id = context.Emulator.Records.Create(target, context.Caller);
        context.PrimaryEntityId = id;
        var response = NewResponse();
        response.Results["id"] = id;
        return response;
    }
}
