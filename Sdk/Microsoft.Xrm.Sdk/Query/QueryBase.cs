using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query
{
    /// <summary>The base of the query types RetrieveMultiple accepts; user code cannot derive from it.</summary>
    [DataContract(Name = "QueryBase", Namespace = XrmNamespaces.Contracts2011)]
    [KnownType(typeof(QueryExpression))]
    [KnownType(typeof(QueryByAttribute))]
    [KnownType(typeof(FetchExpression))]
    public abstract class QueryBase : IExtensibleDataObject
    {
        public ExtensionDataObject ExtensionData { get; set; }

        internal abstract void Accept(IQueryVisitor visitor);
    }

    internal interface IQueryVisitor
    {
        void Visit(QueryExpression query);

        void Visit(QueryByAttribute query);

        void Visit(FetchExpression query);
    }

    /// <summary>A query built from criteria, links, orders and paging.</summary>
    [DataContract(Name = "QueryExpression", Namespace = XrmNamespaces.Contracts2011)]
    public sealed class QueryExpression : QueryBase
    {
        private DataCollection<LinkEntity> _linkEntities;
        private DataCollection<OrderExpression> _orders;

        public QueryExpression()
            : this(null)
        {
        }

        public QueryExpression(string entityName)
        {
            EntityName = entityName;
            Criteria = new FilterExpression();
            PageInfo = new PagingInfo();
            ColumnSet = new ColumnSet();
        }

        [DataMember]
        public bool Distinct { get; set; }

        [DataMember(Order = 50)]
        public bool NoLock { get; set; }

        [DataMember]
        public PagingInfo PageInfo { get; set; }

        [DataMember]
        public DataCollection<LinkEntity> LinkEntities
        {
            get => _linkEntities ?? (_linkEntities = new DataCollection<LinkEntity>());
            private set => _linkEntities = value;
        }

        [DataMember]
        public FilterExpression Criteria { get; set; }

        [DataMember]
        public DataCollection<OrderExpression> Orders
        {
            get => _orders ?? (_orders = new DataCollection<OrderExpression>());
            private set => _orders = value;
        }

        [DataMember]
        public string EntityName { get; set; }

        [DataMember]
        public ColumnSet ColumnSet { get; set; }

        [DataMember(Order = 50, EmitDefaultValue = false)]
        public int? TopCount { get; set; }

        public void AddOrder(string attributeName, OrderType orderType)
        {
            Orders.Add(new OrderExpression(attributeName, orderType));
        }

        public void AddOrder(string attributeName, OrderType orderType, string alias, string entityName)
        {
            Orders.Add(new OrderExpression(attributeName, orderType, alias, entityName));
        }

        /// <summary>Adds an inner join from this query's EntityName (as it is now) and returns the link.</summary>
        public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName)
        {
            return AddLink(linkToEntityName, linkFromAttributeName, linkToAttributeName, JoinOperator.Inner);
        }

        public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName, JoinOperator joinOperator)
        {
            var link = new LinkEntity(EntityName, linkToEntityName, linkFromAttributeName, linkToAttributeName, joinOperator);
            LinkEntities.Add(link);
            return link;
        }

        internal override void Accept(IQueryVisitor visitor) => visitor.Visit(this);
    }

    /// <summary>A single-table query whose conditions are attribute/value equalities joined with AND.</summary>
    [DataContract(Name = "QueryByAttribute", Namespace = XrmNamespaces.Contracts2011)]
    public sealed class QueryByAttribute : QueryBase
    {
        private DataCollection<string> _attributes;
        private DataCollection<object> _values;
        private DataCollection<OrderExpression> _orders;

        public QueryByAttribute()
        {
            ColumnSet = new ColumnSet();
            PageInfo = new PagingInfo();
        }

        /// <summary>Sets EntityName only: ColumnSet and PageInfo stay null, as in the SDK.</summary>
        public QueryByAttribute(string entityName)
        {
            EntityName = entityName;
        }

        [DataMember]
        public string EntityName { get; set; }

        [DataMember]
        public DataCollection<string> Attributes
        {
            get => _attributes ?? (_attributes = new DataCollection<string>());
            private set => _attributes = value;
        }

        [DataMember]
        public DataCollection<object> Values
        {
            get => _values ?? (_values = new DataCollection<object>());
            private set => _values = value;
        }

        [DataMember]
        public PagingInfo PageInfo { get; set; }

        [DataMember]
        public ColumnSet ColumnSet { get; set; }

        [DataMember]
        public DataCollection<OrderExpression> Orders
        {
            get => _orders ?? (_orders = new DataCollection<OrderExpression>());
            private set => _orders = value;
        }

        [DataMember(Order = 50)]
        public int? TopCount { get; set; }

        public void AddOrder(string attributeName, OrderType orderType)
        {
            Orders.Add(new OrderExpression(attributeName, orderType));
        }

        public void AddAttributeValue(string attributeName, object value)
        {
            Attributes.Add(attributeName);
            Values.Add(value);
        }

        internal override void Accept(IQueryVisitor visitor) => visitor.Visit(this);
    }

    /// <summary>A FetchXML query.</summary>
    [DataContract(Name = "FetchExpression", Namespace = XrmNamespaces.Contracts2011)]
    public sealed class FetchExpression : QueryBase
    {
        public FetchExpression()
        {
        }

        public FetchExpression(string query)
        {
            Query = query;
        }

        [DataMember]
        public string Query { get; set; }

        internal override void Accept(IQueryVisitor visitor) => visitor.Visit(this);
    }
}
