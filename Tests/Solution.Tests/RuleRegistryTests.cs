using AccountPlanXrm.Solution.Packaging.Checking;
using AccountPlanXrm.Solution.Tests.Support;

namespace AccountPlanXrm.Solution.Tests;

[TestClass]
public sealed class RuleRegistryTests
{
    [TestMethod]
    public void Rules_All_IdsAreUnique()
    {
        // Arrange
        var ids = Rules.All.Select(r => r.Id).ToList();

        // Act
        var repeated = ids.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        // Assert
        Assert.IsEmpty(repeated, string.Join(", ", repeated));
    }

    [TestMethod]
    public void RuleRegistry_EveryRuleId_BelongsToExactlyOneRuleClass()
    {
        // Arrange
        var owners = RuleRegistry.All.SelectMany(rule => rule.Ids.Select(id => (Id: id, Rule: rule.GetType().Name))).ToList();

        // Act
        var wrong = Rules.All
            .Select(r => (r.Id, Owners: owners.Where(o => o.Id == r.Id).Select(o => o.Rule).ToList()))
            .Where(r => r.Owners.Count != 1)
            .Select(r => $"{r.Id}: {(r.Owners.Count == 0 ? "no rule" : string.Join(", ", r.Owners))}")
            .ToList();
        var unlisted = owners.Select(o => o.Id).Except(Rules.All.Select(r => r.Id), StringComparer.Ordinal).ToList();

        // Assert
        Assert.IsEmpty(wrong, string.Join(Environment.NewLine, wrong));
        Assert.IsEmpty(unlisted, "ids a rule reports but Rules.All does not describe: " + string.Join(", ", unlisted));
    }

    [TestMethod]
    public void RuleRegistry_All_ListsEachRuleClassOnce()
    {
        // Arrange
        var types = RuleRegistry.All.Select(r => r.GetType()).ToList();

        // Act
        var implemented = typeof(ICheckRule).Assembly.GetTypes().Where(t => typeof(ICheckRule).IsAssignableFrom(t) && !t.IsInterface && !t.IsAbstract).ToList();

        // Assert
        Assert.HasCount(types.Distinct().Count(), types, "a rule class is listed twice");
        CollectionAssert.AreEquivalent(implemented, types, "every rule class is in the registry");
    }

    [TestMethod]
    public void Check_RuleReportsAnIdItDoesNotOwn_Throws()
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        var options = new CheckOptions { SourceFolder = workspace.Source };

        // Act
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => SolutionChecker.Check(options, [new ForeignIdRule()]));

        // Assert
        StringAssert.Contains(error.Message, nameof(ForeignIdRule));
        StringAssert.Contains(error.Message, Rules.Prefix);
    }

    [TestMethod]
    public void Check_SubsetOfRules_ReportsOnlyTheirIds()
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        workspace.Replace("Other/Solution.xml", "<CustomizationPrefix>apx</CustomizationPrefix>", "<CustomizationPrefix>zzz</CustomizationPrefix>");
        var options = new CheckOptions { SourceFolder = workspace.Source, HouseRules = true };

        // Act
        var all = SolutionChecker.Check(options);
        var prefixOnly = SolutionChecker.Check(options, [new PrefixRule()]);

        // Assert
        Assert.IsNotEmpty(prefixOnly.Findings);
        Assert.IsTrue(prefixOnly.Findings.All(f => f.RuleId == Rules.Prefix), string.Join(Environment.NewLine, prefixOnly.Findings));
        CollectionAssert.AreEqual(all.Findings.Where(f => f.RuleId == Rules.Prefix).ToList(), prefixOnly.Findings.ToList());
    }

    private sealed class ForeignIdRule : ICheckRule
    {
        public IReadOnlyList<string> Ids { get; } = [Rules.LabelMissing];

        public void Check(RuleContext context) => context.Report("Other/Solution.xml", null, Rules.Prefix, Severity.Error, "not this rule's id");
    }
}
