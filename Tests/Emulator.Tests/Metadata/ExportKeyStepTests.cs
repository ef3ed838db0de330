using AccountPlanXrm.Emulator.Tests.Fixtures;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Emulator.Tests.Metadata;

/// <summary>
/// Steps of plug-in packages name their type by <c>PluginTypeExportKey</c> only (real-export facts §1): the solution loads,
/// and an emulator binds what it can and never fails on such a step.
/// </summary>
[TestClass]
public sealed class ExportKeyStepTests
{
    private const string UnresolvedKey = "5a1d6c1e-0000-4000-8000-0000000000e1";
    private const string ResolvedKey = "5a1d6c1e-0000-4000-8000-0000000000a1";

    [TestMethod]
    public void Read_StepWithUnknownExportKey_LoadsUnbound()
    {
        // Arrange
        using var folder = new SolutionCopy();
        folder.AddStep("5a1d6c1e-0000-4000-8000-0000000000c1", UnresolvedKey);

        // Act
        var solution = SolutionDefinition.Read(folder.Path);

        // Assert
        var step = solution.Steps.Single(s => s.Id == new Guid("5a1d6c1e-0000-4000-8000-0000000000c1"));
        Assert.AreEqual(UnresolvedKey, step.PluginTypeExportKey);
        Assert.AreEqual(string.Empty, step.PluginTypeName);
        Assert.AreEqual("Update", step.Message);
    }

    [TestMethod]
    public void Read_StepWithExportKeyOfASolutionType_ResolvesTheType()
    {
        // Arrange
        using var folder = new SolutionCopy();
        folder.AddStep("5a1d6c1e-0000-4000-8000-0000000000c2", ResolvedKey);

        // Act
        var solution = SolutionDefinition.Read(folder.Path);

        // Assert
        var step = solution.Steps.Single(s => s.Id == new Guid("5a1d6c1e-0000-4000-8000-0000000000c2"));
        Assert.AreEqual(typeof(DefaultNotesPlugin).FullName, step.PluginTypeName);
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void Build_SolutionWithPackageStep_BuildsAndRunsTheOtherSteps(bool withAssembly)
    {
        // Arrange
        using var folder = new SolutionCopy();
        folder.AddStep("5a1d6c1e-0000-4000-8000-0000000000c1", UnresolvedKey);
        var builder = XrmEmulator.Builder().WithSolution(folder.Path).WithClock(TestEmulator.Clock);
        if (withAssembly)
        {
            builder.WithPluginAssembly(typeof(TestEmulator).Assembly);
        }

        // Act
        var emulator = builder.Build();
        var service = emulator.GetService();
        var id = service.Create(new Entity("tst_project") { ["tst_name"] = "Package step" });
        service.Update(new Entity("tst_project", id) { ["tst_name"] = "Renamed" });

        // Assert
        var notes = service.Retrieve("tst_project", id, new Microsoft.Xrm.Sdk.Query.ColumnSet("tst_notes")).GetAttributeValue<string>("tst_notes");
        Assert.AreEqual(withAssembly ? "notes from configuration" : null, notes);
    }

    /// <summary>A temporary copy of the fixture solution.</summary>
    private sealed class SolutionCopy : IDisposable
    {
        public SolutionCopy()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "apx-emulator-tests", Guid.NewGuid().ToString("N"));
            foreach (var file in Directory.EnumerateFiles(TestEmulator.SolutionFolder, "*", SearchOption.AllDirectories))
            {
                var target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(TestEmulator.SolutionFolder, file));
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        public string Path { get; }

        public void AddStep(string stepId, string exportKey) =>
            File.WriteAllText(System.IO.Path.Combine(Path, "SdkMessageProcessingSteps", "{" + stepId + "}.xml"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <SdkMessageProcessingStep Name="PackageStep: Update of tst_project" SdkMessageProcessingStepId="{"{" + stepId + "}"}">
                  <SdkMessageId>20bebb1b-ea3e-db11-86a7-000a3a5473e8</SdkMessageId>
                  <PluginTypeExportKey>{exportKey}</PluginTypeExportKey>
                  <PrimaryEntity>tst_project</PrimaryEntity>
                  <FilteringAttributes>tst_name</FilteringAttributes>
                  <Mode>0</Mode>
                  <Rank>1</Rank>
                  <Stage>20</Stage>
                  <SdkMessageProcessingStepImages />
                </SdkMessageProcessingStep>
                """);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }
}
