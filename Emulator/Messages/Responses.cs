using System.Collections.Concurrent;
using System.Reflection;

namespace AccountPlanXrm.Emulator.Messages;

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
