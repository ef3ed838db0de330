using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Emulator.Pipeline;

/// <summary>An <see cref="IOrganizationService"/> bound to a caller (user, depth, parent context, transaction).</summary>
internal sealed class OrganizationService : IOrganizationService
{
    private readonly XrmEmulator _emulator;
    private readonly Caller _caller;

    public OrganizationService(XrmEmulator emulator, Caller caller)
    {
        _emulator = emulator;
        _caller = caller;
    }

    public Guid UserId => _caller.UserId;

    public Guid Create(Entity entity) =>
        _emulator.TryCreateWithoutPipeline(entity, _caller) ?? ((CreateResponse)Execute(new CreateRequest { Target = entity })).id;

    public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) =>
        ((RetrieveResponse)Execute(new RetrieveRequest { Target = new EntityReference(entityName, id), ColumnSet = columnSet })).Entity;

    public void Update(Entity entity) => Execute(new UpdateRequest { Target = entity });

    public void Delete(string entityName, Guid id) => Execute(new DeleteRequest { Target = new EntityReference(entityName, id) });

    public OrganizationResponse Execute(OrganizationRequest request) => _emulator.ExecuteRequest(request, _caller);

    public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
        Execute(new AssociateRequest { Target = new EntityReference(entityName, entityId), Relationship = relationship, RelatedEntities = relatedEntities });

    public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
        Execute(new DisassociateRequest { Target = new EntityReference(entityName, entityId), Relationship = relationship, RelatedEntities = relatedEntities });

    public EntityCollection RetrieveMultiple(QueryBase query) =>
        ((RetrieveMultipleResponse)Execute(new RetrieveMultipleRequest { Query = query })).EntityCollection;
}

/// <summary>The factory a plug-in gets: null = SYSTEM, Guid.Empty = the context's user.</summary>
internal sealed class OrganizationServiceFactory : IOrganizationServiceFactory
{
    private readonly XrmEmulator _emulator;
    private readonly PluginContext _context;

    public OrganizationServiceFactory(XrmEmulator emulator, PluginContext context)
    {
        _emulator = emulator;
        _context = context;
    }

    public IOrganizationService CreateOrganizationService(Guid? userId)
    {
        var user = userId == null ? _emulator.SystemUserId : userId.Value == Guid.Empty ? _context.UserId : userId.Value;
        return new OrganizationService(_emulator, new Caller
        {
            UserId = user,
            InitiatingUserId = _context.InitiatingUserId,
            BusinessUnitId = _emulator.BusinessUnitOf(user),
            Depth = _context.Depth + 1,
            Parent = _context,
            InTransaction = _context.IsInTransaction,
            CorrelationId = _context.CorrelationId,
        });
    }
}

/// <summary>The service provider passed to <see cref="IPlugin.Execute"/>.</summary>
internal sealed class PluginServiceProvider : IServiceProvider
{
    private readonly PluginContext _context;
    private readonly TracingService _tracing;
    private readonly OrganizationServiceFactory _factory;

    public PluginServiceProvider(PluginContext context, TracingService tracing, OrganizationServiceFactory factory)
    {
        _context = context;
        _tracing = tracing;
        _factory = factory;
    }

    public object? GetService(Type serviceType)
    {
        if (serviceType == typeof(IPluginExecutionContext) || serviceType == typeof(IExecutionContext)
            || serviceType == typeof(IPluginExecutionContext2) || serviceType == typeof(IPluginExecutionContext3)
            || serviceType == typeof(IPluginExecutionContext4) || serviceType == typeof(IPluginExecutionContext5)
            || serviceType == typeof(IPluginExecutionContext6) || serviceType == typeof(IPluginExecutionContext7))
        {
            return _context;
        }

        if (serviceType == typeof(ITracingService))
        {
            return _tracing;
        }

        if (serviceType == typeof(IOrganizationServiceFactory))
        {
            return _factory;
        }

        return null;
    }
}
