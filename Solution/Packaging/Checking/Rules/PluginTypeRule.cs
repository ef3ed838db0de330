namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// Rule <see cref="Rules.StepUnknownPluginType"/>: steps and custom APIs name plug-in types of the solution's plug-in
/// assembly metadata (by type name and id), and plug-in assemblies are signed (a 16-digit public key token).
/// </summary>
public sealed class PluginTypeRule : ICheckRule
{
    public IReadOnlyList<string> Ids { get; } = [Rules.StepUnknownPluginType];

    /// <summary>A type name compared without spaces after its commas and without case.</summary>
    public static string Canonical(string typeName) => string.Join(",", typeName.Split(',', StringSplitOptions.TrimEntries)).ToLowerInvariant();

    public void Check(RuleContext context)
    {
        var model = context.Model;
        var types = model.Assemblies.SelectMany(a => a.Element.Descendants("PluginType")).ToList();
        var pluginTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in types)
        {
            pluginTypes[Canonical(type.Attr("AssemblyQualifiedName") ?? string.Empty)] = XmlFiles.NormalizeId(type.Attr("PluginTypeId") ?? string.Empty);
        }

        foreach (var step in model.Steps)
        {
            var element = step.Element;
            var name = element.Attr("Name") ?? step.File;
            var pluginType = element.Text("PluginTypeName") ?? string.Empty;
            if (string.IsNullOrEmpty(pluginType) || model.Assemblies.Count == 0)
            {
                continue;
            }

            if (!pluginTypes.TryGetValue(Canonical(pluginType), out var typeId))
            {
                context.Error(step, element.Element("PluginTypeName"), Rules.StepUnknownPluginType, $"step '{name}': plug-in type '{pluginType}' is not in the plug-in assembly metadata");
            }
            else if (element.Text("PluginTypeId") is { Length: > 0 } declaredId && XmlFiles.NormalizeId(declaredId) != typeId)
            {
                context.Error(step, element.Element("PluginTypeId"), Rules.StepUnknownPluginType, $"step '{name}': PluginTypeId {declaredId} differs from the plug-in type's id {typeId}");
            }
        }

        foreach (var assembly in model.Assemblies)
        {
            var fullName = assembly.Element.Attr("FullName") ?? string.Empty;
            var (_, parts) = PluginAssemblyInspector.ParseFullName(fullName);
            if (!parts.TryGetValue("PublicKeyToken", out var token) || token == "null" || token.Length != 16)
            {
                context.Error(assembly, assembly.Element, Rules.StepUnknownPluginType, $"plug-in assembly '{fullName}' has no public key token (plug-in assemblies must be signed)");
            }
        }

        var typeIds = types.Select(t => XmlFiles.NormalizeId(t.Attr("PluginTypeId") ?? string.Empty)).ToHashSet();
        foreach (var api in model.CustomApis)
        {
            var name = api.Element.Attr("uniquename") ?? api.File;
            var typeId = api.Element.Element("plugintypeid") is { } typeRef ? (typeRef.Element("plugintypeexportkey") ?? typeRef.Element("plugintypeid"))?.Value : null;
            if (!string.IsNullOrEmpty(typeId) && typeIds.Count > 0 && !typeIds.Contains(XmlFiles.NormalizeId(typeId)))
            {
                context.Error(api, api.Element.Element("plugintypeid"), Rules.StepUnknownPluginType, $"custom API '{name}': plug-in type {typeId} is not in the plug-in assembly metadata");
            }
        }
    }
}
