namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// Rule <see cref="Rules.AppModuleInvalid"/>: an app's tables, sitemap and roles exist, and a sitemap's sub-areas show known
/// tables and web resources of the solution.
/// </summary>
public sealed class AppModuleRule : ICheckRule
{
    private const string WebResourceUrlPrefix = "$webresource:";

    public IReadOnlyList<string> Ids { get; } = [Rules.AppModuleInvalid];

    public void Check(RuleContext context)
    {
        var model = context.Model;
        var siteMapNames = model.SiteMaps.Select(s => s.Element.Text("SiteMapUniqueName") ?? string.Empty).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var webResourceNames = model.WebResourceNames();
        var roleIds = model.Roles.Select(r => XmlFiles.NormalizeId(r.Element.Attr("id") ?? string.Empty)).ToHashSet();
        foreach (var app in model.AppModules)
        {
            var name = app.Element.Text("UniqueName") ?? app.File;
            foreach (var component in app.Element.Descendants("AppModuleComponent"))
            {
                var type = component.Attr("type");
                var schemaName = component.Attr("schemaName") ?? string.Empty;
                if (type == "1" && !model.IsKnownTable(schemaName))
                {
                    context.Error(app, component, Rules.AppModuleInvalid, $"app '{name}': table '{schemaName}' is neither in the solution nor in the baseline");
                }

                if (type == "62" && !siteMapNames.Contains(schemaName))
                {
                    context.Error(app, component, Rules.AppModuleInvalid, $"app '{name}': sitemap '{schemaName}' is not in AppModuleSiteMaps");
                }
            }

            foreach (var role in app.Element.Descendants("AppModuleRoleMaps").Elements("Role"))
            {
                var id = XmlFiles.NormalizeId(role.Attr("id") ?? string.Empty);
                if (roleIds.Count > 0 && !roleIds.Contains(id))
                {
                    context.Error(app, role, Rules.AppModuleInvalid, $"app '{name}': role {role.Attr("id")} is not a role of the solution");
                }
            }
        }

        foreach (var siteMap in model.SiteMaps)
        {
            var name = siteMap.Element.Text("SiteMapUniqueName") ?? siteMap.File;
            foreach (var subArea in siteMap.Element.Descendants("SubArea"))
            {
                var entity = subArea.Attr("Entity");
                if (!string.IsNullOrEmpty(entity) && !model.IsKnownTable(entity))
                {
                    context.Error(siteMap, subArea, Rules.AppModuleInvalid, $"sitemap '{name}': sub-area '{subArea.Attr("Id")}' shows table '{entity}', which is neither in the solution nor in the baseline");
                }

                var url = subArea.Attr("Url") ?? string.Empty;
                if (url.StartsWith(WebResourceUrlPrefix, StringComparison.OrdinalIgnoreCase))
                {
                    var webResource = url[WebResourceUrlPrefix.Length..].Split('?')[0];
                    if (!webResourceNames.Contains(webResource))
                    {
                        context.Error(siteMap, subArea, Rules.AppModuleInvalid, $"sitemap '{name}': sub-area '{subArea.Attr("Id")}' opens web resource '{webResource}', which the solution does not contain");
                    }
                }
            }
        }
    }
}
