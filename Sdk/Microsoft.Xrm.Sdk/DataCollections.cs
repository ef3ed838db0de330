using System.Collections;
using System.Collections.ObjectModel;
using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk.Query;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>A keyed collection over a dictionary; read access to a missing key throws KeyNotFoundException.</summary>
    [Serializable]
    public abstract class DataCollection<TKey, TValue> : IEnumerable<KeyValuePair<TKey, TValue>>, IEnumerable
    {
        internal const string MissingKeyMessage = "The given key was not present in the dictionary.";
        private const string ReadOnlyMessage = "The collection is read-only.";

        private readonly IDictionary<TKey, TValue> _items;
        private bool _isReadOnly;

        protected internal DataCollection()
        {
            _items = new Dictionary<TKey, TValue>();
        }

        protected internal DataCollection(IDictionary<TKey, TValue> collection)
        {
            _items = collection ?? new Dictionary<TKey, TValue>();
        }

        public void Add(KeyValuePair<TKey, TValue> item)
        {
            CheckWritable();
            _items.Add(item);
        }

        public void AddRange(params KeyValuePair<TKey, TValue>[] items)
        {
            AddRange((IEnumerable<KeyValuePair<TKey, TValue>>)items);
        }

        public void AddRange(IEnumerable<KeyValuePair<TKey, TValue>> items)
        {
            if (items == null) return;
            CheckWritable();
            foreach (var item in items) _items.Add(item);
        }

        public void Add(TKey key, TValue value)
        {
            CheckWritable();
            _items.Add(key, value);
        }

        public virtual TValue this[TKey key]
        {
            get
            {
                if (key == null) throw new ArgumentNullException(nameof(key));
                if (_items.TryGetValue(key, out var value)) return value;
                throw new KeyNotFoundException(MissingKeyMessage);
            }
            set
            {
                CheckWritable();
                _items[key] = value;
            }
        }

        public void Clear()
        {
            CheckWritable();
            _items.Clear();
        }

        public bool Contains(TKey key) => _items.ContainsKey(key);

        public bool Contains(KeyValuePair<TKey, TValue> key) => _items.Contains(key);

        public bool TryGetValue(TKey key, out TValue value) => _items.TryGetValue(key, out value);

        public void CopyTo(KeyValuePair<TKey, TValue>[] array, int arrayIndex) => _items.CopyTo(array, arrayIndex);

        public bool ContainsKey(TKey key) => _items.ContainsKey(key);

        public bool Remove(TKey key)
        {
            CheckWritable();
            return _items.Remove(key);
        }

        public bool Remove(KeyValuePair<TKey, TValue> item)
        {
            CheckWritable();
            return _items.Remove(item);
        }

        public int Count => _items.Count;

        public ICollection<TKey> Keys => _items.Keys;

        public ICollection<TValue> Values => _items.Values;

        public virtual bool IsReadOnly
        {
            get => _isReadOnly;
            internal set => _isReadOnly = value;
        }

        public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => _items.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

        private void CheckWritable()
        {
            if (IsReadOnly) throw new InvalidOperationException(ReadOnlyMessage);
        }
    }

    /// <summary>A list collection; user code cannot construct it directly.</summary>
    [Serializable]
    public class DataCollection<T> : Collection<T>
    {
        internal DataCollection()
        {
        }

        internal DataCollection(IList<T> list)
        {
            AddRange(list);
        }

        public void AddRange(params T[] items)
        {
            AddRange((IEnumerable<T>)items);
        }

        public void AddRange(IEnumerable<T> items)
        {
            if (items == null) return;
            foreach (var item in items) Add(item);
        }

        public T[] ToArray()
        {
            var array = new T[Count];
            CopyTo(array, 0);
            return array;
        }
    }

    [CollectionDataContract(Name = "AttributeCollection", Namespace = XrmNamespaces.Contracts2011)]
    public sealed class AttributeCollection : DataCollection<string, object>
    {
        public AttributeCollection()
        {
        }
    }

    [CollectionDataContract(Name = "FormattedValueCollection", Namespace = XrmNamespaces.Contracts2011)]
    public sealed class FormattedValueCollection : DataCollection<string, string>
    {
        public FormattedValueCollection()
        {
        }
    }

    [CollectionDataContract(Name = "KeyAttributeCollection", Namespace = XrmNamespaces.Contracts71)]
    [Serializable]
    public sealed class KeyAttributeCollection : DataCollection<string, object>
    {
        public KeyAttributeCollection()
        {
        }
    }

    [CollectionDataContract(Name = "EntityImageCollection", Namespace = XrmNamespaces.Contracts2011)]
    public class EntityImageCollection : DataCollection<string, Entity>
    {
        public EntityImageCollection()
        {
        }
    }

    [CollectionDataContract(Name = "ParameterCollection", Namespace = XrmNamespaces.Contracts2011)]
    public class ParameterCollection : DataCollection<string, object>
    {
        public ParameterCollection()
        {
        }

        protected ParameterCollection(IDictionary<string, object> dictionary)
            : base(dictionary)
        {
        }

        /// <summary>Sets <paramref name="key"/> to <paramref name="obj"/> unless <paramref name="obj"/> is null.</summary>
        public void AddOrUpdateIfNotNull(string key, object obj)
        {
            if (obj != null) this[key] = obj;
        }

        /// <summary>False when the key is missing or its value is not a <typeparamref name="T"/>.</summary>
        public bool TryGetValue<T>(string key, out T value)
        {
            // base.: an unqualified call with 'out object' would bind to this generic method itself (T = object).
            if (base.TryGetValue(key, out var raw) && raw is T typed)
            {
                value = typed;
                return true;
            }
            value = default;
            return false;
        }
    }

    [CollectionDataContract(Name = "RelatedEntityCollection", Namespace = XrmNamespaces.Contracts2011)]
    public sealed class RelatedEntityCollection : DataCollection<Relationship, EntityCollection>
    {
        public override bool IsReadOnly => base.IsReadOnly;
    }

    public sealed class RelationshipQueryCollection : DataCollection<Relationship, QueryBase>
    {
    }

    [CollectionDataContract(Name = "ErrorDetailCollection", Namespace = XrmNamespaces.Contracts2011)]
    [Serializable]
    public sealed class ErrorDetailCollection : DataCollection<string, object>
    {
    }

    [CollectionDataContract(Name = "EntityReferenceCollection", Namespace = XrmNamespaces.Contracts2011)]
    public sealed class EntityReferenceCollection : DataCollection<EntityReference>
    {
        public EntityReferenceCollection()
        {
        }

        public EntityReferenceCollection(IList<EntityReference> list)
            : base(list)
        {
        }
    }

    [CollectionDataContract(Name = "OptionSetValueCollection", Namespace = XrmNamespaces.Contracts90)]
    public sealed class OptionSetValueCollection : DataCollection<OptionSetValue>
    {
        public OptionSetValueCollection()
        {
        }

        public OptionSetValueCollection(IList<OptionSetValue> list)
            : base(list)
        {
        }
    }

    [CollectionDataContract(Name = "OrganizationRequestCollection", Namespace = XrmNamespaces.Contracts2012)]
    [KnownType(typeof(EntityImageCollection))]
    public sealed class OrganizationRequestCollection : DataCollection<OrganizationRequest>
    {
    }

    [CollectionDataContract(Name = "OrganizationResponseCollection", Namespace = XrmNamespaces.Contracts71)]
    public sealed class OrganizationResponseCollection : DataCollection<OrganizationResponse>
    {
    }

    [CollectionDataContract(Name = "OrganizationResponseCollection", Namespace = XrmNamespaces.Contracts2012)]
    public sealed class ExecuteMultipleResponseItemCollection : DataCollection<ExecuteMultipleResponseItem>
    {
    }

    internal static class XrmNamespaces
    {
        public const string Contracts2011 = "http://schemas.microsoft.com/xrm/2011/Contracts";
        public const string Contracts2012 = "http://schemas.microsoft.com/xrm/2012/Contracts";
        public const string Contracts71 = "http://schemas.microsoft.com/xrm/7.1/Contracts";
        public const string Contracts90 = "http://schemas.microsoft.com/xrm/9.0/Contracts";
    }
}
