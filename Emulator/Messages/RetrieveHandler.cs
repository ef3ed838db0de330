namespace AccountPlanXrm.Emulator.Messages;

/// <summary>Retrieve: the requested columns (id only for an empty ColumnSet), lookup names, formatted values.</summary>
internal sealed class RetrieveHandler : MessageHandler
{
    public override string Name => "Retrieve";

    public override OrganizationResponse Execute(MessageContext context)
    {
        var target = RequireReference(context.Input, "Target");
        var columns = Require<ColumnSet>(context.Input, "ColumnSet");

        var emulator = context.Emulator;
        var (_, row) = emulator.Locator.RowOf(target);
        var id = row.Entity.Id;
        context.PrimaryEntityId = id;
        var response = NewResponse();
        response.Results["Entity"] = emulator.Reader.Project(row.Entity, columns);
        return response;
    }
}
