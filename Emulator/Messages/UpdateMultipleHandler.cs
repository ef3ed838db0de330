namespace AccountPlanXrm.Emulator.Messages;

/// <summary>UpdateMultiple: all targets in one transaction.</summary>
internal sealed class UpdateMultipleHandler : MultipleTargetsHandler
{
    public override string Name => "UpdateMultiple";

    public override OrganizationResponse Execute(MessageContext context)
    {
        var targets = Targets(context);

        foreach (var target in targets.Entities)
        {
            context.Nested(new UpdateRequest { Target = target });
        }

        return NewResponse();
    }
}
