using System.Reflection;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Sdk.Tests;

[TestClass]
public sealed class CollectionTests
{
    [TestMethod]
    public void KeyedAdd_DuplicateKey_ThrowsArgumentException()
    {
        var attributes = new AttributeCollection { { "name", "Contoso" } };

        Assert.ThrowsExactly<ArgumentException>(() => attributes.Add("name", "Fabrikam"));
    }

    [TestMethod]
    public void KeyedIndexer_Set_Upserts()
    {
        var attributes = new AttributeCollection();

        attributes["name"] = "Contoso";
        attributes["name"] = "Fabrikam";

        Assert.AreEqual(1, attributes.Count);
        Assert.AreEqual("Fabrikam", attributes["name"]);
    }

    [TestMethod]
    public void KeyedIndexer_MissingKey_ThrowsKeyNotFoundException()
    {
        var parameters = new ParameterCollection();

        var ex = Assert.ThrowsExactly<KeyNotFoundException>(() => parameters["Target"]);

        Assert.AreEqual("The given key was not present in the dictionary.", ex.Message);
    }

    [TestMethod]
    public void KeyedAddRange_Null_IsNoOp()
    {
        var attributes = new AttributeCollection();

        attributes.AddRange((IEnumerable<KeyValuePair<string, object>>)null!);
        attributes.AddRange((KeyValuePair<string, object>[])null!);

        Assert.AreEqual(0, attributes.Count);
    }

    [TestMethod]
    public void KeyedAddRange_Pairs_AddsEach()
    {
        var attributes = new AttributeCollection();

        attributes.AddRange(new KeyValuePair<string, object>("a", 1), new KeyValuePair<string, object>("b", 2));

        Assert.AreEqual(2, attributes.Count);
        CollectionAssert.AreEquivalent(new[] { "a", "b" }, attributes.Keys.ToArray());
    }

    [TestMethod]
    public void KeyedMembers_ContainsTryGetValueRemoveCopyTo_BehaveLikeADictionary()
    {
        var attributes = new AttributeCollection { { "name", "Contoso" }, { "city", "Oslo" } };

        Assert.IsTrue(attributes.Contains("name"));
        Assert.IsTrue(attributes.ContainsKey("name"));
        Assert.IsTrue(attributes.Contains(new KeyValuePair<string, object>("name", "Contoso")));
        Assert.IsFalse(attributes.Contains(new KeyValuePair<string, object>("name", "Other")));
        Assert.IsTrue(attributes.TryGetValue("city", out var city));
        Assert.AreEqual("Oslo", city);
        Assert.IsFalse(attributes.TryGetValue("missing", out var missing));
        Assert.IsNull(missing);
        Assert.IsTrue(attributes.Remove(new KeyValuePair<string, object>("city", "Oslo")));
        Assert.IsFalse(attributes.Remove("city"));
        var array = new KeyValuePair<string, object>[1];
        attributes.CopyTo(array, 0);
        Assert.AreEqual("name", array[0].Key);
        attributes.Clear();
        Assert.AreEqual(0, attributes.Count);
    }

    [TestMethod]
    public void KeyedCollection_CollectionAndIndexInitializers_Compile()
    {
        var byAdd = new AttributeCollection { { "name", "Contoso" } };
        var byIndex = new AttributeCollection { ["name"] = "Contoso" };

        Assert.AreEqual(byAdd["name"], byIndex["name"]);
    }

    [TestMethod]
    public void KeyedCollection_ReadOnly_MutatorsThrowInvalidOperationException()
    {
        var attributes = new AttributeCollection { { "name", "Contoso" } };
        SetReadOnly(attributes);

        Assert.IsTrue(attributes.IsReadOnly);
        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => attributes["name"] = "Fabrikam");
        Assert.AreEqual("The collection is read-only.", ex.Message);
        Assert.ThrowsExactly<InvalidOperationException>(() => attributes.Add("city", "Oslo"));
        Assert.ThrowsExactly<InvalidOperationException>(() => attributes.Remove("name"));
        Assert.ThrowsExactly<InvalidOperationException>(() => attributes.Clear());
        Assert.AreEqual("Contoso", attributes["name"]);
    }

    [TestMethod]
    public void KeyedCollectionType_DoesNotImplementDictionaryInterfaces()
    {
        var interfaces = typeof(DataCollection<string, object>).GetInterfaces();

        CollectionAssert.DoesNotContain(interfaces, typeof(IDictionary<string, object>));
        CollectionAssert.DoesNotContain(interfaces, typeof(ICollection<KeyValuePair<string, object>>));
        CollectionAssert.DoesNotContain(interfaces, typeof(IReadOnlyDictionary<string, object>));
        CollectionAssert.Contains(interfaces, typeof(IEnumerable<KeyValuePair<string, object>>));
    }

    [TestMethod]
    public void KeyedCollectionType_IsReadOnlySetter_IsNotPublic()
    {
        var property = typeof(DataCollection<string, object>).GetProperty("IsReadOnly")!;

        Assert.IsNull(property.GetSetMethod());
        Assert.IsTrue(property.GetGetMethod()!.IsVirtual);
    }

    [TestMethod]
    public void KeyedCollectionType_Constructors_AreProtectedInternal()
    {
        var constructors = typeof(DataCollection<string, object>).GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);

        Assert.AreEqual(2, constructors.Length);
        Assert.IsTrue(constructors.All(c => c.IsFamilyOrAssembly));
        Assert.IsTrue(typeof(DataCollection<string, object>).IsAbstract);
    }

    [TestMethod]
    public void ListCollectionType_HasNoPublicConstructor()
    {
        var constructors = typeof(DataCollection<string>).GetConstructors();

        Assert.AreEqual(0, constructors.Length);
        Assert.AreEqual(typeof(System.Collections.ObjectModel.Collection<string>), typeof(DataCollection<string>).BaseType);
    }

    [TestMethod]
    public void ListCollection_ConstructedFromList_CopiesRatherThanWraps()
    {
        var list = new List<EntityReference> { new("account", Ids.AccountId) };

        var collection = new EntityReferenceCollection(list);
        list.Add(new EntityReference("contact", Ids.ContactId));

        Assert.AreEqual(1, collection.Count);
    }

    [TestMethod]
    public void ListCollectionAddRange_Null_IsNoOp()
    {
        var collection = new OptionSetValueCollection();

        collection.AddRange((OptionSetValue[])null!);
        collection.AddRange((IEnumerable<OptionSetValue>)null!);

        Assert.AreEqual(0, collection.Count);
    }

    [TestMethod]
    public void ListCollectionToArray_ReturnsItemsInOrder()
    {
        var collection = new OptionSetValueCollection { new OptionSetValue(1) };
        collection.AddRange(new OptionSetValue(2), new OptionSetValue(3));

        var array = collection.ToArray();

        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, array.Select(o => o.Value).ToArray());
    }

    [TestMethod]
    public void ParameterCollectionAddOrUpdateIfNotNull_NullValue_LeavesCollectionUnchanged()
    {
        var parameters = new ParameterCollection { { "Target", "old" } };

        parameters.AddOrUpdateIfNotNull("Target", null!);
        parameters.AddOrUpdateIfNotNull("Other", 5);

        Assert.AreEqual("old", parameters["Target"]);
        Assert.AreEqual(5, parameters["Other"]);
    }

    [TestMethod]
    public void ParameterCollectionTryGetValueOfT_WrongTypeOrMissing_ReturnsFalse()
    {
        var target = new Entity("account");
        var parameters = new ParameterCollection { { "Target", target } };

        Assert.IsTrue(parameters.TryGetValue<Entity>("Target", out var entity));
        Assert.AreSame(target, entity);
        Assert.IsFalse(parameters.TryGetValue<EntityReference>("Target", out var reference));
        Assert.IsNull(reference);
        Assert.IsFalse(parameters.TryGetValue<Entity>("Missing", out _));
    }

    [TestMethod]
    public void ParameterCollectionTryGetValue_OutVar_BindsToNonGenericOverload()
    {
        var parameters = new ParameterCollection { { "Target", 5 } };

        var found = parameters.TryGetValue("Target", out var value);

        Assert.IsTrue(found);
        Assert.AreEqual(typeof(object), GetStaticType(value));
    }

    [TestMethod]
    public void ParameterCollectionTryGetValue_OutObject_BindsToGenericOverloadAndFindsValue()
    {
        var parameters = new ParameterCollection { { "Target", 5 } };

        var found = parameters.TryGetValue("Target", out object value);

        Assert.IsTrue(found);
        Assert.AreEqual(5, value);
    }

    [TestMethod]
    public void EntityCollection_ConstructedFromList_CopiesEntities()
    {
        var list = new List<Entity> { new("account", Ids.AccountId) };

        var collection = new EntityCollection(list);
        list.Clear();

        Assert.AreEqual(1, collection.Entities.Count);
        Assert.AreSame(collection.Entities[0], collection[0]);
    }

    [TestMethod]
    public void EntityCollection_Defaults_AreEmptyAndFalse()
    {
        var collection = new EntityCollection();

        Assert.IsNotNull(collection.Entities);
        Assert.AreEqual(0, collection.Entities.Count);
        Assert.IsFalse(collection.MoreRecords);
        Assert.IsNull(collection.PagingCookie);
        Assert.AreEqual(0, collection.TotalRecordCount);
        Assert.IsFalse(collection.TotalRecordCountLimitExceeded);
    }

    [TestMethod]
    public void EntityCollectionIndexer_Set_ReplacesEntity()
    {
        var collection = new EntityCollection(new List<Entity> { new("account") });
        var replacement = new Entity("contact");

        collection[0] = replacement;

        Assert.AreSame(replacement, collection.Entities[0]);
    }

    [TestMethod]
    public void EntityCollection_ComparesByReference()
    {
        Assert.AreNotEqual(new EntityCollection(), new EntityCollection());
    }

    [TestMethod]
    public void Collections_SameContent_CompareByReference()
    {
        var first = new AttributeCollection { { "a", 1 } };
        var second = new AttributeCollection { { "a", 1 } };

        Assert.IsFalse(first.Equals(second));
        Assert.IsFalse(new EntityReferenceCollection().Equals(new EntityReferenceCollection()));
    }

    [TestMethod]
    public void PrivateSetterCollections_InitializerSyntax_AddsThroughGetter()
    {
        var query = new QueryExpression("account")
        {
            LinkEntities = { new LinkEntity("account", "contact", "primarycontactid", "contactid", JoinOperator.Inner) },
            Orders = { new OrderExpression("name", OrderType.Ascending) },
            Criteria = { Conditions = { new ConditionExpression("name", ConditionOperator.Equal, "Contoso") } },
        };

        Assert.AreEqual(1, query.LinkEntities.Count);
        Assert.AreEqual(1, query.Orders.Count);
        Assert.AreEqual(1, query.Criteria.Conditions.Count);
    }

    [TestMethod]
    [DataRow(typeof(QueryExpression), "LinkEntities")]
    [DataRow(typeof(QueryExpression), "Orders")]
    [DataRow(typeof(FilterExpression), "Conditions")]
    [DataRow(typeof(FilterExpression), "Filters")]
    [DataRow(typeof(ConditionExpression), "Values")]
    [DataRow(typeof(LinkEntity), "LinkEntities")]
    [DataRow(typeof(LinkEntity), "Orders")]
    [DataRow(typeof(QueryByAttribute), "Attributes")]
    [DataRow(typeof(QueryByAttribute), "Values")]
    [DataRow(typeof(QueryByAttribute), "Orders")]
    [DataRow(typeof(EntityCollection), "Entities")]
    public void CollectionProperty_Setter_IsPrivate(Type type, string property)
    {
        var setter = type.GetProperty(property)!.GetSetMethod(nonPublic: true);

        Assert.IsNotNull(setter);
        Assert.IsTrue(setter.IsPrivate);
    }

    [TestMethod]
    [DataRow(typeof(Entity), "FormattedValues")]
    [DataRow(typeof(Entity), "RelatedEntities")]
    [DataRow(typeof(AliasedValue), "AttributeLogicalName")]
    [DataRow(typeof(AliasedValue), "EntityLogicalName")]
    [DataRow(typeof(AliasedValue), "Value")]
    public void Property_Setter_IsInternal(Type type, string property)
    {
        var setter = type.GetProperty(property)!.GetSetMethod(nonPublic: true);

        Assert.IsNotNull(setter);
        Assert.IsTrue(setter.IsAssembly);
    }

    [TestMethod]
    [DataRow(typeof(ColumnSet), "Columns")]
    [DataRow(typeof(Entity), "Attributes")]
    [DataRow(typeof(Entity), "KeyAttributes")]
    [DataRow(typeof(OrganizationRequest), "Parameters")]
    [DataRow(typeof(OrganizationResponse), "Results")]
    public void Property_Setter_IsPublic(Type type, string property)
    {
        Assert.IsNotNull(type.GetProperty(property)!.GetSetMethod());
    }

    [TestMethod]
    [DataRow(typeof(AttributeCollection), true)]
    [DataRow(typeof(FormattedValueCollection), true)]
    [DataRow(typeof(KeyAttributeCollection), true)]
    [DataRow(typeof(EntityImageCollection), false)]
    [DataRow(typeof(ParameterCollection), false)]
    [DataRow(typeof(RelatedEntityCollection), true)]
    [DataRow(typeof(EntityReferenceCollection), true)]
    [DataRow(typeof(OptionSetValueCollection), true)]
    [DataRow(typeof(Entity), false)]
    [DataRow(typeof(EntityReference), true)]
    [DataRow(typeof(OrganizationServiceFault), false)]
    public void Type_Sealedness_MatchesSdk(Type type, bool isSealed)
    {
        Assert.AreEqual(isSealed, type.IsSealed);
    }

    [TestMethod]
    public void ParameterCollection_DictionaryConstructor_IsProtected()
    {
        var constructor = typeof(ParameterCollection).GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, [typeof(IDictionary<string, object>)]);

        Assert.IsNotNull(constructor);
        Assert.IsTrue(constructor.IsFamily);
    }

    private static Type GetStaticType<T>(T value) => typeof(T);

    private static void SetReadOnly<TKey, TValue>(DataCollection<TKey, TValue> collection)
    {
        var setter = typeof(DataCollection<TKey, TValue>).GetProperty("IsReadOnly")!.GetSetMethod(nonPublic: true)!;
        setter.Invoke(collection, [true]);
    }
}
