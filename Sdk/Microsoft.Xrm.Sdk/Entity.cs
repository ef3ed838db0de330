using System.ComponentModel;
using System.Reflection;
using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk.Client;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>A table row: logical name, id and a bag of column values. Equality is by reference.</summary>
    [DataContract(Name = "Entity", Namespace = XrmNamespaces.Contracts2011)]
    public class Entity : IExtensibleDataObject
    {
        private string _logicalName;
        private Guid _id;
        private AttributeCollection _attributes;
        private EntityState? _entityState;
        private FormattedValueCollection _formattedValues;
        private RelatedEntityCollection _relatedEntities;
        private string _rowVersion;
        private KeyAttributeCollection _keyAttributes;
        private ExtensionDataObject _extensionData;

        public Entity()
            : this((string)null)
        {
        }

        public Entity(string entityName)
        {
            _logicalName = entityName;
        }

        public Entity(string entityName, Guid id)
        {
            _logicalName = entityName;
            _id = id;
        }

        public Entity(string entityName, string keyName, object keyValue)
        {
            _logicalName = entityName;
            KeyAttributes[keyName] = keyValue;
        }

        public Entity(string entityName, KeyAttributeCollection keyAttributes)
        {
            _logicalName = entityName;
            _keyAttributes = keyAttributes;
        }

        [DataMember]
        public string LogicalName
        {
            get => _logicalName;
            set => _logicalName = value;
        }

        [DataMember]
        public virtual Guid Id
        {
            get => _id;
            set => _id = value;
        }

        [DataMember]
        public AttributeCollection Attributes
        {
            get => _attributes ?? (_attributes = new AttributeCollection());
            set => _attributes = value;
        }

        [DataMember]
        public EntityState? EntityState
        {
            get => _entityState;
            set => _entityState = value;
        }

        [DataMember]
        public FormattedValueCollection FormattedValues
        {
            get => _formattedValues ?? (_formattedValues = new FormattedValueCollection());
            internal set => _formattedValues = value;
        }

        [DataMember]
        public RelatedEntityCollection RelatedEntities
        {
            get => _relatedEntities ?? (_relatedEntities = new RelatedEntityCollection());
            internal set => _relatedEntities = value;
        }

        [DataMember]
        public string RowVersion
        {
            get => _rowVersion;
            set => _rowVersion = value;
        }

        [DataMember]
        public KeyAttributeCollection KeyAttributes
        {
            get => _keyAttributes ?? (_keyAttributes = new KeyAttributeCollection());
            set => _keyAttributes = value;
        }

        public ExtensionDataObject ExtensionData
        {
            get => _extensionData;
            set => _extensionData = value;
        }

        /// <summary>Gets or sets a column value; reading a missing column throws KeyNotFoundException.</summary>
        public object this[string attributeName]
        {
            get => Attributes[attributeName];
            set => Attributes[attributeName] = value;
        }

        public bool Contains(string attributeName) => Attributes.Contains(attributeName);

        /// <summary>A shallow copy as <typeparamref name="T"/>, sharing this instance's collections.</summary>
        public T ToEntity<T>() where T : Entity
        {
            if (typeof(T) == typeof(Entity))
            {
                var copy = new Entity();
                ShallowCopyTo(copy);
                return (T)copy;
            }

            if (string.IsNullOrWhiteSpace(_logicalName))
                throw new NotSupportedException("LogicalName must be set before calling ToEntity()");

            var attribute = typeof(T).GetCustomAttribute<EntityLogicalNameAttribute>(true);
            if (attribute == null)
                throw new NotSupportedException($"Cannot convert to type that does not have EntityLogicalNameAttribute: {typeof(T).FullName}");
            if (!string.Equals(_logicalName, attribute.LogicalName, StringComparison.Ordinal))
                throw new NotSupportedException($"Cannot convert entity {_logicalName} to {attribute.LogicalName}");

            var target = Activator.CreateInstance<T>();
            ShallowCopyTo(target);
            return target;
        }

        /// <summary>A reference with this entity's logical name, id and row version.</summary>
        public EntityReference ToEntityReference() => new EntityReference(_logicalName, Id) { RowVersion = _rowVersion };

        /// <summary>The value cast to <typeparamref name="T"/>; default when the column is absent or null.</summary>
        public virtual T GetAttributeValue<T>(string attributeLogicalName)
        {
            if (string.IsNullOrWhiteSpace(attributeLogicalName)) throw new ArgumentNullException(nameof(attributeLogicalName));
            if (!Attributes.TryGetValue(attributeLogicalName, out var value) || value == null) return default;
            return (T)value;
        }

        /// <summary>False when the column is absent or null, or its value cannot be converted to <typeparamref name="T"/>.</summary>
        public bool TryGetAttributeValue<T>(string attributeKey, out T result)
        {
            result = default;
            if (string.IsNullOrWhiteSpace(attributeKey)) return false;
            if (!Attributes.TryGetValue(attributeKey, out var value) || value == null) return false;
            if (value is T typed)
            {
                result = typed;
                return true;
            }

            try
            {
                var converted = TypeDescriptor.GetConverter(typeof(T)).ConvertFrom(value);
                if (converted is T convertedTyped)
                {
                    result = convertedTyped;
                    return true;
                }
            }
            catch (Exception)
            {
                // Conversion failures report false, never throw.
            }

            result = default;
            return false;
        }

        protected virtual void SetAttributeValue(string attributeLogicalName, object value)
        {
            if (string.IsNullOrWhiteSpace(attributeLogicalName)) throw new ArgumentNullException(nameof(attributeLogicalName));
            Attributes[attributeLogicalName] = value;
        }

        protected virtual string GetFormattedAttributeValue(string attributeLogicalName)
        {
            if (string.IsNullOrWhiteSpace(attributeLogicalName)) throw new ArgumentNullException(nameof(attributeLogicalName));
            return FormattedValues.TryGetValue(attributeLogicalName, out var value) ? value : null;
        }

        protected virtual TEntity GetRelatedEntity<TEntity>(string relationshipSchemaName, EntityRole? primaryEntityRole) where TEntity : Entity
        {
            var entities = GetRelatedEntities<TEntity>(relationshipSchemaName, primaryEntityRole);
            return entities?.FirstOrDefault();
        }

        protected virtual void SetRelatedEntity<TEntity>(string relationshipSchemaName, EntityRole? primaryEntityRole, TEntity entity) where TEntity : Entity
        {
            SetRelatedEntities(relationshipSchemaName, primaryEntityRole, entity == null ? null : new[] { entity });
        }

        protected virtual IEnumerable<TEntity> GetRelatedEntities<TEntity>(string relationshipSchemaName, EntityRole? primaryEntityRole) where TEntity : Entity
        {
            if (string.IsNullOrWhiteSpace(relationshipSchemaName)) throw new ArgumentNullException(nameof(relationshipSchemaName));
            var key = new Relationship(relationshipSchemaName) { PrimaryEntityRole = primaryEntityRole };
            if (!RelatedEntities.TryGetValue(key, out var collection) || collection == null) return null;
            return collection.Entities.Select(e => e as TEntity ?? e.ToEntity<TEntity>()).ToList();
        }

        protected virtual void SetRelatedEntities<TEntity>(string relationshipSchemaName, EntityRole? primaryEntityRole, IEnumerable<TEntity> entities) where TEntity : Entity
        {
            if (string.IsNullOrWhiteSpace(relationshipSchemaName)) throw new ArgumentNullException(nameof(relationshipSchemaName));
            var key = new Relationship(relationshipSchemaName) { PrimaryEntityRole = primaryEntityRole };
            if (entities == null)
            {
                RelatedEntities.Remove(key);
                return;
            }

            var list = entities.Cast<Entity>().ToList();
            var collection = new EntityCollection(list);
            if (list.Count > 0) collection.EntityName = list[0].LogicalName;
            RelatedEntities[key] = collection;
        }

        private void ShallowCopyTo(Entity target)
        {
            target.Id = Id;
            target._logicalName = _logicalName;
            target._attributes = Attributes;
            target._formattedValues = FormattedValues;
            target._relatedEntities = RelatedEntities;
            target._keyAttributes = KeyAttributes;
            target._entityState = _entityState;
            target._rowVersion = _rowVersion;
            target._extensionData = _extensionData;
        }
    }

    /// <summary>A reference to a row by logical name and id (or alternate key). Equality is by value.</summary>
    [DataContract(Name = "EntityReference", Namespace = XrmNamespaces.Contracts2011)]
    [Serializable]
    public sealed class EntityReference : IExtensibleDataObject
    {
        private KeyAttributeCollection _keyAttributes;

        [NonSerialized]
        private ExtensionDataObject _extensionData;

        public EntityReference()
        {
        }

        public EntityReference(string logicalName)
        {
            LogicalName = logicalName;
        }

        public EntityReference(string logicalName, Guid id)
        {
            LogicalName = logicalName;
            Id = id;
        }

        public EntityReference(string logicalName, string keyName, object keyValue)
        {
            LogicalName = logicalName;
            KeyAttributes[keyName] = keyValue;
        }

        public EntityReference(string logicalName, KeyAttributeCollection keyAttributeCollection)
        {
            LogicalName = logicalName;
            _keyAttributes = keyAttributeCollection;
        }

        [DataMember]
        public Guid Id { get; set; }

        [DataMember]
        public string LogicalName { get; set; }

        [DataMember]
        public string Name { get; set; }

        [DataMember]
        public KeyAttributeCollection KeyAttributes
        {
            get => _keyAttributes ?? (_keyAttributes = new KeyAttributeCollection());
            set => _keyAttributes = value;
        }

        [DataMember]
        public string RowVersion { get; set; }

        public ExtensionDataObject ExtensionData
        {
            get => _extensionData;
            set => _extensionData = value;
        }

        /// <summary>Same Id, same LogicalName (ordinal) and the same key attributes; Name and RowVersion are ignored.</summary>
        public override bool Equals(object obj)
        {
            if (!(obj is EntityReference other)) return false;
            if (ReferenceEquals(this, other)) return true;
            if (Id != other.Id || !string.Equals(LogicalName, other.LogicalName, StringComparison.Ordinal)) return false;
            var mine = _keyAttributes ?? new KeyAttributeCollection();
            var theirs = other._keyAttributes ?? new KeyAttributeCollection();
            if (mine.Count != theirs.Count) return false;
            return mine.Intersect(theirs).Count() == mine.Count;
        }

        public override int GetHashCode()
        {
            return Id.GetHashCode() ^ (LogicalName == null ? 0 : StringComparer.Ordinal.GetHashCode(LogicalName));
        }
    }

    /// <summary>A page of rows returned by RetrieveMultiple, with paging state.</summary>
    [DataContract(Name = "EntityCollection", Namespace = XrmNamespaces.Contracts2011)]
    public sealed class EntityCollection : IExtensibleDataObject
    {
        private DataCollection<Entity> _entities;

        public EntityCollection()
        {
        }

        public EntityCollection(IList<Entity> list)
        {
            _entities = new DataCollection<Entity>(list);
        }

        [DataMember]
        public DataCollection<Entity> Entities
        {
            get => _entities ?? (_entities = new DataCollection<Entity>());
            private set => _entities = value;
        }

        [DataMember]
        public bool MoreRecords { get; set; }

        [DataMember]
        public string PagingCookie { get; set; }

        [DataMember]
        public string MinActiveRowVersion { get; set; }

        [DataMember]
        public int TotalRecordCount { get; set; }

        [DataMember]
        public bool TotalRecordCountLimitExceeded { get; set; }

        public Entity this[int index]
        {
            get => Entities[index];
            set => Entities[index] = value;
        }

        [DataMember]
        public string EntityName { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }
    }
}
