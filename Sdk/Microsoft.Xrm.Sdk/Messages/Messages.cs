using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk.Query;

namespace Microsoft.Xrm.Sdk.Messages
{
    /// <summary>The Create message. Its constructor sets RequestName and adds its main parameters with null values.</summary>
    [DataContract(Namespace = XrmNamespaces.Contracts2011)]
    public sealed class CreateRequest : OrganizationRequest
    {
        public CreateRequest()
        {
            RequestName = "Create";
            Target = null;
        }

        public Entity Target
        {
            get => Parameters.Contains("Target") ? (Entity)Parameters["Target"] : null;
            set => Parameters["Target"] = value;
        }
    }

    /// <summary>The result of the Create message; absent results read as null or default.</summary>
    [DataContract(Namespace = XrmNamespaces.Contracts2011)]
    public sealed class CreateResponse : OrganizationResponse
    {
        public Guid id => Results.Contains("id") ? (Guid)Results["id"] : default(Guid);
    }

    /// <summary>The Retrieve message. Its constructor sets RequestName and adds its main parameters with null values.</summary>
    [DataContract(Namespace = XrmNamespaces.Contracts2011)]
    public sealed class RetrieveRequest : OrganizationRequest
    {
        public RetrieveRequest()
        {
            RequestName = "Retrieve";
            Target = null;
            ColumnSet = null;
        }

        public EntityReference Target
        {
            get => Parameters.Contains("Target") ? (EntityReference)Parameters["Target"] : null;
            set => Parameters["Target"] = value;
        }

        public ColumnSet ColumnSet
        {
            get => Parameters.Contains("ColumnSet") ? (ColumnSet)Parameters["ColumnSet"] : null;
            set => Parameters["ColumnSet"] = value;
        }

        public RelationshipQueryCollection RelatedEntitiesQuery
        {
            get => Parameters.Contains("RelatedEntitiesQuery") ? (RelationshipQueryCollection)Parameters["RelatedEntitiesQuery"] : null;
            set => Parameters["RelatedEntitiesQuery"] = value;
        }

        public bool ReturnNotifications
        {
            get => Parameters.Contains("ReturnNotifications") ? (bool)Parameters["ReturnNotifications"] : default(bool);
            set => Parameters["ReturnNotifications"] = value;
        }
    }

    /// <summary>The result of the Retrieve message; absent results read as null or default.</summary>
    [DataContract(Namespace = XrmNamespaces.Contracts2011)]
    public sealed class RetrieveResponse : OrganizationResponse
    {
        public Entity Entity => Results.Contains("Entity") ? (Entity)Results["Entity"] : null;

        public object Notifications => Results.Contains("Notifications") ? (object)Results["Notifications"] : null;
    }

    /// <summary>The Update message. Its constructor sets RequestName and adds its main parameters with null values.</summary>
    [DataContract(Namespace = XrmNamespaces.Contracts2011)]
    public sealed class UpdateRequest : OrganizationRequest
    {
        public UpdateRequest()
        {
            RequestName = "Update";
            Target = null;
        }

        public Entity Target
        {
            get => Parameters.Contains("Target") ? (Entity)Parameters["Target"] : null;
            set => Parameters["Target"] = value;
        }

        public ConcurrencyBehavior ConcurrencyBehavior
        {
            get => Parameters.Contains("ConcurrencyBehavior") ? (ConcurrencyBehavior)Parameters["ConcurrencyBehavior"] : ConcurrencyBehavior.Default;
            set => Parameters["ConcurrencyBehavior"] = value;
        }
    }

    /// <summary>The result of the Update message; absent results read as null or default.</summary>
    [DataContract(Namespace = XrmNamespaces.Contracts2011)]
    public sealed class UpdateResponse : OrganizationResponse
    {
    }

    /// <summary>The Delete message. Its constructor sets RequestName and adds its main parameters with null values.</summary>
    [DataContract(Namespace = XrmNamespaces.Contracts2011)]
    public sealed class DeleteRequest : OrganizationRequest
    {
        public DeleteRequest()
        {
            RequestName = "Delete";
            Target = null;
        }

        public EntityReference Target
        {
            get => Parameters.Contains("Target") ? (EntityReference)Parameters["Target"] : null;
            set => Parameters["Target"] = value;
        }

        public ConcurrencyBehavior ConcurrencyBehavior
        {
            get => Parameters.Contains("ConcurrencyBehavior") ? (ConcurrencyBehavior)Parameters["ConcurrencyBehavior"] : ConcurrencyBehavior.Default;
            set => Parameters["ConcurrencyBehavior"] = value;
        }
    }

    /// <summary>The result of the Delete message; absent results read as null or default.</summary>
    [DataContract(Namespace = XrmNamespaces.Contracts2011)]
    public sealed class DeleteResponse : OrganizationResponse
    {
    }

    /// <summary>The RetrieveMultiple message. Its constructor sets RequestName and adds its main parameters with null values.</summary>
    [DataContract(Namespace = XrmNamespaces.Contracts2011)]
    public sealed class RetrieveMultipleRequest : OrganizationRequest
    {
        public RetrieveMultipleRequest()
        {
            RequestName = "RetrieveMultiple";
            Query = null;
        }

        public QueryBase Query
        {
            get => Parameters.Contains("Query") ? (QueryBase)Parameters["Query"] : null;
            set => Parameters["Query"] = value;
        }
    }

    /// <summary>The result of the RetrieveMultiple message; absent results read as null or default.</summary>
    [DataContract(Namespace = XrmNamespaces.Contracts2011)]
    public sealed class RetrieveMultipleResponse : OrganizationResponse
    {
        public EntityCollection EntityCollection => Results.Contains("EntityCollection") ? (EntityCollection)Results["EntityCollection"] : null;
    }

    /// <summary>The Associate message. Its constructor sets RequestName and adds its main parameters with null values.</summary>
    [DataContract(Namespace = XrmNamespaces.Contracts2011)]
    public sealed class AssociateRequest : OrganizationRequest
    {
        public AssociateRequest()
        {
            RequestName = "Associate";
            Target = null;
            Relationship = null;
            RelatedEntities = null;
        }

        public EntityReference Target
        {
            get => Parameters.Contains("Target") ? (EntityReference)Parameters["Target"] : null;
            set => Parameters["Target"] = value;
        }

        public Relationship Relationship
        {
            get => Parameters.Contains("Relationship") ? (Relationship)Parameters["Relationship"] : null;
            set => Parameters["Relationship"] = value;
        }

        public EntityReferenceCollection RelatedEntities
        {
            get => Parameters.Contains("RelatedEntities") ? (EntityReferenceCollection)Parameters["RelatedEntities"] : null;
            set => Parameters["RelatedEntities"] = value;
        }
    }

    /// <summary>The result of the Associate message; absent results read as null or default.</summary>
    [DataContract(Namespace = XrmNamespaces.Contracts2011)]
    public sealed class AssociateResponse : OrganizationResponse
    {
    }

    /// <summary>The Disassociate message. Its constructor sets RequestName and adds its main parameters with null values.</summary>
    [DataContract(Namespace = XrmNamespaces.Contracts2011)]
    public sealed class DisassociateRequest : OrganizationRequest
    {
        public DisassociateRequest()
        {
            RequestName = "Disassociate";
            Target = null;
            Relationship = null;
            RelatedEntities = null;
        }

        public EntityReference Target
        {
            get => Parameters.Contains("Target") ? (EntityReference)Parameters["Target"] : null;
            set => Parameters["Target"] = value;
        }

        public Relationship Relationship
        {
            get => Parameters.Contains("Relationship") ? (Relationship)Parameters["Relationship"] : null;
            set => Parameters["Relationship"] = value;
        }

        public EntityReferenceCollection RelatedEntities
        {
            get => Parameters.Contains("RelatedEntities") ? (EntityReferenceCollection)Parameters["RelatedEntities"] : null;
            set => Parameters["RelatedEntities"] = value;
        }
    }

    /// <summary>The result of the Disassociate message; absent results read as null or default.</summary>
    [DataContract(Namespace = XrmNamespaces.Contracts2011)]
    public sealed class DisassociateResponse : OrganizationResponse
    {
    }

    /// <summary>The ExecuteMultiple message. Its constructor sets RequestName and adds its main parameters with null values.</summary>
    [DataContract(Namespace = XrmNamespaces.Contracts2011)]
    public sealed class ExecuteMultipleRequest : OrganizationRequest
    {
        public ExecuteMultipleRequest()
        {
            RequestName = "ExecuteMultiple";
            Requests = null;
            Settings = null;
        }

        public OrganizationRequestCollection Requests
        {
            get => Parameters.Contains("Requests") ? (OrganizationRequestCollection)Parameters["Requests"] : null;
            set => Parameters["Requests"] = value;
        }

        public ExecuteMultipleSettings Settings
        {
            get => Parameters.Contains("Settings") ? (ExecuteMultipleSettings)Parameters["Settings"] : null;
            set => Parameters["Settings"] = value;
        }
    }

    /// <summary>The result of the ExecuteMultiple message; absent results read as null or default.</summary>
    [DataContract(Namespace = XrmNamespaces.Contracts2011)]
    public sealed class ExecuteMultipleResponse : OrganizationResponse
    {
        public bool IsFaulted => Results.Contains("IsFaulted") ? (bool)Results["IsFaulted"] : default(bool);

        public ExecuteMultipleResponseItemCollection Responses => Results.Contains("Responses") ? (ExecuteMultipleResponseItemCollection)Results["Responses"] : null;
    }

    /// <summary>The ExecuteTransaction message. Its constructor sets RequestName and adds its main parameters with null values.</summary>
    [DataContract(Namespace = XrmNamespaces.Contracts2011)]
    public sealed class ExecuteTransactionRequest : OrganizationRequest
    {
        public ExecuteTransactionRequest()
        {
            RequestName = "ExecuteTransaction";
            Requests = null;
        }

        public OrganizationRequestCollection Requests
        {
            get => Parameters.Contains("Requests") ? (OrganizationRequestCollection)Parameters["Requests"] : null;
            set => Parameters["Requests"] = value;
        }

        public bool? ReturnResponses
        {
            get => Parameters.Contains("ReturnResponses") ? (bool?)Parameters["ReturnResponses"] : null;
            set => Parameters["ReturnResponses"] = value;
        }
    }

    /// <summary>The result of the ExecuteTransaction message; absent results read as null or default.</summary>
    [DataContract(Namespace = XrmNamespaces.Contracts2011)]
    public sealed class ExecuteTransactionResponse : OrganizationResponse
    {
        public OrganizationResponseCollection Responses => Results.Contains("Responses") ? (OrganizationResponseCollection)Results["Responses"] : null;
    }

    /// <summary>The Upsert message. Its constructor sets RequestName and adds its main parameters with null values.</summary>
    [DataContract(Namespace = XrmNamespaces.Contracts2011)]
    public sealed class UpsertRequest : OrganizationRequest
    {
        public UpsertRequest()
        {
            RequestName = "Upsert";
            Target = null;
        }

        public Entity Target
        {
            get => Parameters.Contains("Target") ? (Entity)Parameters["Target"] : null;
            set => Parameters["Target"] = value;
        }
    }

    /// <summary>The result of the Upsert message; absent results read as null or default.</summary>
    [DataContract(Namespace = XrmNamespaces.Contracts2011)]
    public sealed class UpsertResponse : OrganizationResponse
    {
        public bool RecordCreated => Results.Contains("RecordCreated") ? (bool)Results["RecordCreated"] : default(bool);

        public EntityReference Target => Results.Contains("Target") ? (EntityReference)Results["Target"] : null;
    }

    /// <summary>The CreateMultiple message. Its constructor sets RequestName and adds its main parameters with null values.</summary>
    [DataContract(Namespace = XrmNamespaces.Contracts2011)]
    public sealed class CreateMultipleRequest : OrganizationRequest
    {
        public CreateMultipleRequest()
        {
            RequestName = "CreateMultiple";
            Targets = null;
        }

        public EntityCollection Targets
        {
            get => Parameters.Contains("Targets") ? (EntityCollection)Parameters["Targets"] : null;
            set => Parameters["Targets"] = value;
        }
    }

    /// <summary>The result of the CreateMultiple message; absent results read as null or default.</summary>
    [DataContract(Namespace = XrmNamespaces.Contracts2011)]
    public sealed class CreateMultipleResponse : OrganizationResponse
    {
        public Guid[] Ids => Results.Contains("Ids") ? (Guid[])Results["Ids"] : null;
    }

    /// <summary>The UpdateMultiple message. Its constructor sets RequestName and adds its main parameters with null values.</summary>
    [DataContract(Namespace = XrmNamespaces.Contracts2011)]
    public sealed class UpdateMultipleRequest : OrganizationRequest
    {
        public UpdateMultipleRequest()
        {
            RequestName = "UpdateMultiple";
            Targets = null;
        }

        public EntityCollection Targets
        {
            get => Parameters.Contains("Targets") ? (EntityCollection)Parameters["Targets"] : null;
            set => Parameters["Targets"] = value;
        }

        public ConcurrencyBehavior ConcurrencyBehavior
        {
            get => Parameters.Contains("ConcurrencyBehavior") ? (ConcurrencyBehavior)Parameters["ConcurrencyBehavior"] : ConcurrencyBehavior.Default;
            set => Parameters["ConcurrencyBehavior"] = value;
        }
    }

    /// <summary>The result of the UpdateMultiple message; absent results read as null or default.</summary>
    [DataContract(Namespace = XrmNamespaces.Contracts2011)]
    public sealed class UpdateMultipleResponse : OrganizationResponse
    {
    }
}
