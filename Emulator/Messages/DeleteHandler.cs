namespace AccountPlanXrm.Emulator.Messages;

/// <summary>Delete with the relationship cascades: restrict refuses, parental deletes children, remove-link clears lookups.</summary>
internal sealed class DeleteHandler : MessageHandler
{
    public override string Name => "Delete";

    public override bool SupportsImages => true;

    public override OrganizationResponse Execute(MessageContext context)
    {
        var emulator = context.Emulator;
        var target = RequireReference(context.Input, "Target");
        var (table, row) = emulator.Locator.RowOf(target);
        var id = row.Entity.Id;
        context.PrimaryEntityId = id;
        RecordLocator.CheckRowVersion(row.Entity, target.RowVersion, context.Get<ConcurrencyBehavior?>("ConcurrencyBehavior") ?? ConcurrencyBehavior.Default);

        foreach (var relationship in table.Metadata.OneToMany.Where(r => r.CascadeDelete == CascadeDelete.Restrict))
        {
            var child = emulator.Store.GetTable(relationship.ReferencingEntity);
            if (child != null && child.RowsByIndex(relationship.ReferencingAttribute, id).Any(r => r.Entity.Id != id && Refers(r.Entity, relationship.ReferencingAttribute, target.LogicalName)))
            {
                throw Faults.Create(ErrorCodes.CannotDeleteDueToAssociation, "The object you tried to delete is associated with another object and cannot be deleted.");
            }
        }

        foreach (var relationship in table.Metadata.OneToMany)
        {
            var child = emulator.Store.GetTable(relationship.ReferencingEntity);
            if (child == null || relationship.CascadeDelete == CascadeDelete.Restrict)
            {
                continue;
            }

            foreach (var childRow in child.RowsByIndex(relationship.ReferencingAttribute, id).ToArray())
            {
                if (childRow.Deleted || childRow.Entity.Id == id || !Refers(childRow.Entity, relationship.ReferencingAttribute, target.LogicalName))
                {
                    continue;
                }

                if (relationship.CascadeDelete == CascadeDelete.Cascade)
                {
                    context.Nested(new DeleteRequest { Target = new EntityReference(child.Metadata.LogicalName, childRow.Entity.Id) });
                }
                else
                {
                    emulator.Records.SetColumnDirect(child, childRow, relationship.ReferencingAttribute, null, context.Caller);
                }
            }
        }

        foreach (var relationship in emulator.Metadata.Relationships.Where(r => r.IsManyToMany && (r.Entity1 == table.Metadata.LogicalName || r.Entity2 == table.Metadata.LogicalName)))
        {
            var intersect = emulator.Store.GetTable(relationship.IntersectEntity);
            if (intersect == null)
            {
                continue;
            }

            foreach (var attribute in new[] { relationship.Entity1IntersectAttribute, relationship.Entity2IntersectAttribute }.Distinct())
            {
                foreach (var link in intersect.RowsByIndex(attribute, id).ToArray())
                {
                    if (!link.Deleted)
                    {
                        emulator.Store.Delete(intersect, link);
                    }
                }
            }
        }

        var current = table.Find(id);
        if (current != null)
        {
            emulator.Store.Delete(table, current);
        }

        return NewResponse();
    }

    private static bool Refers(Entity child, string attribute, string parentEntity) =>
        child.Attributes.TryGetValue(attribute, out var value) && value is EntityReference r && r.LogicalName == parentEntity;
}
