using System.Xml.Linq;

namespace AccountPlanXrm.Emulator.Query;

/// <summary>
/// The FetchXML vocabulary the parser accepts: the attributes each element may carry (fetch.xsd plus the attributes
/// the current platform added), the condition operators and the other keywords, and the checked readers of
/// attribute values.
/// </summary>
internal static class FetchXmlSchema
{
    public static readonly HashSet<string> FetchAttributes = new(StringComparer.Ordinal)
    {
        "version", "count", "page", "paging-cookie", "utc-offset", "aggregate", "distinct", "top", "mapping",
        "min-active-row-version", "output-format", "returntotalrecordcount", "no-lock", "aggregatelimit",
        "useraworderby", "datasource", "options", "latematerialize",
    };

    public static readonly HashSet<string> EntityAttributes = new(StringComparer.Ordinal)
    {
        "name", "enableprefiltering", "prefilterparametername",
    };

    public static readonly HashSet<string> LinkAttributes = new(StringComparer.Ordinal)
    {
        "name", "to", "from", "alias", "link-type", "visible", "intersect", "enableprefiltering",
        "prefilterparametername",
    };

    public static readonly HashSet<string> AttributeAttributes = new(StringComparer.Ordinal)
    {
        "name", "build", "addedby", "alias", "aggregate", "groupby", "dategrouping", "usertimezone", "distinct",
        "rowaggregate",
    };

    public static readonly HashSet<string> OrderAttributes = new(StringComparer.Ordinal)
    {
        "attribute", "alias", "descending", "entityname",
    };

    public static readonly HashSet<string> FilterAttributes = new(StringComparer.Ordinal)
    {
        "type", "isquickfindfields", "overridequickfindrecordlimitenabled", "overridequickfindrecordlimitdisabled",
        "hint",
    };

    public static readonly HashSet<string> ConditionAttributes = new(StringComparer.Ordinal)
    {
        "column", "attribute", "entityname", "operator", "value", "valueof", "aggregate", "rowaggregate", "alias",
        "uiname", "uitype", "uihidden",
    };

    public static readonly HashSet<string> NoAttributes = new(StringComparer.Ordinal);

    public static readonly Dictionary<string, ConditionOperator> Operators = new(StringComparer.Ordinal)
    {
        ["eq"] = ConditionOperator.Equal,
        ["neq"] = ConditionOperator.NotEqual,
        ["ne"] = ConditionOperator.NotEqual,
        ["gt"] = ConditionOperator.GreaterThan,
        ["ge"] = ConditionOperator.GreaterEqual,
        ["le"] = ConditionOperator.LessEqual,
        ["lt"] = ConditionOperator.LessThan,
        ["like"] = ConditionOperator.Like,
        ["not-like"] = ConditionOperator.NotLike,
        ["in"] = ConditionOperator.In,
        ["not-in"] = ConditionOperator.NotIn,
        ["between"] = ConditionOperator.Between,
        ["not-between"] = ConditionOperator.NotBetween,
        ["null"] = ConditionOperator.Null,
        ["not-null"] = ConditionOperator.NotNull,
        ["yesterday"] = ConditionOperator.Yesterday,
        ["today"] = ConditionOperator.Today,
        ["tomorrow"] = ConditionOperator.Tomorrow,
        ["last-seven-days"] = ConditionOperator.Last7Days,
        ["next-seven-days"] = ConditionOperator.Next7Days,
        ["last-week"] = ConditionOperator.LastWeek,
        ["this-week"] = ConditionOperator.ThisWeek,
        ["next-week"] = ConditionOperator.NextWeek,
        ["last-month"] = ConditionOperator.LastMonth,
        ["this-month"] = ConditionOperator.ThisMonth,
        ["next-month"] = ConditionOperator.NextMonth,
        ["on"] = ConditionOperator.On,
        ["not-on"] = ConditionOperator.NotOn,
        ["on-or-before"] = ConditionOperator.OnOrBefore,
        ["on-or-after"] = ConditionOperator.OnOrAfter,
        ["last-year"] = ConditionOperator.LastYear,
        ["this-year"] = ConditionOperator.ThisYear,
        ["next-year"] = ConditionOperator.NextYear,
        ["last-x-hours"] = ConditionOperator.LastXHours,
        ["next-x-hours"] = ConditionOperator.NextXHours,
        ["last-x-days"] = ConditionOperator.LastXDays,
        ["next-x-days"] = ConditionOperator.NextXDays,
        ["last-x-weeks"] = ConditionOperator.LastXWeeks,
        ["next-x-weeks"] = ConditionOperator.NextXWeeks,
        ["last-x-months"] = ConditionOperator.LastXMonths,
        ["next-x-months"] = ConditionOperator.NextXMonths,
        ["olderthan-x-months"] = ConditionOperator.OlderThanXMonths,
        ["olderthan-x-years"] = ConditionOperator.OlderThanXYears,
        ["olderthan-x-weeks"] = ConditionOperator.OlderThanXWeeks,
        ["olderthan-x-days"] = ConditionOperator.OlderThanXDays,
        ["olderthan-x-hours"] = ConditionOperator.OlderThanXHours,
        ["olderthan-x-minutes"] = ConditionOperator.OlderThanXMinutes,
        ["last-x-years"] = ConditionOperator.LastXYears,
        ["next-x-years"] = ConditionOperator.NextXYears,
        ["eq-userid"] = ConditionOperator.EqualUserId,
        ["ne-userid"] = ConditionOperator.NotEqualUserId,
        ["eq-userteams"] = ConditionOperator.EqualUserTeams,
        ["eq-useroruserteams"] = ConditionOperator.EqualUserOrUserTeams,
        ["eq-useroruserhierarchy"] = ConditionOperator.EqualUserOrUserHierarchy,
        ["eq-useroruserhierarchyandteams"] = ConditionOperator.EqualUserOrUserHierarchyAndTeams,
        ["eq-businessid"] = ConditionOperator.EqualBusinessId,
        ["ne-businessid"] = ConditionOperator.NotEqualBusinessId,
        ["eq-userlanguage"] = ConditionOperator.EqualUserLanguage,
        ["this-fiscal-year"] = ConditionOperator.ThisFiscalYear,
        ["this-fiscal-period"] = ConditionOperator.ThisFiscalPeriod,
        ["next-fiscal-year"] = ConditionOperator.NextFiscalYear,
        ["next-fiscal-period"] = ConditionOperator.NextFiscalPeriod,
        ["last-fiscal-year"] = ConditionOperator.LastFiscalYear,
        ["last-fiscal-period"] = ConditionOperator.LastFiscalPeriod,
        ["last-x-fiscal-years"] = ConditionOperator.LastXFiscalYears,
        ["last-x-fiscal-periods"] = ConditionOperator.LastXFiscalPeriods,
        ["next-x-fiscal-years"] = ConditionOperator.NextXFiscalYears,
        ["next-x-fiscal-periods"] = ConditionOperator.NextXFiscalPeriods,
        ["in-fiscal-year"] = ConditionOperator.InFiscalYear,
        ["in-fiscal-period"] = ConditionOperator.InFiscalPeriod,
        ["in-fiscal-period-and-year"] = ConditionOperator.InFiscalPeriodAndYear,
        ["in-or-before-fiscal-period-and-year"] = ConditionOperator.InOrBeforeFiscalPeriodAndYear,
        ["in-or-after-fiscal-period-and-year"] = ConditionOperator.InOrAfterFiscalPeriodAndYear,
        ["begins-with"] = ConditionOperator.BeginsWith,
        ["not-begin-with"] = ConditionOperator.DoesNotBeginWith,
        ["ends-with"] = ConditionOperator.EndsWith,
        ["not-end-with"] = ConditionOperator.DoesNotEndWith,
        ["under"] = ConditionOperator.Under,
        ["eq-or-under"] = ConditionOperator.UnderOrEqual,
        ["not-under"] = ConditionOperator.NotUnder,
        ["above"] = ConditionOperator.Above,
        ["eq-or-above"] = ConditionOperator.AboveOrEqual,
        ["contain-values"] = ConditionOperator.ContainValues,
        ["not-contain-values"] = ConditionOperator.DoesNotContainValues,
    };

    public static readonly Dictionary<string, JoinKind> LinkTypes = new(StringComparer.Ordinal)
    {
        ["inner"] = JoinKind.Inner, ["natural"] = JoinKind.Inner, ["outer"] = JoinKind.LeftOuter,
        ["any"] = JoinKind.Any, ["exists"] = JoinKind.Any, ["in"] = JoinKind.Any, ["not any"] = JoinKind.NotAny,
        ["all"] = JoinKind.All, ["not all"] = JoinKind.NotAll, ["matchfirstrowusingcrossapply"] = JoinKind.MatchFirstRow,
    };

    public static readonly Dictionary<string, AggregateKind> Aggregates = new(StringComparer.Ordinal)
    {
        ["count"] = AggregateKind.Count, ["countcolumn"] = AggregateKind.CountColumn, ["sum"] = AggregateKind.Sum,
        ["avg"] = AggregateKind.Avg, ["min"] = AggregateKind.Min, ["max"] = AggregateKind.Max,
    };

    public static readonly Dictionary<string, DateGrouping> DateGroupings = new(StringComparer.Ordinal)
    {
        ["day"] = DateGrouping.Day, ["week"] = DateGrouping.Week, ["month"] = DateGrouping.Month, ["quarter"] = DateGrouping.Quarter,
        ["year"] = DateGrouping.Year, ["fiscal-period"] = DateGrouping.FiscalPeriod, ["fiscal-year"] = DateGrouping.FiscalYear,
    };

    public static readonly Dictionary<string, bool> FilterTypes = new(StringComparer.Ordinal) { ["and"] = false, ["or"] = true };

    /// <summary>The value a keyword of FetchXML stands for; an invalid-XML fault names the <paramref name="label"/> otherwise.</summary>
    public static T Keyword<T>(string text, string label, Dictionary<string, T> values) =>
        values.TryGetValue(text, out var value) ? value : throw QueryFaults.Xml($"The {label} '{text}' is not valid.");

    public static void CheckAttributes(XElement element, HashSet<string> allowed)
    {
        foreach (var attribute in element.Attributes())
        {
            if (attribute.IsNamespaceDeclaration)
            {
                continue;
            }

            if (!allowed.Contains(attribute.Name.LocalName))
            {
                throw QueryFaults.Xml($"The '{attribute.Name.LocalName}' attribute is not declared.");
            }
        }
    }

    public static Exception InvalidChild(XElement parent, XElement child) =>
        QueryFaults.Xml($"The element '{parent.Name.LocalName}' has invalid child element '{child.Name.LocalName}'.");

    public static string RequiredAttribute(XElement element, string name)
    {
        var value = (string?)element.Attribute(name);
        if (string.IsNullOrEmpty(value))
        {
            throw QueryFaults.Xml($"The required attribute '{name}' is missing on element '{element.Name.LocalName}'.");
        }

        return value;
    }

    public static bool Bool(XElement element, string name)
    {
        var value = (string?)element.Attribute(name);
        return value switch
        {
            null or "" => false,
            "true" or "1" or "True" => true,
            "false" or "0" or "False" => false,
            _ => throw QueryFaults.Xml($"The '{name}' attribute has an invalid value '{value}'."),
        };
    }

    public static int? NullableInt(XElement element, string name)
    {
        var value = (string?)element.Attribute(name);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result))
        {
            throw QueryFaults.Xml($"The '{name}' attribute has an invalid value '{value}'.");
        }

        return result;
    }
}
