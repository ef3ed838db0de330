using System.Collections;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query
{
    /// <summary>The columns to return. No columns and AllColumns == false returns only the primary key.</summary>
    [DataContract(Name = "ColumnSet", Namespace = XrmNamespaces.Contracts2011)]
    public sealed class ColumnSet : IExtensibleDataObject
    {
        private DataCollection<string> _columns;
        private DataCollection<XrmAttributeExpression> _attributeExpressions;

        public ColumnSet()
        {
        }

        public ColumnSet(bool allColumns)
        {
            AllColumns = allColumns;
        }

        public ColumnSet(params string[] columns)
        {
            Columns.AddRange(columns);
        }

        public void AddColumns(params string[] columns)
        {
            Columns.AddRange(columns);
        }

        public void AddColumn(string column)
        {
            Columns.Add(column);
        }

        [DataMember]
        public bool AllColumns { get; set; }

        [DataMember]
        public DataCollection<string> Columns
        {
            get => _columns ?? (_columns = new DataCollection<string>());
            set => _columns = value;
        }

        [DataMember]
        public DataCollection<XrmAttributeExpression> AttributeExpressions
        {
            get => _attributeExpressions ?? (_attributeExpressions = new DataCollection<XrmAttributeExpression>());
            set => _attributeExpressions = value;
        }

        public ExtensionDataObject ExtensionData { get; set; }
    }

    /// <summary>An aggregate or grouping over a column (subset: the members of the SDK type are not reproduced).</summary>
    [DataContract(Name = "AttributeExpression", Namespace = XrmNamespaces.Contracts2011)]
    public sealed class XrmAttributeExpression : IExtensibleDataObject
    {
        public ExtensionDataObject ExtensionData { get; set; }
    }

    /// <summary>One condition: attribute, operator, values (or another column when CompareColumns).</summary>
    [DataContract(Name = "ConditionExpression", Namespace = XrmNamespaces.Contracts2011)]
    public sealed class ConditionExpression : IExtensibleDataObject
    {
        private DataCollection<object> _values;

        public ConditionExpression()
        {
        }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, params object[] values)
        {
            Init(null, attributeName, conditionOperator, false, values);
        }

        public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator, params object[] values)
        {
            Init(entityName, attributeName, conditionOperator, false, values);
        }

        public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator, bool compareColumns, object[] values)
        {
            Init(entityName, attributeName, conditionOperator, compareColumns, values);
        }

        public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator, bool compareColumns, object value)
        {
            Init(entityName, attributeName, conditionOperator, compareColumns, new[] { value });
        }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, bool compareColumns, object value)
        {
            Init(null, attributeName, conditionOperator, compareColumns, new[] { value });
        }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, bool compareColumns, object[] values)
        {
            Init(null, attributeName, conditionOperator, compareColumns, values);
        }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, object value)
        {
            Init(null, attributeName, conditionOperator, false, new[] { value });
        }

        public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator, object value)
        {
            Init(entityName, attributeName, conditionOperator, false, new[] { value });
        }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator)
        {
            Init(null, attributeName, conditionOperator, false, null);
        }

        public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator)
        {
            Init(entityName, attributeName, conditionOperator, false, null);
        }

        /// <summary>Each element of <paramref name="values"/> becomes one value (an int[] binds here and is flattened).</summary>
        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, ICollection values)
        {
            Init(null, attributeName, conditionOperator, false, null);
            if (values != null)
            {
                foreach (var value in values) Values.Add(value);
            }
        }

        [DataMember(Order = 60)]
        public string EntityName { get; set; }

        [DataMember]
        public bool CompareColumns { get; set; }

        [DataMember]
        public string AttributeName { get; set; }

        [DataMember]
        public ConditionOperator Operator { get; set; }

        [DataMember]
        public DataCollection<object> Values
        {
            get => _values ?? (_values = new DataCollection<object>());
            private set => _values = value;
        }

        public ExtensionDataObject ExtensionData { get; set; }

        private void Init(string entityName, string attributeName, ConditionOperator conditionOperator, bool compareColumns, object[] values)
        {
            EntityName = entityName;
            AttributeName = attributeName;
            Operator = conditionOperator;
            CompareColumns = compareColumns;
            if (values != null) Values.AddRange(values);
        }
    }

    /// <summary>Conditions and child filters joined with AND or OR.</summary>
    [DataContract(Name = "FilterExpression", Namespace = XrmNamespaces.Contracts2011)]
    public sealed class FilterExpression : IExtensibleDataObject
    {
        private DataCollection<ConditionExpression> _conditions;
        private DataCollection<FilterExpression> _filters;

        public FilterExpression()
        {
            FilterOperator = LogicalOperator.And;
        }

        public FilterExpression(LogicalOperator filterOperator)
        {
            FilterOperator = filterOperator;
        }

        [DataMember]
        public LogicalOperator FilterOperator { get; set; }

        [DataMember(Order = 82, EmitDefaultValue = false)]
        public string FilterHint { get; set; }

        [DataMember]
        public DataCollection<ConditionExpression> Conditions
        {
            get => _conditions ?? (_conditions = new DataCollection<ConditionExpression>());
            private set => _conditions = value;
        }

        [DataMember]
        public DataCollection<FilterExpression> Filters
        {
            get => _filters ?? (_filters = new DataCollection<FilterExpression>());
            private set => _filters = value;
        }

        [DataMember(Order = 51, EmitDefaultValue = false)]
        public bool IsQuickFindFilter { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        /// <summary>Adds a condition; an array passed as the only value stays one value (there is no ICollection overload).</summary>
        public void AddCondition(string attributeName, ConditionOperator conditionOperator, params object[] values)
        {
            Conditions.Add(new ConditionExpression(null, attributeName, conditionOperator, false, values));
        }

        public void AddCondition(string entityName, string attributeName, ConditionOperator conditionOperator, params object[] values)
        {
            Conditions.Add(new ConditionExpression(entityName, attributeName, conditionOperator, false, values));
        }

        public void AddCondition(string attributeName, ConditionOperator conditionOperator, bool compareColumns, object[] values)
        {
            Conditions.Add(new ConditionExpression(null, attributeName, conditionOperator, compareColumns, values));
        }

        public void AddCondition(string entityName, string attributeName, ConditionOperator conditionOperator, bool compareColumns, object[] values)
        {
            Conditions.Add(new ConditionExpression(entityName, attributeName, conditionOperator, compareColumns, values));
        }

        public void AddCondition(string attributeName, ConditionOperator conditionOperator, bool compareColumns, object value)
        {
            Conditions.Add(new ConditionExpression(null, attributeName, conditionOperator, compareColumns, value));
        }

        public void AddCondition(string entityName, string attributeName, ConditionOperator conditionOperator, bool compareColumns, object value)
        {
            Conditions.Add(new ConditionExpression(entityName, attributeName, conditionOperator, compareColumns, value));
        }

        public void AddCondition(ConditionExpression condition)
        {
            Conditions.Add(condition);
        }

        /// <summary>Creates a child filter, adds it and returns it.</summary>
        public FilterExpression AddFilter(LogicalOperator logicalOperator)
        {
            var child = new FilterExpression(logicalOperator);
            Filters.Add(child);
            return child;
        }

        /// <summary>Adds a child filter; null is ignored.</summary>
        public void AddFilter(FilterExpression childFilter)
        {
            if (childFilter != null) Filters.Add(childFilter);
        }
    }
}
