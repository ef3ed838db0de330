using AccountPlanXrm.Emulator.Metadata;

namespace AccountPlanXrm.Emulator.Tests.Metadata;

[TestClass]
public sealed class BaselineMetadataTests
{
    [TestMethod]
    public void Baseline_Account_HasParentAccountHierarchy()
    {
        // Arrange
        var metadata = SolutionDefinition.Baseline.Metadata;

        // Act
        var account = metadata.FindTable("account");

        // Assert
        Assert.IsNotNull(account);
        Assert.AreEqual("accountid", account.PrimaryIdAttribute);
        Assert.AreEqual("name", account.PrimaryNameAttribute);
        Assert.AreEqual("parentaccountid", account.HierarchyParentAttribute);
    }

    [TestMethod]
    public void Baseline_Opportunity_StatusReasonsBelongToOpenWonLost()
    {
        // Arrange
        var opportunity = SolutionDefinition.Baseline.Metadata.FindTable("opportunity")!;

        // Act
        var won = opportunity.StatusColumn!.FindOption(3);
        var outSold = opportunity.StatusColumn.FindOption(5);

        // Assert
        Assert.AreEqual(1, won!.State);
        Assert.AreEqual(2, outSold!.State);
        Assert.AreEqual(1, opportunity.DefaultStatusOf(0));
        Assert.AreEqual(3, opportunity.DefaultStatusOf(1));
        Assert.AreEqual(4, opportunity.DefaultStatusOf(2));
    }

    [TestMethod]
    public void Baseline_TeamMembership_IsIntersectOfSystemUserAndTeam()
    {
        // Arrange
        var metadata = SolutionDefinition.Baseline.Metadata;

        // Act
        var relationship = metadata.FindRelationship("teammembership_association");
        var intersect = metadata.FindTable("teammembership");

        // Assert
        Assert.IsNotNull(relationship);
        Assert.IsTrue(relationship.IsManyToMany);
        Assert.IsNotNull(intersect);
        Assert.IsTrue(intersect.Columns.ContainsKey("systemuserid"));
        Assert.IsTrue(intersect.Columns.ContainsKey("teamid"));
    }
}
