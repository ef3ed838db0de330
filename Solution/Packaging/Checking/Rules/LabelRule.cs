namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// Rule <see cref="Rules.LabelMissing"/>: every label collection (localized names, descriptions, display names, labels,
/// titles with a language) carries a label in each of the context's languages: the first missing is an error, the others
/// warnings. Ribbon diffs and presentation descriptions are left out.
/// </summary>
public sealed class LabelRule : ICheckRule
{
    private static readonly string[] LabelElements = ["LocalizedName", "LocalizedCollectionName", "Description", "displayname", "label", "Title"];

    public IReadOnlyList<string> Ids { get; } = [Rules.LabelMissing];

    public void Check(RuleContext context)
    {
        var languages = context.Languages;
        if (languages.Count == 0)
        {
            return;
        }

        foreach (var (file, document) in context.Model.Documents)
        {
            if (document.Root is null || file.EndsWith("/RibbonDiff.xml", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var collection in document.Root.DescendantsAndSelf())
            {
                var labels = collection.Elements()
                    .Where(e => LabelElements.Contains(e.Name.LocalName) && (e.Attribute("languagecode") is not null || e.Attribute("LCID") is not null))
                    .ToList();
                if (labels.Count == 0 || labels.All(l => string.IsNullOrEmpty(l.Attr("description") ?? l.Attr("Title"))))
                {
                    continue;
                }

                if (collection.Ancestors("presentationdescription").Any())
                {
                    continue;
                }

                var present = labels.Select(l => l.Attr("languagecode") ?? l.Attr("LCID")).ToHashSet(StringComparer.Ordinal);
                for (var i = 0; i < languages.Count; i++)
                {
                    var language = languages[i].ToString(CultureInfo.InvariantCulture);
                    if (!present.Contains(language))
                    {
                        var text = labels[0].Attr("description") ?? labels[0].Attr("Title");
                        context.Report(file, collection, Rules.LabelMissing, i == 0 ? Severity.Error : Severity.Warning, $"{collection.Name.LocalName} \"{text}\" has no label for language {language}");
                    }
                }
            }
        }
    }
}
