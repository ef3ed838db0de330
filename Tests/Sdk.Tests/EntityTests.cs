using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Sdk.Tests;

[TestClass]
public sealed class EntityTests
{
    [TestMethod]
    public void Constructor_NameAndId_SetsLogicalNameAndIdWithoutAttributes()
    {
        var entity = new Entity("account", Ids.AccountId);

        Assert.AreEqual("account", entity.LogicalName);
        Assert.AreEqual(Ids.AccountId, entity.Id);
        Assert.AreEqual(0, entity.Attributes.Count);
    }

    [TestMethod]
    public void Constructor_KeyNameAndValue_AddsToKeyAttributesNotAttributes()
    {
        var entity = new Entity("account", "accountnumber", "A-1");

        Assert.AreEqual("A-1", entity.KeyAttributes["accountnumber"]);
        Assert.IsFalse(entity.Contains("accountnumber"));
        Assert.AreEqual(Guid.Empty, entity.Id);
    }

    [TestMethod]
    public void Constructor_KeyAttributeCollection_UsesThatCollection()
    {
        var keys = new KeyAttributeCollection { { "accountnumber", "A-1" } };

        var entity = new Entity("account", keys);

        Assert.AreSame(keys, entity.KeyAttributes);
    }

    [TestMethod]
    public void Collections_NewEntity_AreCreatedLazilyAndNeverNull()
    {
        var entity = new Entity();

        Assert.IsNotNull(entity.Attributes);
        Assert.IsNotNull(entity.FormattedValues);
        Assert.IsNotNull(entity.RelatedEntities);
        Assert.IsNotNull(entity.KeyAttributes);
        var first = entity.Attributes;
        var second = entity.Attributes;
        Assert.AreSame(first, second);
    }

    [TestMethod]
    public void Attributes_SetToNull_GetReturnsNewEmptyCollection()
    {
        var entity = new Entity("account") { ["name"] = "Contoso" };

        entity.Attributes = null;

        Assert.AreEqual(0, entity.Attributes!.Count);
    }

    [TestMethod]
    public void Indexer_MissingKey_ThrowsKeyNotFoundExceptionWithDictionaryMessage()
    {
        var entity = new Entity("account");

        var ex = Assert.ThrowsExactly<KeyNotFoundException>(() => entity["name"]);

        Assert.AreEqual("The given key was not present in the dictionary.", ex.Message);
    }

    [TestMethod]
    public void Indexer_Set_AddsThenOverwrites()
    {
        var entity = new Entity("account");

        entity["name"] = "Contoso";
        entity["name"] = "Fabrikam";

        Assert.AreEqual("Fabrikam", entity["name"]);
        Assert.AreEqual(1, entity.Attributes.Count);
    }

    [TestMethod]
    public void Indexer_DelegatesToAttributes()
    {
        var entity = new Entity("account");

        entity.Attributes["name"] = "Contoso";

        Assert.AreEqual("Contoso", entity["name"]);
    }

    [TestMethod]
    public void Indexer_KeyDifferingInCase_IsADifferentKey()
    {
        var entity = new Entity("account") { ["name"] = "Contoso" };

        Assert.IsFalse(entity.Contains("Name"));
        Assert.ThrowsExactly<KeyNotFoundException>(() => entity["NAME"]);
    }

    [TestMethod]
    public void Contains_NullValue_IsTrue()
    {
        var entity = new Entity("account") { ["name"] = null };

        Assert.IsTrue(entity.Contains("name"));
    }

    [TestMethod]
    public void GetAttributeValue_MissingAttribute_ReturnsDefault()
    {
        var entity = new Entity("account");

        Assert.IsNull(entity.GetAttributeValue<string>("name"));
        Assert.IsNull(entity.GetAttributeValue<EntityReference>("parentaccountid"));
        Assert.IsNull(entity.GetAttributeValue<int?>("numberofemployees"));
        Assert.AreEqual(0, entity.GetAttributeValue<int>("numberofemployees"));
        Assert.IsFalse(entity.GetAttributeValue<bool>("donotemail"));
        Assert.AreEqual(DateTime.MinValue, entity.GetAttributeValue<DateTime>("createdon"));
        Assert.AreEqual(Guid.Empty, entity.GetAttributeValue<Guid>("accountid"));
        Assert.AreEqual(0m, entity.GetAttributeValue<decimal>("exchangerate"));
    }

    [TestMethod]
    public void GetAttributeValue_NullValue_ReturnsDefault()
    {
        var entity = new Entity("account") { ["numberofemployees"] = null };

        Assert.AreEqual(0, entity.GetAttributeValue<int>("numberofemployees"));
        Assert.IsNull(entity.GetAttributeValue<int?>("numberofemployees"));
    }

    [TestMethod]
    public void GetAttributeValue_MatchingType_ReturnsValue()
    {
        var money = new Money(12.5m);
        var entity = new Entity("account") { ["revenue"] = money, ["numberofemployees"] = 7 };

        Assert.AreSame(money, entity.GetAttributeValue<Money>("revenue"));
        Assert.AreEqual(7, entity.GetAttributeValue<int>("numberofemployees"));
        Assert.AreEqual(7, entity.GetAttributeValue<int?>("numberofemployees"));
        Assert.AreSame(money, entity.GetAttributeValue<object>("revenue"));
    }

    [TestMethod]
    public void GetAttributeValue_IntReadAsLong_ThrowsInvalidCastException()
    {
        var entity = new Entity("account") { ["numberofemployees"] = 7 };

        Assert.ThrowsExactly<InvalidCastException>(() => entity.GetAttributeValue<long>("numberofemployees"));
    }

    [TestMethod]
    public void GetAttributeValue_OptionSetValueReadAsInt_ThrowsInvalidCastException()
    {
        var entity = new Entity("account") { ["industrycode"] = new OptionSetValue(3) };

        Assert.ThrowsExactly<InvalidCastException>(() => entity.GetAttributeValue<int>("industrycode"));
    }

    [TestMethod]
    public void GetAttributeValue_WrongReferenceType_ThrowsInvalidCastException()
    {
        var entity = new Entity("account") { ["name"] = "Contoso" };

        Assert.ThrowsExactly<InvalidCastException>(() => entity.GetAttributeValue<EntityReference>("name"));
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("   ")]
    public void GetAttributeValue_NullOrWhitespaceName_ThrowsArgumentNullException(string? name)
    {
        var entity = new Entity("account");

        Assert.ThrowsExactly<ArgumentNullException>(() => entity.GetAttributeValue<string>(name!));
    }

    [TestMethod]
    public void TryGetAttributeValue_MissingOrNull_ReturnsFalseAndDefault()
    {
        var entity = new Entity("account") { ["name"] = null };

        Assert.IsFalse(entity.TryGetAttributeValue<string>("name", out var name));
        Assert.IsNull(name);
        Assert.IsFalse(entity.TryGetAttributeValue<int>("numberofemployees", out var count));
        Assert.AreEqual(0, count);
    }

    [TestMethod]
    public void TryGetAttributeValue_ValueOfType_ReturnsTrueAndValue()
    {
        var entity = new Entity("account") { ["name"] = "Contoso" };

        Assert.IsTrue(entity.TryGetAttributeValue<string>("name", out var name));
        Assert.AreEqual("Contoso", name);
    }

    [TestMethod]
    public void TryGetAttributeValue_ConvertibleValue_ConvertsWithTypeConverter()
    {
        var entity = new Entity("account") { ["numberofemployees"] = "42" };

        Assert.IsTrue(entity.TryGetAttributeValue<int>("numberofemployees", out var count));
        Assert.AreEqual(42, count);
    }

    [TestMethod]
    public void TryGetAttributeValue_InconvertibleValue_ReturnsFalseWithoutThrowing()
    {
        var entity = new Entity("account") { ["numberofemployees"] = "many", ["industrycode"] = new OptionSetValue(3) };

        Assert.IsFalse(entity.TryGetAttributeValue<int>("numberofemployees", out var count));
        Assert.AreEqual(0, count);
        Assert.IsFalse(entity.TryGetAttributeValue<Money>("industrycode", out var money));
        Assert.IsNull(money);
    }

    [TestMethod]
    public void ToEntityReference_CopiesLogicalNameIdAndRowVersionOnly()
    {
        var entity = new Entity("account", Ids.AccountId) { RowVersion = "42", ["name"] = "Contoso" };
        entity.KeyAttributes["accountnumber"] = "A-1";

        var reference = entity.ToEntityReference();

        Assert.AreEqual("account", reference.LogicalName);
        Assert.AreEqual(Ids.AccountId, reference.Id);
        Assert.AreEqual("42", reference.RowVersion);
        Assert.IsNull(reference.Name);
        Assert.AreEqual(0, reference.KeyAttributes.Count);
    }

    [TestMethod]
    public void ToEntity_Entity_ReturnsShallowCopySharingCollections()
    {
        var entity = new Entity("account", Ids.AccountId) { ["name"] = "Contoso", RowVersion = "7", EntityState = EntityState.Changed };

        var copy = entity.ToEntity<Entity>();

        Assert.AreNotSame(entity, copy);
        Assert.AreEqual("account", copy.LogicalName);
        Assert.AreEqual(Ids.AccountId, copy.Id);
        Assert.AreEqual("7", copy.RowVersion);
        Assert.AreEqual(EntityState.Changed, copy.EntityState);
        Assert.AreSame(entity.Attributes, copy.Attributes);
        Assert.AreSame(entity.FormattedValues, copy.FormattedValues);
        Assert.AreSame(entity.KeyAttributes, copy.KeyAttributes);
        Assert.AreSame(entity.RelatedEntities, copy.RelatedEntities);
    }

    [TestMethod]
    public void ToEntity_EarlyBoundWithMatchingName_ReturnsTypedShallowCopy()
    {
        var entity = new Entity("account", Ids.AccountId) { ["name"] = "Contoso" };

        var account = entity.ToEntity<Account>();

        Assert.AreEqual("Contoso", account.Name);
        Assert.AreEqual(Ids.AccountId, account.Id);
        Assert.AreSame(entity.Attributes, account.Attributes);
    }

    [TestMethod]
    public void ToEntity_EmptyLogicalName_ThrowsNotSupportedException()
    {
        var entity = new Entity();

        var ex = Assert.ThrowsExactly<NotSupportedException>(() => entity.ToEntity<Account>());

        Assert.AreEqual("LogicalName must be set before calling ToEntity()", ex.Message);
    }

    [TestMethod]
    public void ToEntity_TypeWithoutEntityLogicalNameAttribute_ThrowsNotSupportedException()
    {
        var entity = new Entity("account");

        Assert.ThrowsExactly<NotSupportedException>(() => entity.ToEntity<UnnamedEntity>());
    }

    [TestMethod]
    public void ToEntity_DifferentLogicalName_ThrowsNotSupportedExceptionNamingBoth()
    {
        var entity = new Entity("contact");

        var ex = Assert.ThrowsExactly<NotSupportedException>(() => entity.ToEntity<Account>());

        Assert.AreEqual("Cannot convert entity contact to account", ex.Message);
    }

    [TestMethod]
    public void Id_Set_DoesNotAddPrimaryKeyAttribute()
    {
        var entity = new Entity("account") { Id = Ids.AccountId };

        Assert.IsFalse(entity.Contains("accountid"));
    }

    [TestMethod]
    public void PrimaryKeyAttribute_Set_DoesNotChangeId()
    {
        var entity = new Entity("account") { ["accountid"] = Ids.AccountId };

        Assert.AreEqual(Guid.Empty, entity.Id);
    }

    [TestMethod]
    public void Equals_SameNameAndId_ComparesByReference()
    {
        var first = new Entity("account", Ids.AccountId);
        var second = new Entity("account", Ids.AccountId);

        Assert.AreNotEqual(first, second);
        Assert.AreEqual(first, first);
    }

    [TestMethod]
    public void SetAttributeValue_FromEarlyBoundProperty_WritesAttribute()
    {
        var account = new Account { Name = "Contoso" };

        Assert.AreEqual("Contoso", account["name"]);
    }

    [TestMethod]
    public void GetFormattedAttributeValue_Absent_ReturnsNull()
    {
        var account = new Account();

        Assert.IsNull(account.FormattedName);
    }

    [TestMethod]
    public void RelatedEntity_SetThenGet_RoundTripsThroughRelatedEntities()
    {
        var contact = new Entity("contact", Ids.ContactId);
        var account = new Account { PrimaryContact = contact };

        Assert.AreSame(contact, account.PrimaryContact);
        Assert.IsTrue(account.RelatedEntities.Contains(new Relationship("account_primary_contact")));
    }

    [TestMethod]
    public void FormattedValues_MissingKey_ThrowsKeyNotFoundException()
    {
        var entity = new Entity("account");

        Assert.ThrowsExactly<KeyNotFoundException>(() => entity.FormattedValues["industrycode"]);
    }
}
