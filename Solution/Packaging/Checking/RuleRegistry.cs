namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// The checker's rules, in the order the runner asks them (the findings are sorted afterwards). A new rule is one file in
/// Rules/ implementing <see cref="ICheckRule"/> plus one line here; its ids go into <see cref="Rules"/>.
/// </summary>
public static class RuleRegistry
{
    public static readonly IReadOnlyList<ICheckRule> All =
    [
        new RequiredFilesRule(),
        new PrefixRule(),
        new OwnershipRule(),
        new UnknownTableRule(),
        new FormRule(),
        new ViewColumnRule(),
        new ChartColumnRule(),
        new ChoiceValueRule(),
        new RelationshipRule(),
        new StepRegistrationRule(),
        new PluginTypeRule(),
        new WebResourceNameRule(),
        new ExportFileNameRule(),
        new AppModuleRule(),
        new RolePrivilegeRule(),
        new RoleCoverageRule(),
        new CustomApiRule(),
        new DependencyRule(),
        new DuplicateIdRule(),
        new LabelRule(),
        new RootComponentRule(),
        new FieldSecurityRule(),

        // Broken files after the rules that read the model, so those ran on everything readable; the schema last (it
        // validates only a folder without broken files).
        new MalformedXmlRule(),
        new SchemaRule(),
    ];
}
