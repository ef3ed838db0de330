namespace AccountPlanXrm.Emulator.Messages;

/// <summary>SetState: runs its own steps, then an Update of statecode/statuscode (so Update steps fire, as on the platform).</summary>
internal sealed class SetStateHandler(string name) : MessageHandler
{
    public override string Name => name;

    public override bool SupportsImages => true;

    public override (string Entity, Guid Id) Primary(XrmEmulator emulator, ParameterCollection input) => Of(input, "EntityMoniker");

    public override OrganizationResponse Execute(MessageContext context)
    {
        var moniker = RequireReference(context.Input, "EntityMoniker");
        var state = context.Get<OptionSetValue>("State") ?? throw Faults.Invalid("Required field 'State' is missing");
        var status = context.Get<OptionSetValue>("Status");
        var update = new Entity(moniker.LogicalName, moniker.Id) { ["statecode"] = new OptionSetValue(state.Value) };
        if (status != null && status.Value != -1)
        {
            update["statuscode"] = new OptionSetValue(status.Value);
        }

        context.Nested(new UpdateRequest { Target = update });
        return NewResponse();
    }
}
