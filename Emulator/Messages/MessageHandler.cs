using System.Collections.Concurrent;
using System.Reflection;
using AccountPlanXrm.Emulator.Pipeline;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Emulator.Messages;

/// <summary>The request being executed, as a handler sees it.</summary>
internal sealed class MessageContext
{
    public MessageContext(XrmEmulator emulator, OrganizationRequest request, ParameterCollection input, Caller caller, string primaryEntityName, Guid primaryEntityId)
    {
        Emulator = emulator;
        Request = request;
        Input = input;
        Caller = caller;
        PrimaryEntityName = primaryEntityName;
        PrimaryEntityId = primaryEntityId;
    }

    public XrmEmulator Emulator { get; }
    public OrganizationRequest Request { get; }

    /// <summary>The request parameters after PreValidation/PreOperation plug-ins (InputParameters).</summary>
    public ParameterCollection Input { get; }

    public Caller Caller { get; }
    public string PrimaryEntityName { get; set; }
    public Guid PrimaryEntityId { get; set; }

    /// <summary>The plug-in context of the main operation of a custom API (stage 30), when one runs.</summary>
    public PluginContext? MainOperationContext { get; set; }

    public T? Get<T>(string name) => Input.TryGetValue(name, out var value) && value is T typed ? typed : default;

    /// <summary>Runs a platform-internal request (cascade, Upsert → Create, SetState → Update) in this transaction.</summary>
    public OrganizationResponse Nested(OrganizationRequest request) => Emulator.Dispatch(request, Caller.With(inTransaction: true));

    /// <summary>The state change of a close message (Win/Lose): an Update that may set the closed states.</summary>
    public OrganizationResponse NestedClose(OrganizationRequest request) => Emulator.Dispatch(request, Caller.With(inTransaction: true, platformClose: true));
}

/// <summary>One handler class per message.</summary>
internal abstract class MessageHandler
{
    public abstract string Name { get; }

    /// <summary>The message name plug-in steps are registered on (e.g. "Win" for WinOpportunity).</summary>
    public virtual string PipelineMessage => Name;

    /// <summary>Whether the message supports entity images.</summary>
    public virtual bool SupportsImages => false;

    /// <summary>ExecuteMultiple and ExecuteTransaction run their requests without a pipeline of their own.</summary>
    public virtual bool Direct => false;

    /// <summary>The primary table and id of the request (before it runs; Create fills the id later).</summary>
    public abstract (string Entity, Guid Id) Primary(XrmEmulator emulator, ParameterCollection input);

    public abstract OrganizationResponse Execute(MessageContext context);

    protected static EntityReference RequireReference(ParameterCollection input, string name)
    {
        if (!input.TryGetValue(name, out var value) || value is not EntityReference reference)
        {
            throw Faults.Invalid($"Required field '{name}' is missing");
        }

        return reference;
    }

    protected static Entity RequireEntity(ParameterCollection input, string name)
    {
        if (!input.TryGetValue(name, out var value) || value is not Entity entity)
        {
            throw Faults.Invalid($"Required field '{name}' is missing");
        }

        return entity;
    }

    protected static (string, Guid) Of(ParameterCollection input, string name) => input.TryGetValue(name, out var value) switch
    {
        true when value is EntityReference r => (r.LogicalName ?? "none", r.Id),
        true when value is Entity e => (e.LogicalName ?? "none", e.Id),
        _ => ("none", Guid.Empty),
    };
}

/// <summary>Creates the typed SDK response for a message name (e.g. CreateResponse for "Create").</summary>
internal static class Responses
{
    // Memoized constructors of immutable SDK types; safe to share between emulators and threads.
    private static readonly ConcurrentDictionary<string, Func<OrganizationResponse>> Factories = new(StringComparer.Ordinal);

    private static readonly Assembly[] SdkAssemblies =
    [
        typeof(OrganizationResponse).Assembly,
        typeof(Microsoft.Crm.Sdk.Messages.WhoAmIResponse).Assembly,
    ];

    public static OrganizationResponse Create(string messageName)
    {
        var factory = Factories.GetOrAdd(messageName, static name =>
        {
            foreach (var assembly in SdkAssemblies)
            {
                foreach (var ns in new[] { "Microsoft.Xrm.Sdk.Messages.", "Microsoft.Crm.Sdk.Messages." })
                {
                    var type = assembly.GetType(ns + name + "Response", throwOnError: false);
                    if (type != null && typeof(OrganizationResponse).IsAssignableFrom(type) && type.GetConstructor(Type.EmptyTypes) is ConstructorInfo ctor)
                    {
                        return System.Linq.Expressions.Expression.Lambda<Func<OrganizationResponse>>(System.Linq.Expressions.Expression.New(ctor)).Compile();
                    }
                }
            }

            return () => new OrganizationResponse();
        });
        var response = factory();
        response.ResponseName = messageName;
        return response;
    }
}
