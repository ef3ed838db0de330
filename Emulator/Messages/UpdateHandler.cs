namespace AccountPlanXrm.Emulator.Messages;

/// <summary>Update: partial, state/status, owner, currency; Id, primary key column or alternate key.</summary>
internal sealed class UpdateHandler : MessageHandler
{
    public override string Name => "Update";

    public override bool SupportsImages => true;

    public override (string Entity, Guid Id) Primary(XrmEmulator emulator, ParameterCollection input)
    {
        var (entity, id) = Of(input, "Target");
        if (id == Guid.Empty && input.TryGetValue("Target", out var t) && t is Entity target && emulator.Store.GetTable(entity) is Table table)
        {
            id = emulator.Locator.TargetId(table, target) ?? Guid.Empty;
        }

        return (entity, id);
    }

    public override OrganizationResponse Execute(MessageContext context)
    {
        var target = RequireEntity(context.Input, "Target");
        if (!context.Caller.PlatformClose)
        {
            CloseMessages.RefuseClosingUpdate(target);
        }

        var concurrency = context.Get<ConcurrencyBehavior?>("ConcurrencyBehavior") ?? ConcurrencyBehavior.Default;
        context.Emulator.Records.Update(target, context.Caller, concurrency);
        return NewResponse();
    }
}
