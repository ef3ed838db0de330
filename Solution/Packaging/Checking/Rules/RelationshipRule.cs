namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// Rule <see cref="Rules.RelationshipInvalid"/>: custom 1:N relationships name known tables and an existing lookup column;
/// every custom lookup has a relationship (the target table comes from it, not from the column); a calculated column is
/// calculated from a column of its table; a money column needs the table's transactioncurrencyid.
/// </summary>
public sealed class RelationshipRule : ICheckRule
{
    public IReadOnlyList<string> Ids { get; } = [Rules.RelationshipInvalid];

    public void Check(RuleContext context)
    {
        var model = context.Model;
        var referenced = new HashSet<(string Table, string Column)>();
        foreach (var relationship in model.Relationships)
        {
            var element = relationship.Element;
            var name = element.Attr("Name") ?? string.Empty;
            var type = element.Text("EntityRelationshipType") ?? "OneToMany";
            if (type == "ManyToMany")
            {
                continue;
            }

            var referencing = element.Text("ReferencingEntityName") ?? string.Empty;
            var referencedTable = element.Text("ReferencedEntityName") ?? string.Empty;
            var column = element.Text("ReferencingAttributeName") ?? string.Empty;
            if (!model.IsCustomName(referencing) && !model.IsCustomName(name))
            {
                continue;
            }

            var columns = model.Columns(referencing);
            if (columns is null)
            {
                context.Error(relationship, element.Element("ReferencingEntityName"), Rules.RelationshipInvalid, $"relationship '{name}': referencing table '{referencing}' is unknown");
            }
            else if (!columns.Contains(column))
            {
                context.Error(relationship, element.Element("ReferencingAttributeName"), Rules.RelationshipInvalid, $"relationship '{name}': column '{column}' does not exist on '{referencing}'");
            }

            if (!referencedTable.Equals("Owner", StringComparison.OrdinalIgnoreCase) && !model.IsKnownTable(referencedTable))
            {
                context.Error(relationship, element.Element("ReferencedEntityName"), Rules.RelationshipInvalid, $"relationship '{name}': referenced table '{referencedTable}' is unknown");
            }

            referenced.Add((referencing.ToLowerInvariant(), column.ToLowerInvariant()));
        }

        foreach (var entity in model.Entities.Values)
        {
            var source = new SourceElement(entity.File, entity.Element);
            var custom = model.IsCustomName(entity.LogicalName);
            foreach (var attribute in entity.Attributes.Values)
            {
                var logical = attribute.Text("LogicalName") ?? string.Empty;
                var calculationOf = attribute.Text("CalculationOf");
                if (!string.IsNullOrEmpty(calculationOf) && !entity.Attributes.ContainsKey(calculationOf))
                {
                    context.Error(source, attribute.Element("CalculationOf"), Rules.RelationshipInvalid, $"column '{logical}' is calculated from '{calculationOf}', which '{entity.LogicalName}' does not have");
                }

                if (attribute.Text("Type") == "money" && custom && !entity.Attributes.ContainsKey("transactioncurrencyid"))
                {
                    context.Error(source, attribute, Rules.RelationshipInvalid, $"money column '{logical}' needs the table to have transactioncurrencyid and exchangerate");
                }

                if (custom && attribute.Text("Type") is "lookup" && attribute.Text("IsCustomField") == "1" && !referenced.Contains((entity.LogicalName, logical.ToLowerInvariant())))
                {
                    context.Error(source, attribute, Rules.RelationshipInvalid, $"lookup '{entity.LogicalName}.{logical.ToLowerInvariant()}' has no relationship in Other/Relationships");
                }
            }
        }
    }
}
