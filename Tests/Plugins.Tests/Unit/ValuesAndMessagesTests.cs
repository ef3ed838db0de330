using AccountPlanXrm.Plugins.Infrastructure;
using AccountPlanXrm.Plugins.Model;
using AccountPlanXrm.Plugins.Resources;
using AccountPlanXrm.Plugins.Tests.Fakes;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Plugins.Tests.Unit;

[TestClass]
public sealed class ValuesAndMessagesTests
{
    [TestMethod]
    public void Money_WrongType_ThrowsLocalizedInvalidPluginExecutionException()
    {
        var row = new Entity(Plan.EntityName) { [Plan.RevenueTarget] = 12.5m };

        var error = Assert.ThrowsExactly<InvalidPluginExecutionException>(() => Values.Money(row, Plan.RevenueTarget, new Messages(UserLanguage.German)));

        Assert.AreEqual("Die Spalte Umsatzziel (apx_revenuetarget) hat den falschen Typ: Money erwartet.", error.Message);
    }

    [TestMethod]
    public void Merge_TargetOverPreImage_TargetWins()
    {
        var pre = new Entity(Plan.EntityName, Guid.Parse("10000000-0000-0000-0000-000000000001")) { [Plan.Name] = "old", [Plan.Products] = "p" };
        var target = new Entity(Plan.EntityName) { [Plan.Name] = "new" };

        var merged = Values.Merge(pre, target);

        Assert.AreEqual("new", merged[Plan.Name]);
        Assert.AreEqual("p", merged[Plan.Products]);
        Assert.AreEqual(pre.Id, merged.Id);
    }

    [TestMethod]
    [DataRow(1.5, 1.5, true)]
    [DataRow(1.5, 1.6, false)]
    public void SameValue_MoneyAgainstDecimal_ComparesAmounts(double left, double right, bool expected)
    {
        Assert.AreEqual(expected, Values.SameValue(new Money((decimal)left), new Money((decimal)right)));
    }

    [TestMethod]
    public void SameValue_EmptyStringAndNull_AreTheSame()
    {
        Assert.IsTrue(Values.SameValue(string.Empty, null));
    }

    [TestMethod]
    public void Messages_LanguageSource_ReadOnlyOnFirstText()
    {
        var reads = 0;
        var messages = new Messages(() => { reads++; return UserLanguage.German; });
        Assert.AreEqual(0, reads);

        var text = messages.AccountRequired();
        messages.AccountRequired();

        Assert.AreEqual(1, reads);
        StringAssert.StartsWith(text, "Ein Accountplan");
    }

    [TestMethod]
    public void Amount_German_SwapsSeparators()
    {
        Assert.AreEqual("1.234.567,50", new Messages(UserLanguage.German).Amount(1234567.5m));
        Assert.AreEqual("1,234,567.50", Messages.English.Amount(1234567.5m));
    }

    [TestMethod]
    public void UserLanguage_GermanSettings_ReturnsGerman()
    {
        var service = new FakeOrganizationService
        {
            OnRetrieveMultiple = _ => new EntityCollection([new Entity(UserSettings.EntityName) { [UserSettings.UiLanguageId] = UserLanguage.German }]),
        };

        Assert.AreEqual(UserLanguage.German, UserLanguage.Read(service, Guid.Parse("30000000-0000-0000-0000-000000000001")));
    }

    [TestMethod]
    public void UserLanguage_FaultReadingSettings_FallsBackToEnglish()
    {
        var service = new FakeOrganizationService { OnRetrieveMultiple = _ => throw FakeOrganizationService.Fault(-2147220969, "no usersettings") };

        Assert.AreEqual(UserLanguage.English, UserLanguage.Read(service, Guid.Parse("30000000-0000-0000-0000-000000000001")));
    }
}
