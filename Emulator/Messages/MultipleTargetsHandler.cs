namespace AccountPlanXrm.Emulator.Messages;

/// <summary>What CreateMultiple and UpdateMultiple share: the Targets collection and its table as the primary entity.</summary>
internal abstract class MultipleTargetsHandler : MessageHandler
{
    public override (string Entity, Guid Id) Primary(XrmEmulator emulator, ParameterCollection input) =>
        (input.TryGetValue("Targets", out var t) && t is EntityCollection c ? c.EntityName ?? c.Entities.FirstOrDefault()?.LogicalName ?? "none" : "none", Guid.Empty);

    protected static EntityCollection Targets(MessageContext context) => Require<EntityCollection>(context.Input, "Targets");
}
