using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Plugins.Tests.Fakes;

/// <summary>
/// A tiny scripted organization service for the plain logic classes: every call is recorded, reads are answered by
/// the test's handlers.
/// </summary>
public sealed class FakeOrganizationService : IOrganizationService
{
    public List<string> Calls { get; } = [];
    public List<QueryBase> Queries { get; } = [];
    public List<Entity> Updates { get; } = [];
    public List<Entity> Creates { get; } = [];
    public Func<QueryBase, EntityCollection> OnRetrieveMultiple { get; set; } = _ => new EntityCollection();
    public Func<string, Guid, ColumnSet, Entity> OnRetrieve { get; set; } = (name, id, _) => new Entity(name, id);

    public Guid Create(Entity entity)
    {
        Calls.Add("Create " + entity.LogicalName);
        Creates.Add(entity);
        return entity.Id == Guid.Empty ? Guid.NewGuid() : entity.Id;
    }

    public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet)
    {
        Calls.Add("Retrieve " + entityName);
        return OnRetrieve(entityName, id, columnSet);
    }

    public void Update(Entity entity)
    {
        Calls.Add("Update " + entity.LogicalName);
        Updates.Add(entity);
    }

    public void Delete(string entityName, Guid id) => Calls.Add("Delete " + entityName);

    public OrganizationResponse Execute(OrganizationRequest request) => throw new NotSupportedException(request.RequestName);

    public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
        throw new NotSupportedException();

    public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
        throw new NotSupportedException();

    public EntityCollection RetrieveMultiple(QueryBase query)
    {
        Calls.Add("RetrieveMultiple " + (query is FetchExpression ? "fetch" : ((QueryExpression)query).EntityName));
        Queries.Add(query);
        return OnRetrieveMultiple(query);
    }

    public static FaultException<OrganizationServiceFault> Fault(int code, string message) =>
        new(new OrganizationServiceFault { ErrorCode = code, Message = message }, new FaultReason(message));
}

public sealed class ListTracing : ITracingService
{
    public List<string> Lines { get; } = [];

    public void Trace(string format, params object[] args) =>
        Lines.Add(args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
}
