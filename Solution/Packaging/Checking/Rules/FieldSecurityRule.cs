namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// Rule <see cref="Rules.FieldSecurityInvalid"/>: each permission of a field security profile names a column of the folder
/// whose attribute is secured (<c>&lt;IsSecured&gt;1</c>), and CanRead/CanCreate/CanUpdate are 0 (not allowed) or 4 (allowed),
/// the values of the FieldPermission table's choices.
/// </summary>
public sealed class FieldSecurityRule : ICheckRule
{
    public IReadOnlyList<string> Ids { get; } = [Rules.FieldSecurityInvalid];

    public void Check(RuleContext context)
    {
        foreach (var profile in context.Model.FieldSecurityProfiles)
        {
            foreach (var permission in profile.Element.Descendants("FieldPermission"))
            {
                var table = permission.Element("EntityName")?.Value.Trim() ?? string.Empty;
                var column = permission.Element("AttributeName")?.Value.Trim() ?? string.Empty;
                if (!context.Model.Entities.TryGetValue(table, out var entity) || !entity.Attributes.TryGetValue(column, out var attribute))
                {
                    context.Report(profile.File, permission, Rules.FieldSecurityInvalid, Severity.Error, $"field permission for unknown column '{table}.{column}'");
                    continue;
                }

                if (attribute.Element("IsSecured")?.Value.Trim() != "1")
                {
                    context.Report(profile.File, permission, Rules.FieldSecurityInvalid, Severity.Error, $"field permission for '{table}.{column}', which is not secured (IsSecured 0)");
                }

                foreach (var name in new[] { "CanRead", "CanCreate", "CanUpdate" })
                {
                    if (permission.Element(name)?.Value.Trim() is not ("0" or "4"))
                    {
                        context.Report(profile.File, permission, Rules.FieldSecurityInvalid, Severity.Error, $"{name} of '{table}.{column}' must be 0 or 4");
                    }
                }
            }
        }
    }
}
