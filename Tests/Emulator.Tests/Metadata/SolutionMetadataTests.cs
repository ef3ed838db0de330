using AccountPlanXrm.Emulator.Metadata;
using AccountPlanXrm.Emulator.Pipeline;
using AccountPlanXrm.Emulator.Tests.Fixtures;

namespace AccountPlanXrm.Emulator.Tests.Metadata;

[TestClass]
public sealed class SolutionMetadataTests
{
    [TestMethod]
    public void Read_CustomTable_HasColumnTypesLengthsRangesAndChoices()
    {
        // Arrange
        var solution = SolutionDefinition.Load(TestEmulator.SolutionFolder);

        // Act
        var project = solution.Metadata.FindTable("tst_project")!;

        // Assert
        Assert.AreEqual("tst_projectid", project.PrimaryIdAttribute);
        Assert.AreEqual("tst_name", project.PrimaryNameAttribute);
        Assert.AreEqual(100, project.Columns["tst_name"].MaxLength);
        Assert.AreEqual(ColumnType.Money, project.Columns["tst_budget"].Type);
        Assert.AreEqual(100m, project.Columns["tst_score"].MaxValue);
        Assert.AreEqual(2, project.Columns["tst_rate"].Precision);
        Assert.IsTrue(project.Columns["tst_startdate"].DateOnly);
        Assert.AreEqual("High", project.Columns["tst_priority"].FindOption(100000001)!.Label);
        Assert.AreEqual(1, project.Columns["statuscode"].FindOption(100000001)!.State);
        CollectionAssert.Contains(project.BaseMoneyColumns.ToList(), ("tst_budget", "tst_budget_base"));
        Assert.AreEqual("tst_project_name", project.Keys.Single().LogicalName);
    }

    [TestMethod]
    public void Read_Relationships_ResolveLookupTargetsAndCascades()
    {
        // Arrange
        var metadata = SolutionDefinition.Load(TestEmulator.SolutionFolder).Metadata;

        // Act
        var project = metadata.FindTable("tst_project")!;
        var account = metadata.FindTable("account")!;

        // Assert
        CollectionAssert.AreEqual(new[] { "account" }, project.Columns["tst_accountid"].Targets.ToArray());
        CollectionAssert.AreEquivalent(new[] { "systemuser", "team" }, project.Columns["ownerid"].Targets.ToArray());
        Assert.AreEqual(CascadeDelete.Restrict, account.OneToMany.Single(r => r.SchemaName == "tst_account_tst_project").CascadeDelete);
        Assert.AreEqual(CascadeDelete.Cascade, project.OneToMany.Single(r => r.SchemaName == "tst_project_tst_task").CascadeDelete);
        Assert.IsTrue(metadata.FindRelationship("tst_project_contact")!.IsManyToMany);
        Assert.IsNotNull(metadata.FindTable("tst_project_contact"));
    }

    [TestMethod]
    public void Read_Steps_MessageFromSdkMessageIdWithImagesAndFilters()
    {
        // Arrange
        var solution = SolutionDefinition.Load(TestEmulator.SolutionFolder);

        // Act
        var update = solution.Steps.Single(s => s.Message == "Update");

        // Assert
        Assert.AreEqual("tst_project", update.PrimaryEntity);
        Assert.AreEqual(PipelineStage.PostOperation, update.Stage);
        Assert.AreEqual(StepMode.Synchronous, update.Mode);
        CollectionAssert.AreEqual(new[] { "tst_score" }, update.FilteringAttributes.ToArray());
        Assert.AreEqual(ImageType.Both, update.Images.Single().Type);
        CollectionAssert.AreEqual(new[] { "tst_score", "tst_name" }, update.Images.Single().Attributes.ToArray());
        Assert.AreEqual(typeof(ScoreAuditPlugin).FullName, update.PluginTypeName);
    }

    [TestMethod]
    public void Read_CustomApi_ParametersAndPluginType()
    {
        // Arrange
        var solution = SolutionDefinition.Load(TestEmulator.SolutionFolder);

        // Act
        var api = solution.CustomApis.Single();

        // Assert
        Assert.AreEqual("tst_Echo", api.UniqueName);
        Assert.AreEqual(typeof(EchoApiPlugin).FullName, api.PluginTypeName);
        Assert.IsFalse(api.RequestParameters.Single().IsOptional);
        Assert.AreEqual("Echo", api.ResponseProperties.Single().UniqueName);
    }

    [TestMethod]
    public void Load_SameFolderTwice_ReturnsTheCachedImmutableDefinition()
    {
        // Arrange
        var first = SolutionDefinition.Load(TestEmulator.SolutionFolder);

        // Act
        var second = SolutionDefinition.Load(TestEmulator.SolutionFolder + Path.DirectorySeparatorChar);

        // Assert
        Assert.AreSame(first, second);
    }

    [TestMethod]
    public void RepositorySolution_Loads_WithEveryStepBoundToAKnownMessage()
    {
        // Arrange
        var folder = AccountPlanXrm.TestSupport.Repository.FindSolutionSource();
        if (folder == null)
        {
            Assert.Inconclusive("Solution/src is not present next to the test assembly's repository.");
        }

        // Act
        var solution = SolutionDefinition.Read(folder);

        // Assert
        Assert.IsTrue(solution.Metadata.Tables.Any(t => t.LogicalName.StartsWith("apx_", StringComparison.Ordinal)));
        foreach (var table in solution.Metadata.Tables)
        {
            foreach (var column in table.Columns.Values.Where(c => c.IsLookup))
            {
                Assert.IsTrue(column.Targets.All(t => solution.Metadata.FindTable(t) != null), $"{table.LogicalName}.{column.LogicalName} targets {string.Join(",", column.Targets)}");
            }
        }

        Assert.IsTrue(solution.Steps.All(s => !string.IsNullOrEmpty(s.Message) && !string.IsNullOrEmpty(s.PluginTypeName)));
    }
}
