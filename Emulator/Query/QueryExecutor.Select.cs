using System.Runtime.CompilerServices;
using System.Globalization;
using System.Xml.Linq;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Emulator.Query;

internal sealed partial class QueryExecutor
{
    private readonly Dictionary<(string, Guid), string?> _names = new();
    private readonly Dictionary<Guid, string?> _currencySymbols = new();

    private sealed record SortKey(QueryNode Node, string Attribute, QueryAttributeType Type, bool Descending);

    // ---------------------------------------------------------------- ordering, paging, projection

    private EntityCollection Select(List<Entity?[]> rows)
    {
        if (_plan.Top is int top)
        {
            if (_plan.Count > 0 || _plan.PageNumber > 1)
            {
                throw QueryFaults.Invalid("The top attribute can't be specified with paging attribute page or count.");
            }

            if (_plan.ReturnTotalRecordCount)
            {
                throw QueryFaults.Invalid("The top attribute can't be specified together with returntotalrecordcount.");
            }

            if (top > MaxPageSize || top < 0)
            {
                throw QueryFaults.Invalid($"The top attribute value must be between 0 and {MaxPageSize}.");
            }
        }

        var keys = CollectSortKeys();
        rows = Order(rows, keys);

        List<Entity> projected;
        List<Entity?[]> source;
        if (_plan.Distinct)
        {
            (projected, source) = Distinct(rows);
        }
        else
        {
            projected = null!;
            source = rows;
        }

        var total = source.Count;
        var collection = new EntityCollection { EntityName = Root.EntityName };
        int start;
        int take;
        int page = Math.Max(_plan.PageNumber, 1);
        if (_plan.Top is int limit)
        {
            start = 0;
            take = Math.Min(limit, total);
        }
        else
        {
            var size = _plan.Count > 0 ? Math.Min(_plan.Count, MaxPageSize) : MaxPageSize;
            start = (page - 1) * size;
            if (!_plan.Distinct && CookieStart(source, page, keys) is int cookieStart)
            {
                start = cookieStart;
            }

            start = Math.Min(start, total);
            take = Math.Min(size, total - start);
            collection.MoreRecords = start + take < total;
        }

        for (int i = start; i < start + take; i++)
        {
            collection.Entities.Add(_plan.Distinct ? projected[i] : Project(source[i]));
        }

        if (take > 0 && _plan.Top == null)
        {
            collection.PagingCookie = BuildCookie(page, source[start], source[start + take - 1], keys);
        }

        SetTotalRecordCount(collection, total);
        return collection;
    }

    private void SetTotalRecordCount(EntityCollection collection, int total)
    {
        if (_plan.ReturnTotalRecordCount)
        {
            collection.TotalRecordCount = Math.Min(total, TotalRecordCountLimit);
            collection.TotalRecordCountLimitExceeded = total > TotalRecordCountLimit;
        }
        else
        {
            collection.TotalRecordCount = -1;
        }
    }

    private List<SortKey> CollectSortKeys()
    {
        var keys = new List<SortKey>();
        void Collect(QueryNode node)
        {
            foreach (var order in node.Orders)
            {
                if (order.Attribute == null)
                {
                    continue;
                }

                var target = order.EntityName != null ? ResolveAlias(order.EntityName) : node;
                if (target.Slot < 0)
                {
                    continue;
                }

                keys.Add(new SortKey(target, order.Attribute, RequireAttribute(target.EntityName, order.Attribute), order.Descending));
            }

            foreach (var link in node.Links)
            {
                if (link.Slot >= 0)
                {
                    Collect(link);
                }
            }
        }

        Collect(Root);
        return keys;
    }

    /// <summary>Sorts by the query's orders; ties (and queries without orders) by the root primary key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<Entity?[]> Order(List<Entity?[]> rows, List<SortKey> keys)
    {
        if (rows.Count < 2)
        {
            return rows;
        }

        var count = rows.Count;
        var values = keys.Count == 0 ? null : new object?[count][];
        var ids = new (ulong High, ulong Low)[count];
        var index = new int[count];
        var sorted = keys.Count == 0;
        for (int i = 0; i < count; i++)
        {
            index[i] = i;
            ids[i] = QueryValues.SqlGuidKey(rows[i][0]!.Id);
            if (values != null)
            {
                var rowKeys = new object?[keys.Count];
                for (int k = 0; k < keys.Count; k++)
                {
                    var key = keys[k];
                    rowKeys[k] = SortValue(rows[i][key.Node.Slot], key.Node, key.Attribute, key.Type);
                }

                values[i] = rowKeys;
            }
            else if (sorted && i > 0 && ids[i - 1].CompareTo(ids[i]) > 0)
            {
                sorted = false;
            }
        }

        if (sorted)
        {
            // Already in primary key order (the usual case for a source that enumerates rows by creation).
            return rows;
        }

        Array.Sort(index, (a, b) =>
        {
            if (values != null)
            {
                for (int k = 0; k < keys.Count; k++)
                {
                    var c = QueryValues.Compare(values[a][k], values[b][k]);
                    if (c != 0)
                    {
                        return keys[k].Descending ? -c : c;
                    }
                }
            }

            var byId = ids[a].CompareTo(ids[b]);
            return byId != 0 ? byId : a.CompareTo(b);
        });

        var ordered = new List<Entity?[]>(count);
        foreach (var i in index)
        {
            ordered.Add(rows[i]);
        }

        return ordered;
    }

    private object? SortValue(Entity? entity, QueryNode node, string attribute, QueryAttributeType type)
    {
        var raw = RowPredicate.ReadRaw(entity, attribute, node.PrimaryIdAttribute);
        switch (raw)
        {
            case null:
                return null;
            case OptionSetValue option when !_plan.UseRawOrderBy:
                // Choices sort by their label unless the query asks for raw values.
                return _source.GetChoiceLabel(node.EntityName, attribute, option.Value) ?? (object)option.Value;
            case EntityReference reference:
                return reference.Name ?? LookupName(reference) ?? (object)reference.Id;
            default:
                _ = type;
                return QueryValues.Normalize(raw);
        }
    }

    private (List<Entity> Projected, List<Entity?[]> Rows) Distinct(List<Entity?[]> rows)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var projected = new List<Entity>();
        var kept = new List<Entity?[]>();
        foreach (var row in rows)
        {
            var entity = Project(row, distinct: true);
            var signature = string.Join(
                "\u001f",
                entity.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + Signature(a.Value)));
            if (seen.Add(signature))
            {
                projected.Add(entity);
                kept.Add(row);
            }
        }

        return (projected, kept);
    }

    private static string Signature(object? value)
    {
        var normalized = QueryValues.Normalize(value);
        return normalized switch
        {
            string s => s.ToUpperInvariant(),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => normalized?.ToString() ?? "",
        };
    }

    // ---------------------------------------------------------------- paging cookie

    /// <summary>
    /// Where the requested page starts when a paging cookie of the previous page is given: right after the
    /// cookie's last row. Non-consecutive pages ignore the cookie, as the platform does.
    /// </summary>
    private int? CookieStart(List<Entity?[]> rows, int page, List<SortKey> keys)
    {
        if (string.IsNullOrEmpty(_plan.PagingCookie) || page < 2)
        {
            return null;
        }

        XElement cookie;
        try
        {
            cookie = XElement.Parse(_plan.PagingCookie!);
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

        // With explicit orders on the entity's own columns the page continues with the first row that sorts
        // after the cookie's last values (the platform's cookie is value-based, not positional).
        var lastKeys = new object?[keys.Count];
        for (int k = 0; k < keys.Count; k++)
        {
            var key = keys[k];
            var element = cookie.Element(key.Attribute);
            if (key.Node != Root || element == null || !TryCookieSortValue((string?)element.Attribute("last"), key, out lastKeys[k]))
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
                var key = keys[k];
                c = QueryValues.Compare(SortValue(rows[i][key.Node.Slot], key.Node, key.Attribute, key.Type), lastKeys[k]);
                if (key.Descending)
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
    private bool TryCookieSortValue(string? text, SortKey key, out object? value)
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
                    value = _plan.UseRawOrderBy ? option : _source.GetChoiceLabel(key.Node.EntityName, key.Attribute, option) ?? (object)option;
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

    private string BuildCookie(int page, Entity?[] first, Entity?[] last, List<SortKey> keys)
    {
        var cookie = new XElement("cookie", new XAttribute("page", page.ToString(CultureInfo.InvariantCulture)));
        foreach (var key in keys)
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

        if (cookie.Element(Root.PrimaryIdAttribute) != null)
        {
            return cookie.ToString(SaveOptions.DisableFormatting);
        }

        cookie.Add(new XElement(
            Root.PrimaryIdAttribute,
            new XAttribute("last", CookieValue(last[0]!.Id)),
            new XAttribute("first", CookieValue(first[0]!.Id))));
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

    // ---------------------------------------------------------------- projection

    private Entity Project(Entity?[] row, bool distinct = false)
    {
        var root = row[0]!;
        var entity = new Entity(Root.EntityName);
        if (!distinct)
        {
            entity.Id = root.Id;
            entity[Root.PrimaryIdAttribute] = root.Id;

            // The platform returns each row with its RowVersion (the versionnumber system column).
            if (root.Attributes.TryGetValue("versionnumber", out var version) && version is long number)
            {
                entity.RowVersion = number.ToString(CultureInfo.InvariantCulture);
            }
        }

        AddColumns(entity, Root, root, aliased: false, distinct);
        for (int slot = 1; slot < row.Length; slot++)
        {
            var child = row[slot];
            if (child != null)
            {
                AddColumns(entity, _slots[slot], child, aliased: true, distinct);
            }
        }

        return entity;
    }

    private void AddColumns(Entity target, QueryNode node, Entity source, bool aliased, bool distinct)
    {
        if (node.AllColumns)
        {
            foreach (var pair in source.Attributes)
            {
                AddColumn(target, node, source, pair.Key, alias: null, aliased);
            }

            if (!source.Attributes.Contains(node.PrimaryIdAttribute) && source.Id != Guid.Empty)
            {
                AddColumn(target, node, source, node.PrimaryIdAttribute, alias: null, aliased);
            }
        }

        foreach (var column in node.Columns)
        {
            if (column.Aggregate != AggregateKind.None)
            {
                continue;
            }

            AddColumn(target, node, source, column.Name, column.Alias, aliased);
        }

        if (distinct && !aliased && target.Attributes.TryGetValue(node.PrimaryIdAttribute, out var id) && id is Guid g)
        {
            target.Id = g;
        }
    }

    private void AddColumn(Entity target, QueryNode node, Entity source, string attribute, string? alias, bool aliased)
    {
        var raw = RowPredicate.ReadRaw(source, attribute, node.PrimaryIdAttribute);
        if (raw == null)
        {
            return;
        }

        var value = QueryValues.Clone(raw);
        if (value is EntityReference reference && reference.Name == null)
        {
            reference.Name = LookupName(reference);
        }

        string key;
        if (aliased)
        {
            key = alias ?? node.ResultAlias + "." + attribute;
            value = new AliasedValue(node.EntityName, attribute, value);
        }
        else if (alias != null)
        {
            key = alias;
            value = new AliasedValue(node.EntityName, attribute, value);
        }
        else
        {
            key = attribute;
        }

        target[key] = value;
        var formatted = Format(node.EntityName, attribute, raw, source);
        if (formatted != null)
        {
            target.FormattedValues[key] = formatted;
        }
    }

    private string? LookupName(EntityReference reference)
    {
        if (reference.Name != null)
        {
            return reference.Name;
        }

        if (string.IsNullOrEmpty(reference.LogicalName))
        {
            return null;
        }

        var cacheKey = (reference.LogicalName, reference.Id);
        if (_names.TryGetValue(cacheKey, out var cached))
        {
            return cached;
        }

        string? name = null;
        if (_source.TableExists(reference.LogicalName))
        {
            var nameAttribute = _source.GetPrimaryNameAttribute(reference.LogicalName);
            if (nameAttribute != null)
            {
                var row = _source.GetRow(reference.LogicalName, reference.Id);
                if (row != null && row.Attributes.TryGetValue(nameAttribute, out var value))
                {
                    name = value as string;
                }
            }
        }

        _names[cacheKey] = name;
        return name;
    }

    /// <summary>The formatted value the platform returns next to a column (choices, two options, money, dates, lookups).</summary>
    private string? Format(string table, string attribute, object raw, Entity? record)
    {
        switch (raw)
        {
            case OptionSetValue option:
                return _source.GetChoiceLabel(table, attribute, option.Value);
            case OptionSetValueCollection options:
                var labels = options.Select(o => _source.GetChoiceLabel(table, attribute, o.Value) ?? o.Value.ToString(CultureInfo.InvariantCulture));
                return string.Join("; ", labels);
            case bool flag:
                return _source.GetChoiceLabel(table, attribute, flag ? 1 : 0) ?? (flag ? "Yes" : "No");
            case Money money:
                return CurrencySymbol(record) + money.Value.ToString("N2", CultureInfo.InvariantCulture);
            case DateTime date:
                var type = _source.GetAttributeType(table, attribute);
                return type == QueryAttributeType.DateOnly
                    ? date.ToString("M/d/yyyy", CultureInfo.InvariantCulture)
                    : date.ToString("M/d/yyyy h:mm tt", CultureInfo.InvariantCulture);
            case EntityReference reference:
                return reference.Name ?? LookupName(reference);
            default:
                return null;
        }
    }

    private string CurrencySymbol(Entity? record)
    {
        if (record == null
            || !record.Attributes.TryGetValue("transactioncurrencyid", out var value)
            || value is not EntityReference currency)
        {
            return "";
        }

        if (!_currencySymbols.TryGetValue(currency.Id, out var symbol))
        {
            symbol = null;
            if (_source.TableExists("transactioncurrency"))
            {
                var row = _source.GetRow("transactioncurrency", currency.Id);
                if (row != null && row.Attributes.TryGetValue("currencysymbol", out var s))
                {
                    symbol = s as string;
                }
            }

            _currencySymbols[currency.Id] = symbol;
        }

        return symbol ?? "";
    }
}
