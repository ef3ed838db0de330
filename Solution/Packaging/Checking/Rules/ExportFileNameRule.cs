namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// Rule <see cref="Rules.WebResourceFileName"/>: web resources and plug-in assemblies keep their metadata where unpacked
/// exports put it and name their part (<c>FileName</c>) as exports do (see <see cref="SolutionLayout"/>); a web resource id
/// is a GUID.
/// </summary>
public sealed class ExportFileNameRule : ICheckRule
{
    public IReadOnlyList<string> Ids { get; } = [Rules.WebResourceFileName];

    public void Check(RuleContext context)
    {
        foreach (var webResource in context.Model.WebResources)
        {
            var element = webResource.Element;
            var name = element.Text("Name") ?? string.Empty;
            var id = element.Text("WebResourceId") ?? string.Empty;
            var expectedFile = "WebResources/" + name + ".data.xml";
            if (!string.Equals(webResource.File, expectedFile, StringComparison.Ordinal))
            {
                context.Error(webResource, element, Rules.WebResourceFileName, $"web resource '{name}': metadata belongs in {expectedFile}");
            }

            var fileName = element.Text("FileName");
            var expected = SolutionLayout.WebResourcePartName(name, id);
            if (string.IsNullOrEmpty(id) || !Guid.TryParse(id, out _))
            {
                context.Error(webResource, element.Element("WebResourceId") ?? element, Rules.WebResourceFileName, $"web resource '{name}': WebResourceId '{id}' is not a GUID");
            }
            else if (!string.Equals(fileName, expected, StringComparison.Ordinal))
            {
                context.Error(webResource, element.Element("FileName") ?? element, Rules.WebResourceFileName, $"web resource '{name}': FileName should be '{expected}' (as exports name the part)");
            }
        }

        foreach (var assembly in context.Model.Assemblies)
        {
            var (name, _) = PluginAssemblyInspector.ParseFullName(assembly.Element.Attr("FullName") ?? string.Empty);
            var expected = SolutionLayout.PluginAssemblyPartName(name, assembly.Element.Attr("PluginAssemblyId") ?? string.Empty);
            if (!string.Equals(assembly.Element.Text("FileName"), expected, StringComparison.Ordinal))
            {
                context.Error(assembly, assembly.Element.Element("FileName") ?? assembly.Element, Rules.WebResourceFileName, $"plug-in assembly '{name}': FileName should be '{expected}' (as exports name the part)");
            }

            if (!string.Equals("/" + assembly.File, expected + ".data.xml", StringComparison.Ordinal))
            {
                context.Error(assembly, assembly.Element, Rules.WebResourceFileName, $"plug-in assembly '{name}': metadata belongs in {expected.TrimStart('/')}.data.xml");
            }
        }
    }
}
