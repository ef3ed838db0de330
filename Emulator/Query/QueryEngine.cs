namespace AccountPlanXrm.Emulator.Query;

/// <summary>
/// The emulator's query engine: runs <see cref="QueryExpression"/>, <see cref="QueryByAttribute"/> and
/// <see cref="FetchExpression"/> (FetchXML) over an <see cref="IQuerySource"/> with Dataverse semantics
/// (operators, link-entities, orders, distinct, top, paging with cookies, total record count, FetchXML aggregates)
/// and raises the platform's faults. The engine holds no state between calls and never writes to the source;
/// the returned entities are copies.
/// </summary>
public sealed class QueryEngine
{
    private readonly IQuerySource _source;

    public QueryEngine(IQuerySource source)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
    }

    /// <summary>Runs any supported query (the RetrieveMultiple message).</summary>
    public EntityCollection Execute(QueryBase query) => query switch
    {
        null => throw QueryFaults.Invalid("The query must not be null."),
        QueryExpression expression => Execute(expression),
        QueryByAttribute byAttribute => Execute(byAttribute),
        FetchExpression fetch => ExecuteFetchXml(fetch.Query),
        _ => throw QueryFaults.Invalid($"The query type '{query.GetType().Name}' is not supported."),
    };

    /// <summary>Runs a QueryExpression.</summary>
    public EntityCollection Execute(QueryExpression query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new QueryExecutor(_source, QueryExpressionConverter.Convert(query)).Execute();
    }

    /// <summary>Runs a QueryByAttribute (as the equivalent QueryExpression).</summary>
    public EntityCollection Execute(QueryByAttribute query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Execute(QueryExpressionConverter.ToQueryExpression(query));
    }

    /// <summary>Runs a FetchXML query.</summary>
    public EntityCollection ExecuteFetchXml(string fetchXml)
    {
        return new QueryExecutor(_source, FetchXmlParser.Parse(fetchXml)).Execute();
    }
}
