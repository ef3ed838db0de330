namespace AccountPlanXrm.Emulator.Messages;

/// <summary>Shared logic of Associate and Disassociate over N:N (intersect rows) and 1:N (the child's lookup).</summary>
internal abstract class RelationshipHandler : MessageHandler
{

    protected static (EntityReference Target, RelationshipMetadata Relationship, EntityReferenceCollection Related) Read(MessageContext context)
    {
        var target = RequireReference(context.Input, "Target");
        if (!context.Input.TryGetValue("Relationship", out var r) || r is not Relationship relationship || string.IsNullOrEmpty(relationship.SchemaName))
        {
            throw Faults.Invalid("Required field 'Relationship' is missing");
        }

        if (!context.Input.TryGetValue("RelatedEntities", out var rel) || rel is not EntityReferenceCollection related)
        {
            throw Faults.Invalid("Required field 'RelatedEntities' is missing");
        }

        var metadata = context.Emulator.Metadata.FindRelationship(relationship.SchemaName)
            ?? throw Faults.Invalid($"The relationship '{relationship.SchemaName}' was not found in the metadata.");
        return (target, metadata, related);
    }

    /// <summary>For N:N: the intersect columns of the target side and of the related side.</summary>
    protected static (string TargetColumn, string RelatedColumn, string RelatedEntity) Sides(RelationshipMetadata relationship, EntityReference target)
    {
        if (target.LogicalName == relationship.Entity1)
        {
            return (relationship.Entity1IntersectAttribute, relationship.Entity2IntersectAttribute, relationship.Entity2);
        }

        if (target.LogicalName == relationship.Entity2)
        {
            return (relationship.Entity2IntersectAttribute, relationship.Entity1IntersectAttribute, relationship.Entity1);
        }

        throw Faults.Invalid($"The entity '{target.LogicalName}' is not part of the relationship '{relationship.SchemaName}'.");
    }

    protected static IEnumerable<(EntityReference Child, EntityReference Parent)> OneToManyPairs(RelationshipMetadata relationship, EntityReference target, EntityReferenceCollection related)
    {
        if (target.LogicalName == relationship.ReferencedEntity)
        {
            return related.Select(child => (child, target));
        }

        if (target.LogicalName == relationship.ReferencingEntity && related.Count == 1)
        {
            return [(target, related[0])];
        }

        throw Faults.Invalid($"The entity '{target.LogicalName}' is not part of the relationship '{relationship.SchemaName}'.");
    }
}
