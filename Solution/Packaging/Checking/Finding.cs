namespace AccountPlanXrm.Solution.Packaging.Checking;

public enum Severity
{
    Warning,
    Error,
}

/// <summary>One checker finding, printed like a linter: <c>file:line: RULE-ID severity message</c>.</summary>
/// <param name="File">Path of the offending file (relative to the checked folder, '/' separators).</param>
/// <param name="Line">1-based line, 0 when unknown.</param>
/// <param name="RuleId">Power Apps checker rule id where one exists (meta-..., web-...), else an apx-... id.</param>
/// <param name="Severity">Error or warning; any finding fails the check.</param>
/// <param name="Message">What is wrong, naming the component and the missing or wrong value.</param>
public sealed record Finding(string File, int Line, string RuleId, Severity Severity, string Message)
{
    public string Format(string? displayRoot = null)
    {
        var file = string.IsNullOrEmpty(displayRoot) ? File : displayRoot.TrimEnd('/', '\\') + "/" + File;
        var severity = Severity == Severity.Error ? "error" : "warning";
        return $"{file}:{Line}: {RuleId} {severity} {Message}";
    }

    public override string ToString() => Format();
}

/// <summary>The rule ids the checker reports, with a one-line description each (shown by <c>apx check --rules</c>).</summary>
public static class Rules
{
    public const string XmlMalformed = "apx-xml-malformed";
    public const string SchemaInvalid = "apx-schema-invalid";
    public const string MissingFile = "apx-missing-file";
    public const string UnknownTable = "apx-unknown-table";
    public const string FormUnknownColumn = "apx-form-unknown-column";
    public const string FormSubgrid = "apx-form-subgrid";
    public const string FormUnknownWebResource = "apx-form-unknown-webresource";
    public const string InvalidFormHandler = "meta-remove-invalid-form-handler";
    public const string FormUnknownLibrary = "apx-form-unknown-library";
    public const string ViewUnknownColumn = "apx-view-unknown-column";
    public const string ChartUnknownColumn = "apx-chart-unknown-column";
    public const string StepNoFilteringAttributes = "meta-avoid-reg-no-attribute";
    public const string StepDuplicate = "meta-remove-dup-reg";
    public const string StepRetrieve = "meta-avoid-reg-retrieve";
    public const string StepCrm4Stage = "meta-avoid-crm4-event";
    public const string StepInvalid = "apx-step-invalid";
    public const string StepUnknownColumn = "apx-step-unknown-column";
    public const string StepUnknownMessage = "apx-step-unknown-message";
    public const string StepUnknownPluginType = "apx-step-unknown-plugintype";
    public const string ImageNoColumns = "apx-image-no-columns";
    public const string ImageUnsupported = "apx-image-unsupported";
    public const string ChoicePrefix = "apx-choice-prefix";
    public const string DuplicateId = "apx-id-duplicate";
    public const string LabelMissing = "apx-label-missing";
    public const string WebResourceName = "apx-webresource-name";
    public const string WebResourceFileName = "apx-webresource-filename";
    public const string Prefix = "apx-prefix";
    public const string RootMissing = "apx-root-missing";
    public const string RootUnknown = "apx-root-unknown";
    public const string RelationshipInvalid = "apx-relationship-invalid";
    public const string FieldSecurityInvalid = "apx-field-security-invalid";
    public const string CustomApiInvalid = "apx-customapi-invalid";
    public const string DependencyUndeclared = "apx-dependency-undeclared";
    public const string OwnershipInvalid = "apx-ownership-invalid";
    public const string AppModuleInvalid = "apx-appmodule-invalid";
    public const string RolePrivilegeUnknown = "apx-role-unknown-privilege";
    public const string RoleMissingPrivilege = "apx-role-missing-privilege";

    public static readonly IReadOnlyList<(string Id, string Description)> All =
    [
        (XmlMalformed, "a file is not well-formed XML"),
        (SchemaInvalid, "customizations do not validate against the Dataverse XSDs (../shared/schemas/dataverse)"),
        (MissingFile, "a required file of the layout is missing"),
        (UnknownTable, "a table is neither in the solution nor in the system-table baseline"),
        (FormUnknownColumn, "a form control or onchange event refers to a column the table does not have"),
        (FormSubgrid, "a sub-grid refers to an unknown table, view or relationship"),
        (FormUnknownWebResource, "a web resource control refers to a web resource the solution does not contain"),
        (InvalidFormHandler, "a form event handler refers to a library not registered on the form, or has no function"),
        (FormUnknownLibrary, "a form library is not a web resource of the solution"),
        (ViewUnknownColumn, "a view column (layoutxml or fetchxml) refers to a column the table does not have"),
        (ChartUnknownColumn, "a chart refers to a column the table does not have"),
        (StepNoFilteringAttributes, "an Update step has no filtering attributes"),
        (StepDuplicate, "two steps register the same plug-in type for the same message, table, stage and mode"),
        (StepRetrieve, "a step is registered on Retrieve or RetrieveMultiple"),
        (StepCrm4Stage, "a step uses the CRM 4.0 stage 50"),
        (StepInvalid, "a step has an invalid stage, mode or missing element"),
        (StepUnknownColumn, "a step filtering attribute or image column does not exist on the table"),
        (StepUnknownMessage, "a step message id is not a well-known SDK message id"),
        (StepUnknownPluginType, "a step or custom API refers to a plug-in type not in the plug-in assembly"),
        (ImageNoColumns, "a step image has no column list"),
        (ImageUnsupported, "a pre-image on Create or a post-image in a pre stage"),
        (ChoicePrefix, "a choice value does not carry the publisher's option value prefix"),
        (DuplicateId, "an id is used by more than one component or form element"),
        (LabelMissing, "a label collection lacks English (1033, error) or German (1031, warning)"),
        (WebResourceName, "a web resource name has invalid characters, no prefix or an extension not matching its type"),
        (WebResourceFileName, "a web resource FileName or metadata path does not follow the export naming"),
        (Prefix, "a custom component name does not start with the publisher prefix"),
        (RootMissing, "a component of the folder is not a root component in Solution.xml"),
        (RootUnknown, "a root component in Solution.xml refers to nothing in the folder, or uses an invalid type"),
        (RelationshipInvalid, "a relationship refers to an unknown table or column"),
        (FieldSecurityInvalid, "a field security profile names a column that is not secured (IsSecured 1), or a permission other than 0 or 4"),
        (CustomApiInvalid, "a custom API definition is invalid"),
        (DependencyUndeclared, "a component refers to a table an app brings, which the solution neither carries nor declares as a missing dependency"),
        (OwnershipInvalid, "a table's OwnershipTypeMask is not a value exports write (UserOwned, OrgOwned)"),
        (AppModuleInvalid, "an app or sitemap refers to an unknown table, sitemap or web resource"),
        (RolePrivilegeUnknown, "a role privilege names a custom table the solution does not contain"),
        (RoleMissingPrivilege, "a role lacks a privilege that a main form (lookups, sub-grids), a view (linked tables) or a plug-in step image of what it may do needs"),
    ];
}
