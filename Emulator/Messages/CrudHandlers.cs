using System.Text.RegularExpressions;
using AccountPlanXrm.Emulator.Metadata;
using AccountPlanXrm.Emulator.Query;
using AccountPlanXrm.Emulator.Store;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Emulator.Messages;

/// <summary>Create: client ids, system columns, defaults, owner, currency; Results["id"].</summary>
internal sealed class CreateHandler : MessageHandler
{
    public override string Name => "Create";

    public override bool SupportsImages => true;

    public override (string Entity, Guid Id) Primary(XrmEmulator emulator, ParameterCollection input) => Of(input, "Target");

    public override OrganizationResponse Execute(MessageContext context)
    {
        var target = RequireEntity(context.Input, "Target");
        var id = context.Emulator.CreateRecord(target, context.Caller);
        context.PrimaryEntityId = id;
        var response = Responses.Create(Name);
        response.Results["id"] = id;
        return response;
    }
}

/// <summary>Retrieve: the requested columns (id only for an empty ColumnSet), lookup names, formatted values.</summary>
internal sealed class RetrieveHandler : MessageHandler
{
    public override string Name => "Retrieve";

    public override (string Entity, Guid Id) Primary(XrmEmulator emulator, ParameterCollection input) => Of(input, "Target");

    public override OrganizationResponse Execute(MessageContext context)
    {
        var target = RequireReference(context.Input, "Target");
        if (!context.Input.TryGetValue("ColumnSet", out var cs) || cs is not ColumnSet columns)
        {
            throw Faults.Invalid("Required field 'ColumnSet' is missing");
        }

        var emulator = context.Emulator;
        var table = emulator.TableOrFault(target.LogicalName);
        var id = target.Id != Guid.Empty || target.KeyAttributes == null || target.KeyAttributes.Count == 0
            ? target.Id
            : emulator.FindByKeyOrFault(table, target.KeyAttributes);
        var row = table.Find(id) ?? throw Faults.NotFound(target.LogicalName, id);
        context.PrimaryEntityId = id;
        var response = Responses.Create(Name);
        response.Results["Entity"] = emulator.Project(row.Entity, columns);
        return response;
    }
}

/// <summary>Update: partial, state/status, owner, currency; Id, primary key column or alternate key.</summary>
internal sealed class UpdateHandler : MessageHandler
{
    public override string Name => "Update";

    public override bool SupportsImages => true;

    public override (string Entity, Guid Id) Primary(XrmEmulator emulator, ParameterCollection input)
    {
        var (entity, id) = Of(input, "Target");
        if (id == Guid.Empty && input.TryGetValue("Target", out var t) && t is Entity target && emulator.Store.GetTable(entity) is Table table)
        {
            id = emulator.TargetId(table, target) ?? Guid.Empty;
        }

        return (entity, id);
    }

    public override OrganizationResponse Execute(MessageContext context)
    {
        var target = RequireEntity(context.Input, "Target");
        if (!context.Caller.PlatformClose)
        {
            CloseMessages.RefuseClosingUpdate(target);
        }

        var concurrency = context.Get<ConcurrencyBehavior?>("ConcurrencyBehavior") ?? ConcurrencyBehavior.Default;
        context.Emulator.UpdateRecord(target, context.Caller, concurrency);
        return Responses.Create(Name);
    }
}

/// <summary>Delete with the relationship cascades: restrict refuses, parental deletes children, remove-link clears lookups.</summary>
internal sealed class DeleteHandler : MessageHandler
{
    public override string Name => "Delete";

    public override bool SupportsImages => true;

    public override (string Entity, Guid Id) Primary(XrmEmulator emulator, ParameterCollection input) => Of(input, "Target");

    public override OrganizationResponse Execute(MessageContext context)
    {
        var emulator = context.Emulator;
        var target = RequireReference(context.Input, "Target");
        var table = emulator.TableOrFault(target.LogicalName);
        var id = target.Id != Guid.Empty || target.KeyAttributes == null || target.KeyAttributes.Count == 0
            ? target.Id
            : emulator.FindByKeyOrFault(table, target.KeyAttributes);
        var row = table.Find(id) ?? throw Faults.NotFound(target.LogicalName, id);
        context.PrimaryEntityId = id;
        XrmEmulator.CheckRowVersion(row.Entity, target.RowVersion, context.Get<ConcurrencyBehavior?>("ConcurrencyBehavior") ?? ConcurrencyBehavior.Default);

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
                    emulator.SetColumnDirect(child, childRow, relationship.ReferencingAttribute, null, context.Caller);
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

        return Responses.Create(Name);
    }

    private static bool Refers(Entity child, string attribute, string parentEntity) =>
        child.Attributes.TryGetValue(attribute, out var value) && value is EntityReference r && r.LogicalName == parentEntity;
}

/// <summary>RetrieveMultiple: QueryExpression, QueryByAttribute and FetchXML through the query engine.</summary>
internal sealed partial class RetrieveMultipleHandler : MessageHandler
{
    public override string Name => "RetrieveMultiple";

    public override (string Entity, Guid Id) Primary(XrmEmulator emulator, ParameterCollection input)
    {
        if (!input.TryGetValue("Query", out var query))
        {
            return ("none", Guid.Empty);
        }

        return query switch
        {
            QueryExpression qe => (qe.EntityName ?? "none", Guid.Empty),
            QueryByAttribute qa => (qa.EntityName ?? "none", Guid.Empty),
            FetchExpression fe when fe.Query != null && EntityOfFetch().Match(fe.Query) is { Success: true } m => (m.Groups[1].Value, Guid.Empty),
            _ => ("none", Guid.Empty),
        };
    }

    public override OrganizationResponse Execute(MessageContext context)
    {
        if (!context.Input.TryGetValue("Query", out var value) || value is not QueryBase query)
        {
            throw Faults.Invalid("Required field 'Query' is missing");
        }

        var emulator = context.Emulator;
        var source = new EmulatorQuerySource(emulator, context.Caller);
        var result = new QueryEngine(source).Execute(query);
        foreach (var entity in result.Entities)
        {
            emulator.CompleteQueryResult(entity);
        }

        var response = Responses.Create(Name);
        response.Results["EntityCollection"] = result;
        return response;
    }

    [GeneratedRegex("<entity[^>]*\\sname\\s*=\\s*[\"']([^\"']+)[\"']", RegexOptions.CultureInvariant)]
    private static partial Regex EntityOfFetch();
}

/// <summary>Upsert: Update when the Id or alternate key finds a row, Create otherwise (with the key values).</summary>
internal sealed class UpsertHandler : MessageHandler
{
    public override string Name => "Upsert";

    public override (string Entity, Guid Id) Primary(XrmEmulator emulator, ParameterCollection input) => Of(input, "Target");

    public override OrganizationResponse Execute(MessageContext context)
    {
        var emulator = context.Emulator;
        var target = RequireEntity(context.Input, "Target");
        var table = emulator.TableOrFault(target.LogicalName);
        var id = emulator.TargetId(table, target);
        var response = Responses.Create(Name);
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

/// <summary>CreateMultiple: all targets in one transaction; Results["Ids"].</summary>
internal sealed class CreateMultipleHandler : MessageHandler
{
    public override string Name => "CreateMultiple";

    public override (string Entity, Guid Id) Primary(XrmEmulator emulator, ParameterCollection input) => MultipleTargets.Primary(input);

    public override OrganizationResponse Execute(MessageContext context)
    {
        var targets = MultipleTargets.Of(context);

        var ids = new Guid[targets.Entities.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = ((CreateResponse)context.Nested(new CreateRequest { Target = targets.Entities[i] })).id;
        }

        var response = Responses.Create(Name);
        response.Results["Ids"] = ids;
        return response;
    }
}

/// <summary>UpdateMultiple: all targets in one transaction.</summary>
internal sealed class UpdateMultipleHandler : MessageHandler
{
    public override string Name => "UpdateMultiple";

    public override (string Entity, Guid Id) Primary(XrmEmulator emulator, ParameterCollection input) => MultipleTargets.Primary(input);

    public override OrganizationResponse Execute(MessageContext context)
    {
        var targets = MultipleTargets.Of(context);

        foreach (var target in targets.Entities)
        {
            context.Nested(new UpdateRequest { Target = target });
        }

        return Responses.Create(Name);
    }
}

/// <summary>The Targets collection of CreateMultiple and UpdateMultiple.</summary>
internal static class MultipleTargets
{
    public static (string Entity, Guid Id) Primary(ParameterCollection input) =>
        (input.TryGetValue("Targets", out var t) && t is EntityCollection c ? c.EntityName ?? c.Entities.FirstOrDefault()?.LogicalName ?? "none" : "none", Guid.Empty);

    public static EntityCollection Of(MessageContext context) =>
        context.Input.TryGetValue("Targets", out var t) && t is EntityCollection targets
            ? targets
            : throw Faults.Invalid("Required field 'Targets' is missing");
}
