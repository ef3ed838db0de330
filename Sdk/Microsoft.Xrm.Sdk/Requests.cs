using System.Runtime.Serialization;
using System.Security;
using System.Text;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>A message sent through IOrganizationService.Execute: a name and a bag of parameters.</summary>
    [DataContract(Name = "OrganizationRequest", Namespace = XrmNamespaces.Contracts2011)]
    public class OrganizationRequest : IExtensibleDataObject
    {
        private ParameterCollection _parameters;

        public OrganizationRequest()
        {
        }

        public OrganizationRequest(string requestName)
        {
            RequestName = requestName;
        }

        [DataMember]
        public string RequestName { get; set; }

        public object this[string parameterName]
        {
            get => Parameters[parameterName];
            set => Parameters[parameterName] = value;
        }

        [DataMember]
        public ParameterCollection Parameters
        {
            get => _parameters ?? (_parameters = new ParameterCollection());
            set => _parameters = value;
        }

        [DataMember]
        public Guid? RequestId { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }
    }

    /// <summary>The result of a message: a name and a bag of results.</summary>
    [DataContract(Name = "OrganizationResponse", Namespace = XrmNamespaces.Contracts2011)]
    public class OrganizationResponse : IExtensibleDataObject
    {
        private ParameterCollection _results;

        [DataMember]
        public string ResponseName { get; set; }

        public object this[string parameterName]
        {
            get => Results[parameterName];
            set => Results[parameterName] = value;
        }

        [DataMember]
        public ParameterCollection Results
        {
            get => _results ?? (_results = new ParameterCollection());
            set => _results = value;
        }

        public ExtensionDataObject ExtensionData { get; set; }
    }

    [DataContract(Name = "ExecuteMultipleSettings", Namespace = XrmNamespaces.Contracts2012)]
    public sealed class ExecuteMultipleSettings : IExtensibleDataObject
    {
        [DataMember]
        public bool ContinueOnError { get; set; }

        [DataMember]
        public bool ReturnResponses { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }
    }

    [DataContract(Name = "ExecuteMultipleResponseItem", Namespace = XrmNamespaces.Contracts2012)]
    public sealed class ExecuteMultipleResponseItem : IExtensibleDataObject
    {
        [DataMember]
        public int RequestIndex { get; set; }

        [DataMember]
        public OrganizationResponse Response { get; set; }

        [DataMember]
        public OrganizationServiceFault Fault { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }
    }

    /// <summary>The exception a plug-in throws to cancel the operation with a message shown to the user.</summary>
    [Serializable]
    public sealed class InvalidPluginExecutionException : Exception, ISerializable
    {
        private const string StatusKey = "Status";
        private const string HttpStatusKey = "HttpStatus";

        public InvalidPluginExecutionException()
        {
            Status = OperationStatus.Failed;
        }

        public InvalidPluginExecutionException(OperationStatus status)
            : this(status, string.Empty)
        {
        }

        public InvalidPluginExecutionException(string message)
            : base(message)
        {
            Status = OperationStatus.Failed;
        }

        public InvalidPluginExecutionException(OperationStatus status, string message)
            : this(status, 0, message)
        {
        }

        public InvalidPluginExecutionException(string message, Exception exception)
            : base(message, exception)
        {
            Status = OperationStatus.Failed;
            if (exception is InvalidPluginExecutionException inner) HttpStatus = inner.HttpStatus;
        }

        public InvalidPluginExecutionException(OperationStatus status, int errorCode, string message)
            : base(message)
        {
            Status = status;
            if (errorCode != 0) HResult = errorCode;
        }

        public InvalidPluginExecutionException(string message, PluginHttpStatusCode httpStatus)
            : base(message)
        {
            Status = OperationStatus.Failed;
            HttpStatus = httpStatus;
        }

        public InvalidPluginExecutionException(OperationStatus status, int errorCode, string message, PluginHttpStatusCode httpStatus)
            : this(status, errorCode, message)
        {
            HttpStatus = httpStatus;
        }

#pragma warning disable SYSLIB0051 // legacy serialization is part of the SDK's surface
        private InvalidPluginExecutionException(SerializationInfo info, StreamingContext context)
            : base(info, context)
        {
            Status = (OperationStatus)info.GetInt32(StatusKey);
            HttpStatus = (PluginHttpStatusCode)info.GetInt32(HttpStatusKey);
        }
#pragma warning restore SYSLIB0051

        public OperationStatus Status { get; private set; }

        public int ErrorCode => HResult;

        public PluginHttpStatusCode HttpStatus { get; private set; }

#pragma warning disable CS0672, SYSLIB0051 // overrides the (obsolete on .NET 5+) Exception.GetObjectData as the SDK does
        [SecurityCritical]
        public override void GetObjectData(SerializationInfo info, StreamingContext context)
        {
            if (info == null) throw new ArgumentNullException(nameof(info));
            base.GetObjectData(info, context);
            info.AddValue(StatusKey, (int)Status);
            info.AddValue(HttpStatusKey, (int)HttpStatus);
        }
#pragma warning restore CS0672, SYSLIB0051
    }

    /// <summary>The common shape of the faults the SDK's services report.</summary>
    [DataContract(Name = "BaseServiceFault", Namespace = XrmNamespaces.Contracts2011)]
    [KnownType(typeof(OrganizationServiceFault))]
    [KnownType(typeof(ExecuteTransactionFault))]
    [Serializable]
    public abstract class BaseServiceFault : IExtensibleDataObject
    {
        private ErrorDetailCollection _errorDetails;

        [NonSerialized]
        private ExtensionDataObject _extensionData;

        [DataMember]
        public string Message { get; set; }

        [DataMember]
        public int ErrorCode { get; set; }

        [DataMember]
        public string HelpLink { get; set; }

        [DataMember]
        public DateTime Timestamp { get; set; }

        [DataMember]
        public Guid ActivityId { get; set; }

        [DataMember]
        public ErrorDetailCollection ErrorDetails
        {
            get => _errorDetails ?? (_errorDetails = new ErrorDetailCollection());
            set => _errorDetails = value;
        }

        public ExtensionDataObject ExtensionData
        {
            get => _extensionData;
            set => _extensionData = value;
        }
    }

    /// <summary>The detail of FaultException&lt;OrganizationServiceFault&gt; thrown by IOrganizationService.</summary>
    [DataContract(Name = "OrganizationServiceFault", Namespace = XrmNamespaces.Contracts2011)]
    [Serializable]
    public class OrganizationServiceFault : BaseServiceFault
    {
        [DataMember]
        public string TraceText { get; set; }

        [DataMember]
        public OrganizationServiceFault InnerFault { get; set; }

        /// <summary>Describes this fault and its inner faults: code, message, timestamp.</summary>
        public override string ToString()
        {
            var text = new StringBuilder();
            for (var fault = this; fault != null; fault = fault.InnerFault)
            {
                text.AppendLine("Exception details: ");
                text.AppendLine("ErrorCode: 0x" + fault.ErrorCode.ToString("X8", System.Globalization.CultureInfo.InvariantCulture));
                text.AppendLine("Message: " + fault.Message);
                text.AppendLine("TimeStamp: " + fault.Timestamp.ToUniversalTime().ToString("o", System.Globalization.CultureInfo.InvariantCulture));
                text.AppendLine("--");
            }

            return text.ToString();
        }
    }

    /// <summary>The fault of a failed ExecuteTransaction; FaultedRequestIndex is zero-based.</summary>
    [DataContract(Name = "ExecuteTransactionFault", Namespace = XrmNamespaces.Contracts71)]
    [Serializable]
    public sealed class ExecuteTransactionFault : OrganizationServiceFault
    {
        [DataMember]
        public int FaultedRequestIndex { get; set; }
    }
}
