using AccountPlanXrm.Solution.Packaging.Checking;
using AccountPlanXrm.Solution.Tests.Support;

namespace AccountPlanXrm.Solution.Tests;

[TestClass]
public sealed class CheckerTests
{
    private const string Form = "Entities/apx_FixturePlan/FormXml/main/{11111111-0000-4000-8000-000000000001}.xml";
    private const string View = "Entities/apx_FixturePlan/SavedQueries/{22222222-0000-4000-8000-000000000001}.xml";
    private const string Chart = "Entities/apx_FixturePlan/Visualizations/{33333333-0000-4000-8000-000000000001}.xml";
    private const string Entity = "Entities/apx_FixturePlan/Entity.xml";
    private const string Step = "SdkMessageProcessingSteps/{77777777-0000-4000-8000-000000000001}.xml";
    private const string WebResource = "WebResources/apx_/scripts/fixture.form.js.data.xml";
    private const string Solution = "Other/Solution.xml";
    private const string Relationship = "Other/Relationships/Account.xml";
    private const string Response = "customapis/apx_FixtureRecalculate/customapiresponseproperties/apx_FixtureRecalculate.Result/customapiresponseproperty.xml";

    [TestMethod]
    public void Check_Fixture_ReportsNoFindings()
    {
        using var workspace = new FixtureWorkspace();

        var result = SolutionChecker.Check(new CheckOptions { SourceFolder = workspace.Source });

        Assert.IsEmpty(result.Findings, string.Join(Environment.NewLine, result.Findings));
    }

    [TestMethod]
    [DataRow(Form, "datafieldname=\"apx_budget\"", "datafieldname=\"apx_budgett\"", Rules.FormUnknownColumn, DisplayName = "form control bound to a missing column")]
    [DataRow(Form, "attribute=\"apx_rating\"", "attribute=\"apx_ratingg\"", Rules.FormUnknownColumn, DisplayName = "onchange event on a missing column")]
    [DataRow(Form, "libraryName=\"apx_/scripts/fixture.form.js\" handlerUniqueId=\"{11111111-0000-4000-8000-000000000011}\"", "libraryName=\"apx_/scripts/other.js\" handlerUniqueId=\"{11111111-0000-4000-8000-000000000011}\"", Rules.InvalidFormHandler, DisplayName = "handler library not in formLibraries")]
    [DataRow(Form, "<Library name=\"apx_/scripts/fixture.form.js\"", "<Library name=\"apx_/scripts/missing.js\"", Rules.FormUnknownLibrary, DisplayName = "form library not a web resource")]
    [DataRow(Form, "{11111111-0000-4000-8000-000000000005}", "{11111111-0000-4000-8000-000000000004}", Rules.DuplicateId, DisplayName = "duplicate cell id")]
    [DataRow(View, "<cell name=\"apx_budget\"", "<cell name=\"apx_budgett\"", Rules.ViewUnknownColumn, DisplayName = "layoutxml cell on a missing column")]
    [DataRow(View, "<cell name=\"acc.name\"", "<cell name=\"acc.nome\"", Rules.ViewUnknownColumn, DisplayName = "layoutxml cell on a missing linked column")]
    [DataRow(View, "<condition attribute=\"statecode\"", "<condition attribute=\"statecod\"", Rules.ViewUnknownColumn, DisplayName = "fetchxml condition on a missing column")]
    [DataRow(View, "to=\"apx_accountid\"", "to=\"apx_account\"", Rules.ViewUnknownColumn, DisplayName = "link-entity on a missing column")]
    [DataRow(Chart, "<attribute name=\"apx_budget\" aggregate", "<attribute name=\"apx_cost\" aggregate", Rules.ChartUnknownColumn, DisplayName = "chart on a missing column")]
    [DataRow(Step, "<FilteringAttributes>apx_budget,apx_rating</FilteringAttributes>", "<FilteringAttributes>apx_budget,apx_ratings</FilteringAttributes>", Rules.StepUnknownColumn, DisplayName = "filtering attribute missing")]
    [DataRow(Step, "<Attributes>apx_budget,apx_rating,statecode</Attributes>", "<Attributes>apx_budget,apx_nothing</Attributes>", Rules.StepUnknownColumn, DisplayName = "image column missing")]
    [DataRow(Step, "<FilteringAttributes>apx_budget,apx_rating</FilteringAttributes>", "<FilteringAttributes></FilteringAttributes>", Rules.StepNoFilteringAttributes, DisplayName = "Update step without filtering attributes")]
    [DataRow(Step, "<Attributes>apx_budget,apx_rating,statecode</Attributes>", "<Attributes></Attributes>", Rules.ImageNoColumns, DisplayName = "image without column list")]
    [DataRow(Step, "<Stage>20</Stage>", "<Stage>50</Stage>", Rules.StepCrm4Stage, DisplayName = "CRM 4 stage")]
    [DataRow(Step, "<ImageType>0</ImageType>", "<ImageType>1</ImageType>", Rules.ImageUnsupported, DisplayName = "post-image in pre-operation")]
    [DataRow(Step, "<SdkMessageId>20bebb1b-ea3e-db11-86a7-000a3a5473e8</SdkMessageId>", "<SdkMessageId>03bebb1b-ea3e-db11-86a7-000a3a5473e8</SdkMessageId>", Rules.StepRetrieve, DisplayName = "step on RetrieveMultiple")]
    [DataRow(Step, "<PluginTypeName>Fixture.Plugins.PlanUpdate,", "<PluginTypeName>Fixture.Plugins.Missing,", Rules.StepUnknownPluginType, DisplayName = "step on unknown plug-in type")]
    [DataRow(Entity, "<option value=\"726000001\">", "<option value=\"100000001\">", Rules.ChoicePrefix, DisplayName = "choice value without prefix")]
    [DataRow(Entity, "<status value=\"726000000\" state=\"0\">", "<status value=\"3\" state=\"0\">", Rules.ChoicePrefix, DisplayName = "status value without prefix")]
    [DataRow(Entity, "<displayname description=\"Bewertung\" languagecode=\"1031\" />", "", Rules.LabelMissing, DisplayName = "German label missing")]
    [DataRow(Entity, "<IsCustomField>1</IsCustomField>", "<IsCustomField>1</IsCustomField><!-- -->", null, DisplayName = "harmless comment changes nothing")]
    [DataRow(Relationship, "<ReferencingAttributeName>apx_AccountId</ReferencingAttributeName>", "<ReferencingAttributeName>apx_CustomerId</ReferencingAttributeName>", Rules.RelationshipInvalid, DisplayName = "relationship on a missing column")]
    [DataRow(WebResource, "<Name>apx_/scripts/fixture.form.js</Name>", "<Name>apx_//scripts/fixture form.js</Name>", Rules.WebResourceName, DisplayName = "web resource name with invalid characters")]
    [DataRow(WebResource, "<WebResourceType>3</WebResourceType>", "<WebResourceType>1</WebResourceType>", Rules.WebResourceName, DisplayName = "web resource extension not matching type")]
    [DataRow(WebResource, "apx_scriptsfixtureformjs55555555", "apx_scripts_fixtureformjs55555555", Rules.WebResourceFileName, DisplayName = "web resource FileName not as exports")]
    [DataRow(Solution, "<RootComponent type=\"92\" id=\"{77777777-0000-4000-8000-000000000001}\" behavior=\"0\" />", "", Rules.RootMissing, DisplayName = "step not a root component")]
    [DataRow(Solution, "<RootComponent type=\"9\" schemaName=\"apx_fixturedepth\" behavior=\"0\" />", "<RootComponent type=\"9\" schemaName=\"apx_fixturedepth\" behavior=\"0\" /><RootComponent type=\"10421\" schemaName=\"apx_FixtureRecalculate\" behavior=\"0\" />", Rules.RootUnknown, DisplayName = "invented root component type")]
    [DataRow(Response, "<iscustomizable>0</iscustomizable>", "<iscustomizable>0</iscustomizable><isoptional>0</isoptional>", Rules.CustomApiInvalid, DisplayName = "isoptional on a response property")]
    [DataRow("Roles/Fixture Contributor.xml", "prvWriteapx_FixturePlan", "prvWriteapx_FixturePlans", Rules.RolePrivilegeUnknown, DisplayName = "privilege on an unknown table")]
    [DataRow("Roles/Fixture Contributor.xml", "<RolePrivilege name=\"prvAppendToAccount\" level=\"Local\" />", "", Rules.RoleMissingPrivilege, DisplayName = "role edits a form lookup without AppendTo on its table")]
    [DataRow("Roles/Fixture Contributor.xml", "<RolePrivilege name=\"prvAppendapx_FixturePlan\" level=\"Basic\" />", "", Rules.RoleMissingPrivilege, DisplayName = "role edits a form lookup without Append on the table")]
    [DataRow("Roles/Fixture Contributor.xml", "<RolePrivilege name=\"prvReadAccount\" level=\"Local\" />", "", Rules.RoleMissingPrivilege, DisplayName = "role reads a form and view showing a table it cannot read")]
    public void Check_BrokenCopy_ReportsRule(string file, string oldText, string newText, string? expectedRule)
    {
        using var workspace = new FixtureWorkspace();
        workspace.Replace(file, oldText, newText);

        var result = SolutionChecker.Check(new CheckOptions { SourceFolder = workspace.Source });

        if (expectedRule is null)
        {
            Assert.IsEmpty(result.Findings, string.Join(Environment.NewLine, result.Findings));
            return;
        }

        var finding = result.Findings.FirstOrDefault(f => f.RuleId == expectedRule && f.File == file);
        Assert.IsNotNull(finding, $"expected {expectedRule}, got:{Environment.NewLine}{string.Join(Environment.NewLine, result.Findings)}");
        Assert.AreEqual(file, finding.File);
        Assert.IsGreaterThan(0, finding.Line);
    }

    [TestMethod]
    public void Check_RoleWritingTableWhoseStepImageReadsUnreadableLookup_ReportsMissingRead()
    {
        using var workspace = new FixtureWorkspace();
        const string role = "Roles/Fixture Contributor.xml";
        workspace.Replace(role, "<RolePrivilege name=\"prvReadapx_FixturePlan\" level=\"Local\" />", string.Empty);
        workspace.Replace(role, "<RolePrivilege name=\"prvReadAccount\" level=\"Local\" />", string.Empty);
        workspace.Replace(Step, "<Attributes>apx_budget,apx_rating,statecode</Attributes>", "<Attributes>apx_budget,apx_rating,statecode,apx_accountid</Attributes>");

        var result = SolutionChecker.Check(new CheckOptions { SourceFolder = workspace.Source });

        var finding = result.Findings.Single(f => f.RuleId == Rules.RoleMissingPrivilege);
        Assert.AreEqual(role, finding.File);
        StringAssert.Contains(finding.Message, "has prvWriteapx_FixturePlan but not prvReadAccount");
        StringAssert.Contains(finding.Message, "its image reads 'apx_accountid'");
    }

    [TestMethod]
    public void Check_RoleMissingPrivilege_NamesRoleTriggerAndComponent()
    {
        using var workspace = new FixtureWorkspace();
        workspace.Replace("Roles/Fixture Contributor.xml", "<RolePrivilege name=\"prvAppendToAccount\" level=\"Local\" />", string.Empty);

        var result = SolutionChecker.Check(new CheckOptions { SourceFolder = workspace.Source });

        var messages = result.Findings.Where(f => f.RuleId == Rules.RoleMissingPrivilege).Select(f => f.Message).ToArray();
        Assert.HasCount(2, messages, string.Join(Environment.NewLine, messages));
        StringAssert.StartsWith(messages[0], "role 'Fixture Contributor': has prvCreateapx_FixturePlan but not prvAppendToAccount, which the lookup 'apx_accountid' (account) on the main form");
        StringAssert.StartsWith(messages[1], "role 'Fixture Contributor': has prvWriteapx_FixturePlan but not prvAppendToAccount");
    }

    [TestMethod]
    public void Check_DuplicateStepRegistration_ReportsDuplicate()
    {
        using var workspace = new FixtureWorkspace();
        var copy = workspace.PathOf("SdkMessageProcessingSteps/{77777777-0000-4000-8000-000000000009}.xml");
        File.WriteAllText(copy, File.ReadAllText(workspace.PathOf(Step))
            .Replace("{77777777-0000-4000-8000-000000000001}", "{77777777-0000-4000-8000-000000000009}", StringComparison.Ordinal)
            .Replace("{77777777-0000-4000-8000-000000000002}", "{77777777-0000-4000-8000-000000000008}", StringComparison.Ordinal));

        var result = SolutionChecker.Check(new CheckOptions { SourceFolder = workspace.Source });

        Assert.IsTrue(result.Findings.Any(f => f.RuleId == Rules.StepDuplicate), string.Join(Environment.NewLine, result.Findings));
    }

    [TestMethod]
    public void Check_BrokenXml_ReportsFileAndLine()
    {
        using var workspace = new FixtureWorkspace();
        workspace.Replace(View, "<querytype>0</querytype>", "<querytype>0</querytyp>");

        var result = SolutionChecker.Check(new CheckOptions { SourceFolder = workspace.Source });

        var finding = result.Findings.Single(f => f.RuleId == Rules.XmlMalformed);
        Assert.AreEqual(View, finding.File);
        Assert.AreEqual(20, finding.Line);
        Assert.AreEqual(Severity.Error, finding.Severity);
    }

    [TestMethod]
    public void Check_FindingFormat_ReadsLikeALinter()
    {
        var finding = new Finding("Entities/x/Entity.xml", 12, Rules.ChoicePrefix, Severity.Error, "value 1");

        var text = finding.Format("Solution/src");

        Assert.AreEqual("Solution/src/Entities/x/Entity.xml:12: apx-choice-prefix error value 1", text);
    }

    [TestMethod]
    public void Check_SchemaViolation_ReportsSourceFileAndLine()
    {
        var schemas = SchemaValidator.FindSchemaFolder(null, AppContext.BaseDirectory);
        if (schemas is null)
        {
            Assert.Inconclusive("skipped: schemas not found (../shared/schemas/dataverse)");
        }

        using var workspace = new FixtureWorkspace();
        workspace.Replace(Form, "<FormPresentation>1</FormPresentation>", "<FormPresentation>1</FormPresentation><Bogus />");

        var result = SolutionChecker.Check(new CheckOptions { SourceFolder = workspace.Source, SchemaFolder = schemas });

        var finding = result.Findings.Single(f => f.RuleId == Rules.SchemaInvalid);
        Assert.AreEqual(Form, finding.File);
        Assert.AreEqual(6, finding.Line);
    }

    [TestMethod]
    public void Check_SchemasMissing_SkipsVisibly()
    {
        using var workspace = new FixtureWorkspace();

        var result = SolutionChecker.Check(new CheckOptions { SourceFolder = workspace.Source, SchemaFolder = workspace.Folder("no-schemas") });

        Assert.IsTrue(result.Notes.Any(n => n.StartsWith("skipped: schemas not found", StringComparison.Ordinal)), string.Join(Environment.NewLine, result.Notes));
    }

    [TestMethod]
    public void Check_RepositorySolutionSource_ReportsNoFindings()
    {
        var source = Repository.FindSolutionSource();
        if (source is null)
        {
            Assert.Inconclusive("skipped: Solution/src not found above the test folder");
        }

        var result = SolutionChecker.Check(new CheckOptions { SourceFolder = source });

        Assert.IsEmpty(result.Findings, string.Join(Environment.NewLine, result.Findings));
    }
}
