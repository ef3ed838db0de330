namespace AccountPlanXrm.Solution.Packaging;

/// <summary>
/// The column types (Entity.xml <c>&lt;Type&gt;</c>) a seed package knows: the field type the Configuration Migration
/// schema gives each (see <see cref="SeedPackageWriter"/>), and the seed field type that may fill it (none for the key,
/// lookups, owner, state and status, which seed files do not set).
/// </summary>
internal static class SeedColumnTypes
{
    private static readonly (string Column, string Cmt, string? Seed)[] Types =
    [
        ("nvarchar", "string", "string"),
        ("ntext", "string", "string"),
        ("memo", "string", "string"),
        ("int", "number", "int"),
        ("bigint", "bigint", null),
        ("decimal", "decimal", "decimal"),
        ("float", "float", null),
        ("money", "money", "money"),
        ("picklist", "optionsetvalue", "choice"),
        ("bit", "bool", "bool"),
        ("datetime", "datetime", "datetime"),
        ("primarykey", "guid", null),
        ("uniqueidentifier", "guid", null),
        ("lookup", "entityreference", null),
        ("owner", "owner", null),
        ("state", "state", null),
        ("status", "status", null),
    ];

    /// <summary>Column type → CMT schema field type.</summary>
    public static readonly IReadOnlyDictionary<string, string> CmtType =
        Types.ToDictionary(t => t.Column, t => t.Cmt, StringComparer.OrdinalIgnoreCase);

    /// <summary>Seed field type → the column types it may fill, in the order above (string, int, decimal, money, choice, bool, datetime).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ColumnsOfSeedType = Types
        .Where(t => t.Seed is not null)
        .GroupBy(t => t.Seed!, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(t => t.Column).ToArray(), StringComparer.Ordinal);
}
