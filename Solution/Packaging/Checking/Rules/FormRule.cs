namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// The references of forms and dashboards: bound columns and onchange events (<see cref="Rules.FormUnknownColumn"/>),
/// sub-grids' table, view and relationship (<see cref="Rules.FormSubgrid"/>), web resource controls
/// (<see cref="Rules.FormUnknownWebResource"/>), form libraries (<see cref="Rules.FormUnknownLibrary"/>) and event handlers
/// (<see cref="Rules.InvalidFormHandler"/>, the Power Apps checker's meta-remove-invalid-form-handler).
/// </summary>
public sealed class FormRule : ICheckRule
{
    private const string SubgridClassId = "e7a81278-8635-4d9e-8d4d-59480b391c5b";
    private const string WebResourceClassId = "9fdf5f91-88b1-47f4-ad53-c11efc01a01d";
    private const string WebResourceUrlPrefix = "$webresource:";

    public IReadOnlyList<string> Ids { get; } =
        [Rules.FormUnknownColumn, Rules.FormSubgrid, Rules.FormUnknownWebResource, Rules.FormUnknownLibrary, Rules.InvalidFormHandler];

    public void Check(RuleContext context)
    {
        var model = context.Model;
        var webResourceNames = model.WebResourceNames();
        var views = model.Entities.Values.SelectMany(e => e.Views).Select(v => XmlFiles.NormalizeId(v.Element.Text("savedqueryid") ?? string.Empty)).ToHashSet();
        var relationships = model.Relationships.Select(r => r.Element.Attr("Name") ?? string.Empty).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var forms = model.Entities.Values.SelectMany(e => e.Forms.Select(f => (Table: e.LogicalName, Form: f)))
            .Concat(model.Dashboards.Select(d => (Table: string.Empty, Form: d)));
        foreach (var (table, form) in forms)
        {
            var columns = table.Length == 0 ? null : model.Columns(table);
            var name = form.DisplayName(form.Element.Text("formid"));
            foreach (var control in form.Element.Descendants("control"))
            {
                var field = control.Attr("datafieldname");
                if (!string.IsNullOrEmpty(field) && columns is not null && !columns.Contains(field))
                {
                    context.Error(form, control, Rules.FormUnknownColumn, $"form '{name}': control '{control.Attr("id")}' is bound to '{field}', which '{table}' does not have");
                }

                var classId = XmlFiles.NormalizeId(control.Attr("classid") ?? string.Empty);
                var parameters = control.Element("parameters");
                if (classId == SubgridClassId && parameters is not null)
                {
                    CheckSubgrid(context, form, name, control, parameters, views, relationships);
                }

                if (classId == WebResourceClassId && parameters is not null)
                {
                    var url = parameters.Text("Url") ?? string.Empty;
                    var webResource = url.StartsWith(WebResourceUrlPrefix, StringComparison.OrdinalIgnoreCase) ? url[WebResourceUrlPrefix.Length..] : url;
                    if (!string.IsNullOrEmpty(webResource) && model.IsCustomName(webResource) && !webResourceNames.Contains(webResource))
                    {
                        context.Error(form, parameters.Element("Url"), Rules.FormUnknownWebResource, $"form '{name}': control '{control.Attr("id")}' shows web resource '{webResource}', which the solution does not contain");
                    }
                }
            }

            var libraries = form.Element.Descendants("formLibraries").Elements("Library").ToList();
            var libraryNames = libraries.Select(l => l.Attr("name") ?? string.Empty).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var library in libraries)
            {
                var libraryName = library.Attr("name") ?? string.Empty;
                if (model.IsCustomName(libraryName) && !webResourceNames.Contains(libraryName))
                {
                    context.Error(form, library, Rules.FormUnknownLibrary, $"form '{name}': library '{libraryName}' is not a web resource of the solution");
                }
            }

            foreach (var evt in form.Element.Descendants("event"))
            {
                var attribute = evt.Attr("attribute");
                if (!string.IsNullOrEmpty(attribute) && columns is not null && !columns.Contains(attribute))
                {
                    context.Error(form, evt, Rules.FormUnknownColumn, $"form '{name}': {evt.Attr("name")} event on '{attribute}', which '{table}' does not have");
                }

                foreach (var handler in evt.Descendants("Handler"))
                {
                    var libraryName = handler.Attr("libraryName") ?? string.Empty;
                    if (!libraryNames.Contains(libraryName))
                    {
                        context.Error(form, handler, Rules.InvalidFormHandler, $"form '{name}': handler '{handler.Attr("functionName")}' uses library '{libraryName}', which is not in the form's formLibraries");
                    }

                    if (string.IsNullOrWhiteSpace(handler.Attr("functionName")))
                    {
                        context.Error(form, handler, Rules.InvalidFormHandler, $"form '{name}': handler without functionName");
                    }
                }
            }
        }
    }

    private static void CheckSubgrid(RuleContext context, SourceElement form, string name, XElement control, XElement parameters, HashSet<string> views, HashSet<string> relationships)
    {
        var model = context.Model;
        var target = parameters.Text("TargetEntityType");
        if (!string.IsNullOrEmpty(target) && !model.IsKnownTable(target))
        {
            context.Error(form, parameters.Element("TargetEntityType"), Rules.FormSubgrid, $"form '{name}': sub-grid '{control.Attr("id")}' shows table '{target}', which is neither in the solution nor in the baseline");
        }

        var viewId = parameters.Text("ViewId");
        if (!string.IsNullOrEmpty(viewId) && target is not null && model.Entities.ContainsKey(target) && model.IsCustomName(target) && !views.Contains(XmlFiles.NormalizeId(viewId)))
        {
            context.Error(form, parameters.Element("ViewId"), Rules.FormSubgrid, $"form '{name}': sub-grid '{control.Attr("id")}' uses view {viewId}, which the solution does not contain");
        }

        var relationship = parameters.Text("RelationshipName");
        if (!string.IsNullOrEmpty(relationship) && model.IsCustomName(relationship) && !relationships.Contains(relationship))
        {
            context.Error(form, parameters.Element("RelationshipName"), Rules.FormSubgrid, $"form '{name}': sub-grid '{control.Attr("id")}' uses relationship '{relationship}', which the solution does not contain");
        }
    }
}
