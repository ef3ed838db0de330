namespace AccountPlanXrm.Emulator.Messages;

internal sealed class DisassociateHandler : RelationshipHandler
{
    public override string Name => "Disassociate";

    public override OrganizationResponse Execute(MessageContext context)
    {
        var (target, relationship, related) = Read(context);
        var emulator = context.Emulator;
        if (!relationship.IsManyToMany)
        {
            foreach (var (child, _) in OneToManyPairs(relationship, target, related))
            {
                var update = new Entity(child.LogicalName, child.Id) { [relationship.ReferencingAttribute] = null };
                context.Nested(new UpdateRequest { Target = update });
            }

            return NewResponse();
        }

        var (targetColumn, relatedColumn, _) = Sides(relationship, target);
        var intersect = emulator.Locator.TableOrFault(relationship.IntersectEntity);
        foreach (var reference in related)
        {
            foreach (var row in intersect.RowsByIndex(targetColumn, target.Id).ToArray())
            {
                if (!row.Deleted && row.Entity.Attributes.TryGetValue(relatedColumn, out var v) && v is Guid g && g == reference.Id)
                {
                    emulator.Store.Delete(intersect, row);
                }
            }
        }

        return NewResponse();
    }
}
