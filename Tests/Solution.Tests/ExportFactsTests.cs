using System.Xml.Linq;
using AccountPlanXrm.Solution.Packaging;
using AccountPlanXrm.Solution.Tests.Support;

namespace AccountPlanXrm.Solution.Tests;

/// <summary>
/// The repository solution follows what real exported solutions contain (../shared/reference/real-export-facts.md §1):
/// one test per fact, on the unpacked source and, where the packer assembles the shape, on the merged customizations.
/// </summary>
[TestClass]
public sealed class ExportFactsTests
{
    private static readonly string[] SystemViewTypes = ["1", "2", "4", "64"];

    private static string Source => Repository.FindSolutionSource() ?? throw new AssertFailedException("Solution/src not found above the test folder");

    private static IEnumerable<(string File, XDocument Document)> Documents(string folder, string pattern = "*.xml")
    {
        var path = Path.Combine(Source, folder);
        return Directory.Exists(path)
            ? Directory.EnumerateFiles(path, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f => (Path.GetRelativePath(Source, f), XDocument.Load(f, LoadOptions.SetLineInfo)))
            : [];
    }

    private static IEnumerable<(string File, XElement Attribute)> Columns() =>
        Documents("Entities", "Entity.xml").SelectMany(d => d.Document.Descendants("attribute").Where(a => a.Element("Type") is not null).Select(a => (d.File, a)));

    private static string Column(string file, XElement attribute) => $"{file}: {(string?)attribute.Element("LogicalName")}";

    [TestMethod]
    public void OwnershipTypeMask_EveryTable_IsUserOwnedOrOrgOwned()
    {
        // Tables carried as stubs (entity unmodified="1": columns added to a system table) have no definition, so no mask.
        var masks = Documents("Entities", "Entity.xml")
            .Where(d => (string?)d.Document.Descendants("entity").First().Attribute("unmodified") != "1")
            .Select(d => (d.File, Mask: d.Document.Descendants("OwnershipTypeMask").Single().Value)).ToList();

        Assert.IsNotEmpty(masks);
        foreach (var (file, mask) in masks)
        {
            Assert.IsTrue(mask is "UserOwned" or "OrgOwned", $"{file}: {mask}");
        }

        Assert.IsTrue(masks.Any(m => m.Mask == "OrgOwned"), "the plan template table is organization-owned");
    }

    [TestMethod]
    public void CustomColumns_FilterableAndRetrievable_AreZeroAsThePlatformSetsThem()
    {
        var custom = Columns().Where(c => (string?)c.Attribute.Element("IsCustomField") == "1").ToList();

        Assert.IsNotEmpty(custom);
        foreach (var (file, attribute) in custom)
        {
            Assert.AreEqual("0", (string?)attribute.Element("IsFilterable"), Column(file, attribute));
            Assert.AreEqual("0", (string?)attribute.Element("IsRetrievable"), Column(file, attribute));
        }
    }

    [TestMethod]
    public void StateAndStatusColumns_CarryTheExportedFlags()
    {
        var state = Columns().Where(c => (string?)c.Attribute.Element("Type") == "state").ToList();
        var status = Columns().Where(c => (string?)c.Attribute.Element("Type") == "status").ToList();

        Assert.IsNotEmpty(state);
        foreach (var (file, attribute) in state)
        {
            Assert.AreEqual("1", (string?)attribute.Element("CanModifyRequirementLevelSettings"), Column(file, attribute));
            Assert.AreEqual("1", (string?)attribute.Element("IsFilterable"), Column(file, attribute));
            Assert.AreEqual("0", (string?)attribute.Element("IsRetrievable"), Column(file, attribute));
        }

        foreach (var (file, attribute) in status)
        {
            Assert.AreEqual("0", (string?)attribute.Element("IsFilterable"), Column(file, attribute));
            Assert.AreEqual("0", (string?)attribute.Element("IsRetrievable"), Column(file, attribute));
        }
    }

    [TestMethod]
    public void RequiredCustomColumns_DisplayMask_HasRequiredForFormOnlyOnThePrimaryName()
    {
        var required = Columns().Where(c => (string?)c.Attribute.Element("IsCustomField") == "1" && (string?)c.Attribute.Element("RequiredLevel") != "none").ToList();

        Assert.IsNotEmpty(required);
        foreach (var (file, attribute) in required)
        {
            var mask = (string?)attribute.Element("DisplayMask") ?? string.Empty;
            var expected = mask.StartsWith("PrimaryName", StringComparison.Ordinal)
                ? "PrimaryName|ValidForAdvancedFind|ValidForForm|ValidForGrid|RequiredForForm"
                : "ValidForAdvancedFind|ValidForForm|ValidForGrid";
            Assert.AreEqual(expected, mask, Column(file, attribute));
        }
    }

    [TestMethod]
    public void DateTimeColumns_Behavior_IsUserLocalDateOnlyOrTimeZoneIndependent()
    {
        foreach (var (file, attribute) in Columns().Where(c => (string?)c.Attribute.Element("Type") == "datetime" && c.Attribute.Element("Behavior") is not null))
        {
            CollectionAssert.Contains(new[] { "1", "2", "3" }, (string?)attribute.Element("Behavior"), Column(file, attribute));
        }
    }

    [TestMethod]
    public void Steps_SdkMessageIdComesFirst_ThenThePluginType()
    {
        var steps = Documents("SdkMessageProcessingSteps").ToList();

        Assert.IsNotEmpty(steps);
        foreach (var (file, document) in steps)
        {
            var names = document.Root!.Elements().Select(e => e.Name.LocalName).ToList();
            Assert.AreEqual("SdkMessageId", names[0], file);
            Assert.IsTrue(names[1] is "PluginTypeName" or "PluginTypeExportKey", file);
        }
    }

    [TestMethod]
    public void PluginTypes_HaveNoDescription()
    {
        var types = Documents("PluginAssemblies", "*.data.xml").SelectMany(d => d.Document.Descendants("PluginType")).ToList();

        Assert.IsNotEmpty(types);
        Assert.IsTrue(types.All(t => t.Element("Description") is null));
    }

    [TestMethod]
    public void CustomApis_NamePluginTypeByExportKey_AndOmitEmptyElements()
    {
        var apis = Documents("customapis", "customapi.xml").ToList();
        var all = Documents("customapis").ToList();

        Assert.IsNotEmpty(apis);
        foreach (var (file, document) in apis)
        {
            var reference = document.Root!.Element("plugintypeid");
            Assert.IsNotNull(reference, file);
            Assert.IsTrue(Guid.TryParse((string?)reference.Element("plugintypeexportkey"), out _), file);
            Assert.IsNull(reference.Element("plugintypeid"), file);
        }

        foreach (var (file, document) in all)
        {
            foreach (var name in new[] { "boundentitylogicalname", "logicalentityname", "executeprivilegename" })
            {
                Assert.IsFalse(document.Root!.Elements(name).Any(e => e.Value.Trim().Length == 0), $"{file}: empty <{name}>");
            }
        }
    }

    [TestMethod]
    public void MainForms_LibrariesBeforeEvents_AndHeaderCellsWithoutLabel()
    {
        var forms = Documents("Entities").Where(d => d.File.Contains("/FormXml/main/", StringComparison.Ordinal)).ToList();

        Assert.IsNotEmpty(forms);
        foreach (var (file, document) in forms)
        {
            var form = document.Descendants("form").Single();
            var children = form.Elements().Select(e => e.Name.LocalName).ToList();
            if (children.Contains("events") && children.Contains("formLibraries"))
            {
                Assert.IsLessThan(children.IndexOf("events"), children.IndexOf("formLibraries"), file);
            }

            foreach (var cell in form.Element("header")?.Descendants("cell") ?? [])
            {
                Assert.AreEqual("false", (string?)cell.Attribute("showlabel"), file);
            }
        }
    }

    [TestMethod]
    public void QuickCreateForms_HaveThreeColumnsLabelIdsAndDisplayConditions()
    {
        var forms = Documents("Entities").Where(d => d.File.Contains("/FormXml/quickCreate/", StringComparison.Ordinal)).ToList();

        Assert.IsNotEmpty(forms);
        foreach (var (file, document) in forms)
        {
            var form = document.Descendants("form").Single();
            CollectionAssert.AreEqual(new[] { "33%", "34%", "33%" }, form.Descendants("column").Select(c => (string?)c.Attribute("width")).ToArray(), file);
            Assert.IsTrue(form.Descendants("tab").All(t => t.Attribute("labelid") is not null), file);
            Assert.IsTrue(form.Descendants("section").All(s => s.Attribute("labelid") is not null && (string?)s.Attribute("labelwidth") == "130"), file);
            var conditions = form.Element("DisplayConditions");
            Assert.IsNotNull(conditions, file);
            Assert.AreEqual("true", (string?)conditions.Attribute("FallbackForm"), file);
            Assert.IsNotEmpty(conditions.Elements("Role").ToList(), file);
        }
    }

    [TestMethod]
    public void SystemViews_HaveNoDescriptions_AssociatedFilterOnState_LookupFilterBeforeOrder()
    {
        var views = Documents("Entities").Where(d => d.File.Contains("/SavedQueries/", StringComparison.Ordinal))
            .Select(d => (d.File, Query: d.Document.Root!.Element("savedquery")!)).ToList();

        Assert.IsNotEmpty(views);
        foreach (var (file, query) in views)
        {
            var type = (string?)query.Element("querytype");
            var entity = query.Descendants("entity").First();
            if (SystemViewTypes.Contains(type))
            {
                Assert.IsNull(query.Element("Descriptions"), $"{file}: system view with Descriptions");
            }

            if (type == "2")
            {
                Assert.IsTrue(entity.Elements("filter").Descendants("condition").Any(c => (string?)c.Attribute("attribute") == "statecode"), $"{file}: associated view without statecode filter");
            }

            if (type == "64")
            {
                var children = entity.Elements().Select(e => e.Name.LocalName).ToList();
                if (children.Contains("order"))
                {
                    Assert.IsLessThan(children.IndexOf("order"), children.IndexOf("filter"), $"{file}: lookup view orders before it filters");
                }
            }
        }
    }

    [TestMethod]
    public void SiteMap_AreasAndGroupsCarryResourceIds_DefaultDashboardWithoutBraces()
    {
        var siteMap = Documents("AppModuleSiteMaps").Single().Document;

        foreach (var area in siteMap.Descendants("Area"))
        {
            Assert.IsNotNull(area.Attribute("ResourceId"));
            Assert.IsNotNull(area.Attribute("DescriptionResourceId"));
        }

        foreach (var group in siteMap.Descendants("Group"))
        {
            Assert.IsNotNull(group.Attribute("ResourceId"));
            Assert.IsNotNull(group.Attribute("DescriptionResourceId"));
            Assert.IsNotNull(group.Attribute("ToolTipResourseId"), "exports spell it ToolTipResourseId");
        }

        foreach (var dashboard in siteMap.Descendants("SubArea").Select(s => (string?)s.Attribute("DefaultDashboard")).Where(d => d is not null))
        {
            Assert.IsTrue(Guid.TryParseExact(dashboard, "D", out _), $"DefaultDashboard '{dashboard}' is not a GUID without braces");
        }
    }

    [TestMethod]
    public void Dashboards_CarryNoDescriptionsOrCanBeDeleted()
    {
        var dashboards = Documents("Dashboards").ToList();

        Assert.IsNotEmpty(dashboards);
        foreach (var (file, document) in dashboards)
        {
            Assert.IsNull(document.Root!.Element("Descriptions"), file);
            Assert.IsNull(document.Root!.Element("CanBeDeleted"), file);
        }
    }

    [TestMethod]
    public void Charts_AxisX_PutsMajorTickMarkBeforeMajorGrid()
    {
        foreach (var (file, document) in Documents("Entities").Where(d => d.File.Contains("/Visualizations/", StringComparison.Ordinal)))
        {
            foreach (var axis in document.Descendants("presentationdescription").Descendants("AxisX"))
            {
                var children = axis.Elements().Select(e => e.Name.LocalName).ToList();
                if (children.Contains("MajorGrid") && children.Contains("MajorTickMark"))
                {
                    Assert.IsLessThan(children.IndexOf("MajorGrid"), children.IndexOf("MajorTickMark"), file);
                }
            }
        }
    }

    [TestMethod]
    public void MissingDependencies_DeclareTheSalesOpportunityTable()
    {
        var solution = XDocument.Load(Path.Combine(Source, SolutionLayout.SolutionFile));

        var declared = AccountPlanXrm.Solution.Packaging.Checking.DependencyRule.DeclaredTables(solution);

        CollectionAssert.Contains(declared.ToList(), "opportunity");
    }

    [TestMethod]
    public void PackedEntities_PutVisualizationsBeforeRibbonDiffXml()
    {
        var merged = SolutionMerger.Merge(new SourceTree(Source), managed: false);

        var entity = merged.Customizations.Descendants("Entity").First(e => e.Element("Visualizations")?.HasElements == true);
        var children = entity.Elements().Select(e => e.Name.LocalName).ToList();

        Assert.IsLessThan(children.IndexOf("RibbonDiffXml"), children.IndexOf("Visualizations"));
    }
}
