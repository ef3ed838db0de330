using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Emulator.Query;

/// <summary>
/// Parses FetchXML into the engine's <see cref="QueryPlan"/>. Element and attribute names are checked against the
/// FetchXML schema (fetch.xsd plus the attributes the current platform added); values stay strings and are
/// converted by column type when the plan is bound.
/// </summary>
internal static class FetchXmlParser
{
    private static readonly HashSet<string> FetchAttributes = new(StringComparer.Ordinal)
    {
        "version", "count", "page", "paging-cookie", "utc-offset", "aggregate", "distinct", "top", "mapping",
        "min-active-row-version", "output-format", "returntotalrecordcount", "no-lock", "aggregatelimit",
        "useraworderby", "datasource", "options", "latematerialize",
    };

    private static readonly HashSet<string> EntityAttributes = new(StringComparer.Ordinal)
    {
        "name", "enableprefiltering", "prefilterparametername",
    };

    private static readonly HashSet<string> LinkAttributes = new(StringComparer.Ordinal)
    {
        "name", "to", "from", "alias", "link-type", "visible", "intersect", "enableprefiltering",
        "prefilterparametername",
    };

    private static readonly HashSet<string> AttributeAttributes = new(StringComparer.Ordinal)
    {
        "name", "build", "addedby", "alias", "aggregate", "groupby", "dategrouping", "usertimezone", "distinct",
        "rowaggregate",
    };

    private static readonly HashSet<string> OrderAttributes = new(StringComparer.Ordinal)
    {
        "attribute", "alias", "descending", "entityname",
    };

    private static readonly HashSet<string> FilterAttributes = new(StringComparer.Ordinal)
    {
        "type", "isquickfindfields", "overridequickfindrecordlimitenabled", "overridequickfindrecordlimitdisabled",
        "hint",
    };

    private static readonly HashSet<string> ConditionAttributes = new(StringComparer.Ordinal)
    {
        "column", "attribute", "entityname", "operator", "value", "valueof", "aggregate", "rowaggregate", "alias",
        "uiname", "uitype", "uihidden",
    };

    private static readonly Dictionary<string, ConditionOperator> Operators = new(StringComparer.Ordinal)
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

    public static QueryPlan Parse(string fetchXml)
    {
        if (string.IsNullOrWhiteSpace(fetchXml))
        {
            throw QueryFaults.Xml("The Fetch Xml is empty.");
        }

        XElement fetch;
        try
        {
            fetch = XElement.Parse(fetchXml);
        }
        catch (XmlException ex)
        {
            throw QueryFaults.Xml("Invalid XML. " + ex.Message);
        }

        if (fetch.Name.LocalName != "fetch")
        {
            throw QueryFaults.Xml($"The element '{fetch.Name.LocalName}' is not a valid root element: expected 'fetch'.");
        }

        CheckAttributes(fetch, FetchAttributes);
        var entityElements = fetch.Elements().Where(e => e.Name.LocalName == "entity").ToList();
        foreach (var child in fetch.Elements())
        {
            if (child.Name.LocalName is not ("entity" or "order"))
            {
                throw InvalidChild(fetch, child);
            }
        }

        if (entityElements.Count != 1)
        {
            throw QueryFaults.Xml("The fetch element must contain exactly one entity element.");
        }

        var entity = entityElements[0];
        CheckAttributes(entity, EntityAttributes);
        var root = new QueryNode { EntityName = RequiredAttribute(entity, "name"), Join = JoinKind.Inner };
        var plan = new QueryPlan
        {
            Root = root,
            IsFetch = true,
            Distinct = Bool(fetch, "distinct"),
            Aggregate = Bool(fetch, "aggregate"),
            ReturnTotalRecordCount = Bool(fetch, "returntotalrecordcount"),
            UseRawOrderBy = Bool(fetch, "useraworderby"),
            Top = NullableInt(fetch, "top"),
            Count = NullableInt(fetch, "count") ?? 0,
            PageNumber = NullableInt(fetch, "page") ?? 0,
            PagingCookie = (string?)fetch.Attribute("paging-cookie"),
            AggregateLimit = NullableInt(fetch, "aggregatelimit"),
        };

        ParseNodeContent(entity, root, isRoot: true);
        return plan;
    }

    private static void ParseNodeContent(XElement element, QueryNode node, bool isRoot)
    {
        bool sawAttribute = false;
        foreach (var child in element.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "all-attributes":
                    CheckAttributes(child, EmptySet);
                    node.AllColumns = true;
                    break;
                case "attribute":
                    CheckAttributes(child, AttributeAttributes);
                    sawAttribute = true;
                    node.Columns.Add(ParseAttribute(child));
                    break;
                case "order":
                    CheckAttributes(child, OrderAttributes);
                    node.Orders.Add(new QueryOrder
                    {
                        Attribute = (string?)child.Attribute("attribute"),
                        Alias = (string?)child.Attribute("alias"),
                        Descending = Bool(child, "descending"),
                        EntityName = (string?)child.Attribute("entityname"),
                    });
                    break;
                case "filter":
                    var filter = ParseFilter(child, node);
                    if (node.Filter == null)
                    {
                        node.Filter = filter;
                    }
                    else
                    {
                        // Several filter elements at one level are combined with "and".
                        var combined = new QueryFilter();
                        combined.Filters.Add(node.Filter);
                        combined.Filters.Add(filter);
                        node.Filter = combined;
                    }

                    break;
                case "link-entity":
                    node.Links.Add(ParseLink(child, node));
                    break;
                default:
                    throw InvalidChild(element, child);
            }
        }

        // A root entity without attribute elements returns every column; a link-entity returns none.
        if (isRoot && !sawAttribute)
        {
            node.AllColumns = true;
        }
    }

    private static readonly HashSet<string> EmptySet = new(StringComparer.Ordinal);

    private static QueryNode ParseLink(XElement element, QueryNode parent)
    {
        CheckAttributes(element, LinkAttributes);
        var linkType = ((string?)element.Attribute("link-type"))?.Trim() ?? "inner";
        var join = linkType switch
        {
            "inner" or "natural" => JoinKind.Inner,
            "outer" => JoinKind.LeftOuter,
            "any" or "exists" or "in" => JoinKind.Any,
            "not any" => JoinKind.NotAny,
            "all" => JoinKind.All,
            "not all" => JoinKind.NotAll,
            "matchfirstrowusingcrossapply" => JoinKind.MatchFirstRow,
            _ => throw QueryFaults.Xml($"The link-type '{linkType}' is not valid."),
        };
        var node = new QueryNode
        {
            EntityName = RequiredAttribute(element, "name"),
            Alias = (string?)element.Attribute("alias"),
            FromAttribute = (string?)element.Attribute("from"),
            ToAttribute = (string?)element.Attribute("to"),
            Join = join,
            Parent = parent,
        };
        ParseNodeContent(element, node, isRoot: false);
        return node;
    }

    private static QueryColumn ParseAttribute(XElement element)
    {
        var aggregateText = (string?)element.Attribute("aggregate");
        var aggregate = aggregateText switch
        {
            null => AggregateKind.None,
            "count" => AggregateKind.Count,
            "countcolumn" => AggregateKind.CountColumn,
            "sum" => AggregateKind.Sum,
            "avg" => AggregateKind.Avg,
            "min" => AggregateKind.Min,
            "max" => AggregateKind.Max,
            _ => throw QueryFaults.Xml($"The aggregate '{aggregateText}' is not valid."),
        };
        var groupingText = (string?)element.Attribute("dategrouping");
        var grouping = groupingText switch
        {
            null => DateGrouping.None,
            "day" => DateGrouping.Day,
            "week" => DateGrouping.Week,
            "month" => DateGrouping.Month,
            "quarter" => DateGrouping.Quarter,
            "year" => DateGrouping.Year,
            "fiscal-period" => DateGrouping.FiscalPeriod,
            "fiscal-year" => DateGrouping.FiscalYear,
            _ => throw QueryFaults.Xml($"The dategrouping '{groupingText}' is not valid."),
        };
        return new QueryColumn
        {
            Name = RequiredAttribute(element, "name"),
            Alias = (string?)element.Attribute("alias"),
            Aggregate = aggregate,
            GroupBy = Bool(element, "groupby"),
            DateGrouping = grouping,
            Distinct = Bool(element, "distinct"),
        };
    }

    private static QueryFilter ParseFilter(XElement element, QueryNode owner)
    {
        CheckAttributes(element, FilterAttributes);
        var type = ((string?)element.Attribute("type")) ?? "and";
        var filter = new QueryFilter
        {
            IsOr = type switch
            {
                "and" => false,
                "or" => true,
                _ => throw QueryFaults.Xml($"The filter type '{type}' is not valid."),
            },
        };
        foreach (var child in element.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "condition":
                    filter.Conditions.Add(ParseCondition(child));
                    break;
                case "filter":
                    filter.Filters.Add(ParseFilter(child, owner));
                    break;
                case "link-entity":
                    // Newer FetchXML: any / not any / all / not all links placed inside a filter.
                    var link = ParseLink(child, owner);
                    if (link.IsJoined)
                    {
                        throw QueryFaults.Xml("A link-entity inside a filter must use link-type any, not any, all or not all.");
                    }

                    filter.Links.Add(link);
                    break;
                default:
                    throw InvalidChild(element, child);
            }
        }

        return filter;
    }

    private static QueryCondition ParseCondition(XElement element)
    {
        CheckAttributes(element, ConditionAttributes);
        var attribute = (string?)element.Attribute("attribute") ?? (string?)element.Attribute("column");
        if (string.IsNullOrEmpty(attribute))
        {
            throw QueryFaults.Xml("The condition element requires the attribute 'attribute'.");
        }

        var operatorText = RequiredAttribute(element, "operator");
        if (!Operators.TryGetValue(operatorText, out var op))
        {
            throw QueryFaults.Create(QueryFaults.InvalidConditionOperator, $"The condition operator '{operatorText}' is not valid.");
        }

        var valueOf = (string?)element.Attribute("valueof");
        var condition = new QueryCondition
        {
            EntityName = (string?)element.Attribute("entityname"),
            Attribute = attribute,
            Operator = op,
            CompareColumns = valueOf != null,
            FromFetchXml = true,
        };
        if (valueOf != null)
        {
            condition.Values.Add(valueOf);
            return condition;
        }

        var single = (string?)element.Attribute("value");
        if (single != null)
        {
            condition.Values.Add(single);
        }

        foreach (var value in element.Elements())
        {
            if (value.Name.LocalName != "value")
            {
                throw InvalidChild(element, value);
            }

            condition.Values.Add(value.Value);
        }

        return condition;
    }

    private static void CheckAttributes(XElement element, HashSet<string> allowed)
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

    private static Exception InvalidChild(XElement parent, XElement child) =>
        QueryFaults.Xml($"The element '{parent.Name.LocalName}' has invalid child element '{child.Name.LocalName}'.");

    private static string RequiredAttribute(XElement element, string name)
    {
        var value = (string?)element.Attribute(name);
        if (string.IsNullOrEmpty(value))
        {
            throw QueryFaults.Xml($"The required attribute '{name}' is missing on element '{element.Name.LocalName}'.");
        }

        return value;
    }

    private static bool Bool(XElement element, string name)
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

    private static int? NullableInt(XElement element, string name)
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
