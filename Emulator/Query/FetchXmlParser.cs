using System.Xml;
using System.Xml.Linq;
using static AccountPlanXrm.Emulator.Query.FetchXmlSchema;

namespace AccountPlanXrm.Emulator.Query;

/// <summary>
/// Parses FetchXML into the engine's <see cref="QueryPlan"/>. Element and attribute names are checked against
/// <see cref="FetchXmlSchema"/>; values stay strings and are converted by column type when the plan is bound.
/// </summary>
internal static class FetchXmlParser
{
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
                    CheckAttributes(child, NoAttributes);
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

    private static QueryNode ParseLink(XElement element, QueryNode parent)
    {
        CheckAttributes(element, LinkAttributes);
        var join = Keyword(((string?)element.Attribute("link-type"))?.Trim() ?? "inner", "link-type", LinkTypes);
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
        var aggregate = aggregateText == null ? AggregateKind.None : Keyword(aggregateText, "aggregate", Aggregates);
        var groupingText = (string?)element.Attribute("dategrouping");
        var grouping = groupingText == null ? DateGrouping.None : Keyword(groupingText, "dategrouping", DateGroupings);
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
        var filter = new QueryFilter { IsOr = Keyword(((string?)element.Attribute("type")) ?? "and", "filter type", FilterTypes) };
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
}
