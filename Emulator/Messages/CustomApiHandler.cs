namespace AccountPlanXrm.Emulator.Messages;

/// <summary>A custom API: checks the declared request parameters and runs its main plug-in as stage 30.</summary>
internal sealed class CustomApiHandler(CustomApiDefinition api, Type? pluginType) : MessageHandler
{
    public override string Name => api.UniqueName;

    public override (string Entity, Guid Id) Primary(XrmEmulator emulator, ParameterCollection input)
    {
        if (api.BindingType == 1 && input.TryGetValue("Target", out var t) && t is EntityReference target)
        {
            return (target.LogicalName ?? api.BoundEntityLogicalName ?? "none", target.Id);
        }

        return (api.BoundEntityLogicalName ?? "none", Guid.Empty);
    }

    public override OrganizationResponse Execute(MessageContext context)
    {
        foreach (var parameter in api.RequestParameters)
        {
            if (!parameter.IsOptional && (!context.Input.TryGetValue(parameter.UniqueName, out var value) || value == null))
            {
                throw Faults.Create(ErrorCodes.CustomApiParameterMissing, $"Required parameter '{parameter.UniqueName}' of the message '{api.UniqueName}' is missing.");
            }
        }

        if (api.BindingType == 1 && context.Input.TryGetValue("Target", out var t) && t is EntityReference target)
        {
            context.Emulator.Locator.ResolveReference(target);
        }

        var response = NewResponse();
        if (pluginType == null)
        {
            return response;
        }

        var output = context.Emulator.Stages.RunMainOperation(context, api.UniqueName, pluginType);
        foreach (var item in output)
        {
            response.Results[item.Key] = item.Value;
        }

        return response;
    }
}
