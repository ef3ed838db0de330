namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>The completeness of one plan: per section, overall, and what is missing.</summary>
    public sealed class CompletenessResult
    {
        internal CompletenessResult(
            IReadOnlyDictionary<PlanSection, int> sectionPercent, int overallPercent,
            IReadOnlyList<KeyValuePair<PlanSection, IReadOnlyList<MissingItem>>> missing)
        {
            SectionPercent = sectionPercent;
            OverallPercent = overallPercent;
            Missing = missing;
        }

        public IReadOnlyDictionary<PlanSection, int> SectionPercent { get; }

        public int OverallPercent { get; }

        /// <summary>The sections with something missing, in form order.</summary>
        public IReadOnlyList<KeyValuePair<PlanSection, IReadOnlyList<MissingItem>>> Missing { get; }

        public bool IsComplete => Missing.Count == 0;

        /// <summary>One line per incomplete section: "Section: item, item".</summary>
        public string MissingText(Messages messages)
        {
            var text = new StringBuilder();
            foreach (var section in Missing)
            {
                if (text.Length > 0)
                {
                    text.Append('\n');
                }

                text.Append(messages.SectionName(section.Key)).Append(": ")
                    .Append(string.Join(", ", section.Value.Select(item => item.Describe(messages))));
            }

            return text.ToString();
        }

        /// <summary>The plan's plugin-maintained completeness columns with these values (missing text in English).</summary>
        public IEnumerable<KeyValuePair<string, object?>> Columns()
        {
            yield return new KeyValuePair<string, object?>(Plan.CompletenessPct, OverallPercent);
            yield return new KeyValuePair<string, object?>(Plan.CompletenessAnalysis, SectionPercent[PlanSection.Analysis]);
            yield return new KeyValuePair<string, object?>(Plan.CompletenessPosition, SectionPercent[PlanSection.Position]);
            yield return new KeyValuePair<string, object?>(Plan.CompletenessGoals, SectionPercent[PlanSection.Goals]);
            yield return new KeyValuePair<string, object?>(Plan.CompletenessMeasures, SectionPercent[PlanSection.Measures]);
            yield return new KeyValuePair<string, object?>(Plan.CompletenessStakeholders, SectionPercent[PlanSection.Stakeholders]);
            yield return new KeyValuePair<string, object?>(Plan.CompletenessSummary, SectionPercent[PlanSection.Summary]);
            var missing = MissingText(Messages.English);
            yield return new KeyValuePair<string, object?>(Plan.MissingItems, missing.Length == 0 ? null : missing);
        }
    }

    /// <summary>One missing item: a column, or too few measures/stakeholders.</summary>
    public sealed class MissingItem
    {
        private MissingItem(string? column, int minimum, int present, PlanSection section)
        {
            Column = column;
            Minimum = minimum;
            Present = present;
            Section = section;
        }

        public string? Column { get; }
        public int Minimum { get; }
        public int Present { get; }
        public PlanSection Section { get; }

        public static MissingItem ForColumn(string column, PlanSection section) => new MissingItem(column, 0, 0, section);

        public static MissingItem ForCount(PlanSection section, int minimum, int present) =>
            new MissingItem(null, minimum, present, section);

        public string Describe(Messages messages)
        {
            if (Column != null)
            {
                return messages.ColumnLabel(Column);
            }

            return Section == PlanSection.Measures
                ? messages.MinimumMeasures(Minimum, Present)
                : messages.MinimumStakeholders(Minimum, Present);
        }
    }
}
