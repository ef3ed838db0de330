using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Extensions;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Sdk.Tests;

[TestClass]
public sealed class PluginContextTests
{
    [TestMethod]
    public void IExecutionContext_EveryMember_IsGetOnly()
    {
        var properties = typeof(IExecutionContext).GetProperties();

        Assert.AreEqual(25, properties.Length);
        Assert.IsTrue(properties.All(p => p.CanRead && !p.CanWrite));
    }

    [TestMethod]
    public void PluginExecutionContextInterfaces_EachExtendsThePrevious()
    {
        Assert.IsTrue(typeof(IExecutionContext).IsAssignableFrom(typeof(IPluginExecutionContext)));
        Assert.IsTrue(typeof(IPluginExecutionContext).IsAssignableFrom(typeof(IPluginExecutionContext2)));
        Assert.IsTrue(typeof(IPluginExecutionContext2).IsAssignableFrom(typeof(IPluginExecutionContext3)));
        Assert.IsTrue(typeof(IPluginExecutionContext3).IsAssignableFrom(typeof(IPluginExecutionContext4)));
        Assert.IsTrue(typeof(IPluginExecutionContext4).IsAssignableFrom(typeof(IPluginExecutionContext5)));
        Assert.IsTrue(typeof(IPluginExecutionContext5).IsAssignableFrom(typeof(IPluginExecutionContext6)));
        Assert.IsTrue(typeof(IPluginExecutionContext6).IsAssignableFrom(typeof(IPluginExecutionContext7)));
    }

    [TestMethod]
    [DataRow(10, false)]
    [DataRow(20, true)]
    [DataRow(30, true)]
    [DataRow(40, true)]
    [DataRow(50, false)]
    public void IsWithinMainTransaction_Stage_IsTrueFromPreOperationToPostOperation(int stage, bool expected)
    {
        var context = new RemoteExecutionContext { Stage = stage };

        Assert.AreEqual(expected, context.IsWithinMainTransaction());
    }

    [TestMethod]
    public void IsAutoTransact_SharedVariable_ReadsIsAutoTransact()
    {
        var context = new RemoteExecutionContext();
        Assert.IsFalse(context.IsAutoTransact());

        context.SharedVariables["IsAutoTransact"] = true;

        Assert.IsTrue(context.IsAutoTransact());
    }

    [TestMethod]
    public void RemoteExecutionContext_ParentContext_IsExposedThroughInterface()
    {
        var parent = new RemoteExecutionContext { Stage = 10 };
        IPluginExecutionContext child = new RemoteExecutionContext { Stage = 20, ParentContext = parent };

        Assert.AreSame(parent, child.ParentContext);
        Assert.IsNotNull(child.InputParameters);
        Assert.IsNotNull(child.PreEntityImages);
    }

    [TestMethod]
    public void Plugin_Execute_ReadsServicesFromProvider()
    {
        var context = new RemoteExecutionContext { MessageName = "Create", PrimaryEntityName = "account" };
        context.InputParameters["Target"] = new Entity("account");
        var tracing = new RecordingTracingService();
        var provider = new DictionaryServiceProvider(new Dictionary<Type, object>
        {
            [typeof(IPluginExecutionContext)] = context,
            [typeof(ITracingService)] = tracing,
            [typeof(IOrganizationServiceFactory)] = new RecordingFactory(),
        });

        new TracingPlugin().Execute(provider);

        Assert.AreEqual("Create account", tracing.Lines.Single());
    }

    [TestMethod]
    public void ServiceProviderGet_Type_ReturnsGetServiceResultCast()
    {
        var tracing = new RecordingTracingService();
        var provider = new DictionaryServiceProvider(new Dictionary<Type, object> { [typeof(ITracingService)] = tracing });

        Assert.AreSame(tracing, provider.Get<ITracingService>());
    }

    [TestMethod]
    public void ServiceProviderGetOrganizationService_UserId_AsksFactoryForThatUser()
    {
        var factory = new RecordingFactory();
        var provider = new DictionaryServiceProvider(new Dictionary<Type, object> { [typeof(IOrganizationServiceFactory)] = factory });

        provider.GetOrganizationService(Ids.UserId);

        Assert.AreEqual(Ids.UserId, factory.RequestedUserIds.Single());
    }

    [TestMethod]
    public void TracingService_Trace_AcceptsFormatAndParamsArguments()
    {
        ITracingService tracing = new RecordingTracingService();

        tracing.Trace("{0} of {1}", 1, 2);
        tracing.Trace("plain");

        CollectionAssert.AreEqual(new[] { "1 of 2", "plain" }, ((RecordingTracingService)tracing).Lines);
    }

    private sealed class TracingPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            var tracing = (ITracingService)serviceProvider.GetService(typeof(ITracingService))!;
            tracing.Trace("{0} {1}", context.MessageName, ((Entity)context.InputParameters["Target"]).LogicalName);
        }
    }

    private sealed class DictionaryServiceProvider(Dictionary<Type, object> services) : IServiceProvider
    {
        public object? GetService(Type serviceType) => services.TryGetValue(serviceType, out var service) ? service : null;
    }

    private sealed class RecordingTracingService : ITracingService
    {
        public List<string> Lines { get; } = [];

        public void Trace(string format, params object[] args) =>
            Lines.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }

    private sealed class RecordingFactory : IOrganizationServiceFactory
    {
        public List<Guid?> RequestedUserIds { get; } = [];

        public IOrganizationService CreateOrganizationService(Guid? userId)
        {
            RequestedUserIds.Add(userId);
            return new NullService();
        }
    }

    private sealed class NullService : IOrganizationService
    {
        public Guid Create(Entity entity) => Guid.Empty;

        public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) => new(entityName, id);

        public void Update(Entity entity)
        {
        }

        public void Delete(string entityName, Guid id)
        {
        }

        public OrganizationResponse Execute(OrganizationRequest request) => new();

        public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities)
        {
        }

        public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities)
        {
        }

        public EntityCollection RetrieveMultiple(QueryBase query) => new();
    }
}
