using System.Text.RegularExpressions;

namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// Rule <see cref="Rules.WebResourceName"/>: a web resource name uses letters, digits, '_', '.' and single '/' between
/// segments, no server-page extension, and the extension its type expects.
/// </summary>
public sealed class WebResourceNameRule : ICheckRule
{
    private static readonly Regex NamePattern = new(@"^[A-Za-z0-9_.]+(/[A-Za-z0-9_.]+)*$", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private static readonly Dictionary<int, string[]> Extensions = new()
    {
        [1] = [".htm", ".html"], [2] = [".css"], [3] = [".js"], [4] = [".xml"], [5] = [".png"], [6] = [".jpg", ".jpeg"],
        [7] = [".gif"], [8] = [".xap"], [9] = [".xsl", ".xslt"], [10] = [".ico"], [11] = [".svg"], [12] = [".resx"],
    };

    public IReadOnlyList<string> Ids { get; } = [Rules.WebResourceName];

    public void Check(RuleContext context)
    {
        foreach (var webResource in context.Model.WebResources)
        {
            var element = webResource.Element;
            var name = element.Text("Name") ?? string.Empty;
            if (!NamePattern.IsMatch(name))
            {
                context.Error(webResource, element.Element("Name"), Rules.WebResourceName, $"web resource '{name}': only letters, digits, '_', '.' and single '/' between segments are allowed");
            }

            var extension = Path.GetExtension(name).ToLowerInvariant();
            if (extension is ".aspx" or ".ascx" or ".asmx" or ".ashx")
            {
                context.Error(webResource, element.Element("Name"), Rules.WebResourceName, $"web resource '{name}': extension {extension} is not allowed");
            }

            if (int.TryParse(element.Text("WebResourceType"), out var type) && Extensions.TryGetValue(type, out var extensions) && !extensions.Contains(extension))
            {
                context.Error(webResource, element.Element("WebResourceType"), Rules.WebResourceName, $"web resource '{name}': type {type} expects {string.Join(" or ", extensions)}");
            }
        }
    }
}
