namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// Rule <see cref="Rules.Prefix"/> (house rule): custom tables, columns, choices, relationships, web resources, apps and
/// custom APIs start with the publisher's customization prefix. Relationships the platform names (lk_, owner_, …) and
/// system tables of the baseline are exempt.
/// </summary>
public sealed class PrefixRule : ICheckRule
{
    private static readonly string[] PlatformRelationshipPrefixes = ["lk_", "owner_", "user_", "team_", "business_unit_", "TransactionCurrency_", "organization_"];

    public IReadOnlyList<string> Ids { get; } = [Rules.Prefix];

    public void Check(RuleContext context)
    {
        var model = context.Model;
        string Needs(string what) => $"{what} does not start with the prefix '{model.Prefix}_'";

        foreach (var entity in model.Entities.Values)
        {
            var source = new SourceElement(entity.File, entity.Element);
            if (!model.IsCustomName(entity.LogicalName) && !SystemTableBaseline.HasTable(entity.LogicalName))
            {
                context.Error(source, entity.Element, Rules.Prefix, Needs($"table '{entity.LogicalName}'") + " and is not a known system table");
            }

            foreach (var attribute in entity.Attributes.Values)
            {
                var logical = attribute.Text("LogicalName") ?? string.Empty;
                if (attribute.Text("IsCustomField") == "1" && !model.IsCustomName(logical))
                {
                    context.Error(source, attribute, Rules.Prefix, Needs($"custom column '{entity.LogicalName}.{logical}'"));
                }
            }
        }

        // Global choices are looked at with their values: only when the publisher has an option value prefix.
        if (model.OptionValuePrefix > 0)
        {
            foreach (var optionSet in model.OptionSets)
            {
                var name = optionSet.Element.Attr("Name") ?? string.Empty;
                if (!model.IsCustomName(name))
                {
                    context.Error(optionSet, optionSet.Element, Rules.Prefix, Needs($"choice '{name}'"));
                }
            }
        }

        foreach (var relationship in model.Relationships)
        {
            var element = relationship.Element;
            var name = element.Attr("Name") ?? string.Empty;
            var custom = model.IsCustomName(element.Text("ReferencingEntityName") ?? string.Empty) || model.IsCustomName(name);
            if ((element.Text("EntityRelationshipType") ?? "OneToMany") != "ManyToMany" && custom && !model.IsCustomName(name)
                && !PlatformRelationshipPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                context.Error(relationship, element, Rules.Prefix, Needs($"relationship '{name}'"));
            }
        }

        foreach (var webResource in model.WebResources)
        {
            var name = webResource.Element.Text("Name") ?? string.Empty;
            if (!model.IsCustomName(name))
            {
                context.Error(webResource, webResource.Element.Element("Name"), Rules.Prefix, Needs($"web resource '{name}'"));
            }
        }

        foreach (var app in model.AppModules)
        {
            var name = app.Element.Text("UniqueName") ?? app.File;
            if (!model.IsCustomName(name))
            {
                context.Error(app, app.Element.Element("UniqueName") ?? app.Element, Rules.Prefix, Needs($"app '{name}'"));
            }
        }

        foreach (var api in model.CustomApis)
        {
            var name = api.Element.Attr("uniquename") ?? api.File;
            if (!model.IsCustomName(name))
            {
                context.Error(api, api.Element, Rules.Prefix, Needs($"custom API '{name}'"));
            }
        }
    }
}
