using System.Collections.Frozen;

namespace AccountPlanXrm.Emulator.Metadata;

/// <summary>
/// All tables and relationships an emulator knows: the built-in baseline merged with a solution's tables.
/// Immutable and shared by every emulator created over the same solution.
/// </summary>
public sealed class MetadataSet
{
    private readonly FrozenDictionary<string, TableMetadata> _tables;
    private readonly FrozenDictionary<string, RelationshipMetadata> _relationships;

    internal MetadataSet(IEnumerable<TableMetadata> tables, IEnumerable<RelationshipMetadata> relationships)
    {
        _tables = tables.ToFrozenDictionary(t => t.LogicalName, StringComparer.Ordinal);
        _relationships = relationships.ToFrozenDictionary(r => r.SchemaName, StringComparer.OrdinalIgnoreCase);
    }

    public IEnumerable<TableMetadata> Tables => _tables.Values;

    public IEnumerable<RelationshipMetadata> Relationships => _relationships.Values;

    public TableMetadata? FindTable(string logicalName) =>
        logicalName != null && _tables.TryGetValue(logicalName, out var table) ? table : null;

    public RelationshipMetadata? FindRelationship(string schemaName) =>
        schemaName != null && _relationships.TryGetValue(schemaName, out var relationship) ? relationship : null;

    /// <summary>Reads a metadata set from a folder in the unpacked solution layout (no baseline).</summary>
    public static MetadataSet FromFolder(string folder) => MetadataBuilder.Build(MetadataReader.ReadFolder(folder), includeBaseline: false);
}
