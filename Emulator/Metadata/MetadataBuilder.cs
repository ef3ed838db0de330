using System.Xml.Linq;

namespace AccountPlanXrm.Emulator.Metadata;

/// <summary>Merges the built-in baseline with a solution and resolves targets, hierarchies, indexes and keys.</summary>
internal static class MetadataBuilder
{
    private static readonly Lazy<RawSolution> BaselineRaw = new(LoadBaseline, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Dictionary<string, string[]> WellKnownTargets = new(StringComparer.Ordinal)
    {
        ["createdby"] = ["systemuser"],
        ["modifiedby"] = ["systemuser"],
        ["createdonbehalfby"] = ["systemuser"],
        ["modifiedonbehalfby"] = ["systemuser"],
        ["owninguser"] = ["systemuser"],
        ["owningteam"] = ["team"],
        ["owningbusinessunit"] = ["businessunit"],
        ["ownerid"] = ["systemuser", "team"],
        ["transactioncurrencyid"] = ["transactioncurrency"],
    };

    public static MetadataSet Build(RawSolution solution, bool includeBaseline)
    {
        var tables = new Dictionary<string, RawTable>(StringComparer.Ordinal);
        var relationships = new Dictionary<string, RelationshipMetadata>(StringComparer.OrdinalIgnoreCase);
        var optionSets = new Dictionary<string, List<OptionMetadata>>(StringComparer.OrdinalIgnoreCase);

        void Merge(RawSolution raw)
        {
            foreach (var (name, options) in raw.OptionSets)
            {
                optionSets[name] = options;
            }

            foreach (var table in raw.Tables)
            {
                if (tables.TryGetValue(table.LogicalName, out var existing))
                {
                    // A solution that carries a system table adds or redefines columns; the baseline keeps the rest.
                    foreach (var column in table.Columns)
                    {
                        existing.Columns.RemoveAll(c => c.LogicalName == column.LogicalName);
                        existing.Columns.Add(column);
                    }

                    foreach (var key in table.Keys)
                    {
                        existing.Keys.RemoveAll(k => k.LogicalName == key.LogicalName);
                        existing.Keys.Add(key);
                    }
                }
                else
                {
                    tables[table.LogicalName] = Clone(table);
                }
            }

            foreach (var relationship in raw.Relationships)
            {
                relationships[relationship.SchemaName] = relationship;
            }
        }

        if (includeBaseline)
        {
            Merge(BaselineRaw.Value);
        }

        Merge(solution);

        var built = new Dictionary<string, TableMetadata>(StringComparer.Ordinal);
        foreach (var raw in tables.Values)
        {
            built[raw.LogicalName] = BuildTable(raw, optionSets);
        }

        // Intersect tables of N:N relationships.
        foreach (var rel in relationships.Values.Where(r => r.IsManyToMany))
        {
            if (!built.ContainsKey(rel.IntersectEntity))
            {
                built[rel.IntersectEntity] = BuildIntersect(rel);
            }
        }

        var usable = relationships.Values
            .Where(r => r.IsManyToMany || (built.ContainsKey(r.ReferencingEntity) && built[r.ReferencingEntity].Columns.ContainsKey(r.ReferencingAttribute)))
            .ToList();

        foreach (var table in built.Values)
        {
            var oneToMany = usable.Where(r => !r.IsManyToMany && r.ReferencedEntity == table.LogicalName).ToList();
            var manyToOne = usable.Where(r => !r.IsManyToMany && r.ReferencingEntity == table.LogicalName).ToList();
            table.OneToMany = oneToMany;
            table.ManyToOne = manyToOne;
            table.HierarchyParentAttribute = manyToOne.FirstOrDefault(r => r.IsHierarchical && r.ReferencedEntity == table.LogicalName)?.ReferencingAttribute;

            var indexed = new List<string>();
            foreach (var column in table.Columns.Values)
            {
                if (column.IsLookup)
                {
                    var targets = manyToOne.Where(r => r.ReferencingAttribute == column.LogicalName).Select(r => r.ReferencedEntity).Distinct().ToList();
                    if (targets.Count == 0 && WellKnownTargets.TryGetValue(column.LogicalName, out var known))
                    {
                        targets = [.. known];
                    }

                    if (column.Type == ColumnType.Owner)
                    {
                        // Owner relationships name the virtual "Owner" entity: the owner is a user or a team.
                        targets = ["systemuser", "team"];
                    }

                    column.Targets = targets;
                    indexed.Add(column.LogicalName);
                }
                else if (column.Type == ColumnType.UniqueIdentifier)
                {
                    indexed.Add(column.LogicalName);
                }
            }

            table.IndexedColumns = indexed;
            table.BaseMoneyColumns = table.Columns.Values
                .Where(c => c.CalculationOf != null && table.Columns.ContainsKey(c.CalculationOf))
                .Select(c => (c.CalculationOf!, c.LogicalName))
                .ToList();
        }

        return new MetadataSet(built.Values, usable);
    }

    private static RawTable Clone(RawTable table) => new()
    {
        LogicalName = table.LogicalName,
        SchemaName = table.SchemaName,
        DisplayName = table.DisplayName,
        OwnershipType = table.OwnershipType,
        IsActivity = table.IsActivity,
        Columns = [.. table.Columns],
        Keys = [.. table.Keys],
    };

    private static TableMetadata BuildTable(RawTable raw, Dictionary<string, List<OptionMetadata>> optionSets)
    {
        var columns = new Dictionary<string, ColumnMetadata>(StringComparer.Ordinal);
        foreach (var c in raw.Columns)
        {
            var options = c.Options;
            if (options.Count == 0 && c.GlobalOptionSet != null && optionSets.TryGetValue(c.GlobalOptionSet, out var global))
            {
                options = global;
            }

            columns[c.LogicalName] = new ColumnMetadata(
                c.LogicalName, c.SchemaName, c.Type, c.RequiredLevel, c.MaxLength, c.MinValue, c.MaxValue, c.Precision,
                c.DateOnly, c.ValidForCreate, c.ValidForUpdate, c.IsPrimaryName, c.CalculationOf, c.DefaultValue, options, c.DisplayName);
        }

        var primaryId = columns.Values.FirstOrDefault(c => c.Type == ColumnType.PrimaryKey)?.LogicalName;
        if (primaryId == null)
        {
            primaryId = raw.LogicalName + "id";
            columns[primaryId] = new ColumnMetadata(primaryId, primaryId, ColumnType.PrimaryKey, RequiredLevel.SystemRequired, null, null, null, null, false, true, false, false, null, null, [], null);
        }

        // Every table has the row version column (SQL timestamp) the platform adds itself; exported Entity.xml files of
        // custom tables do not list it. It backs Entity.RowVersion and optimistic concurrency.
        if (!columns.ContainsKey("versionnumber"))
        {
            columns["versionnumber"] = new ColumnMetadata("versionnumber", "VersionNumber", ColumnType.BigInt, RequiredLevel.None, null, null, null, null, false, false, false, false, null, null, [], null);
        }

        var primaryName = columns.Values.FirstOrDefault(c => c.IsPrimaryName)?.LogicalName;
        return new TableMetadata(raw.LogicalName, raw.SchemaName, raw.DisplayName, primaryId, primaryName, raw.OwnershipType, raw.IsActivity, columns, raw.Keys);
    }

    private static TableMetadata BuildIntersect(RelationshipMetadata rel)
    {
        ColumnMetadata Guid(string name, ColumnType type) =>
            new(name, name, type, RequiredLevel.SystemRequired, null, null, null, null, false, true, false, false, null, null, [], null);

        var id = rel.IntersectEntity + "id";
        var columns = new Dictionary<string, ColumnMetadata>(StringComparer.Ordinal)
        {
            [id] = Guid(id, ColumnType.PrimaryKey),
            [rel.Entity1IntersectAttribute] = Guid(rel.Entity1IntersectAttribute, ColumnType.UniqueIdentifier),
            [rel.Entity2IntersectAttribute] = Guid(rel.Entity2IntersectAttribute, ColumnType.UniqueIdentifier),
        };
        return new TableMetadata(rel.IntersectEntity, rel.IntersectEntity, rel.IntersectEntity, id, null, "None", false, columns, []);
    }

    private static RawSolution LoadBaseline()
    {
        var raw = new RawSolution();
        var assembly = typeof(MetadataBuilder).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Baseline", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            MetadataReader.ReadDocument(XDocument.Load(stream), raw, name);
        }

        return raw;
    }
}
