using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>The serializable execution context the platform sends to service endpoints and remote plug-ins.</summary>
    [DataContract(Name = "RemoteExecutionContext", Namespace = XrmNamespaces.Contracts2011)]
    public sealed class RemoteExecutionContext : IPluginExecutionContext, IExecutionContext, IExtensibleDataObject
    {
        private ParameterCollection _inputParameters;
        private ParameterCollection _outputParameters;
        private ParameterCollection _sharedVariables;
        private EntityImageCollection _preEntityImages;
        private EntityImageCollection _postEntityImages;

        [DataMember] public int Mode { get; set; }
        [DataMember] public int IsolationMode { get; set; }
        [DataMember] public int Depth { get; set; }
        [DataMember] public string MessageName { get; set; }
        [DataMember] public string PrimaryEntityName { get; set; }
        [DataMember] public Guid? RequestId { get; set; }
        [DataMember] public string SecondaryEntityName { get; set; }

        [DataMember]
        public ParameterCollection InputParameters
        {
            get => _inputParameters ?? (_inputParameters = new ParameterCollection());
            set => _inputParameters = value;
        }

        [DataMember]
        public ParameterCollection OutputParameters
        {
            get => _outputParameters ?? (_outputParameters = new ParameterCollection());
            set => _outputParameters = value;
        }

        [DataMember]
        public ParameterCollection SharedVariables
        {
            get => _sharedVariables ?? (_sharedVariables = new ParameterCollection());
            set => _sharedVariables = value;
        }

        [DataMember] public Guid UserId { get; set; }
        [DataMember] public Guid InitiatingUserId { get; set; }
        [DataMember] public Guid BusinessUnitId { get; set; }
        [DataMember] public Guid OrganizationId { get; set; }
        [DataMember] public string OrganizationName { get; set; }
        [DataMember] public Guid PrimaryEntityId { get; set; }

        [DataMember]
        public EntityImageCollection PreEntityImages
        {
            get => _preEntityImages ?? (_preEntityImages = new EntityImageCollection());
            set => _preEntityImages = value;
        }

        [DataMember]
        public EntityImageCollection PostEntityImages
        {
            get => _postEntityImages ?? (_postEntityImages = new EntityImageCollection());
            set => _postEntityImages = value;
        }

        [DataMember] public EntityReference OwningExtension { get; set; }
        [DataMember] public Guid CorrelationId { get; set; }
        [DataMember] public bool IsExecutingOffline { get; set; }
        [DataMember] public bool IsOfflinePlayback { get; set; }
        [DataMember] public bool IsInTransaction { get; set; }
        [DataMember] public Guid OperationId { get; set; }
        [DataMember] public DateTime OperationCreatedOn { get; set; }
        [DataMember] public int Stage { get; set; }
        [DataMember] public RemoteExecutionContext ParentContext { get; set; }

        IPluginExecutionContext IPluginExecutionContext.ParentContext => ParentContext;

        public ExtensionDataObject ExtensionData { get; set; }
    }
}
