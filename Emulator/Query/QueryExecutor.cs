namespace AccountPlanXrm.Emulator.Query;

/// <summary>
/// Runs a <see cref="QueryPlan"/> against the source: <see cref="QueryBinder"/> binds it, then
/// <see cref="SelectRunner"/> or <see cref="AggregateRunner"/> runs it. One instance per execution.
/// </summary>
internal sealed class QueryExecutor(IQuerySource source, QueryPlan plan)
{
    internal const int MaxPageSize = 5000;
    internal const int AggregateRecordLimit = 50_000;
    internal const int TotalRecordCountLimit = 5000;
    internal const int MaxLinkEntities = 15;
    internal const int MaxConditions = 500;

    public EntityCollection Execute()
    {
        var query = QueryBinder.Bind(source, plan);
        return plan.Aggregate ? new AggregateRunner(query).Run() : new SelectRunner(query).Run();
    }
}
