namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// Rule <see cref="Rules.DuplicateId"/>: the ids of forms, views, charts, dashboards, roles, web resources, plug-in
/// assemblies and types, steps and images, and of form tabs, sections and cells are unique across the folder; control ids
/// are unique on their form.
/// </summary>
public sealed class DuplicateIdRule : ICheckRule
{
    public IReadOnlyList<string> Ids { get; } = [Rules.DuplicateId];

    public void Check(RuleContext context)
    {
        var model = context.Model;
        var seen = new Dictionary<string, (string File, string What)>(StringComparer.Ordinal);

        void Claim(string file, XObject node, string? id, string what)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                return;
            }

            var key = XmlFiles.NormalizeId(id);
            if (seen.TryGetValue(key, out var first))
            {
                context.Report(file, node, Rules.DuplicateId, Severity.Error, $"{what} id {id} is already used by {first.What} in {first.File}");
            }
            else
            {
                seen[key] = (file, what);
            }
        }

        foreach (var entity in model.Entities.Values)
        {
            foreach (var form in entity.Forms)
            {
                Claim(form.File, form.Element, form.Element.Text("formid"), "form");
                ClaimFormParts(context, form, Claim);
            }

            foreach (var view in entity.Views)
            {
                Claim(view.File, view.Element, view.Element.Text("savedqueryid"), "view");
            }

            foreach (var chart in entity.Charts)
            {
                Claim(chart.File, chart.Element, chart.Element.Text("savedqueryvisualizationid"), "chart");
            }
        }

        foreach (var dashboard in model.Dashboards)
        {
            Claim(dashboard.File, dashboard.Element, dashboard.Element.Text("FormId"), "dashboard");
            ClaimFormParts(context, dashboard, Claim);
        }

        foreach (var role in model.Roles)
        {
            Claim(role.File, role.Element, role.Element.Attr("id"), "role");
        }

        foreach (var webResource in model.WebResources)
        {
            Claim(webResource.File, webResource.Element, webResource.Element.Text("WebResourceId"), "web resource");
        }

        foreach (var assembly in model.Assemblies)
        {
            Claim(assembly.File, assembly.Element, assembly.Element.Attr("PluginAssemblyId"), "plug-in assembly");
            foreach (var type in assembly.Element.Descendants("PluginType"))
            {
                Claim(assembly.File, type, type.Attr("PluginTypeId"), "plug-in type");
            }
        }

        foreach (var step in model.Steps)
        {
            Claim(step.File, step.Element, step.Element.Attr("SdkMessageProcessingStepId"), "step");
            foreach (var image in step.Element.Descendants("SdkMessageProcessingStepImage"))
            {
                Claim(step.File, image, image.Text("SdkMessageProcessingStepImageId"), "step image");
            }
        }
    }

    private static void ClaimFormParts(RuleContext context, SourceElement form, Action<string, XObject, string?, string> claim)
    {
        foreach (var element in form.Element.Descendants())
        {
            if (element.Name.LocalName is "tab" or "section" or "cell")
            {
                claim(form.File, element, element.Attr("id"), "form " + element.Name.LocalName);
            }
        }

        var controlIds = new Dictionary<string, XElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var control in form.Element.Descendants("control"))
        {
            var id = control.Attr("id");
            if (!string.IsNullOrEmpty(id) && !controlIds.TryAdd(id, control))
            {
                context.Report(form.File, control, Rules.DuplicateId, Severity.Error, $"control id '{id}' appears twice on the form (line {XmlFiles.LineOf(controlIds[id])})");
            }
        }
    }
}
