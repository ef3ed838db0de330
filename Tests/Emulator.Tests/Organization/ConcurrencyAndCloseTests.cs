using System.ServiceModel;
using AccountPlanXrm.Emulator.Tests.Fixtures;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Emulator.Tests.Organization;

/// <summary>Row versions with optimistic concurrency, closing opportunities only through their close messages, hierarchy depth.</summary>
[TestClass]
public sealed class ConcurrencyAndCloseTests
{
    [TestMethod]
    public void RetrieveAndRetrieveMultiple_Row_CarriesItsRowVersion()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var id = service.Create(new Entity("account") { ["name"] = "Contoso" });

        // Act
        var retrieved = service.Retrieve("account", id, new ColumnSet("name"));
        var listed = service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities.Single();
        service.Update(new Entity("account", id) { ["name"] = "Contoso Ltd" });
        var after = service.Retrieve("account", id, new ColumnSet("name"));

        // Assert
        Assert.IsFalse(string.IsNullOrEmpty(retrieved.RowVersion));
        Assert.AreEqual(retrieved.RowVersion, listed.RowVersion);
        Assert.AreNotEqual(retrieved.RowVersion, after.RowVersion);
    }

    [TestMethod]
    public void Update_IfRowVersionMatchesWithStaleVersion_FaultsAndKeepsTheRow()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var id = service.Create(new Entity("account") { ["name"] = "Contoso" });
        var stale = service.Retrieve("account", id, new ColumnSet("name"));
        service.Update(new Entity("account", id) { ["name"] = "Other writer" });

        // Act
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Execute(new UpdateRequest
        {
            Target = new Entity("account", id) { ["name"] = "Lost update", RowVersion = stale.RowVersion },
            ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches,
        }));

        // Assert
        Assert.AreEqual(ErrorCodes.ConcurrencyVersionMismatch, fault.Detail.ErrorCode);
        Assert.AreEqual("The version of the existing record doesn't match the RowVersion property provided.", fault.Detail.Message);
        Assert.AreEqual("Other writer", emulator.Peek("account", id)!["name"]);
    }

    [TestMethod]
    public void UpdateAndDelete_IfRowVersionMatches_CurrentVersionSucceedsMissingVersionFaults()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var id = service.Create(new Entity("account") { ["name"] = "Contoso" });
        var current = service.Retrieve("account", id, new ColumnSet("name"));

        // Act
        service.Execute(new UpdateRequest
        {
            Target = new Entity("account", id) { ["name"] = "Contoso Ltd", RowVersion = current.RowVersion },
            ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches,
        });
        var missing = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Execute(new DeleteRequest
        {
            Target = new EntityReference("account", id),
            ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches,
        }));
        var stale = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => service.Execute(new DeleteRequest
        {
            Target = new EntityReference("account", id) { RowVersion = current.RowVersion },
            ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches,
        }));

        // Assert
        Assert.AreEqual("Contoso Ltd", emulator.Peek("account", id)!["name"]);
        Assert.AreEqual(ErrorCodes.ConcurrencyVersionNotProvided, missing.Detail.ErrorCode);
        Assert.AreEqual(ErrorCodes.ConcurrencyVersionMismatch, stale.Detail.ErrorCode);
        Assert.IsNotNull(emulator.Peek("account", id));
    }

    [TestMethod]
    public void UpdateOrSetState_OpportunityToLost_RefusedWithThePlatformMessage()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var id = service.Create(new Entity("opportunity") { ["name"] = "Deal" });

        // Act
        var update = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() =>
            service.Update(new Entity("opportunity", id) { ["statecode"] = new OptionSetValue(2), ["statuscode"] = new OptionSetValue(4) }));
        var setState = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() =>
            service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("opportunity", id), State = new OptionSetValue(1), Status = new OptionSetValue(3) }));

        // Assert
        Assert.AreEqual(
            "This message can not be used to set the state of opportunity to Lost. In order to set the state of opportunity to Lost, use the LoseOpportunityRequest message instead.",
            update.Detail.Message);
        StringAssert.Contains(setState.Detail.Message, "use the WinOpportunityRequest message instead");
        Assert.AreEqual(0, emulator.Peek("opportunity", id)!.GetAttributeValue<OptionSetValue>("statecode").Value);
    }

    [TestMethod]
    public void LoseThenSetStateOpen_ClosesThroughTheMessageAndReopens()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var id = service.Create(new Entity("opportunity") { ["name"] = "Deal" });

        // Act
        service.Execute(new LoseOpportunityRequest { OpportunityClose = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference("opportunity", id) }, Status = new OptionSetValue(4) });
        var lost = emulator.Peek("opportunity", id)!.GetAttributeValue<OptionSetValue>("statecode").Value;
        service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("opportunity", id), State = new OptionSetValue(0), Status = new OptionSetValue(1) });

        // Assert
        Assert.AreEqual(2, lost);
        Assert.AreEqual(0, emulator.Peek("opportunity", id)!.GetAttributeValue<OptionSetValue>("statecode").Value);
    }

    [TestMethod]
    public void UnderOrEqual_ChainDeeperThanTheLimit_StopsAtOneHundredLevels()
    {
        // Arrange
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var root = service.Create(new Entity("account") { ["name"] = "Level 0" });
        var parent = root;
        for (var level = 1; level <= 102; level++)
        {
            parent = service.Create(new Entity("account") { ["name"] = $"Level {level}", ["parentaccountid"] = new EntityReference("account", parent) });
        }

        // Act
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("accountid", ConditionOperator.UnderOrEqual, root);
        var under = service.RetrieveMultiple(query).Entities;
        var above = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        above.Criteria.AddCondition("accountid", ConditionOperator.AboveOrEqual, parent);
        var ancestors = service.RetrieveMultiple(above).Entities;

        // Assert
        Assert.AreEqual(101, under.Count, "the root and 100 levels below it");
        Assert.AreEqual(101, ancestors.Count, "the deepest account and 100 levels above it");
    }

    [TestMethod]
    public void FetchAggregate_AnyLinkEqOrUnderOnEitherLookup_SumsTheWholeSubtree()
    {
        // Arrange: group → company → subsidiary, and an unrelated account.
        var emulator = TestEmulator.Create();
        var service = emulator.GetService();
        var group = service.Create(new Entity("account") { ["name"] = "Group" });
        var company = service.Create(new Entity("account") { ["name"] = "Company", ["parentaccountid"] = new EntityReference("account", group) });
        var subsidiary = service.Create(new Entity("account") { ["name"] = "Subsidiary", ["parentaccountid"] = new EntityReference("account", company) });
        var other = service.Create(new Entity("account") { ["name"] = "Other" });
        service.Create(new Entity("opportunity") { ["name"] = "A", ["customerid"] = new EntityReference("account", subsidiary), ["estimatedvalue"] = new Money(100m) });
        service.Create(new Entity("opportunity") { ["name"] = "B", ["parentaccountid"] = new EntityReference("account", company), ["estimatedvalue"] = new Money(20m) });
        service.Create(new Entity("opportunity") { ["name"] = "C", ["customerid"] = new EntityReference("account", other), ["estimatedvalue"] = new Money(3m) });
        var fetch =
            "<fetch aggregate=\"true\"><entity name=\"opportunity\"><attribute name=\"estimatedvalue\" alias=\"total\" aggregate=\"sum\" />" +
            "<filter type=\"or\">" +
            $"<link-entity name=\"account\" from=\"accountid\" to=\"customerid\" link-type=\"any\"><filter><condition attribute=\"accountid\" operator=\"eq-or-under\" value=\"{group}\" /></filter></link-entity>" +
            $"<link-entity name=\"account\" from=\"accountid\" to=\"parentaccountid\" link-type=\"any\"><filter><condition attribute=\"accountid\" operator=\"eq-or-under\" value=\"{group}\" /></filter></link-entity>" +
            "</filter></entity></fetch>";

        // Act
        var row = service.RetrieveMultiple(new FetchExpression(fetch)).Entities.Single();

        // Assert
        Assert.AreEqual(120m, ((Money)((AliasedValue)row["total"]).Value).Value);
    }
}
