using System.Text.RegularExpressions;

namespace AccountPlanXrm.Emulator.Messages;

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
        var query = Require<QueryBase>(context.Input, "Query");

        var emulator = context.Emulator;
        var source = new EmulatorQuerySource(emulator, context.Caller);
        var result = new QueryEngine(source).Execute(query);
        foreach (var entity in result.Entities)
        {
            emulator.Reader.CompleteQueryResult(entity);
        }

        var response = NewResponse();
        response.Results["EntityCollection"] = result;
        return response;
    }

    [GeneratedRegex("<entity[^>]*\\sname\\s*=\\s*[\"']([^\"']+)[\"']", RegexOptions.CultureInvariant)]
    private static partial Regex EntityOfFetch();
}
