using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using AccountPlanXrm.Solution.Packaging;

namespace AccountPlanXrm.Solution.Tests.Support;

/// <summary>
/// One component family of a real export (real-export facts §2): the XML it adds to customizations.xml (by section),
/// the root components it adds to solution.xml and the zip parts it carries.
/// </summary>
/// <param name="Name">Family name, used as the test's data row.</param>
/// <param name="Sections">customizations.xml section name → child elements added to it (created when missing).</param>
/// <param name="Roots">RootComponent elements for solution.xml.</param>
/// <param name="Parts">Zip part name → bytes.</param>
/// <param name="Mutate">Further changes to customizations.xml (e.g. a formula column on the table).</param>
public sealed record ExportFamily(
    string Name,
    IReadOnlyDictionary<string, string> Sections,
    IReadOnlyList<string> Roots,
    IReadOnlyDictionary<string, byte[]> Parts,
    Action<XElement>? Mutate = null);

/// <summary>
/// Writes solution zips shaped like 2026 exports of a solution that is not ours ("ContosoFieldService", publisher prefix
/// cfs): a custom table with form, view, chart and ribbon, a relationship, a global choice and a role, plus any of the
/// component families of facts §2. Written for these tests from the shapes the facts describe; no exported file is copied.
/// </summary>
public static class ExportFixture
{
    public const string UniqueName = "ContosoFieldService";

    private const string WorkflowId = "4f1c2a10-0000-4000-8000-000000000001";
    private const string FlowId = "4f1c2a10-0000-4000-8000-000000000002";
    private const string WebResourceId = "4f1c2a10-0000-4000-8000-000000000003";
    private const string AssemblyId = "4f1c2a10-0000-4000-8000-000000000004";
    private const string PluginTypeId = "4f1c2a10-0000-4000-8000-000000000005";
    private const string ClassicStepId = "4f1c2a10-0000-4000-8000-000000000006";
    private const string PackageStepId = "4f1c2a10-0000-4000-8000-000000000007";
    private const string PackageTypeExportKey = "4f1c2a10-0000-4000-8000-000000000008";
    private const string ReportId = "4f1c2a10-0000-4000-8000-000000000009";
    private const string SearchId = "4f1c2a10-0000-4000-8000-00000000000a";
    private const string ScheduleId = "4f1c2a10-0000-4000-8000-00000000000b";
    private const string WidgetId = "4f1c2a10-0000-4000-8000-00000000000c";
    public const string CreateMessage = "9ebdbb1b-ea3e-db11-86a7-000a3a5473e8";
    public const string UpdateMessage = "20bebb1b-ea3e-db11-86a7-000a3a5473e8";

    /// <summary>Every family of facts §2, and a folder no tool has seen.</summary>
    public static IReadOnlyList<ExportFamily> Families(string pluginToken) =>
    [
        new("Workflows.xaml",
            Section("Workflows", $"""
                <Workflow WorkflowId="{B(WorkflowId)}" Name="Notify dispatcher">
                  <XamlFileName>/Workflows/Notifydispatcher-{WorkflowId.ToUpperInvariant()}.xaml</XamlFileName>
                  <Type>1</Type><Subprocess>0</Subprocess><Category>0</Category><Mode>0</Mode><Scope>4</Scope>
                  <OnDemand>0</OnDemand><TriggerOnCreate>1</TriggerOnCreate><TriggerOnDelete>0</TriggerOnDelete>
                  <AsyncAutodelete>0</AsyncAutodelete><StateCode>1</StateCode><StatusCode>2</StatusCode><RunAs>1</RunAs>
                  <IsTransacted>1</IsTransacted><IntroducedVersion>1.0</IntroducedVersion><IsCustomizable>1</IsCustomizable>
                  <PrimaryEntity>cfs_job</PrimaryEntity>
                  <LocalizedNames><LocalizedName languagecode="1033" description="Notify dispatcher" /></LocalizedNames>
                </Workflow>
                """),
            [$"""<RootComponent type="29" id="{B(WorkflowId)}" behavior="0" />"""],
            Parts(($"Workflows/Notifydispatcher-{WorkflowId.ToUpperInvariant()}.xaml", Text("""
                <Activity x:Class="XrmWorkflow4f1c2a10" xmlns="http://schemas.microsoft.com/netfx/2009/xaml/activities" xmlns:x="http://schemas.microsoft.com/winfx/2006/xaml">
                  <Sequence DisplayName="Notify dispatcher" />
                </Activity>
                """)))),
        new("Workflows.json",
            new Dictionary<string, string>
            {
                ["Workflows"] = $"""
                    <Workflow WorkflowId="{B(FlowId)}" Name="Job completed flow">
                      <JsonFileName>/Workflows/Jobcompletedflow-{FlowId.ToUpperInvariant()}.json</JsonFileName>
                      <Type>1</Type><Subprocess>0</Subprocess><Category>5</Category><Mode>0</Mode><Scope>4</Scope>
                      <OnDemand>0</OnDemand><TriggerOnCreate>0</TriggerOnCreate><TriggerOnDelete>0</TriggerOnDelete>
                      <AsyncAutodelete>0</AsyncAutodelete><StateCode>1</StateCode><StatusCode>2</StatusCode><RunAs>1</RunAs>
                      <IsTransacted>1</IsTransacted><IntroducedVersion>1.0.0.0</IntroducedVersion><IsCustomizable>1</IsCustomizable>
                      <PrimaryEntity>none</PrimaryEntity>
                      <LocalizedNames><LocalizedName languagecode="1033" description="Job completed flow" /></LocalizedNames>
                    </Workflow>
                    """,
                ["connectionreferences"] = """
                    <connectionreference connectionreferencelogicalname="cfs_sharedoffice365_7d1e2">
                      <connectionreferencedisplayname>Office 365 Outlook</connectionreferencedisplayname>
                      <connectorid>/providers/Microsoft.PowerApps/apis/shared_office365</connectorid>
                      <iscustomizable>1</iscustomizable>
                      <promptingbehavior>0</promptingbehavior>
                      <statecode>0</statecode>
                      <statuscode>1</statuscode>
                    </connectionreference>
                    """,
            },
            [$"""<RootComponent type="29" id="{B(FlowId)}" behavior="0" />"""],
            Parts(($"Workflows/Jobcompletedflow-{FlowId.ToUpperInvariant()}.json", Text("""{"properties":{"definition":{"triggers":{"When_a_job_is_completed":{"type":"OpenApiConnectionWebhook"}},"actions":{}}},"schemaVersion":"1.0.0.0"}""")))),
        new("CanvasApps",
            Section("CanvasApps", """
                <CanvasApp>
                  <Name>cfs_dispatchboard_4a2b1</Name>
                  <AppVersion>2026-01-15T10:00:00Z</AppVersion>
                  <Status>Ready</Status>
                  <CreatedByClientVersion>3.25121.9</CreatedByClientVersion>
                  <MinClientVersion>3.25121.9</MinClientVersion>
                  <Tags>{"primaryDeviceWidth":"1366","primaryDeviceHeight":"768"}</Tags>
                  <IsCdsUpgraded>0</IsCdsUpgraded>
                  <BackgroundColor>RGBA(0,176,240,1)</BackgroundColor>
                  <DisplayName>Dispatch board</DisplayName>
                  <IntroducedVersion>1.0</IntroducedVersion>
                  <IsCustomizable>1</IsCustomizable>
                  <CanvasAppType>0</CanvasAppType>
                  <BackgroundImageUri>/CanvasApps/cfs_dispatchboard_4a2b1_BackgroundImageUri</BackgroundImageUri>
                  <DocumentUri>/CanvasApps/cfs_dispatchboard_4a2b1_DocumentUri.msapp</DocumentUri>
                  <AdditionalUris>
                    <AdditionalUri>/CanvasApps/cfs_dispatchboard_4a2b1_AdditionalUris0_identity.json</AdditionalUri>
                  </AdditionalUris>
                </CanvasApp>
                """),
            ["""<RootComponent type="300" schemaName="cfs_dispatchboard_4a2b1" behavior="0" />"""],
            Parts(
                ("CanvasApps/cfs_dispatchboard_4a2b1_DocumentUri.msapp", Binary(0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x08, 0x00, 0x00, 0xE7, 0x3A)),
                ("CanvasApps/cfs_dispatchboard_4a2b1_BackgroundImageUri", Binary(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D)),
                ("CanvasApps/cfs_dispatchboard_4a2b1_AdditionalUris0_identity.json", Text("""{"ControlIdentities":{"App":1,"Screen1":2}}""")))),
        new("Formulas",
            new Dictionary<string, string>(),
            [],
            Parts(
                ("Formulas/cfs_job-FormulaDefinitions.yaml", Text("cfs_totalhours: cfs_plannedhours + cfs_travelhours\n")),
                ("Formulas/cfs_job-cfs_totalhours.xaml", Text("""<FormulaDefinition xmlns="http://schemas.microsoft.com/crm/2026/formula"><Expression>cfs_plannedhours + cfs_travelhours</Expression></FormulaDefinition>"""))),
            Mutate: customizations => customizations.Element("Entities")!.Element("Entity")!.Descendants("attributes").Single().Add(XElement.Parse("""
                <attribute PhysicalName="cfs_TotalHours">
                  <Type>decimal</Type>
                  <Name>cfs_totalhours</Name>
                  <LogicalName>cfs_totalhours</LogicalName>
                  <RequiredLevel>none</RequiredLevel>
                  <DisplayMask>ValidForAdvancedFind|ValidForForm|ValidForGrid</DisplayMask>
                  <ValidForUpdateApi>0</ValidForUpdateApi>
                  <ValidForReadApi>1</ValidForReadApi>
                  <ValidForCreateApi>0</ValidForCreateApi>
                  <IsCustomField>1</IsCustomField>
                  <SourceType>2</SourceType>
                  <FormulaDefinitionFileName>/Formulas/cfs_job-cfs_totalhours.xaml</FormulaDefinitionFileName>
                  <IsFilterable>0</IsFilterable>
                  <IsRetrievable>0</IsRetrievable>
                  <MinValue>-100000000000</MinValue>
                  <MaxValue>100000000000</MaxValue>
                  <Accuracy>2</Accuracy>
                  <displaynames><displayname description="Total hours" languagecode="1033" /></displaynames>
                </attribute>
                """))),
        new("Reports",
            Section("Reports", $"""
                <Report>
                  <name>Job summary</name>
                  <iscustomreport>1</iscustomreport>
                  <description>Jobs by priority and state</description>
                  <filename>Job summary.rdl</filename>
                  <languagecode>1033</languagecode>
                  <mimetype>text/plain</mimetype>
                  <reportid>{B(ReportId)}</reportid>
                  <iscustomizable>1</iscustomizable>
                  <IntroducedVersion>1.0</IntroducedVersion>
                  <reporttypecode>1</reporttypecode>
                  <ExportedFileName>/Reports/Jobsummary{ReportId.ToUpperInvariant()}.rdl</ExportedFileName>
                </Report>
                """),
            [$"""<RootComponent type="31" id="{B(ReportId)}" behavior="0" />"""],
            Parts(($"Reports/Jobsummary{ReportId.ToUpperInvariant()}.rdl", Text("""<Report xmlns="http://schemas.microsoft.com/sqlserver/reporting/2010/01/reportdefinition"><Body><Height>1in</Height></Body></Report>""")))),
        new("Assets",
            new Dictionary<string, string>(),
            [],
            Parts(("Assets/appactionrule_cfs_job.xml", Text("""<AppActionRules><AppActionRule Name="cfs_job_approve_visible" /></AppActionRules>""")))),
        new("bots",
            new Dictionary<string, string>(),
            ["""<RootComponent type="10040" schemaName="cfs_helper" behavior="0" />"""],
            Parts(
                ("bots/cfs_helper/bot.xml", Text("""<bot schemaname="cfs_helper"><name>Field helper</name><iscustomizable>1</iscustomizable><language>1033</language><statecode>0</statecode><statuscode>1</statuscode></bot>""")),
                ("bots/cfs_helper/configuration.json", Text("""{"$kind":"BotConfiguration","settings":{"GenerativeActionsEnabled":true}}""")))),
        new("botcomponents",
            new Dictionary<string, string>(),
            [],
            Parts(
                ("botcomponents/cfs_helper.topic.Greeting/botcomponent.xml", Text("""<botcomponent schemaname="cfs_helper.topic.Greeting"><componenttype>0</componenttype><name>Greeting</name><parentbotid><schemaname>cfs_helper</schemaname></parentbotid><statecode>0</statecode><statuscode>1</statuscode></botcomponent>""")),
                ("botcomponents/cfs_helper.topic.Greeting/data", Text("kind: AdaptiveDialog\nbeginDialog:\n  kind: OnConversationStart\n  id: main\n")))),
        new("appactions",
            new Dictionary<string, string>(),
            [],
            Parts(("appactions/cfs_job_approve/appaction.xml", Text("""<appaction uniquename="cfs_job_approve"><buttonlabeltext default="Approve"><label description="Approve" languagecode="1033" /></buttonlabeltext><context>1</context><contextentity><logicalname>cfs_job</logicalname></contextentity><location>0</location><name>Approve job</name><onclickeventtype>1</onclickeventtype><sequence>10</sequence><statecode>0</statecode><statuscode>1</statuscode></appaction>""")))),
        new("dvtablesearchs",
            new Dictionary<string, string>(),
            [],
            Parts(($"dvtablesearchs/{SearchId}/dvtablesearch.xml", Text($"""<dvtablesearch dvtablesearchid="{SearchId}"><name>Field service search</name><searchtype>0</searchtype><statecode>0</statecode><statuscode>1</statuscode></dvtablesearch>""")))),
        new("dvtablesearchentities",
            new Dictionary<string, string>(),
            [],
            Parts(($"dvtablesearchentities/{SearchId}/dvtablesearchentity.xml", Text($"""<dvtablesearchentity dvtablesearchentityid="{SearchId}"><entitylogicalname>cfs_job</entitylogicalname><name>cfs_job</name><statecode>0</statecode><statuscode>1</statuscode></dvtablesearchentity>""")))),
        new("aiskillconfigs",
            new Dictionary<string, string>(),
            [],
            Parts(("aiskillconfigs/cfs_summarizejob/aiskillconfig.xml", Text("""<aiskillconfig uniquename="cfs_summarizejob"><name>Summarize job</name><skillconfigtype>0</skillconfigtype><statecode>0</statecode><statuscode>1</statuscode></aiskillconfig>""")))),
        new("msdyn_schedules",
            new Dictionary<string, string>(),
            [],
            Parts(($"msdyn_schedules/{ScheduleId}/msdyn_schedule.xml", Text($"""<msdyn_schedule msdyn_scheduleid="{ScheduleId}"><msdyn_name>Nightly job sync</msdyn_name><msdyn_recurrence>FREQ=DAILY;INTERVAL=1</msdyn_recurrence><statecode>0</statecode><statuscode>1</statuscode></msdyn_schedule>""")))),
        new("environmentvariabledefinitions",
            new Dictionary<string, string>(),
            ["""<RootComponent type="380" schemaName="cfs_ApiBaseUrl" behavior="0" />"""],
            Parts(
                ("environmentvariabledefinitions/cfs_ApiBaseUrl/environmentvariabledefinition.xml", Text("""<environmentvariabledefinition schemaname="cfs_ApiBaseUrl"><defaultvalue>https://dispatch.example.invalid/api</defaultvalue><displayname default="API base URL"><label description="API base URL" languagecode="1033" /></displayname><introducedversion>1.0.0.0</introducedversion><iscustomizable>1</iscustomizable><isrequired>0</isrequired><secretstore>0</secretstore><type>100000000</type></environmentvariabledefinition>""")),
                ("environmentvariabledefinitions/cfs_ApiBaseUrl/environmentvariablevalues.json", Text("""{"environmentvariablevalues":{"environmentvariablevalue":{"schemaname":"cfs_ApiBaseUrl","value":"https://dispatch.example.invalid/api"}}}""")))),
        new("pluginpackages",
            Section("SdkMessageProcessingSteps", StepXml("JobCreate: Create of cfs_job", PackageStepId, CreateMessage, $"<PluginTypeExportKey>{PackageTypeExportKey}</PluginTypeExportKey>", "cfs_job", string.Empty)),
            [$"""<RootComponent type="92" id="{B(PackageStepId)}" behavior="0" />"""],
            Parts(
                ("pluginpackages/cfs_FieldServicePlugins/pluginpackage.xml", Text("""<pluginpackage uniquename="cfs_FieldServicePlugins"><iscustomizable>1</iscustomizable><name>cfs_FieldServicePlugins</name><package>cfs_FieldServicePlugins.nupkg</package><statecode>0</statecode><statuscode>1</statuscode><version>1.0.0</version></pluginpackage>""")),
                ("pluginpackages/cfs_FieldServicePlugins/package/cfs_FieldServicePlugins.nupkg", Binary(0x50, 0x4B, 0x03, 0x04, 0x0A, 0x00, 0x00, 0x00, 0x00, 0x00, 0x4E, 0x55, 0x50, 0x4B)))),
        new("PluginAssemblies",
            new Dictionary<string, string>
            {
                ["SolutionPluginAssemblies"] = $"""
                    <PluginAssembly FullName="Fixture.Plugins, Version=1.0.0.0, Culture=neutral, PublicKeyToken={pluginToken}" PluginAssemblyId="{AssemblyId}" CustomizationLevel="1">
                      <IsolationMode>2</IsolationMode>
                      <SourceType>0</SourceType>
                      <IntroducedVersion>1.0</IntroducedVersion>
                      <FileName>/PluginAssemblies/FixturePlugins-{AssemblyId.ToUpperInvariant()}/FixturePlugins.dll</FileName>
                      <PluginTypes>
                        <PluginType AssemblyQualifiedName="Fixture.Plugins.PlanUpdate, Fixture.Plugins, Version=1.0.0.0, Culture=neutral, PublicKeyToken={pluginToken}" PluginTypeId="{PluginTypeId}" Name="Fixture.Plugins.PlanUpdate">
                          <FriendlyName>PlanUpdate</FriendlyName>
                        </PluginType>
                      </PluginTypes>
                    </PluginAssembly>
                    """,
                ["SdkMessageProcessingSteps"] = StepXml(
                    "Fixture.Plugins.PlanUpdate: Update of cfs_job",
                    ClassicStepId,
                    UpdateMessage,
                    $"<PluginTypeName>Fixture.Plugins.PlanUpdate, Fixture.Plugins, Version=1.0.0.0, Culture=neutral, PublicKeyToken={pluginToken}</PluginTypeName><PluginTypeId>{PluginTypeId}</PluginTypeId>",
                    "cfs_job",
                    "cfs_name"),
            },
            [
                $"""<RootComponent type="91" id="{B(AssemblyId)}" schemaName="Fixture.Plugins, Version=1.0.0.0, Culture=neutral, PublicKeyToken={pluginToken}" behavior="0" />""",
                $"""<RootComponent type="92" id="{B(ClassicStepId)}" behavior="0" />""",
            ],
            new Dictionary<string, byte[]>()),
        new("WebResources",
            Section("WebResources", $"""
                <WebResource>
                  <WebResourceId>{B(WebResourceId)}</WebResourceId>
                  <Name>cfs_/scripts/job.form.js</Name>
                  <DisplayName>Job form script</DisplayName>
                  <LanguageCode>1033</LanguageCode>
                  <WebResourceType>3</WebResourceType>
                  <IntroducedVersion>1.0.0.0</IntroducedVersion>
                  <IsEnabledForMobileClient>0</IsEnabledForMobileClient>
                  <IsAvailableForMobileOffline>0</IsAvailableForMobileOffline>
                  <IsCustomizable>1</IsCustomizable>
                  <CanBeDeleted>1</CanBeDeleted>
                  <IsHidden>0</IsHidden>
                  <FileName>/WebResources/cfs_scriptsjobformjs{WebResourceId.ToUpperInvariant()}</FileName>
                </WebResource>
                """),
            ["""<RootComponent type="61" schemaName="cfs_/scripts/job.form.js" behavior="0" />"""],
            Parts(($"WebResources/cfs_scriptsjobformjs{WebResourceId.ToUpperInvariant()}", Text("\"use strict\";\nfunction onLoad(context) { return context; }\n")))),
        new("UnknownFolder",
            Section("cfs_widgets", $"""<cfs_widget cfs_widgetid="{WidgetId}"><name>Route map</name><payload>/cfs_widgets/{WidgetId}/payload.bin</payload></cfs_widget>"""),
            [],
            Parts(
                ($"cfs_widgets/{WidgetId}/widget.xml", Text($"""<widget id="{WidgetId}"><kind>map</kind></widget>""")),
                ($"cfs_widgets/{WidgetId}/payload.bin", Binary(0x00, 0x01, 0x02, 0x03, 0xFF, 0xFE)))),
    ];

    /// <summary>
    /// A synchronous pre-operation step as exports write it: <c>SdkMessageId</c> first, then the plug-in type
    /// (<paramref name="pluginType"/>: PluginTypeName + PluginTypeId, or PluginTypeExportKey alone), then the rest.
    /// </summary>
    public static string StepXml(string name, string stepId, string messageId, string pluginType, string table, string filteringAttributes) => $"""
        <SdkMessageProcessingStep Name="{name}" SdkMessageProcessingStepId="{B(stepId)}">
          <SdkMessageId>{messageId}</SdkMessageId>
          {pluginType}
          <PrimaryEntity>{table}</PrimaryEntity>
          <AsyncAutoDelete>0</AsyncAutoDelete>
          <FilteringAttributes>{filteringAttributes}</FilteringAttributes>
          <InvocationSource>1</InvocationSource>
          <Mode>0</Mode>
          <Rank>1</Rank>
          <EventHandlerTypeCode>4602</EventHandlerTypeCode>
          <Stage>20</Stage>
          <IsCustomizable>1</IsCustomizable>
          <IsHidden>0</IsHidden>
          <SupportedDeployment>0</SupportedDeployment>
          <IntroducedVersion>1.0</IntroducedVersion>
          <SdkMessageProcessingStepImages />
        </SdkMessageProcessingStep>
        """;

    /// <summary>
    /// Writes an export with the base solution and the given families; returns the zip path. The managed export differs as
    /// managed exports do in small ways: Managed 1 and the form's cell labels blank.
    /// </summary>
    public static string Write(string folder, string pluginDll, string pluginToken, IEnumerable<ExportFamily> families, bool managed = false)
    {
        var list = families.ToList();
        var customizations = XElement.Parse(BaseCustomizations);
        var solution = XElement.Parse(BaseSolution);
        var parts = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var family in list)
        {
            foreach (var (sectionName, xml) in family.Sections)
            {
                var section = customizations.Element(sectionName);
                if (section is null)
                {
                    // Sections of the 9.0 schema in its order; newer ones before Languages, as in 2026 exports.
                    section = new XElement(sectionName);
                    var index = SolutionLayout.IsSection(sectionName) ? SolutionLayout.SectionIndex(sectionName) : SolutionLayout.SectionIndex("Languages");
                    customizations.Elements().First(e => SolutionLayout.IsSection(e.Name.LocalName) && SolutionLayout.SectionIndex(e.Name.LocalName) >= index).AddBeforeSelf(section);
                }

                section.Add(XElement.Parse(xml));
            }

            family.Mutate?.Invoke(customizations);
            foreach (var root in family.Roots)
            {
                solution.Element("SolutionManifest")!.Element("RootComponents")!.Add(XElement.Parse(root));
            }

            foreach (var (name, bytes) in family.Parts)
            {
                parts[name] = bytes;
            }

            if (family.Name == "PluginAssemblies")
            {
                parts[$"PluginAssemblies/FixturePlugins-{AssemblyId.ToUpperInvariant()}/FixturePlugins.dll"] = File.ReadAllBytes(pluginDll);
            }
        }

        if (managed)
        {
            solution.Element("SolutionManifest")!.Element("Managed")!.Value = "1";
            foreach (var label in customizations.Descendants("cell").Elements("labels").Elements("label"))
            {
                label.SetAttributeValue("description", string.Empty);
            }
        }

        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{UniqueName}_2_1_0_7{(managed ? "_managed" : string.Empty)}.zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        Add(zip, "customizations.xml", Encoding.UTF8.GetBytes(customizations.ToString(SaveOptions.DisableFormatting)));
        Add(zip, "solution.xml", Encoding.UTF8.GetBytes(solution.ToString(SaveOptions.DisableFormatting)));
        foreach (var (name, bytes) in parts)
        {
            Add(zip, name, bytes);
        }

        var extensions = parts.Keys.Select(p => Path.GetExtension(p).TrimStart('.')).Where(e => e.Length > 0).Append("xml").Distinct().Order(StringComparer.Ordinal);
        var contentTypes = new StringBuilder("\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">");
        foreach (var extension in extensions)
        {
            contentTypes.Append($"<Default Extension=\"{extension}\" ContentType=\"application/octet-stream\" />");
        }

        foreach (var name in parts.Keys.Where(p => Path.GetExtension(p).Length == 0))
        {
            contentTypes.Append($"<Override PartName=\"/{name}\" ContentType=\"application/octet-stream\" />");
        }

        contentTypes.Append("</Types>");
        Add(zip, "[Content_Types].xml", new UTF8Encoding(false).GetBytes(contentTypes.ToString()));
        return path;
    }

    /// <summary>Every part of a zip by name.</summary>
    public static SortedDictionary<string, byte[]> ReadParts(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        var result = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            result[entry.FullName] = buffer.ToArray();
        }

        return result;
    }

    /// <summary>
    /// An element as text with its attributes sorted and its children in a canonical order: two documents with the same
    /// elements, attributes and texts compare equal whatever the order of siblings.
    /// </summary>
    public static string Canonical(XElement element)
    {
        var attributes = element.Attributes().Where(a => !a.IsNamespaceDeclaration)
            .Select(a => $"{a.Name}=\"{a.Value}\"").Order(StringComparer.Ordinal);
        var content = element.HasElements
            ? string.Concat(element.Elements().Select(Canonical).Order(StringComparer.Ordinal))
            : element.Value.Trim();
        return $"<{element.Name} {string.Join(" ", attributes)}>{content}</{element.Name}>";
    }

    private static string B(string id) => "{" + id + "}";

    private static Dictionary<string, string> Section(string name, string xml) => new() { [name] = xml };

    private static Dictionary<string, byte[]> Parts(params (string Name, byte[] Bytes)[] parts) => parts.ToDictionary(p => p.Name, p => p.Bytes);

    private static byte[] Text(string text) => new UTF8Encoding(false).GetBytes(text);

    private static byte[] Binary(params byte[] bytes) => bytes;

    private static void Add(ZipArchive zip, string name, byte[] bytes)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        stream.Write(bytes);
    }

    private const string BaseSolution = """
        <ImportExportXml version="9.2.26034.167" SolutionPackageVersion="9.2" languagecode="1033" generatedBy="CrmLive" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" OrganizationVersion="9.2.26034.167" OrganizationSchemaType="Standard" CRMServerServiceabilityVersion="9.2.26034.00167">
          <SolutionManifest>
            <UniqueName>ContosoFieldService</UniqueName>
            <LocalizedNames><LocalizedName description="Contoso Field Service" languagecode="1033" /></LocalizedNames>
            <Descriptions />
            <Version>2.1.0.7</Version>
            <Managed>0</Managed>
            <Publisher>
              <UniqueName>contoso</UniqueName>
              <LocalizedNames><LocalizedName description="Contoso" languagecode="1033" /></LocalizedNames>
              <Descriptions />
              <EMailAddress xsi:nil="true"></EMailAddress>
              <SupportingWebsiteUrl xsi:nil="true"></SupportingWebsiteUrl>
              <CustomizationPrefix>cfs</CustomizationPrefix>
              <CustomizationOptionValuePrefix>41230</CustomizationOptionValuePrefix>
              <Addresses>
                <Address><AddressNumber>1</AddressNumber><AddressTypeCode>1</AddressTypeCode><City xsi:nil="true"></City><ShippingMethodCode>1</ShippingMethodCode></Address>
                <Address><AddressNumber>2</AddressNumber><AddressTypeCode>1</AddressTypeCode><City xsi:nil="true"></City><ShippingMethodCode>1</ShippingMethodCode></Address>
              </Addresses>
            </Publisher>
            <RootComponents>
              <RootComponent type="1" schemaName="cfs_job" behavior="0" />
              <RootComponent type="9" schemaName="cfs_priority" behavior="0" />
              <RootComponent type="20" id="{4f1c2a10-0000-4000-8000-0000000000f1}" behavior="0" />
            </RootComponents>
            <MissingDependencies />
          </SolutionManifest>
        </ImportExportXml>
        """;

    private const string BaseCustomizations = """
        <ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" OrganizationVersion="9.2.26034.167" OrganizationSchemaType="Standard" CRMServerServiceabilityVersion="9.2.26034.00167">
          <Entities>
            <Entity>
              <Name LocalizedName="Job" OriginalName="Job">cfs_Job</Name>
              <EntityInfo>
                <entity Name="cfs_Job">
                  <LocalizedNames><LocalizedName description="Job" languagecode="1033" /></LocalizedNames>
                  <LocalizedCollectionNames><LocalizedCollectionName description="Jobs" languagecode="1033" /></LocalizedCollectionNames>
                  <Descriptions><Description description="A field service job" languagecode="1033" /></Descriptions>
                  <attributes>
                    <attribute PhysicalName="cfs_AccountId">
                      <Type>lookup</Type><Name>cfs_accountid</Name><LogicalName>cfs_accountid</LogicalName><RequiredLevel>none</RequiredLevel>
                      <DisplayMask>ValidForAdvancedFind|ValidForForm|ValidForGrid</DisplayMask><ImeMode>auto</ImeMode>
                      <ValidForUpdateApi>1</ValidForUpdateApi><ValidForReadApi>1</ValidForReadApi><ValidForCreateApi>1</ValidForCreateApi>
                      <IsCustomField>1</IsCustomField><IsAuditEnabled>1</IsAuditEnabled><IsSecured>0</IsSecured><IntroducedVersion>1.0.0.0</IntroducedVersion>
                      <SourceType>0</SourceType><AutoNumberFormat></AutoNumberFormat><IsFilterable>0</IsFilterable><IsRetrievable>0</IsRetrievable>
                      <LookupStyle>single</LookupStyle><LookupTypes />
                      <displaynames><displayname description="Account" languagecode="1033" /></displaynames>
                    </attribute>
                    <attribute PhysicalName="cfs_JobId">
                      <Type>primarykey</Type><Name>cfs_jobid</Name><LogicalName>cfs_jobid</LogicalName><RequiredLevel>systemrequired</RequiredLevel>
                      <DisplayMask>ValidForAdvancedFind|RequiredForGrid</DisplayMask><ImeMode>auto</ImeMode>
                      <ValidForUpdateApi>0</ValidForUpdateApi><ValidForReadApi>1</ValidForReadApi><ValidForCreateApi>1</ValidForCreateApi>
                      <IsCustomField>0</IsCustomField><IsAuditEnabled>0</IsAuditEnabled><IsSecured>0</IsSecured><IntroducedVersion>1.0.0.0</IntroducedVersion>
                      <SourceType>0</SourceType><IsFilterable>1</IsFilterable><IsRetrievable>1</IsRetrievable>
                      <displaynames><displayname description="Job" languagecode="1033" /></displaynames>
                    </attribute>
                    <attribute PhysicalName="cfs_Name">
                      <Type>nvarchar</Type><Name>cfs_name</Name><LogicalName>cfs_name</LogicalName><RequiredLevel>required</RequiredLevel>
                      <DisplayMask>PrimaryName|ValidForAdvancedFind|ValidForForm|ValidForGrid|RequiredForForm</DisplayMask><ImeMode>auto</ImeMode>
                      <ValidForUpdateApi>1</ValidForUpdateApi><ValidForReadApi>1</ValidForReadApi><ValidForCreateApi>1</ValidForCreateApi>
                      <IsCustomField>1</IsCustomField><IsAuditEnabled>1</IsAuditEnabled><IsSecured>0</IsSecured><IntroducedVersion>1.0.0.0</IntroducedVersion>
                      <SourceType>0</SourceType><AutoNumberFormat></AutoNumberFormat><IsFilterable>0</IsFilterable><IsRetrievable>1</IsRetrievable>
                      <Format>text</Format><MaxLength>200</MaxLength><Length>400</Length>
                      <displaynames><displayname description="Name" languagecode="1033" /></displaynames>
                    </attribute>
                    <attribute PhysicalName="cfs_Priority">
                      <Type>picklist</Type><Name>cfs_priority</Name><LogicalName>cfs_priority</LogicalName><RequiredLevel>none</RequiredLevel>
                      <DisplayMask>ValidForAdvancedFind|ValidForForm|ValidForGrid</DisplayMask><ImeMode>auto</ImeMode>
                      <ValidForUpdateApi>1</ValidForUpdateApi><ValidForReadApi>1</ValidForReadApi><ValidForCreateApi>1</ValidForCreateApi>
                      <IsCustomField>1</IsCustomField><IsAuditEnabled>1</IsAuditEnabled><IsSecured>0</IsSecured><IntroducedVersion>1.0.0.0</IntroducedVersion>
                      <SourceType>0</SourceType><IsFilterable>0</IsFilterable><IsRetrievable>0</IsRetrievable>
                      <AppDefaultValue>-1</AppDefaultValue><OptionSetName>cfs_priority</OptionSetName>
                      <displaynames><displayname description="Priority" languagecode="1033" /></displaynames>
                    </attribute>
                    <attribute PhysicalName="statecode">
                      <Type>state</Type><Name>statecode</Name><LogicalName>statecode</LogicalName><RequiredLevel>systemrequired</RequiredLevel>
                      <DisplayMask>ValidForAdvancedFind|ValidForForm|ValidForGrid</DisplayMask><ImeMode>auto</ImeMode>
                      <ValidForUpdateApi>1</ValidForUpdateApi><ValidForReadApi>1</ValidForReadApi><ValidForCreateApi>0</ValidForCreateApi>
                      <IsCustomField>0</IsCustomField><IsAuditEnabled>1</IsAuditEnabled><IsSecured>0</IsSecured><IntroducedVersion>1.0.0.0</IntroducedVersion>
                      <CanModifyRequirementLevelSettings>1</CanModifyRequirementLevelSettings><SourceType>0</SourceType>
                      <optionset Name="cfs_job_statecode">
                        <OptionSetType>state</OptionSetType><IntroducedVersion>1.0.0.0</IntroducedVersion><IsCustomizable>1</IsCustomizable>
                        <displaynames><displayname description="Status" languagecode="1033" /></displaynames>
                        <Descriptions><Description description="Status of the Job" languagecode="1033" /></Descriptions>
                        <states>
                          <state value="0" defaultstatus="1" invariantname="Active"><labels><label description="Active" languagecode="1033" /></labels></state>
                          <state value="1" defaultstatus="2" invariantname="Inactive"><labels><label description="Inactive" languagecode="1033" /></labels></state>
                        </states>
                      </optionset>
                      <displaynames><displayname description="Status" languagecode="1033" /></displaynames>
                    </attribute>
                  </attributes>
                  <EntitySetName>cfs_jobs</EntitySetName>
                  <IsDuplicateCheckSupported>0</IsDuplicateCheckSupported>
                  <OwnershipTypeMask>UserOwned</OwnershipTypeMask>
                  <IsAuditEnabled>0</IsAuditEnabled>
                  <IsActivity>0</IsActivity>
                  <IntroducedVersion>1.0.0.0</IntroducedVersion>
                  <IsCustomizable>1</IsCustomizable>
                </entity>
              </EntityInfo>
              <FormXml>
                <forms type="main">
                  <systemform>
                    <formid>{4f1c2a10-0000-4000-8000-0000000000a1}</formid>
                    <IntroducedVersion>1.0.0.0</IntroducedVersion>
                    <FormPresentation>1</FormPresentation>
                    <FormActivationState>1</FormActivationState>
                    <form headerdensity="HighWithControls">
                      <tabs>
                        <tab verticallayout="true" id="{4f1c2a10-0000-4000-8000-0000000000a2}" IsUserDefined="1" name="general">
                          <labels><label description="General" languagecode="1033" /></labels>
                          <columns>
                            <column width="100%">
                              <sections>
                                <section showlabel="false" showbar="false" IsUserDefined="0" id="{4f1c2a10-0000-4000-8000-0000000000a3}" name="general_main">
                                  <labels><label description="General" languagecode="1033" /></labels>
                                  <rows>
                                    <row>
                                      <cell id="{4f1c2a10-0000-4000-8000-0000000000a4}">
                                        <labels><label description="Name" languagecode="1033" /></labels>
                                        <control id="cfs_name" classid="{4273EDBD-AC1D-40d3-9FB2-095C621B552D}" datafieldname="cfs_name" />
                                      </cell>
                                    </row>
                                  </rows>
                                </section>
                              </sections>
                            </column>
                          </columns>
                        </tab>
                      </tabs>
                    </form>
                    <IsCustomizable>1</IsCustomizable>
                    <CanBeDeleted>1</CanBeDeleted>
                    <LocalizedNames><LocalizedName description="Information" languagecode="1033" /></LocalizedNames>
                  </systemform>
                </forms>
              </FormXml>
              <SavedQueries>
                <savedqueries>
                  <savedquery>
                    <IsCustomizable>1</IsCustomizable>
                    <CanBeDeleted>0</CanBeDeleted>
                    <isquickfindquery>0</isquickfindquery>
                    <isprivate>0</isprivate>
                    <isdefault>1</isdefault>
                    <savedqueryid>{4f1c2a10-0000-4000-8000-0000000000b1}</savedqueryid>
                    <layoutxml>
                      <grid name="resultset" jump="cfs_name" select="1" icon="1" preview="1">
                        <row name="result" id="cfs_jobid">
                          <cell name="cfs_name" width="300" />
                          <cell name="cfs_priority" width="100" />
                        </row>
                      </grid>
                    </layoutxml>
                    <querytype>0</querytype>
                    <fetchxml>
                      <fetch version="1.0" mapping="logical">
                        <entity name="cfs_job">
                          <attribute name="cfs_jobid" />
                          <attribute name="cfs_name" />
                          <attribute name="cfs_priority" />
                          <filter type="and"><condition attribute="statecode" operator="eq" value="0" /></filter>
                          <order attribute="cfs_name" descending="false" />
                        </entity>
                      </fetch>
                    </fetchxml>
                    <IntroducedVersion>1.0.0.0</IntroducedVersion>
                    <LocalizedNames><LocalizedName description="Active Jobs" languagecode="1033" /></LocalizedNames>
                  </savedquery>
                </savedqueries>
              </SavedQueries>
              <Visualizations>
                <visualization>
                  <savedqueryvisualizationid>{4f1c2a10-0000-4000-8000-0000000000c1}</savedqueryvisualizationid>
                  <datadescription>
                    <datadefinition>
                      <fetchcollection>
                        <fetch mapping="logical" aggregate="true">
                          <entity name="cfs_job">
                            <attribute name="cfs_priority" groupby="true" alias="groupby_priority" />
                            <attribute name="cfs_jobid" aggregate="count" alias="count_jobs" />
                          </entity>
                        </fetch>
                      </fetchcollection>
                      <categorycollection>
                        <category alias="groupby_priority"><measurecollection><measure alias="count_jobs" /></measurecollection></category>
                      </categorycollection>
                    </datadefinition>
                  </datadescription>
                  <presentationdescription><Chart><Series><Series ChartType="Column" /></Series><ChartAreas><ChartArea /></ChartAreas></Chart></presentationdescription>
                  <isdefault>0</isdefault>
                  <LocalizedNames><LocalizedName description="Jobs by priority" languagecode="1033" /></LocalizedNames>
                  <IsCustomizable>1</IsCustomizable>
                  <IntroducedVersion>1.0.0.0</IntroducedVersion>
                  <CanBeDeleted>1</CanBeDeleted>
                </visualization>
              </Visualizations>
              <RibbonDiffXml>
                <CustomActions />
                <Templates><RibbonTemplates Id="Mscrm.Templates"></RibbonTemplates></Templates>
                <CommandDefinitions />
                <RuleDefinitions><TabDisplayRules /><DisplayRules /><EnableRules /></RuleDefinitions>
                <LocLabels />
              </RibbonDiffXml>
            </Entity>
          </Entities>
          <Roles>
            <Role id="{4f1c2a10-0000-4000-8000-0000000000f1}" name="Dispatcher">
              <RolePrivileges>
                <RolePrivilege name="prvCreatecfs_Job" level="Global" />
                <RolePrivilege name="prvReadcfs_Job" level="Global" />
                <RolePrivilege name="prvWritecfs_Job" level="Global" />
              </RolePrivileges>
            </Role>
          </Roles>
          <Workflows />
          <FieldSecurityProfiles />
          <Templates />
          <EntityMaps />
          <EntityRelationships>
            <EntityRelationship Name="cfs_account_cfs_job">
              <EntityRelationshipType>OneToMany</EntityRelationshipType>
              <IsCustomizable>1</IsCustomizable>
              <IntroducedVersion>1.0.0.0</IntroducedVersion>
              <IsHierarchical>0</IsHierarchical>
              <ReferencingEntityName>cfs_Job</ReferencingEntityName>
              <ReferencedEntityName>Account</ReferencedEntityName>
              <CascadeAssign>NoCascade</CascadeAssign>
              <CascadeDelete>RemoveLink</CascadeDelete>
              <CascadeReparent>NoCascade</CascadeReparent>
              <CascadeShare>NoCascade</CascadeShare>
              <CascadeUnshare>NoCascade</CascadeUnshare>
              <ReferencingAttributeName>cfs_AccountId</ReferencingAttributeName>
              <RelationshipDescription>
                <Descriptions><Description description="" languagecode="1033" /></Descriptions>
              </RelationshipDescription>
              <EntityRelationshipRoles>
                <EntityRelationshipRole><NavPaneDisplayOption>UseCollectionName</NavPaneDisplayOption><NavPaneArea>Details</NavPaneArea><NavPaneOrder>10000</NavPaneOrder><NavigationPropertyName>cfs_AccountId</NavigationPropertyName></EntityRelationshipRole>
                <EntityRelationshipRole><NavigationPropertyName>cfs_account_cfs_job</NavigationPropertyName></EntityRelationshipRole>
              </EntityRelationshipRoles>
            </EntityRelationship>
          </EntityRelationships>
          <OrganizationSettings />
          <optionsets>
            <optionset Name="cfs_priority" localizedName="Priority" description="">
              <OptionSetType>picklist</OptionSetType>
              <IsGlobal>1</IsGlobal>
              <IntroducedVersion>1.0</IntroducedVersion>
              <IsCustomizable>1</IsCustomizable>
              <displaynames><displayname description="Priority" languagecode="1033" /></displaynames>
              <Descriptions><Description description="" languagecode="1033" /></Descriptions>
              <options>
                <option value="412300000" ExternalValue="" IsHidden="0"><labels><label description="Normal" languagecode="1033" /></labels></option>
                <option value="412300001" ExternalValue="" IsHidden="0"><labels><label description="Urgent" languagecode="1033" /></labels></option>
              </options>
            </optionset>
          </optionsets>
          <CustomControls />
          <EntityDataProviders />
          <Languages>
            <Language>1033</Language>
          </Languages>
        </ImportExportXml>
        """;
}
