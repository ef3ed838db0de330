namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// Rule <see cref="Rules.RolePrivilegeUnknown"/> (house rule): a role privilege that names a custom table (the part from the
/// publisher prefix on) names the schema name of a table in the solution.
/// </summary>
public sealed class RolePrivilegeRule : ICheckRule
{
    public IReadOnlyList<string> Ids { get; } = [Rules.RolePrivilegeUnknown];

    public void Check(RuleContext context)
    {
        var model = context.Model;
        var schemaNames = model.Entities.Values.Select(e => e.SchemaName).ToHashSet(StringComparer.Ordinal);
        foreach (var role in model.Roles)
        {
            foreach (var privilege in role.Element.Descendants("RolePrivilege"))
            {
                var name = privilege.Attr("name") ?? string.Empty;
                var prefixIndex = model.Prefix.Length == 0 ? -1 : name.IndexOf(model.Prefix + "_", StringComparison.OrdinalIgnoreCase);
                if (prefixIndex < 0)
                {
                    continue;
                }

                var table = name[prefixIndex..];
                if (!schemaNames.Contains(table))
                {
                    context.Error(role, privilege, Rules.RolePrivilegeUnknown, $"role '{role.Element.Attr("name")}': privilege '{name}' names '{table}', which is not the schema name of a table in the solution");
                }
            }
        }
    }
}
