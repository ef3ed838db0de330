using AccountPlanXrm.Emulator.Metadata;
using AccountPlanXrm.Emulator.Store;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace AccountPlanXrm.Emulator.Messages;

/// <summary>Shared logic of Associate and Disassociate over N:N (intersect rows) and 1:N (the child's lookup).</summary>
internal abstract class RelationshipHandler : MessageHandler
{
    public override (string Entity, Guid Id) Primary(XrmEmulator emulator, ParameterCollection input) => Of(input, "Target");

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

            return Responses.Create(Name);
        }

        var (targetColumn, relatedColumn, relatedEntity) = Sides(relationship, target);
        emulator.ResolveReference(target);
        var intersect = emulator.TableOrFault(relationship.IntersectEntity);
        foreach (var reference in related)
        {
            if (reference.LogicalName != relatedEntity)
            {
                throw Faults.Invalid($"The entity '{reference.LogicalName}' is not part of the relationship '{relationship.SchemaName}'.");
            }

            emulator.ResolveReference(reference);
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

        return Responses.Create(Name);
    }
}

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

            return Responses.Create(Name);
        }

        var (targetColumn, relatedColumn, _) = Sides(relationship, target);
        var intersect = emulator.TableOrFault(relationship.IntersectEntity);
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

        return Responses.Create(Name);
    }
}
