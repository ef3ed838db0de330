using System.Xml.Linq;

namespace AccountPlanXrm.Emulator.Query;

/// <summary>
/// The paging cookie: <c>&lt;cookie page="1"&gt;&lt;name last=".." first=".." /&gt;&lt;accountid last="{..}" first="{..}" /&gt;&lt;/cookie&gt;</c>,
/// built for each page and honoured for the next consecutive page.
/// </summary>
internal sealed class PagingCookie(BoundQuery query, RowOrdering ordering)
{
    private QueryNode Root => query.Root;

    /// <summary>
    /// Where the requested page starts when a paging cookie of the previous page is given: right after the
    /// cookie's last row. Non-consecutive pages ignore the cookie, as the platform does.
    /// </summary>
    public int? Start(List<Entity?[]> rows, int page)
    {
        var text = query.Plan.PagingCookie;
        if (string.IsNullOrEmpty(text) || page < 2)
        {
            return null;
        }

        XElement cookie;
        try
        {
            cookie = XElement.Parse(text);
        }
        catch (System.Xml.XmlException)
        {
            throw QueryFaults.Invalid("The paging cookie is not valid.");
        }

        if (!int.TryParse((string?)cookie.Attribute("page"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var cookiePage)
            || cookiePage != page - 1)
        {
            return null;
        }

        var idElement = cookie.Element(Root.PrimaryIdAttribute);
        if (idElement == null || !Guid.TryParse((string?)idElement.Attribute("last"), out var last))
        {
            return null;
        }

        for (int i = rows.Count - 1; i >= 0; i--)
        {
            if (rows[i][0]!.Id == last)
            {
                return i + 1;
            }
        }

        // The last row of the previous page is gone: when rows are in primary key order the page continues with
        // the first key above it.
        var keys = ordering.Keys;
        if (keys.Count == 0 || (keys.Count == 1 && keys[0].Node == Root && keys[0].Attribute == Root.PrimaryIdAttribute && !keys[0].Descending))
        {
            for (int i = 0; i < rows.Count; i++)
            {
                if (QueryValues.CompareSqlGuid(rows[i][0]!.Id, last) > 0)
                {
                    return i;
                }
            }

            return rows.Count;
        }

        return StartAfterValues(rows, cookie, keys, last);
    }

    /// <summary>
    /// With explicit orders on the entity's own columns the page continues with the first row that sorts after the
    /// cookie's last values (the platform's cookie is value-based, not positional).
    /// </summary>
    private int? StartAfterValues(List<Entity?[]> rows, XElement cookie, List<SortKey> keys, Guid last)
    {
        var lastKeys = new object?[keys.Count];
        for (int k = 0; k < keys.Count; k++)
        {
            var key = keys[k];
            var element = cookie.Element(key.Attribute);
            if (key.Node != Root || element == null || !TrySortValue((string?)element.Attribute("last"), key, out lastKeys[k]))
            {
                return null;
            }
        }

        var lastId = QueryValues.SqlGuidKey(last);
        for (int i = 0; i < rows.Count; i++)
        {
            int c = 0;
            for (int k = 0; k < keys.Count && c == 0; k++)
            {
                c = QueryValues.Compare(ordering.SortValue(rows[i], keys[k]), lastKeys[k]);
                if (keys[k].Descending)
                {
                    c = -c;
                }
            }

            if (c > 0 || (c == 0 && QueryValues.SqlGuidKey(rows[i][0]!.Id).CompareTo(lastId) > 0))
            {
                return i;
            }
        }

        return rows.Count;
    }

    /// <summary>Turns a cookie value back into the value the rows are sorted by; false when that is not possible.</summary>
    private bool TrySortValue(string? text, SortKey key, out object? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        try
        {
            switch (key.Type)
            {
                case QueryAttributeType.Lookup or QueryAttributeType.Owner or QueryAttributeType.Customer:
                    // Lookups sort by name; the cookie holds the id of an unknown table.
                    return false;
                case QueryAttributeType.Picklist or QueryAttributeType.State or QueryAttributeType.Status:
                    var option = (int)QueryValues.ConvertConditionValue(text, key.Type, key.Node.EntityName, key.Attribute)!;
                    value = ordering.ChoiceSortValue(key, option);
                    return true;
                case QueryAttributeType.Uniqueidentifier:
                    value = Guid.Parse(text);
                    return true;
                case QueryAttributeType.Other or QueryAttributeType.PartyList or QueryAttributeType.MultiSelectPicklist:
                    return false;
                default:
                    value = QueryValues.ConvertConditionValue(text, key.Type, key.Node.EntityName, key.Attribute);
                    return true;
            }
        }
        catch (System.ServiceModel.FaultException<OrganizationServiceFault>)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The cookie of a page: the root's order columns and primary key of its first and last row.</summary>
    public string Build(int page, Entity?[] first, Entity?[] last)
    {
        var cookie = new XElement("cookie", new XAttribute("page", page.ToString(CultureInfo.InvariantCulture)));
        foreach (var key in ordering.Keys)
        {
            if (key.Node != Root || cookie.Element(key.Attribute) != null)
            {
                continue;
            }

            cookie.Add(new XElement(
                key.Attribute,
                new XAttribute("last", CookieValue(RowPredicate.ReadRaw(last[0], key.Attribute, Root.PrimaryIdAttribute))),
                new XAttribute("first", CookieValue(RowPredicate.ReadRaw(first[0], key.Attribute, Root.PrimaryIdAttribute)))));
        }

        if (cookie.Element(Root.PrimaryIdAttribute) == null)
        {
            cookie.Add(new XElement(
                Root.PrimaryIdAttribute,
                new XAttribute("last", CookieValue(last[0]!.Id)),
                new XAttribute("first", CookieValue(first[0]!.Id))));
        }

        return cookie.ToString(SaveOptions.DisableFormatting);
    }

    private static string CookieValue(object? value) => value switch
    {
        null => "",
        Guid g => "{" + g.ToString().ToUpperInvariant() + "}",
        EntityReference r => "{" + r.Id.ToString().ToUpperInvariant() + "}",
        OptionSetValue o => o.Value.ToString(CultureInfo.InvariantCulture),
        Money m => m.Value.ToString(CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
