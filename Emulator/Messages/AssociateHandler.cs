namespace AccountPlanXrm.Emulator.Messages;

internal sealed class AssociateHandler : RelationshipHandler
{
    public override string Name => "Associate";

    public override OrganizationResponse Execute(MessageContext context)
    {
        var (target, relationship, related) = Read(context);
        var emulator = context.Emulator;
        if (!relationship.IsManyToMany)
        {
            foreach (var (child, parent) in OneToManyPairs(relationship, target, related))
            {
                var update = new Entity(child.LogicalName, child.Id) { [relationship.ReferencingAttribute] = new EntityReference(parent.LogicalName, parent.Id) };
                context.Nested(new UpdateRequest { Target = update });
            }

            return NewResponse();
        }

        var (targetColumn, relatedColumn, relatedEntity) = Sides(relationship, target);
        emulator.Locator.ResolveReference(target);
        var intersect = emulator.Locator.TableOrFault(relationship.IntersectEntity);
        foreach (var reference in related)
        {
            if (reference.LogicalName != relatedEntity)
            {
                throw Faults.Invalid($"The entity '{reference.LogicalName}' is not part of the relationship '{relationship.SchemaName}'.");
            }

            emulator.Locator.ResolveReference(reference);
            if (intersect.RowsByIndex(targetColumn, target.Id).Any(r => r.Entity.Attributes.TryGetValue(relatedColumn, out var v) && v is Guid g && g == reference.Id))
            {
                throw Faults.Create(ErrorCodes.DuplicateRecord, "Cannot insert duplicate key.");
            }

            var id = emulator.NewId();
            var link = new Entity(relationship.IntersectEntity, id)
            {
                [intersect.Metadata.PrimaryIdAttribute] = id,
                [targetColumn] = target.Id,
                [relatedColumn] = reference.Id,
            };
            emulator.Store.Insert(intersect, link);
        }

        return NewResponse();
    }
}
