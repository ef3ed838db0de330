namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// Rule <see cref="Rules.SchemaInvalid"/>: the merged customizations.xml against the Dataverse XSDs (see
/// <see cref="SchemaValidator"/>). Skipped with a note when the schemas are not found or when files are broken or missing.
/// </summary>
public sealed class SchemaRule : ICheckRule
{
    public IReadOnlyList<string> Ids { get; } = [Rules.SchemaInvalid];

    public void Check(RuleContext context)
    {
        var options = context.Options;
        var tree = context.Tree;
        var schemaFolder = SchemaValidator.FindSchemaFolder(options.SchemaFolder, options.SourceFolder);
        if (schemaFolder is null)
        {
            context.Note("skipped: schemas not found (structural validation needs ../shared/schemas/dataverse/" + SchemaValidator.MainSchema + ")");
        }
        else if (tree.Errors.Count > 0 || !tree.FileExists(SolutionLayout.SolutionFile) || !tree.FileExists(SolutionLayout.CustomizationsFile))
        {
            context.Note("skipped: schema validation (fix the files above first)");
        }
        else
        {
            var merged = SolutionMerger.Merge(new SourceTree(options.SourceFolder), managed: false, lenient: true);
            foreach (var finding in SchemaValidator.Validate(merged.Customizations, SchemaValidator.LoadSchemas(schemaFolder)))
            {
                context.Report(finding);
            }

            context.Note("validated: customizations against " + SchemaValidator.MainSchema);
        }
    }
}
