namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// Rule <see cref="Rules.OwnershipInvalid"/>: exports write the mask names UserOwned or OrgOwned (real-export-facts §1);
/// the metadata enum name OrganizationOwned, for one, is a value no environment writes into customizations.xml.
/// </summary>
public sealed class OwnershipRule : ICheckRule
{
    public IReadOnlyList<string> Ids { get; } = [Rules.OwnershipInvalid];

    public void Check(RuleContext context)
    {
        foreach (var entity in context.Model.Entities.Values)
        {
            var ownership = entity.Element.Element("EntityInfo")?.Element("entity")?.Element("OwnershipTypeMask");
            if (ownership is not null && ownership.Value.Trim() is not ("UserOwned" or "OrgOwned"))
            {
                context.Error(new SourceElement(entity.File, entity.Element), ownership, Rules.OwnershipInvalid, $"table '{entity.LogicalName}': OwnershipTypeMask '{ownership.Value.Trim()}' is not a value exports write (UserOwned or OrgOwned)");
            }
        }
    }
}
