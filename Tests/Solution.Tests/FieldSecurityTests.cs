using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AccountPlanXrm.Solution.Packaging;
using AccountPlanXrm.Solution.Packaging.Checking;
using AccountPlanXrm.Solution.Tests.Support;

namespace AccountPlanXrm.Solution.Tests;

/// <summary>Field security profiles: Other/FieldSecurityProfiles.xml, the secured column, the type 70 root component.</summary>
[TestClass]
public sealed class FieldSecurityTests
{
    private const string ProfileId = "{88888888-0000-4000-8000-000000000001}";
    private const string EntityFile = "Entities/apx_FixturePlan/Entity.xml";

    private static void AddProfile(FixtureWorkspace workspace, bool secure = true, bool root = true, string canUpdate = "4")
    {
        File.WriteAllText(workspace.PathOf("Other/FieldSecurityProfiles.xml"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <FieldSecurityProfiles xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <FieldSecurityProfile name="Budget editors" description="Edit budgets" fieldsecurityprofileid="{ProfileId}">
                <FieldPermissions>
                  <FieldPermission>
                    <EntityName>apx_fixtureplan</EntityName>
                    <AttributeName>apx_budget</AttributeName>
                    <CanRead>4</CanRead>
                    <CanUpdate>{canUpdate}</CanUpdate>
                    <CanCreate>0</CanCreate>
                  </FieldPermission>
                </FieldPermissions>
              </FieldSecurityProfile>
            </FieldSecurityProfiles>
            """);
        if (secure)
        {
            var path = workspace.PathOf(EntityFile);
            var text = File.ReadAllText(path);
            var budget = text.IndexOf("<Name>apx_budget</Name>", StringComparison.Ordinal);
            var flag = text.IndexOf("<IsSecured>0</IsSecured>", budget, StringComparison.Ordinal);
            File.WriteAllText(path, text[..flag] + "<IsSecured>1</IsSecured>" + text[(flag + "<IsSecured>0</IsSecured>".Length)..]);
        }

        if (root)
        {
            workspace.Replace("Other/Solution.xml", "<RootComponent type=\"20\" id=\"{44444444-0000-4000-8000-000000000001}\" behavior=\"0\" />",
                $"<RootComponent type=\"20\" id=\"{{44444444-0000-4000-8000-000000000001}}\" behavior=\"0\" /><RootComponent type=\"70\" id=\"{ProfileId}\" behavior=\"0\" />");
        }
    }

    [TestMethod]
    public void Check_ProfileOnSecuredColumnWithRoot_NoFindings()
    {
        using var workspace = new FixtureWorkspace();
        AddProfile(workspace);

        var result = SolutionChecker.Check(new CheckOptions { SourceFolder = workspace.Source });

        Assert.IsEmpty(result.Findings, string.Join(Environment.NewLine, result.Findings));
    }

    [TestMethod]
    [DataRow(false, true, "4", Rules.FieldSecurityInvalid, DisplayName = "permission on a column that is not secured")]
    [DataRow(true, true, "2", Rules.FieldSecurityInvalid, DisplayName = "permission value other than 0 or 4")]
    [DataRow(true, false, "4", Rules.RootMissing, DisplayName = "profile not a root component")]
    public void Check_BrokenProfile_ReportsRule(bool secure, bool root, string canUpdate, string rule)
    {
        using var workspace = new FixtureWorkspace();
        AddProfile(workspace, secure, root, canUpdate);

        var result = SolutionChecker.Check(new CheckOptions { SourceFolder = workspace.Source });

        Assert.IsTrue(result.Findings.Any(f => f.RuleId == rule), string.Join(Environment.NewLine, result.Findings));
    }

    [TestMethod]
    public void Pack_Profile_CarriedIntoCustomizationsInSchemaOrder()
    {
        using var workspace = new FixtureWorkspace();
        AddProfile(workspace);

        var bytes = SolutionPacker.PackToBytes(new PackOptions
        {
            SourceFolder = workspace.Source, PluginAssemblies = [workspace.PluginDll], OutputFolder = workspace.Folder("out"),
        }, false, out _, out _);

        using var zip = new ZipArchive(new MemoryStream(bytes));
        using var stream = zip.GetEntry("customizations.xml")!.Open();
        var root = XDocument.Load(stream).Root!;
        var profile = root.Element("FieldSecurityProfiles")!.Elements("FieldSecurityProfile").Single();
        Assert.AreEqual(ProfileId, profile.Attribute("fieldsecurityprofileid")!.Value);
        Assert.AreEqual("4", profile.Descendants("CanUpdate").Single().Value);
        var order = root.Elements().Select(e => e.Name.LocalName).ToList();
        Assert.IsLessThan(order.IndexOf("FieldSecurityProfiles"), order.IndexOf("Roles"));
        Assert.IsTrue(Regex.IsMatch(root.ToString(), "<IsSecured>1</IsSecured>"));
    }
}
