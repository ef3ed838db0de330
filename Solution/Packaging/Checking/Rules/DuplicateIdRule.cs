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

        void ClaimAll(IEnumerable<SourceElement> components, Func<XElement, string?> id, string what, bool formParts = false)
        {
            foreach (var component in components)
            {
                Claim(component.File, component.Element, id(component.Element), what);
                if (formParts)
                {
                    ClaimFormParts(context, component, Claim);
                }
            }
        }

        // Forms and dashboards also claim the ids of their tabs, sections and cells.
        foreach (var entity in model.Entities.Values)
        {
            ClaimAll(entity.Forms, form => form.Text("formid"), "form", formParts: true);
            ClaimAll(entity.Views, view => view.Text("savedqueryid"), "view");
            ClaimAll(entity.Charts, chart => chart.Text("savedqueryvisualizationid"), "chart");
        }

        ClaimAll(model.Dashboards, dashboard => dashboard.Text("FormId"), "dashboard", formParts: true);
        ClaimAll(model.Roles, role => role.Attr("id"), "role");
        ClaimAll(model.WebResources, webResource => webResource.Text("WebResourceId"), "web resource");
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
