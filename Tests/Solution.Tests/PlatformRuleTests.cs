using System.Text.RegularExpressions;
using AccountPlanXrm.Solution.Packaging.Checking;
using AccountPlanXrm.Solution.Tests.Support;

namespace AccountPlanXrm.Solution.Tests;

/// <summary>Platform rules on a copy of the repository solution: app-provided tables must be declared, ownership masks as exports write them.</summary>
[TestClass]
public sealed partial class PlatformRuleTests
{
    [GeneratedRegex(@"\s*<MissingDependencies>.*?</MissingDependencies>", RegexOptions.Singleline)]
    private static partial Regex Dependencies();

    private static CheckResult CheckCopy(Func<string, string> solutionXml, Func<string, string>? templateEntity = null, Func<string, string>? planRibbon = null)
    {
        using var workspace = new FixtureWorkspace();
        var copy = workspace.Folder("repository");
        FixtureWorkspace.CopyDirectory(Repository.FindSolutionSource()!, copy);
        var solution = Path.Combine(copy, "Other", "Solution.xml");
        File.WriteAllText(solution, solutionXml(File.ReadAllText(solution)));
        if (templateEntity is not null)
        {
            var entity = Path.Combine(copy, "Entities", "apx_PlanTemplate", "Entity.xml");
            File.WriteAllText(entity, templateEntity(File.ReadAllText(entity)));
        }

        if (planRibbon is not null)
        {
            var ribbon = Path.Combine(copy, "Entities", "apx_AccountPlan", "RibbonDiff.xml");
            File.WriteAllText(ribbon, planRibbon(File.ReadAllText(ribbon)));
        }

        var schemas = Path.GetFullPath(Path.Combine(Repository.FindRoot()!, "..", "shared", "schemas", "dataverse"));
        return SolutionChecker.Check(new CheckOptions { SourceFolder = copy, SchemaFolder = Directory.Exists(schemas) ? schemas : null });
    }

    [TestMethod]
    public void Check_RepositorySolutionWithDeclaredOpportunity_ReportsNoDependencyWarning()
    {
        var result = CheckCopy(s => s);

        Assert.IsFalse(result.Findings.Any(f => f.RuleId == Rules.DependencyUndeclared), string.Join(Environment.NewLine, result.Findings));
    }

    [TestMethod]
    public void Check_OpportunityNotDeclared_WarnsOnEveryReferringComponent()
    {
        var result = CheckCopy(s => Dependencies().Replace(s, "\n    <MissingDependencies />"));

        var warnings = result.Findings.Where(f => f.RuleId == Rules.DependencyUndeclared).ToList();
        Assert.IsTrue(warnings.All(w => w.Severity == Severity.Warning));
        Assert.IsTrue(warnings.Any(w => w.File == "Other/Relationships/Opportunity.xml"), "relationship");
        Assert.IsTrue(warnings.Any(w => w.File.StartsWith("SdkMessageProcessingSteps/", StringComparison.Ordinal)), "plug-in step");
        Assert.IsTrue(warnings.Any(w => w.File.StartsWith("Roles/", StringComparison.Ordinal) && w.Message.Contains("prvAppendToOpportunity", StringComparison.Ordinal)), "role privilege");
        Assert.IsTrue(warnings.Any(w => w.File.StartsWith("AppModuleSiteMaps/", StringComparison.Ordinal)), "site map");
        Assert.IsTrue(warnings.All(w => w.Message.Contains("'opportunity'", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Check_OwnershipTypeMaskAsMetadataEnumName_ReportsError()
    {
        var result = CheckCopy(s => s, e => e.Replace("<OwnershipTypeMask>OrgOwned</OwnershipTypeMask>", "<OwnershipTypeMask>OrganizationOwned</OwnershipTypeMask>", StringComparison.Ordinal));

        var finding = result.Findings.Single(f => f.RuleId == Rules.OwnershipInvalid);
        Assert.AreEqual("Entities/apx_PlanTemplate/Entity.xml", finding.File);
        Assert.AreEqual(Severity.Error, finding.Severity);
        StringAssert.Contains(finding.Message, "OrganizationOwned");
    }

    [TestMethod]
    public void Check_RepositoryRibbon_ValidatesAgainstRibbonCoreSchema()
    {
        var result = CheckCopy(s => s);

        if (result.Notes.Any(n => n.StartsWith("skipped: schemas", StringComparison.Ordinal)))
        {
            Assert.Inconclusive("skipped: ../shared/schemas/dataverse not found");
        }

        Assert.IsFalse(result.Findings.Any(f => f.File.EndsWith("RibbonDiff.xml", StringComparison.Ordinal)), string.Join(Environment.NewLine, result.Findings));
    }

    [TestMethod]
    public void Check_RibbonButtonWithUnknownAttribute_ReportsSchemaFindingInRibbonDiff()
    {
        var result = CheckCopy(s => s, planRibbon: r => r.Replace("TemplateAlias=\"o1\"", "TemplateAlias=\"o1\" Colour=\"red\"", StringComparison.Ordinal));

        if (result.Notes.Any(n => n.StartsWith("skipped: schemas", StringComparison.Ordinal)))
        {
            Assert.Inconclusive("skipped: ../shared/schemas/dataverse not found");
        }

        var finding = result.Findings.FirstOrDefault(f => f.RuleId == Rules.SchemaInvalid);
        Assert.IsNotNull(finding, string.Join(Environment.NewLine, result.Findings));
        Assert.AreEqual("Entities/apx_AccountPlan/RibbonDiff.xml", finding.File);
    }
}
