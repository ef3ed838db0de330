namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// Rule <see cref="Rules.ChoicePrefix"/> (house rule): choice values of custom columns, of status reasons of custom tables
/// and of global choices lie in the publisher's option value range (prefix × 10,000 … + 9,999). Status reasons 1 and 2
/// (the platform's Active/Inactive) and two-option and state columns are exempt.
/// </summary>
public sealed class ChoiceValueRule : ICheckRule
{
    public IReadOnlyList<string> Ids { get; } = [Rules.ChoicePrefix];

    public void Check(RuleContext context)
    {
        var model = context.Model;
        if (model.OptionValuePrefix <= 0)
        {
            return;
        }

        var low = model.OptionValuePrefix * 10000L;
        var high = low + 9999;

        void CheckOptionSet(string file, XElement optionSet, string owner, bool statusOnly)
        {
            var type = optionSet.Text("OptionSetType") ?? "picklist";
            if (type is "bit" or "state" || (statusOnly && type != "status"))
            {
                return;
            }

            foreach (var option in optionSet.Descendants().Where(e => e.Name.LocalName is "option" or "status"))
            {
                if (!long.TryParse(option.Attr("value"), out var value))
                {
                    continue;
                }

                if (type == "status" && value is 1 or 2)
                {
                    continue;
                }

                if (value < low || value > high)
                {
                    context.Report(file, option, Rules.ChoicePrefix, Severity.Error, $"{owner}: choice value {value} is outside {low}..{high} (option value prefix {model.OptionValuePrefix})");
                }
            }
        }

        foreach (var entity in model.Entities.Values)
        {
            var customTable = model.IsCustomName(entity.LogicalName);
            foreach (var attribute in entity.Attributes.Values)
            {
                var optionSet = attribute.Element("optionset");
                if (optionSet is null)
                {
                    continue;
                }

                var customColumn = attribute.Text("IsCustomField") == "1";
                if (customColumn || customTable)
                {
                    CheckOptionSet(entity.File, optionSet, $"{entity.LogicalName}.{attribute.Text("LogicalName")}", statusOnly: !customColumn);
                }
            }
        }

        foreach (var optionSet in model.OptionSets)
        {
            CheckOptionSet(optionSet.File, optionSet.Element, $"choice '{optionSet.Element.Attr("Name") ?? string.Empty}'", statusOnly: false);
        }
    }
}
