namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>
    /// FetchXML text from the logical names of <c>Model/Schema.cs</c>: the elements the roll-up and the ranking use.
    /// Values are written invariantly (dates as yyyy-MM-dd, ids as D), so a query never depends on the thread culture.
    /// </summary>
    internal static class FetchXml
    {
        public static string Aggregate(string entity, params string[] body) =>
            "<fetch aggregate=\"true\">" + Entity(entity, body) + "</fetch>";

        public static string Entity(string entity, params string[] body) =>
            "<entity name=\"" + entity + "\">" + string.Concat(body) + "</entity>";

        public static string Attribute(string column) => "<attribute name=\"" + column + "\" />";

        public static string GroupBy(string column, string alias) =>
            "<attribute name=\"" + column + "\" alias=\"" + alias + "\" groupby=\"true\" />";

        public static string Sum(string column, string alias) =>
            "<attribute name=\"" + column + "\" alias=\"" + alias + "\" aggregate=\"sum\" />";

        public static string Count(string column, string alias) =>
            "<attribute name=\"" + column + "\" alias=\"" + alias + "\" aggregate=\"count\" />";

        public static string Order(string column) => "<order attribute=\"" + column + "\" />";

        public static string Condition(string column, string op, string value) =>
            "<condition attribute=\"" + column + "\" operator=\"" + op + "\" value=\"" + value + "\" />";

        public static string Condition(string column, string op, int value) =>
            Condition(column, op, value.ToString(CultureInfo.InvariantCulture));

        public static string Condition(string column, string op, Guid value) => Condition(column, op, value.ToString("D"));

        public static string Condition(string column, string op, DateTime value) =>
            Condition(column, op, value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        public static string Filter(string type, params string[] content) =>
            "<filter type=\"" + type + "\">" + string.Concat(content) + "</filter>";

        /// <summary>A link-entity with its own filter (<paramref name="linkType"/> e.g. <c>any</c>).</summary>
        public static string Link(string entity, string from, string to, string linkType, string filter) =>
            "<link-entity name=\"" + entity + "\" from=\"" + from + "\" to=\"" + to + "\" link-type=\"" + linkType + "\">" +
            "<filter>" + filter + "</filter></link-entity>";

        /// <summary>Rows in one state whose date column lies in [from, to) (whole days).</summary>
        public static string StateInRange(string stateColumn, int state, string dateColumn, DateTime from, DateTime to) =>
            Filter("and", Condition(stateColumn, "eq", state), Condition(dateColumn, "ge", from), Condition(dateColumn, "lt", to));
    }
}
