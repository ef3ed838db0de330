namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// Rule <see cref="Rules.RoleMissingPrivilege"/>: a role that can open, edit or trigger something must also hold the
/// privileges that thing needs, or the user meets a privilege fault (or an empty grid) the role's author did not
/// intend. What each component needs, for a role that holds the first privilege (at any depth):
/// <list type="bullet">
/// <item>main form of table T, Read T → Read on the table of every lookup bound on the form and of every sub-grid;</item>
/// <item>main form of table T, Create T or Write T → Append T and AppendTo on the table of every lookup the form lets
/// the user edit (controls not <c>disabled="true"</c>);</item>
/// <item>view of table T, Read T → Read on every table the view's fetch links (link-entity);</item>
/// <item>plug-in step on Create/Update/Delete of T, Create/Write/Delete T → Read on the table of every lookup column of
/// the step's images (the rows the plug-in looks at on the user's behalf).</item>
/// </list>
/// System columns (owner, created/modified by, owning business unit) are left out: Assign and the platform cover them.
/// Lookup targets come from the solution's 1:N relationships; privilege names are <c>prv</c> + action + table
/// schema name (User for systemuser, Activity for activity tables).
/// </summary>
public sealed class RoleCoverageRule : ICheckRule
{
    private static readonly HashSet<string> SystemLookupColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        "ownerid", "owninguser", "owningteam", "owningbusinessunit", "createdby", "modifiedby", "createdonbehalfby", "modifiedonbehalfby",
    };

    private static readonly HashSet<string> ActivityTables = new(StringComparer.OrdinalIgnoreCase)
    {
        "activitypointer", "task", "email", "phonecall", "appointment", "letter", "fax", "opportunityclose",
    };

    private static readonly Dictionary<string, string> MessageRights = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Create"] = "Create", ["Update"] = "Write", ["Delete"] = "Delete", ["SetState"] = "Write", ["SetStateDynamicEntity"] = "Write", ["Assign"] = "Assign",
    };

    /// <summary>One privilege a component needs from a role that holds another.</summary>
    private sealed record PrivilegeNeed(string Trigger, string Needed, string Reason);

    public IReadOnlyList<string> Ids { get; } = [Rules.RoleMissingPrivilege];

    public void Check(RuleContext context)
    {
        var needs = RoleNeeds(context.Model);
        foreach (var role in context.Model.Roles)
        {
            var held = new Dictionary<string, XElement>(StringComparer.OrdinalIgnoreCase);
            foreach (var privilege in role.Element.Descendants("RolePrivilege"))
            {
                if (privilege.Attr("name") is { Length: > 0 } name && privilege.Attr("level") is "Basic" or "Local" or "Deep" or "Global")
                {
                    held.TryAdd(name, privilege);
                }
            }

            var reported = new HashSet<(string, string)>();
            foreach (var need in needs)
            {
                if (held.TryGetValue(need.Trigger, out var trigger) && !held.ContainsKey(need.Needed) && reported.Add((need.Trigger, need.Needed)))
                {
                    context.Error(
                        role,
                        trigger,
                        Rules.RoleMissingPrivilege,
                        $"role '{role.Element.Attr("name")}': has {need.Trigger} but not {need.Needed}, which {need.Reason} needs");
                }
            }
        }
    }

    private static List<PrivilegeNeed> RoleNeeds(SolutionModel model)
    {
        var tokens = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entity in model.Entities.Values)
        {
            tokens[entity.LogicalName] = entity.SchemaName;
        }

        // (referencing table, lookup column) → referenced tables, from the 1:N relationships.
        var targets = new Dictionary<(string, string), List<string>>();
        foreach (var relationship in model.Relationships)
        {
            var element = relationship.Element;
            if (!string.Equals(element.Text("EntityRelationshipType"), "OneToMany", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var referencing = element.Text("ReferencingEntityName");
            var referenced = element.Text("ReferencedEntityName");
            var column = element.Text("ReferencingAttributeName");
            if (string.IsNullOrEmpty(referencing) || string.IsNullOrEmpty(referenced) || string.IsNullOrEmpty(column))
            {
                continue;
            }

            tokens.TryAdd(referenced.ToLowerInvariant(), referenced);
            var key = (referencing.ToLowerInvariant(), column.ToLowerInvariant());
            if (!targets.TryGetValue(key, out var list))
            {
                targets[key] = list = [];
            }

            if (!list.Contains(referenced.ToLowerInvariant()))
            {
                list.Add(referenced.ToLowerInvariant());
            }
        }

        string Privilege(string action, string table)
        {
            var token = ActivityTables.Contains(table) ? "Activity"
                : table.Equals("systemuser", StringComparison.OrdinalIgnoreCase) ? "User"
                : tokens.TryGetValue(table, out var schema) ? schema : table;
            return "prv" + action + token;
        }

        IReadOnlyList<string> Targets(string table, string column) =>
            SystemLookupColumns.Contains(column) ? [] : targets.TryGetValue((table.ToLowerInvariant(), column.ToLowerInvariant()), out var list) ? list : [];

        var needs = new List<PrivilegeNeed>();
        foreach (var entity in model.Entities.Values.Where(e => model.IsCustomName(e.LogicalName)))
        {
            var table = entity.LogicalName;
            foreach (var form in entity.Forms.Where(f => f.File.Contains("/FormXml/main/", StringComparison.OrdinalIgnoreCase) && !f.File.EndsWith("_managed.xml", StringComparison.OrdinalIgnoreCase)))
            {
                var formName = form.DisplayName();
                foreach (var control in form.Element.Descendants("control"))
                {
                    var field = control.Attr("datafieldname");
                    if (!string.IsNullOrEmpty(field))
                    {
                        foreach (var target in Targets(table, field))
                        {
                            var where = $"the lookup '{field}' ({target}) on the main form '{formName}'";
                            needs.Add(new PrivilegeNeed(Privilege("Read", table), Privilege("Read", target), where));
                            if (!string.Equals(control.Attr("disabled"), "true", StringComparison.OrdinalIgnoreCase))
                            {
                                foreach (var action in new[] { "Create", "Write" })
                                {
                                    needs.Add(new PrivilegeNeed(Privilege(action, table), Privilege("Append", table), where));
                                    needs.Add(new PrivilegeNeed(Privilege(action, table), Privilege("AppendTo", target), where));
                                }
                            }
                        }
                    }

                    if (control.Element("parameters")?.Text("TargetEntityType") is { Length: > 0 } grid)
                    {
                        needs.Add(new PrivilegeNeed(Privilege("Read", table), Privilege("Read", grid), $"the sub-grid '{control.Attr("id")}' ({grid}) on the main form '{formName}'"));
                    }
                }
            }

            foreach (var view in entity.Views)
            {
                var viewName = view.DisplayName();
                foreach (var link in view.Element.Descendants("link-entity"))
                {
                    if (link.Attr("name") is { Length: > 0 } linked)
                    {
                        needs.Add(new PrivilegeNeed(Privilege("Read", table), Privilege("Read", linked), $"the view '{viewName}' (it links {linked})"));
                    }
                }
            }
        }

        foreach (var step in model.Steps)
        {
            var element = step.Element;
            var table = element.Text("PrimaryEntity") ?? string.Empty;
            if (table.Length == 0 || !WellKnownMessages.ById.TryGetValue(XmlFiles.NormalizeId(element.Text("SdkMessageId") ?? string.Empty), out var message)
                || !MessageRights.TryGetValue(message, out var action))
            {
                continue;
            }

            var stepName = element.Attr("Name") ?? step.File;
            foreach (var image in element.Descendants("SdkMessageProcessingStepImage"))
            {
                foreach (var column in (image.Text("Attributes") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    foreach (var target in Targets(table, column))
                    {
                        needs.Add(new PrivilegeNeed(Privilege(action, table), Privilege("Read", target), $"the plug-in step '{stepName}' (its image reads '{column}', a {target})"));
                    }
                }
            }
        }

        return needs;
    }
}
