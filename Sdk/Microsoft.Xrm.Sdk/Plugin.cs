using System.ServiceModel;
using Microsoft.Xrm.Sdk.Query;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>The entry point the platform calls for a registered plug-in step.</summary>
    public interface IPlugin
    {
        void Execute(IServiceProvider serviceProvider);
    }

    /// <summary>Writes to the plug-in trace log.</summary>
    public interface ITracingService
    {
        void Trace(string format, params object[] args);
    }

    /// <summary>The organization web service contract.</summary>
    [ServiceContract(Name = "IOrganizationService", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts/Services")]
    public interface IOrganizationService
    {
        [OperationContract]
        [FaultContract(typeof(OrganizationServiceFault))]
        Guid Create(Entity entity);

        [OperationContract]
        [FaultContract(typeof(OrganizationServiceFault))]
        Entity Retrieve(string entityName, Guid id, ColumnSet columnSet);

        [OperationContract]
        [FaultContract(typeof(OrganizationServiceFault))]
        void Update(Entity entity);

        [OperationContract]
        [FaultContract(typeof(OrganizationServiceFault))]
        void Delete(string entityName, Guid id);

        [OperationContract]
        [FaultContract(typeof(OrganizationServiceFault))]
        OrganizationResponse Execute(OrganizationRequest request);

        [OperationContract]
        [FaultContract(typeof(OrganizationServiceFault))]
        void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities);

        [OperationContract]
        [FaultContract(typeof(OrganizationServiceFault))]
        void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities);

        [OperationContract]
        [FaultContract(typeof(OrganizationServiceFault))]
        EntityCollection RetrieveMultiple(QueryBase query);
    }

    /// <summary>Creates organization services inside a plug-in. Null means the SYSTEM user; Guid.Empty the context's UserId.</summary>
    public interface IOrganizationServiceFactory
    {
        IOrganizationService CreateOrganizationService(Guid? userId);
    }

    /// <summary>Posts the execution context to a registered service endpoint.</summary>
    public interface IServiceEndpointNotificationService
    {
        string Execute(EntityReference serviceEndpoint, IExecutionContext context);
    }

    /// <summary>The data the platform passes to plug-ins and custom workflow activities.</summary>
    public interface IExecutionContext
    {
        int Mode { get; }
        int IsolationMode { get; }
        int Depth { get; }
        string MessageName { get; }
        string PrimaryEntityName { get; }
        Guid? RequestId { get; }
        string SecondaryEntityName { get; }
        ParameterCollection InputParameters { get; }
        ParameterCollection OutputParameters { get; }
        ParameterCollection SharedVariables { get; }
        Guid UserId { get; }
        Guid InitiatingUserId { get; }
        Guid BusinessUnitId { get; }
        Guid OrganizationId { get; }
        string OrganizationName { get; }
        Guid PrimaryEntityId { get; }
        EntityImageCollection PreEntityImages { get; }
        EntityImageCollection PostEntityImages { get; }
        EntityReference OwningExtension { get; }
        Guid CorrelationId { get; }
        bool IsExecutingOffline { get; }
        bool IsOfflinePlayback { get; }
        bool IsInTransaction { get; }
        Guid OperationId { get; }
        DateTime OperationCreatedOn { get; }
    }

    /// <summary>The execution context of a plug-in step.</summary>
    public interface IPluginExecutionContext : IExecutionContext
    {
        int Stage { get; }
        IPluginExecutionContext ParentContext { get; }
    }

    public interface IPluginExecutionContext2 : IPluginExecutionContext, IExecutionContext
    {
        Guid UserAzureActiveDirectoryObjectId { get; }
        Guid InitiatingUserAzureActiveDirectoryObjectId { get; }
        Guid InitiatingUserApplicationId { get; }
        Guid PortalsContactId { get; }
        bool IsPortalsClientCall { get; }
    }

    public interface IPluginExecutionContext3 : IPluginExecutionContext2, IPluginExecutionContext, IExecutionContext
    {
        Guid AuthenticatedUserId { get; }
    }

    public interface IPluginExecutionContext4 : IPluginExecutionContext3, IPluginExecutionContext2, IPluginExecutionContext, IExecutionContext
    {
        EntityImageCollection[] PreEntityImagesCollection { get; }
        EntityImageCollection[] PostEntityImagesCollection { get; }
    }

    public interface IPluginExecutionContext5 : IPluginExecutionContext4
    {
        string InitiatingUserAgent { get; }
    }

    public interface IPluginExecutionContext6 : IPluginExecutionContext5
    {
        string EnvironmentId { get; }
        Guid TenantId { get; }
    }

    public interface IPluginExecutionContext7 : IPluginExecutionContext6
    {
        bool IsApplicationUser { get; }
    }

    /// <summary>Helpers over <see cref="IPluginExecutionContext"/>.</summary>
    public static class IPluginExecutionContextExtensions
    {
        private const string AutoTransactKey = "IsAutoTransact";

        /// <summary>True for the stages that run inside the main database transaction (PreOperation to PostOperation).</summary>
        public static bool IsWithinMainTransaction(this IPluginExecutionContext context)
        {
            if (context == null) throw new ArgumentNullException(nameof(context));
            return context.Stage >= 20 && context.Stage <= 40;
        }

        /// <summary>Reads the IsAutoTransact shared variable; false when it is absent or not a boolean.</summary>
        public static bool IsAutoTransact(this IPluginExecutionContext context)
        {
            if (context == null) throw new ArgumentNullException(nameof(context));
            var shared = context.SharedVariables;
            return shared != null && shared.TryGetValue<bool>(AutoTransactKey, out var flag) && flag;
        }
    }
}

namespace Microsoft.Xrm.Sdk.Extensions
{
    /// <summary>Typed access to the services a plug-in's service provider offers.</summary>
    public static class ServiceProviderExtensions
    {
        public static T Get<T>(this IServiceProvider serviceProvider)
        {
            if (serviceProvider == null) throw new ArgumentNullException(nameof(serviceProvider));
            return (T)serviceProvider.GetService(typeof(T));
        }

        public static IOrganizationService GetOrganizationService(this IServiceProvider serviceProvider, Guid id)
        {
            var factory = serviceProvider.Get<IOrganizationServiceFactory>();
            if (factory == null) throw new InvalidOperationException("The service provider offers no IOrganizationServiceFactory.");
            return factory.CreateOrganizationService(id);
        }
    }
}
