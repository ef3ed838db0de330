namespace AccountPlanXrm.Emulator.Pipeline;

/// <summary>An <see cref="IOrganizationService"/> bound to a caller (user, depth, parent context, transaction).</summary>
internal sealed class OrganizationService(XrmEmulator emulator, Caller caller) : IOrganizationService
{
    public Guid UserId => caller.UserId;

    public Guid Create(Entity entity) =>
        emulator.TryCreateWithoutPipeline(entity, caller) ?? ((CreateResponse)Execute(new CreateRequest { Target = entity })).id;

    public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) =>
        ((RetrieveResponse)Execute(new RetrieveRequest { Target = new EntityReference(entityName, id), ColumnSet = columnSet })).Entity;

    public void Update(Entity entity) => Execute(new UpdateRequest { Target = entity });

    public void Delete(string entityName, Guid id) => Execute(new DeleteRequest { Target = new EntityReference(entityName, id) });

    public OrganizationResponse Execute(OrganizationRequest request) => emulator.ExecuteRequest(request, caller);

    public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
        Execute(new AssociateRequest { Target = new EntityReference(entityName, entityId), Relationship = relationship, RelatedEntities = relatedEntities });

    public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
        Execute(new DisassociateRequest { Target = new EntityReference(entityName, entityId), Relationship = relationship, RelatedEntities = relatedEntities });

    public EntityCollection RetrieveMultiple(QueryBase query) =>
        ((RetrieveMultipleResponse)Execute(new RetrieveMultipleRequest { Query = query })).EntityCollection;
}

/// <summary>The factory a plug-in gets: null = SYSTEM, Guid.Empty = the context's user.</summary>
internal sealed class OrganizationServiceFactory(XrmEmulator emulator, PluginContext context) : IOrganizationServiceFactory
{
    public IOrganizationService CreateOrganizationService(Guid? userId)
    {
        var user = userId == null ? emulator.SystemUserId : userId.Value == Guid.Empty ? context.UserId : userId.Value;
        return new OrganizationService(emulator, new Caller
        {
            UserId = user,
            InitiatingUserId = context.InitiatingUserId,
            BusinessUnitId = emulator.BusinessUnitOf(user),
            Depth = context.Depth + 1,
            Parent = context,
            InTransaction = context.IsInTransaction,
            CorrelationId = context.CorrelationId,
        });
    }
}

/// <summary>The service provider passed to <see cref="IPlugin.Execute"/>.</summary>
internal sealed class PluginServiceProvider(PluginContext context, TracingService tracing, OrganizationServiceFactory factory) : IServiceProvider
{
    public object? GetService(Type serviceType)
    {
        if (serviceType == typeof(IPluginExecutionContext) || serviceType == typeof(IExecutionContext)
            || serviceType == typeof(IPluginExecutionContext2) || serviceType == typeof(IPluginExecutionContext3)
            || serviceType == typeof(IPluginExecutionContext4) || serviceType == typeof(IPluginExecutionContext5)
            || serviceType == typeof(IPluginExecutionContext6) || serviceType == typeof(IPluginExecutionContext7))
        {
            return context;
        }

        if (serviceType == typeof(ITracingService))
        {
            return tracing;
        }

        if (serviceType == typeof(IOrganizationServiceFactory))
        {
            return factory;
        }

        return null;
    }
}
