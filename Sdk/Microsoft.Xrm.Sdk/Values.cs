using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>A currency amount. Equality is by value.</summary>
    [DataContract(Name = "Money", Namespace = XrmNamespaces.Contracts2011)]
    public sealed class Money : IExtensibleDataObject
    {
        public Money()
        {
        }

        public Money(decimal value)
        {
            Value = value;
        }

        [DataMember]
        public decimal Value { get; set; }

        public override bool Equals(object obj) => obj is Money other && Value.Equals(other.Value);

        public override int GetHashCode() => Value.GetHashCode();

        public ExtensionDataObject ExtensionData { get; set; }
    }

    /// <summary>A choice (option set) value. Equality is by value.</summary>
    [DataContract(Name = "OptionSetValue", Namespace = XrmNamespaces.Contracts2011)]
    public sealed class OptionSetValue : IExtensibleDataObject
    {
        public OptionSetValue()
        {
        }

        public OptionSetValue(int value)
        {
            Value = value;
        }

        [DataMember]
        public int Value { get; set; }

        public override bool Equals(object obj) => obj is OptionSetValue other && Value == other.Value;

        public override int GetHashCode() => Value.GetHashCode();

        public ExtensionDataObject ExtensionData { get; set; }
    }

    /// <summary>A value returned for a linked, aliased or aggregated column. Only the SDK sets its properties.</summary>
    [DataContract(Name = "AliasedValue", Namespace = XrmNamespaces.Contracts2011)]
    public sealed class AliasedValue : IExtensibleDataObject
    {
        public AliasedValue()
        {
        }

        public AliasedValue(string entityLogicalName, string attributeLogicalName, object value)
        {
            EntityLogicalName = entityLogicalName;
            AttributeLogicalName = attributeLogicalName;
            Value = value;
        }

        [DataMember]
        public string AttributeLogicalName { get; internal set; }

        [DataMember]
        public string EntityLogicalName { get; internal set; }

        [DataMember]
        public object Value { get; internal set; }

        public ExtensionDataObject ExtensionData { get; set; }
    }

    /// <summary>A relationship by schema name and, for self-referencing ones, the primary entity's role.</summary>
    [DataContract(Name = "Relationship", Namespace = XrmNamespaces.Contracts2011)]
    public sealed class Relationship : IExtensibleDataObject
    {
        public Relationship()
        {
        }

        public Relationship(string schemaName)
        {
            SchemaName = schemaName;
        }

        [DataMember]
        public string SchemaName { get; set; }

        [DataMember]
        public EntityRole? PrimaryEntityRole { get; set; }

        public override bool Equals(object obj) =>
            obj is Relationship other && SchemaName == other.SchemaName && PrimaryEntityRole == other.PrimaryEntityRole;

        public override int GetHashCode() =>
            (SchemaName == null ? 0 : StringComparer.Ordinal.GetHashCode(SchemaName)) ^ PrimaryEntityRole.GetHashCode();

        public override string ToString() => SchemaName + "." + (PrimaryEntityRole.HasValue ? PrimaryEntityRole.Value.ToString() : string.Empty);

        public ExtensionDataObject ExtensionData { get; set; }
    }

    [DataContract(Name = "EntityState", Namespace = XrmNamespaces.Contracts2011)]
    public enum EntityState
    {
        [EnumMember] Unchanged = 0,
        [EnumMember] Created = 1,
        [EnumMember] Changed = 2,
    }

    [DataContract(Name = "EntityRole", Namespace = XrmNamespaces.Contracts2011)]
    public enum EntityRole
    {
        [EnumMember] Referencing = 0,
        [EnumMember] Referenced = 1,
    }

    [DataContract(Name = "ConcurrencyBehavior", Namespace = XrmNamespaces.Contracts71)]
    public enum ConcurrencyBehavior
    {
        [EnumMember] Default = 0,
        [EnumMember] IfRowVersionMatches = 1,
        [EnumMember] AlwaysOverwrite = 2,
    }

    public enum OperationStatus
    {
        Failed = 0,
        Canceled = 1,
        Retry = 2,
        Suspended = 3,
        Succeeded = 4,
    }

    public enum PluginHttpStatusCode
    {
        NotSet = 0,
        BadRequest = 400,
        Unauthorized = 401,
        Forbidden = 403,
        NotFound = 404,
        MethodNotAllowed = 405,
        RequestTimeout = 408,
        Conflict = 409,
        Gone = 410,
        PreconditionFailed = 412,
        RequestEntityTooLarge = 413,
        FailedDependency = 424,
        TooManyRequests = 429,
        InternalServerError = 500,
        BadGateway = 502,
        ServiceUnavailable = 503,
        GatewayTimeout = 504,
    }

    /// <summary>Names the column an early-bound property maps to.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class AttributeLogicalNameAttribute : Attribute
    {
        public AttributeLogicalNameAttribute(string logicalName)
        {
            if (string.IsNullOrWhiteSpace(logicalName)) throw new ArgumentNullException(nameof(logicalName));
            LogicalName = logicalName;
        }

        public string LogicalName { get; private set; }
    }

    /// <summary>A solution-managed property value.</summary>
    public abstract class ManagedProperty<T> : IExtensibleDataObject
    {
        public T Value { get; set; }

        public bool CanBeChanged { get; set; }

        public string ManagedPropertyLogicalName { get; internal set; }

        public ExtensionDataObject ExtensionData { get; set; }
    }

    [DataContract(Name = "BooleanManagedProperty", Namespace = XrmNamespaces.Contracts2011)]
    public sealed class BooleanManagedProperty : ManagedProperty<bool>
    {
        public BooleanManagedProperty()
        {
        }

        public BooleanManagedProperty(bool value)
        {
            Value = value;
        }
    }
}

namespace Microsoft.Xrm.Sdk.Client
{
    /// <summary>Names the table an early-bound class maps to.</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class EntityLogicalNameAttribute : Attribute
    {
        public EntityLogicalNameAttribute(string logicalName)
        {
            if (string.IsNullOrWhiteSpace(logicalName)) throw new ArgumentNullException(nameof(logicalName));
            LogicalName = logicalName;
        }

        public string LogicalName { get; private set; }
    }
}
