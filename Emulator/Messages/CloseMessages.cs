namespace AccountPlanXrm.Emulator.Messages;

/// <summary>
/// States only a close message may set. The platform refuses an Update or SetState that moves an opportunity to Won or
/// Lost: "This message can not be used to set the state of opportunity to Lost. In order to set the state of
/// opportunity to Lost, use the LoseOpportunityRequest message instead." (likewise Won / WinOpportunityRequest). The
/// error code of that fault is not documented; InvalidArgument is used.
/// </summary>
internal static class CloseMessages
{
    public static void RefuseClosingUpdate(Entity target)
    {
        if (target.LogicalName != "opportunity" || !target.Attributes.TryGetValue("statecode", out var value) || value is not OptionSetValue state)
        {
            return;
        }

        var (label, request) = state.Value switch
        {
            1 => ("Won", "WinOpportunityRequest"),
            2 => ("Lost", "LoseOpportunityRequest"),
            _ => ((string?)null, (string?)null),
        };
        if (label != null)
        {
            throw Faults.Create(
                ErrorCodes.InvalidArgument,
                $"This message can not be used to set the state of opportunity to {label}. In order to set the state of opportunity to {label}, use the {request} message instead.");
        }
    }
}
