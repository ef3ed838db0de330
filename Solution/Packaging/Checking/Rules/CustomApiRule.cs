namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// Rule <see cref="Rules.CustomApiInvalid"/>: a bound custom API (binding type 1 or 2) names a known table, and response
/// properties carry no <c>isoptional</c> (valid on request parameters only; the import fails on it).
/// </summary>
public sealed class CustomApiRule : ICheckRule
{
    public IReadOnlyList<string> Ids { get; } = [Rules.CustomApiInvalid];

    public void Check(RuleContext context)
    {
        foreach (var api in context.Model.CustomApis)
        {
            var name = api.Element.Attr("uniquename") ?? api.File;
            var binding = api.Element.Text("bindingtype");
            var bound = api.Element.Text("boundentitylogicalname");
            if (binding is "1" or "2" && (string.IsNullOrEmpty(bound) || !context.Model.IsKnownTable(bound)))
            {
                context.Error(api, api.Element.Element("boundentitylogicalname") ?? api.Element, Rules.CustomApiInvalid, $"custom API '{name}': bound table '{bound}' is unknown");
            }
        }

        foreach (var property in context.Model.CustomApiResponseProperties)
        {
            if (property.Element.Element("isoptional") is { } optional)
            {
                context.Error(property, optional, Rules.CustomApiInvalid, $"response property '{property.Element.Attr("uniquename")}': isoptional is not valid on a response property and fails the import");
            }
        }
    }
}
