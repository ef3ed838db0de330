namespace AccountPlanXrm.Emulator.Messages;

/// <summary>Assign: an Update of ownerid (owning user/team/business unit follow).</summary>
internal sealed class AssignHandler : MessageHandler
{
    public override string Name => "Assign";

    public override bool SupportsImages => true;

    public override OrganizationResponse Execute(MessageContext context)
    {
        var target = RequireReference(context.Input, "Target");
        var assignee = RequireReference(context.Input, "Assignee");
        context.Nested(new UpdateRequest { Target = new Entity(target.LogicalName, target.Id) { ["ownerid"] = new EntityReference(assignee.LogicalName, assignee.Id) } });
        return NewResponse();
    }
}
