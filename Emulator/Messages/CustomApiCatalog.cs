namespace AccountPlanXrm.Emulator.Messages;

/// <summary>
/// The custom APIs of the solution and the plug-in types that implement them. A request name that is neither a
/// built-in nor a registered message runs as a custom API when the solution declares one of that name, when a step
/// is registered on it (an unbound message) or when a plug-in implements it.
/// </summary>
internal sealed class CustomApiCatalog(IEnumerable<CustomApiDefinition> apis, Dictionary<string, Type> plugins)
{
    private readonly Dictionary<string, CustomApiDefinition> _apis = apis.ToDictionary(a => a.UniqueName, StringComparer.OrdinalIgnoreCase);

    public MessageHandler? Find(string name, StepRegistry steps)
    {
        if (_apis.TryGetValue(name, out var api))
        {
            return new CustomApiHandler(api, plugins.GetValueOrDefault(api.UniqueName));
        }

        if (steps.Find(name, "none") is { IsEmpty: false } || plugins.ContainsKey(name))
        {
            return new CustomApiHandler(new CustomApiDefinition { UniqueName = name }, plugins.GetValueOrDefault(name));
        }

        return null;
    }
}
