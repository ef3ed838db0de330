namespace AccountPlanXrm.Emulator.Security;

/// <summary>
/// The checks a message needs before its main operation runs (Create, Retrieve, Update, Delete, RetrieveMultiple,
/// N:N Associate/Disassociate, BypassCustomPluginExecution), and the platform's privilege and access faults.
/// Callers hold the emulator's lock.
/// </summary>
internal sealed class RequestAuthorizer(XrmEmulator emulator, RoleAssignments roles, RecordAccess access, ColumnSecurity columns)
{
    private static readonly HashSet<string> SystemLookups = new(StringComparer.Ordinal)
    {
        "ownerid", "owninguser", "owningteam", "owningbusinessunit", "createdby", "modifiedby", "createdonbehalfby", "modifiedonbehalfby",
    };

    private readonly XrmEmulator _emulator = emulator;

    public void Authorize(string message, MessageContext context)
    {
        var principal = roles.Principal(context.Caller.UserId);
        switch (message)
        {
            case "Create":
                AuthorizeCreate(principal, context);
                break;
            case "Update":
                AuthorizeUpdate(principal, context);
                break;
            case "Retrieve":
            case "Delete":
                AuthorizeStored(principal, context, message == "Retrieve" ? AccessRights.ReadAccess : AccessRights.DeleteAccess);
                break;
            case "RetrieveMultiple":
                if (_emulator.Metadata.FindTable(context.PrimaryEntityName) is { } table && access.IsSecured(table)
                    && !access.HoldsPrivilege(principal, table, AccessRights.ReadAccess))
                {
                    throw PrivilegeDenied(principal, table, AccessRights.ReadAccess);
                }

                break;
            case "Associate":
            case "Disassociate":
                AuthorizeManyToMany(principal, context);
                break;
        }
    }

    private void AuthorizeCreate(SecurityPrincipal principal, MessageContext context)
    {
        if (!context.Input.TryGetValue("Target", out var t) || t is not Entity target || _emulator.Metadata.FindTable(target.LogicalName) is not { } table)
        {
            return;
        }

        // The record as it will be owned: the given owner or the caller, in the owner's business unit.
        var probe = new Entity(table.LogicalName, target.Id);
        if (table.HasOwner)
        {
            var owner = target.GetAttributeValue<EntityReference>("ownerid") ?? new EntityReference("systemuser", principal.UserId);
            probe["ownerid"] = owner;
            probe["owningbusinessunit"] = new EntityReference("businessunit", OwnerBusinessUnit(owner));
        }
        else
        {
            foreach (var column in new[] { "businessunitid", "parentbusinessunitid" })
            {
                if (target.Attributes.TryGetValue(column, out var value))
                {
                    probe[column] = value;
                }
            }
        }

        Demand(principal, table, probe, AccessRights.CreateAccess);
        DemandLookups(principal, table, target, probe, null);
        columns.DemandColumns(principal, table.LogicalName, target, create: true);
    }

    private void AuthorizeUpdate(SecurityPrincipal principal, MessageContext context)
    {
        if (!context.Input.TryGetValue("Target", out var t) || t is not Entity target || _emulator.Store.GetTable(target.LogicalName) is not { } stored)
        {
            return;
        }

        var id = _emulator.TargetId(stored, target);
        if (id is not Guid recordId || stored.Find(recordId) is not { } row)
        {
            return; // the handler reports the missing record
        }

        var table = stored.Metadata;
        var changesOwner = target.Attributes.TryGetValue("ownerid", out var o) && o is EntityReference newOwner
            && !(row.Entity.GetAttributeValue<EntityReference>("ownerid") is { } current && current.Id == newOwner.Id);
        var other = target.Attributes.Keys.Any(k => k != "ownerid" && k != table.PrimaryIdAttribute);
        if (other || !changesOwner)
        {
            Demand(principal, table, row.Entity, AccessRights.WriteAccess);
        }

        if (changesOwner)
        {
            Demand(principal, table, row.Entity, AccessRights.AssignAccess);
        }

        DemandLookups(principal, table, target, row.Entity, row.Entity);
        columns.DemandColumns(principal, table.LogicalName, target, create: false);
    }

    /// <summary>
    /// BypassCustomPluginExecution needs the prvBypassCustomPlugins privilege ("By default, only users with the System
    /// Administrator security role have this privilege": learn.microsoft.com, "Bypass custom Dataverse logic"); without
    /// it the request fails with the privilege fault before anything runs.
    /// </summary>
    public void AuthorizeBypass(Guid userId)
    {
        var principal = roles.Principal(userId);
        if (!principal.Holds(EmulatorSecurity.BypassPrivilege))
        {
            var message = string.Format(
                CultureInfo.InvariantCulture,
                "Principal user (Id={0}, type=8, roleCount={1}, privilegeCount={2}, accessMode=0), is missing {3} privilege (Id={4}). context.Caller={0}",
                principal.UserId, principal.RoleCount, principal.PrivilegeCount, EmulatorSecurity.BypassPrivilege, EmulatorSecurity.PrivilegeId(EmulatorSecurity.BypassPrivilege));
            throw Faults.Create(EmulatorSecurity.PrivilegeDeniedErrorCode, message);
        }
    }

    private void AuthorizeStored(SecurityPrincipal principal, MessageContext context, AccessRights right)
    {
        if (!context.Input.TryGetValue("Target", out var t) || t is not EntityReference reference || _emulator.Store.GetTable(reference.LogicalName) is not { } stored)
        {
            return;
        }

        var id = reference.Id != Guid.Empty || reference.KeyAttributes == null || reference.KeyAttributes.Count == 0
            ? reference.Id
            : _emulator.FindByKey(stored, reference.KeyAttributes) ?? Guid.Empty;
        if (stored.Find(id) is { } row)
        {
            Demand(principal, stored.Metadata, row.Entity, right);
        }
        else if (access.IsSecured(stored.Metadata) && !access.HoldsPrivilege(principal, stored.Metadata, right))
        {
            throw PrivilegeDenied(principal, stored.Metadata, right);
        }
    }

    private void AuthorizeManyToMany(SecurityPrincipal principal, MessageContext context)
    {
        if (!context.Input.TryGetValue("Target", out var t) || t is not EntityReference target
            || !context.Input.TryGetValue("Relationship", out var r) || r is not Relationship relationship
            || _emulator.Metadata.FindRelationship(relationship.SchemaName) is not { IsManyToMany: true }
            || !context.Input.TryGetValue("RelatedEntities", out var rel) || rel is not EntityReferenceCollection related)
        {
            return;
        }

        DemandStored(principal, target, AccessRights.AppendAccess);
        foreach (var reference in related)
        {
            DemandStored(principal, reference, AccessRights.AppendToAccess);
        }
    }

    /// <summary>Append on the record and AppendTo on each record a lookup of the request newly points to.</summary>
    private void DemandLookups(SecurityPrincipal principal, TableMetadata table, Entity target, Entity record, Entity? before)
    {
        var appendChecked = false;
        foreach (var pair in target.Attributes)
        {
            if (pair.Value is not EntityReference reference || SystemLookups.Contains(pair.Key) || table.FindColumn(pair.Key) is not { IsLookup: true })
            {
                continue;
            }

            if (before != null && before.GetAttributeValue<EntityReference>(pair.Key) is { } old && old.Id == reference.Id && reference.Id != Guid.Empty)
            {
                continue;
            }

            if (!appendChecked)
            {
                Demand(principal, table, record, AccessRights.AppendAccess);
                appendChecked = true;
            }

            DemandStored(principal, reference, AccessRights.AppendToAccess);
        }
    }

    private void DemandStored(SecurityPrincipal principal, EntityReference reference, AccessRights right)
    {
        if (_emulator.Store.GetTable(reference.LogicalName) is not { } stored)
        {
            return;
        }

        var id = reference.Id;
        if (id == Guid.Empty && reference.KeyAttributes is { Count: > 0 } keys)
        {
            id = _emulator.FindByKey(stored, keys) ?? Guid.Empty;
        }

        if (stored.Find(id) is { } row)
        {
            Demand(principal, stored.Metadata, row.Entity, right);
        }
    }

    private void Demand(SecurityPrincipal principal, TableMetadata table, Entity record, AccessRights right)
    {
        switch (access.Evaluate(principal, table, record, right))
        {
            case RecordAccess.Outcome.NoPrivilege:
                throw PrivilegeDenied(principal, table, right);
            case RecordAccess.Outcome.NoAccess:
                throw AccessDenied(principal, table, record.Id, right);
        }
    }

    private Guid OwnerBusinessUnit(EntityReference owner)
    {
        var row = _emulator.Store.GetTable(owner.LogicalName)?.Find(owner.Id);
        return row != null && row.Entity.Attributes.TryGetValue("businessunitid", out var bu) && bu is EntityReference r ? r.Id : _emulator.RootBusinessUnitId;
    }

    // The platform's wording of a failed privilege check (error -2147220960, "Principal user is missing privilege
    // on OTC for entity" in learn.microsoft.com "Troubleshoot Dataverse client errors"), in the full form the
    // service returns, e.g. quoted in rappen/FetchXMLBuilder#770:
    // Principal user (Id=<user>, type=8, roleCount=<n>, privilegeCount=<n>, accessMode=0), is missing <privilege>
    // privilege (Id=<privilege id>) on OTC=<type code> for entity '<logical name>' (LocalizedName='<display name>').
    // context.Caller=<user>
    private FaultException<OrganizationServiceFault> PrivilegeDenied(SecurityPrincipal principal, TableMetadata table, AccessRights right)
    {
        var privilege = access.PrivilegeName(table, right);
        var message = string.Format(
            CultureInfo.InvariantCulture,
            "Principal user (Id={0}, type=8, roleCount={1}, privilegeCount={2}, accessMode=0), is missing {3} privilege (Id={4}) on OTC={5} for entity '{6}' (LocalizedName='{7}'). context.Caller={0}",
            principal.UserId,
            principal.RoleCount,
            principal.PrivilegeCount,
            privilege,
            EmulatorSecurity.PrivilegeId(privilege),
            access.ObjectTypeCode(table.LogicalName),
            table.LogicalName,
            table.DisplayName);
        return Faults.Create(EmulatorSecurity.PrivilegeDeniedErrorCode, message);
    }

    // The platform's wording of a failed access check (error -2147187962: the privilege check passed, the depth or
    // sharing does not reach the record; learn.microsoft.com "Troubleshoot Dataverse client errors": "Principal with
    // ID <guid> does not have CreateAccess right(s) for record with ID <guid> of entity"). The service appends a JSON
    // "Details: {...}" block (see markcarrington.dev/security-debugger); the emulator gives the essential part of it.
    private FaultException<OrganizationServiceFault> AccessDenied(SecurityPrincipal principal, TableMetadata table, Guid recordId, AccessRights right)
    {
        var message = string.Format(
            CultureInfo.InvariantCulture,
            "Principal with id {0} does not have {1} right(s) for record with id {2} of entity {3}. Details: {{\"ObjectTypeCode\":{4},\"RightsToCheck\":\"{1}\",\"PrivilegeName\":\"{5}\"}}",
            principal.UserId,
            right,
            recordId,
            table.LogicalName,
            access.ObjectTypeCode(table.LogicalName),
            access.PrivilegeName(table, right));
        return Faults.Create(EmulatorSecurity.AccessDeniedErrorCode, message);
    }
}
