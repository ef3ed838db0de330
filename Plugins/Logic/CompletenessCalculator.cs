namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>
    /// Plan completeness by the plan's template: which required columns are filled, and whether the plan has the
    /// minimum number of (not cancelled) measures and (active) stakeholders; the gate on In review / Active.
    /// </summary>
    public sealed class CompletenessCalculator(IOrganizationService service, ITracingService tracing)
    {
        /// <summary>The columns of the plan-update pre-image (every column a section can require, and the outputs).</summary>
        public static readonly string[] PlanImageColumns =
            Plan.AnalysisColumns.Concat(Plan.PositionColumns).Concat(Plan.GoalsColumns).Concat(Plan.SummaryColumns)
                .Concat(new[]
                {
                    Plan.Name, Plan.TemplateId, Plan.StateCode, Plan.StatusCode, Plan.CompletenessPct, Plan.CompletenessAnalysis,
                    Plan.CompletenessPosition, Plan.CompletenessGoals, Plan.CompletenessMeasures, Plan.CompletenessStakeholders,
                    Plan.CompletenessSummary, Plan.MissingItems,
                })
                .Distinct().ToArray();

        /// <summary>Pure evaluation of a plan's columns against its template and its child counts.</summary>
        public static CompletenessResult Evaluate(Entity plan, TemplateRequirements requirements, int measureCount, int stakeholderCount)
        {
            var percent = new Dictionary<PlanSection, int>();
            var missing = new List<KeyValuePair<PlanSection, IReadOnlyList<MissingItem>>>();
            var satisfied = 0;
            var required = 0;

            void Columns(PlanSection section, IReadOnlyList<string> columns)
            {
                var absent = columns.Where(c => !Values.IsFilled(plan, c)).Select(c => MissingItem.ForColumn(c, section)).ToList();
                var filled = columns.Count - absent.Count;
                required += columns.Count;
                satisfied += filled;
                percent[section] = columns.Count == 0 ? 100 : filled * 100 / columns.Count;
                if (absent.Count > 0)
                {
                    missing.Add(new KeyValuePair<PlanSection, IReadOnlyList<MissingItem>>(section, absent));
                }
            }

            void Count(PlanSection section, int minimum, int present)
            {
                var counted = Math.Min(Math.Max(present, 0), minimum);
                required += minimum;
                satisfied += counted;
                percent[section] = minimum == 0 ? 100 : counted * 100 / minimum;
                if (counted < minimum)
                {
                    missing.Add(new KeyValuePair<PlanSection, IReadOnlyList<MissingItem>>(
                        section, new[] { MissingItem.ForCount(section, minimum, present) }));
                }
            }

            Columns(PlanSection.Analysis, requirements.Analysis);
            Columns(PlanSection.Position, requirements.Position);
            Columns(PlanSection.Goals, requirements.Goals);
            Count(PlanSection.Measures, requirements.MinMeasures, measureCount);
            Count(PlanSection.Stakeholders, requirements.MinStakeholders, stakeholderCount);
            Columns(PlanSection.Summary, requirements.Summary);

            var overall = required == 0 ? 100 : satisfied * 100 / required;
            return new CompletenessResult(percent, overall, missing);
        }

        /// <summary>True when the plan is moving (from another status) into In review or Active.</summary>
        public static bool IsGatedTransition(int? newStatus, int? oldStatus) =>
            (newStatus == Plan.StatusInReview || newStatus == Plan.StatusActive) && newStatus != oldStatus;

        /// <summary>The template's requirements; a plan without a template is judged by the default template.</summary>
        public TemplateRequirements LoadTemplate(EntityReference? template)
        {
            var columns = new ColumnSet(
                Template.RequiredAnalysis, Template.RequiredPosition, Template.RequiredGoals, Template.RequiredSummary,
                Template.MinMeasures, Template.MinStakeholders);
            if (template == null || template.Id == Guid.Empty)
            {
                var query = new QueryExpression(Template.EntityName) { ColumnSet = columns, TopCount = 1 };
                query.Criteria.AddCondition(Template.IsDefault, ConditionOperator.Equal, true);
                query.Criteria.AddCondition(Template.StateCode, ConditionOperator.Equal, 0);
                query.AddOrder(Template.Name, OrderType.Ascending);
                var standard = service.RetrieveMultiple(query).Entities.FirstOrDefault();
                return standard == null ? TemplateRequirements.None : TemplateRequirements.FromTemplate(standard);
            }

            return TemplateRequirements.FromTemplate(service.Retrieve(Template.EntityName, template.Id, columns));
        }

        /// <summary>True for the statuses in which a plan must be complete (In review, Active).</summary>
        public static bool IsGatedStatus(int? status) => status == Plan.StatusInReview || status == Plan.StatusActive;

        /// <summary>Counts the plan's measures that are not cancelled, up to <paramref name="upTo"/> (no request when 0).</summary>
        public int CountMeasures(Guid planId, int upTo)
        {
            if (upTo <= 0 || planId == Guid.Empty)
            {
                return 0;
            }

            var query = new QueryExpression(Measure.EntityName) { ColumnSet = new ColumnSet(Measure.Id), TopCount = upTo };
            query.Criteria.AddCondition(Measure.PlanId, ConditionOperator.Equal, planId);
            query.Criteria.AddCondition(Measure.StatusCode, ConditionOperator.NotEqual, Measure.StatusCancelled);
            return service.RetrieveMultiple(query).Entities.Count;
        }

        /// <summary>Counts the plan's active stakeholders, up to <paramref name="upTo"/> (no request when 0).</summary>
        public int CountStakeholders(Guid planId, int upTo)
        {
            if (upTo <= 0 || planId == Guid.Empty)
            {
                return 0;
            }

            var query = new QueryExpression(Stakeholder.EntityName) { ColumnSet = new ColumnSet(Stakeholder.Id), TopCount = upTo };
            query.Criteria.AddCondition(Stakeholder.PlanId, ConditionOperator.Equal, planId);
            query.Criteria.AddCondition(Stakeholder.StateCode, ConditionOperator.Equal, 0);
            return service.RetrieveMultiple(query).Entities.Count;
        }

        /// <summary>
        /// Plan create/update (PreOperation): computes the completeness of the record as it will be, enforces the
        /// gate, and puts the changed completeness columns into the target (so the platform writes them with the
        /// user's change, in the same operation).
        /// </summary>
        public CompletenessResult ApplyToTarget(Entity target, Entity? preImage, Messages messages)
        {
            var merged = Values.Merge(preImage, target);
            var template = Values.Reference(merged, Plan.TemplateId, messages);
            var requirements = LoadTemplate(template);
            if (preImage != null && merged.Id != Guid.Empty)
            {
                FillStored(merged, merged.Id, requirements.RequiredColumns.Where(c => !target.Attributes.Contains(c) && !PlanImageColumns.Contains(c)));
            }

            var planId = preImage == null ? Guid.Empty : merged.Id;
            var result = Evaluate(
                merged, requirements, CountMeasures(planId, requirements.MinMeasures),
                CountStakeholders(planId, requirements.MinStakeholders));

            var newStatus = Values.Option(merged, Plan.StatusCode, messages);
            var oldStatus = preImage == null ? null : Values.Option(preImage, Plan.StatusCode, messages);
            if (!result.IsComplete && IsGatedStatus(newStatus))
            {
                if (IsGatedTransition(newStatus, oldStatus))
                {
                    tracing.Trace("Completeness gate: {0}% complete, move to {1} refused", result.OverallPercent, newStatus);
                    throw new InvalidPluginExecutionException(messages.GateIncomplete(newStatus!.Value, result.MissingText(messages)));
                }

                // Already In review / Active: the edit may not add a missing item (a plan that became incomplete by a
                // template change can still be edited towards completeness).
                var before = EvaluateStored(preImage!, planId, messages);
                var had = new HashSet<string>(MissingKeys(before));
                if (MissingKeys(result).Any(key => !had.Contains(key)))
                {
                    tracing.Trace("Completeness gate: the edit leaves the {0} plan incomplete", newStatus);
                    throw new InvalidPluginExecutionException(messages.PlanMustStayComplete(newStatus!.Value, result.MissingText(messages)));
                }
            }

            foreach (var column in result.Columns())
            {
                var before = preImage != null && preImage.Attributes.Contains(column.Key) ? preImage.Attributes[column.Key] : null;
                if (preImage == null ? column.Value != null : !Values.SameValue(before, column.Value))
                {
                    target.Attributes[column.Key] = column.Value;
                }
            }

            return result;
        }

        /// <summary>The completeness of the stored plan (before the edit): its own template, its stored columns.</summary>
        private CompletenessResult EvaluateStored(Entity preImage, Guid planId, Messages messages)
        {
            var stored = Values.Merge(null, preImage);
            var requirements = LoadTemplate(Values.Reference(stored, Plan.TemplateId, messages));
            FillStored(stored, planId, requirements.RequiredColumns.Where(c => !PlanImageColumns.Contains(c)));
            return Evaluate(
                stored, requirements, CountMeasures(planId, requirements.MinMeasures),
                CountStakeholders(planId, requirements.MinStakeholders));
        }

        private static IEnumerable<string> MissingKeys(CompletenessResult result) =>
            result.Missing.SelectMany(section => section.Value.Select(item =>
                section.Key + "|" + (item.Column ?? "min" + item.Minimum.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        /// <summary>Reads stored plan columns the row does not carry (required columns outside the image).</summary>
        private void FillStored(Entity row, Guid planId, IEnumerable<string> columns)
        {
            var missing = columns.Where(c => !row.Attributes.Contains(c)).Distinct().ToArray();
            if (missing.Length == 0 || planId == Guid.Empty)
            {
                return;
            }

            var stored = service.Retrieve(Plan.EntityName, planId, new ColumnSet(missing));
            foreach (var column in missing)
            {
                row.Attributes[column] = stored.Attributes.Contains(column) ? stored.Attributes[column] : null;
            }
        }

        /// <summary>
        /// Recomputes a stored plan's completeness from source (after measure/stakeholder changes, or on request)
        /// and writes only the columns whose value changed. Returns the result and whether a write happened.
        /// </summary>
        public CompletenessResult Recalculate(Guid planId, out bool written) => Recalculate(planId, out written, null, Messages.English);

        /// <summary>
        /// As <see cref="Recalculate(Guid, out bool)"/>; when <paramref name="lostRowsOf"/> is given (the plan lost a
        /// counted measure or stakeholder) and the plan is In review or Active, a section left incomplete refuses the
        /// change before anything is written.
        /// </summary>
        public CompletenessResult Recalculate(Guid planId, out bool written, PlanSection? lostRowsOf, Messages messages)
        {
            written = false;
            var columns = PlanImageColumns.ToList();
            var plan = service.Retrieve(Plan.EntityName, planId, new ColumnSet(columns.ToArray()));
            var requirements = LoadTemplate(plan.GetAttributeValue<EntityReference>(Plan.TemplateId));
            var outside = requirements.RequiredColumns.Where(c => !columns.Contains(c)).ToArray();
            if (outside.Length > 0)
            {
                var extra = service.Retrieve(Plan.EntityName, planId, new ColumnSet(outside));
                foreach (var pair in extra.Attributes)
                {
                    plan.Attributes[pair.Key] = pair.Value;
                }
            }

            var result = Evaluate(
                plan, requirements, CountMeasures(planId, requirements.MinMeasures),
                CountStakeholders(planId, requirements.MinStakeholders));

            var status = plan.GetAttributeValue<OptionSetValue>(Plan.StatusCode)?.Value;
            if (lostRowsOf.HasValue && IsGatedStatus(status) && result.Missing.Any(m => m.Key == lostRowsOf.Value))
            {
                tracing.Trace("Completeness gate: plan {0} would lose a required {1} row", planId, lostRowsOf.Value);
                throw new InvalidPluginExecutionException(messages.PlanMustStayComplete(status!.Value, result.MissingText(messages)));
            }

            var update = new Entity(Plan.EntityName, planId);
            foreach (var column in result.Columns())
            {
                var before = plan.Attributes.Contains(column.Key) ? plan.Attributes[column.Key] : null;
                if (!Values.SameValue(before, column.Value))
                {
                    update.Attributes[column.Key] = column.Value;
                }
            }

            if (update.Attributes.Count > 0)
            {
                tracing.Trace("Completeness of plan {0}: {1}%, {2} column(s) changed", planId, result.OverallPercent, update.Attributes.Count);
                service.Update(update);
                written = true;
            }

            return result;
        }
    }
}
