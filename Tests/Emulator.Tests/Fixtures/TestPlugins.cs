using System.Collections.Concurrent;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Emulator.Tests.Fixtures;

/// <summary>Boots emulators over the fixture solution with this assembly's plug-ins.</summary>
internal static class TestEmulator
{
    public static readonly string SolutionFolder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Solution");
    public static readonly DateTime Clock = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    public static XrmEmulator Create(Action<EmulatorBuilder>? configure = null)
    {
        var builder = XrmEmulator.Builder()
            .WithSolution(SolutionFolder)
            .WithPluginAssembly(typeof(TestEmulator).Assembly)
            .WithClock(Clock);
        configure?.Invoke(builder);
        return builder.Build();
    }
}

/// <summary>What plug-ins observed, keyed by the unsecure configuration each test passes (tests run in parallel).</summary>
internal static class Observed
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<object>> Items = new();

    public static void Add(string? key, object item) => Items.GetOrAdd(key ?? "", _ => new ConcurrentQueue<object>()).Enqueue(item);

    public static IReadOnlyList<T> Of<T>(string key) => Items.TryGetValue(key, out var queue) ? queue.OfType<T>().ToList() : [];

    public static string NewKey() => Guid.NewGuid().ToString("N");
}

/// <summary>Solution step (PreOperation Create of tst_project): fills tst_notes from its unsecure configuration.</summary>
public sealed class DefaultNotesPlugin(string unsecure, string secure) : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var target = (Entity)context.InputParameters["Target"];
        if (!target.Contains("tst_notes"))
        {
            target["tst_notes"] = unsecure + (string.IsNullOrEmpty(secure) ? "" : " | " + secure);
        }
    }
}

/// <summary>Solution step (PostOperation Update of tst_project, filtered on tst_score): traces the score change from its images.</summary>
public sealed class ScoreAuditPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var tracing = (ITracingService)serviceProvider.GetService(typeof(ITracingService))!;
        var pre = context.PreEntityImages["PreImage"];
        var post = context.PostEntityImages["PreImage"];
        tracing.Trace("score {0} -> {1}; columns {2}", pre.GetAttributeValue<int?>("tst_score"), post.GetAttributeValue<int?>("tst_score"), string.Join(",", post.Attributes.Keys.OrderBy(k => k)));
    }
}

/// <summary>Main operation of the custom API tst_Echo.</summary>
public sealed class EchoApiPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        context.OutputParameters["Echo"] = "echo: " + context.InputParameters["Text"];
    }
}

/// <summary>Records every context it sees under its unsecure configuration.</summary>
public sealed class CapturePlugin(string key) : IPlugin
{
    public int Executions { get; private set; }

    public void Execute(IServiceProvider serviceProvider)
    {
        Executions++;
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        Observed.Add(key, new Captured(context, this, Executions));
    }
}

public sealed record Captured(IPluginExecutionContext Context, CapturePlugin Instance, int Execution);

/// <summary>Throws an InvalidPluginExecutionException; configuration "code" throws with error code 12345.</summary>
public sealed class ThrowingPlugin(string config) : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        if (config == "code")
        {
            throw new InvalidPluginExecutionException(OperationStatus.Failed, 12345, "Refused with a code.");
        }

        if (config == "crash")
        {
            throw new InvalidOperationException("Something broke.");
        }

        throw new InvalidPluginExecutionException("The plan is not complete.");
    }
}

/// <summary>Creates an account named after its configuration (as the calling user).</summary>
public sealed class CreateAccountPlugin(string name) : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!;
        factory.CreateOrganizationService(context.UserId).Create(new Entity("account") { ["name"] = name });
    }
}

/// <summary>Updates the target again on every update (an infinite loop only Depth stops).</summary>
public sealed class RecursiveUpdatePlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!;
        var service = factory.CreateOrganizationService(null);
        service.Update(new Entity(context.PrimaryEntityName, context.PrimaryEntityId) { ["description"] = "depth " + context.Depth });
    }
}

/// <summary>Writes a shared variable (PreValidation / PreOperation).</summary>
public sealed class SharedWriterPlugin(string key) : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        context.SharedVariables["written-in-" + context.Stage] = key;
    }
}

/// <summary>Records the user id of a service created with CreateOrganizationService(null).</summary>
public sealed class SystemServicePlugin(string key) : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!;
        var service = factory.CreateOrganizationService(null);
        var response = (Microsoft.Crm.Sdk.Messages.WhoAmIResponse)service.Execute(new Microsoft.Crm.Sdk.Messages.WhoAmIRequest());
        Observed.Add(key, response.UserId);
    }
}
