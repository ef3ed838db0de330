using System.Collections;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query
{
    /// <summary>A join to another table. Constructor order: from entity, to entity, from attribute, to attribute, join.</summary>
    [DataContract(Name = "LinkEntity", Namespace = XrmNamespaces.Contracts2011)]
    public sealed class LinkEntity : IExtensibleDataObject
    {
        private DataCollection<LinkEntity> _linkEntities;
        private DataCollection<OrderExpression> _orders;
        private ColumnSet _columns;

        public LinkEntity()
            : this(null, null, null, null, JoinOperator.Inner)
        {
        }

        public LinkEntity(string linkFromEntityName, string linkToEntityName, string linkFromAttributeName, string linkToAttributeName, JoinOperator joinOperator)
        {
            LinkFromEntityName = linkFromEntityName;
            LinkToEntityName = linkToEntityName;
            LinkFromAttributeName = linkFromAttributeName;
            LinkToAttributeName = linkToAttributeName;
            JoinOperator = joinOperator;
            Columns = new ColumnSet();
            LinkCriteria = new FilterExpression();
        }

        [DataMember]
        public string LinkFromAttributeName { get; set; }

        [DataMember]
        public string LinkFromEntityName { get; set; }

        [DataMember]
        public string LinkToEntityName { get; set; }

        [DataMember]
        public string LinkToAttributeName { get; set; }

        [DataMember]
        public JoinOperator JoinOperator { get; set; }

        [DataMember]
        public FilterExpression LinkCriteria { get; set; }

        [DataMember]
        public DataCollection<LinkEntity> LinkEntities
        {
            get => _linkEntities ?? (_linkEntities = new DataCollection<LinkEntity>());
            private set => _linkEntities = value;
        }

        [DataMember]
        public ColumnSet Columns
        {
            get => _columns ?? (_columns = new ColumnSet());
            set => _columns = value;
        }

        [DataMember]
        public string EntityAlias { get; set; }

        [DataMember(Order = 80)]
        public DataCollection<OrderExpression> Orders
        {
            get => _orders ?? (_orders = new DataCollection<OrderExpression>());
            private set => _orders = value;
        }

        public ExtensionDataObject ExtensionData { get; set; }

        public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName)
        {
            return AddLink(linkToEntityName, linkFromAttributeName, linkToAttributeName, JoinOperator.Inner);
        }

        /// <summary>
        /// Adds a nested link. As in the SDK, the child's LinkFromEntityName is this link's LinkFromEntityName
        /// (not its LinkToEntityName): the nesting, not that property, says which table the child joins from.
        /// </summary>
        public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName, JoinOperator joinOperator)
        {
            var link = new LinkEntity(LinkFromEntityName, linkToEntityName, linkFromAttributeName, linkToAttributeName, joinOperator);
            LinkEntities.Add(link);
            return link;
        }
    }

    /// <summary>A sort order on an attribute (or an alias of an aggregate).</summary>
    [DataContract(Name = "OrderExpression", Namespace = XrmNamespaces.Contracts2011)]
    public sealed class OrderExpression : IExtensibleDataObject
    {
        public OrderExpression()
        {
        }

        public OrderExpression(string attributeName, OrderType orderType)
            : this(attributeName, orderType, null, null)
        {
        }

        public OrderExpression(string attributeName, OrderType orderType, string alias)
            : this(attributeName, orderType, alias, null)
        {
        }

        public OrderExpression(string attributeName, OrderType orderType, string alias, string entityName)
        {
            AttributeName = attributeName;
            OrderType = orderType;
            Alias = alias;
            EntityName = entityName;
        }

        [DataMember]
        public string AttributeName { get; set; }

        [DataMember]
        public OrderType OrderType { get; set; }

        [DataMember]
        public string Alias { get; set; }

        [DataMember]
        public string EntityName { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }
    }

    /// <summary>Paging: page number (from 1), page size, paging cookie and whether to count all rows.</summary>
    [DataContract(Name = "PagingInfo", Namespace = XrmNamespaces.Contracts2011)]
    public sealed class PagingInfo : IExtensibleDataObject
    {
        [DataMember]
        public int PageNumber { get; set; }

        [DataMember]
        public int Count { get; set; }

        [DataMember]
        public bool ReturnTotalRecordCount { get; set; }

        [DataMember]
        public string PagingCookie { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }
    }

    [DataContract(Name = "LogicalOperator", Namespace = XrmNamespaces.Contracts2011)]
    public enum LogicalOperator
    {
        [EnumMember] And = 0,
        [EnumMember] Or = 1,
    }

    [DataContract(Name = "OrderType", Namespace = XrmNamespaces.Contracts2011)]
    public enum OrderType
    {
        [EnumMember] Ascending = 0,
        [EnumMember] Descending = 1,
    }

    [DataContract(Name = "JoinOperator", Namespace = XrmNamespaces.Contracts2011)]
    public enum JoinOperator
    {
        [EnumMember] Inner = 0,
        [EnumMember] LeftOuter = 1,
        [EnumMember] Natural = 2,
        [EnumMember] MatchFirstRowUsingCrossApply = 3,
        [EnumMember] In = 4,
        [EnumMember] Exists = 5,
        [EnumMember] Any = 6,
        [EnumMember] NotAny = 7,
        [EnumMember] All = 8,
        [EnumMember] NotAll = 9,
    }
}
