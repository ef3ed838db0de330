namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>What a plan template requires, per section.</summary>
    public sealed class TemplateRequirements
    {
        public static readonly TemplateRequirements None = new TemplateRequirements(
            Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>(), 0, 0);

        public TemplateRequirements(
            IReadOnlyList<string> analysis, IReadOnlyList<string> position, IReadOnlyList<string> goals,
            IReadOnlyList<string> summary, int minMeasures, int minStakeholders)
        {
            Analysis = analysis;
            Position = position;
            Goals = goals;
            Summary = summary;
            MinMeasures = Math.Max(0, minMeasures);
            MinStakeholders = Math.Max(0, minStakeholders);
        }

        public IReadOnlyList<string> Analysis { get; }
        public IReadOnlyList<string> Position { get; }
        public IReadOnlyList<string> Goals { get; }
        public IReadOnlyList<string> Summary { get; }
        public int MinMeasures { get; }
        public int MinStakeholders { get; }

        /// <summary>Every plan column the template requires.</summary>
        public IEnumerable<string> RequiredColumns => Analysis.Concat(Position).Concat(Goals).Concat(Summary);

        public static TemplateRequirements FromTemplate(Entity template) =>
            new TemplateRequirements(
                SplitColumns(template.GetAttributeValue<string>(Template.RequiredAnalysis)),
                SplitColumns(template.GetAttributeValue<string>(Template.RequiredPosition)),
                SplitColumns(template.GetAttributeValue<string>(Template.RequiredGoals)),
                SplitColumns(template.GetAttributeValue<string>(Template.RequiredSummary)),
                template.GetAttributeValue<int?>(Template.MinMeasures) ?? 0,
                template.GetAttributeValue<int?>(Template.MinStakeholders) ?? 0);

        public static IReadOnlyList<string> SplitColumns(string? list)
        {
            if (string.IsNullOrWhiteSpace(list))
            {
                return Array.Empty<string>();
            }

            return list!.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(c => c.Trim().ToLowerInvariant())
                .Where(c => c.Length > 0)
                .Distinct()
                .ToArray();
        }
    }
}
