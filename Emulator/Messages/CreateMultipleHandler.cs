namespace AccountPlanXrm.Emulator.Messages;

/// <summary>CreateMultiple: all targets in one transaction; Results["Ids"].</summary>
internal sealed class CreateMultipleHandler : MultipleTargetsHandler
{
    public override string Name => "CreateMultiple";

    public override OrganizationResponse Execute(MessageContext context)
    {
        var targets = Targets(context);

        var ids = new Guid[targets.Entities.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = ((CreateResponse)context.Nested(new CreateRequest { Target = targets.Entities[i] })).id;
        }

        var response = NewResponse();
        response.Results["Ids"] = ids;
        return response;
    }
}
