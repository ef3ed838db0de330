namespace AccountPlanXrm.Emulator.Messages;

/// <summary>Upsert: Update when the Id or alternate key finds a row, Create otherwise (with the key values).</summary>
internal sealed class UpsertHandler : MessageHandler
{
    public override string Name => "Upsert";

    public override OrganizationResponse Execute(MessageContext context)
    {
        var emulator = context.Emulator;
        var target = RequireEntity(context.Input, "Target");
        var table = emulator.Locator.TableOrFault(target.LogicalName);
        var id = emulator.Locator.TargetId(table, target);
        var response = NewResponse();
        if (id is Guid existing && table.Find(existing) != null)
        {
            var update = EntityCopy.ShallowCopy(target);
            update.Id = existing;
            context.Nested(new UpdateRequest { Target = update });
            context.PrimaryEntityId = existing;
            response.Results["RecordCreated"] = false;
            response.Results["Target"] = new EntityReference(table.Metadata.LogicalName, existing);
            return response;
        }

        var create = EntityCopy.ShallowCopy(target);
        if (id is Guid requested)
        {
            create.Id = requested;
        }

        if (target.KeyAttributes != null)
        {
            foreach (var key in target.KeyAttributes)
            {
                if (!create.Attributes.ContainsKey(key.Key))
                {
                    create[key.Key] = key.Value;
                }
            }
        }

        var created = ((CreateResponse)context.Nested(new CreateRequest { Target = create })).id;
        context.PrimaryEntityId = created;
        response.Results["RecordCreated"] = true;
        response.Results["Target"] = new EntityReference(table.Metadata.LogicalName, created);
        return response;
    }
}
