using System.Reflection;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Sdk.Tests;

[TestClass]
public sealed class ValueTests
{
    [TestMethod]
    public void MoneyEquals_SameValue_IsTrueWithEqualHashCodes()
    {
        var first = new Money(10.50m);
        var second = new Money(10.5m);

        Assert.IsTrue(first.Equals(second));
        Assert.AreEqual(first.GetHashCode(), second.GetHashCode());
        Assert.IsFalse(first.Equals(new Money(10.51m)));
        Assert.IsFalse(first.Equals(10.5m));
        Assert.IsFalse(first.Equals(null));
    }

    [TestMethod]
    public void OptionSetValueEquals_SameValue_IsTrueWithEqualHashCodes()
    {
        Assert.IsTrue(new OptionSetValue(3).Equals(new OptionSetValue(3)));
        Assert.AreEqual(new OptionSetValue(3).GetHashCode(), new OptionSetValue(3).GetHashCode());
        Assert.IsFalse(new OptionSetValue(3).Equals(new OptionSetValue(4)));
        Assert.IsFalse(new OptionSetValue(3).Equals(3));
    }

    [TestMethod]
    public void EntityReferenceEquals_SameIdAndLogicalName_IgnoresNameAndRowVersion()
    {
        var first = new EntityReference("account", Ids.AccountId) { Name = "Contoso", RowVersion = "1" };
        var second = new EntityReference("account", Ids.AccountId) { Name = "Other", RowVersion = "2" };

        Assert.IsTrue(first.Equals(second));
        Assert.AreEqual(first.GetHashCode(), second.GetHashCode());
    }

    [TestMethod]
    public void EntityReferenceEquals_DifferentId_IsFalse()
    {
        Assert.IsFalse(new EntityReference("account", Ids.AccountId).Equals(new EntityReference("account", Ids.ContactId)));
    }

    [TestMethod]
    public void EntityReferenceEquals_LogicalNameDifferingInCase_IsFalse()
    {
        Assert.IsFalse(new EntityReference("account", Ids.AccountId).Equals(new EntityReference("Account", Ids.AccountId)));
    }

    [TestMethod]
    public void EntityReferenceEquals_SameKeyAttributes_IsTrue()
    {
        var first = new EntityReference("account", "accountnumber", "A-1");
        var second = new EntityReference("account", new KeyAttributeCollection { { "accountnumber", "A-1" } });

        Assert.IsTrue(first.Equals(second));
    }

    [TestMethod]
    public void EntityReferenceEquals_DifferentKeyAttributes_IsFalse()
    {
        var first = new EntityReference("account", "accountnumber", "A-1");

        Assert.IsFalse(first.Equals(new EntityReference("account", "accountnumber", "A-2")));
        Assert.IsFalse(first.Equals(new EntityReference("account")));
    }

    [TestMethod]
    public void EntityReference_KeyConstructor_AddsToKeyAttributes()
    {
        var reference = new EntityReference("account", "accountnumber", "A-1");

        Assert.AreEqual("A-1", reference.KeyAttributes["accountnumber"]);
        Assert.AreEqual(Guid.Empty, reference.Id);
    }

    [TestMethod]
    public void RelationshipEquals_SameSchemaNameAndRole_IsTrue()
    {
        var first = new Relationship("account_contacts") { PrimaryEntityRole = EntityRole.Referenced };
        var second = new Relationship("account_contacts") { PrimaryEntityRole = EntityRole.Referenced };

        Assert.IsTrue(first.Equals(second));
        Assert.AreEqual(first.GetHashCode(), second.GetHashCode());
    }

    [TestMethod]
    public void RelationshipEquals_DifferentRoleOrCase_IsFalse()
    {
        var relationship = new Relationship("account_contacts");

        Assert.IsFalse(relationship.Equals(new Relationship("account_contacts") { PrimaryEntityRole = EntityRole.Referencing }));
        Assert.IsFalse(relationship.Equals(new Relationship("Account_Contacts")));
    }

    [TestMethod]
    public void RelationshipToString_WithAndWithoutRole_JoinsSchemaNameAndRole()
    {
        Assert.AreEqual("account_contacts.", new Relationship("account_contacts").ToString());
        Assert.AreEqual("account_parent.Referenced", new Relationship("account_parent") { PrimaryEntityRole = EntityRole.Referenced }.ToString());
    }

    [TestMethod]
    public void AliasedValue_Constructor_TakesEntityThenAttributeThenValue()
    {
        var value = new AliasedValue("contact", "fullname", "Ann Smith");

        Assert.AreEqual("contact", value.EntityLogicalName);
        Assert.AreEqual("fullname", value.AttributeLogicalName);
        Assert.AreEqual("Ann Smith", value.Value);
    }

    [TestMethod]
    public void AliasedValueEquals_SameContent_ComparesByReference()
    {
        Assert.IsFalse(new AliasedValue("contact", "fullname", "A").Equals(new AliasedValue("contact", "fullname", "A")));
    }

    [TestMethod]
    [DataRow(typeof(Money))]
    [DataRow(typeof(OptionSetValue))]
    [DataRow(typeof(EntityReference))]
    [DataRow(typeof(Relationship))]
    public void ValueType_OverridesEqualsButDefinesNoEqualityOperators(Type type)
    {
        Assert.AreEqual(type, type.GetMethod("Equals", [typeof(object)])!.DeclaringType);
        Assert.AreEqual(type, type.GetMethod("GetHashCode", Type.EmptyTypes)!.DeclaringType);
        Assert.IsNull(type.GetMethod("op_Equality", BindingFlags.Public | BindingFlags.Static));
        Assert.IsNull(type.GetMethod("op_Inequality", BindingFlags.Public | BindingFlags.Static));
    }

    [TestMethod]
    [DataRow(typeof(Entity))]
    [DataRow(typeof(AliasedValue))]
    [DataRow(typeof(EntityCollection))]
    [DataRow(typeof(AttributeCollection))]
    [DataRow(typeof(EntityReferenceCollection))]
    public void ReferenceType_DoesNotOverrideEquals(Type type)
    {
        Assert.AreEqual(typeof(object), type.GetMethod("Equals", [typeof(object)])!.DeclaringType);
    }

    [TestMethod]
    public void EntityReference_DoubleEqualsOperator_ComparesReferences()
    {
        var first = new EntityReference("account", Ids.AccountId);
        var second = new EntityReference("account", Ids.AccountId);

        Assert.IsFalse(first == second);
        Assert.IsTrue(first.Equals(second));
    }

    [TestMethod]
    public void BooleanManagedProperty_ValueConstructor_SetsValue()
    {
        var property = new BooleanManagedProperty(true) { CanBeChanged = true };

        Assert.IsTrue(property.Value);
        Assert.IsTrue(property.CanBeChanged);
        Assert.IsNull(property.ManagedPropertyLogicalName);
    }

    [TestMethod]
    public void LogicalNameAttributes_Constructor_ExposeLogicalNameAndTargets()
    {
        var entityAttribute = typeof(Account).GetCustomAttribute<Microsoft.Xrm.Sdk.Client.EntityLogicalNameAttribute>()!;
        var usage = typeof(AttributeLogicalNameAttribute).GetCustomAttribute<AttributeUsageAttribute>()!;

        Assert.AreEqual("account", entityAttribute.LogicalName);
        Assert.AreEqual("Microsoft.Xrm.Sdk.Client", typeof(Microsoft.Xrm.Sdk.Client.EntityLogicalNameAttribute).Namespace);
        Assert.AreEqual(AttributeTargets.Property, usage.ValidOn);
        Assert.AreEqual("name", new AttributeLogicalNameAttribute("name").LogicalName);
    }

    [TestMethod]
    public void EntityState_Values_MatchSdk()
    {
        AssertEnum<EntityState>(("Unchanged", 0), ("Created", 1), ("Changed", 2));
    }

    [TestMethod]
    public void EntityRole_Values_MatchSdk()
    {
        AssertEnum<EntityRole>(("Referencing", 0), ("Referenced", 1));
    }

    [TestMethod]
    public void ConcurrencyBehavior_Values_MatchSdk()
    {
        AssertEnum<ConcurrencyBehavior>(("Default", 0), ("IfRowVersionMatches", 1), ("AlwaysOverwrite", 2));
    }

    [TestMethod]
    public void OperationStatus_Values_MatchSdk()
    {
        AssertEnum<OperationStatus>(("Failed", 0), ("Canceled", 1), ("Retry", 2), ("Suspended", 3), ("Succeeded", 4));
    }

    [TestMethod]
    public void PluginHttpStatusCode_Values_MatchSdk()
    {
        AssertEnum<PluginHttpStatusCode>(
            ("NotSet", 0), ("BadRequest", 400), ("Unauthorized", 401), ("Forbidden", 403), ("NotFound", 404),
            ("MethodNotAllowed", 405), ("RequestTimeout", 408), ("Conflict", 409), ("Gone", 410),
            ("PreconditionFailed", 412), ("RequestEntityTooLarge", 413), ("FailedDependency", 424),
            ("TooManyRequests", 429), ("InternalServerError", 500), ("BadGateway", 502),
            ("ServiceUnavailable", 503), ("GatewayTimeout", 504));
    }

    internal static void AssertEnum<TEnum>(params (string Name, int Value)[] expected)
        where TEnum : struct, Enum
    {
        var actual = Enum.GetValues<TEnum>().Select(v => (Enum.GetName(v)!, Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        CollectionAssert.AreEqual(expected.Select(e => $"{e.Name}={e.Value}").ToArray(), actual.Select(a => $"{a.Item1}={a.Item2}").ToArray());
    }
}
