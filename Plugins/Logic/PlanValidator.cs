namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>
    /// Plan validation before the operation: account required, period end after start, money not negative, margin
    /// 0-100, no overlapping open plan for the same account; template defaulting on create; no delete of a plan
    /// that still has rows. The rules are checked as SYSTEM (an overlapping plan or a child row counts even when the
    /// caller cannot read it); what the messages show of other rows is read with the calling user's service, so a
    /// message never names a plan the caller could not read directly.
    /// </summary>
    /// <param name="systemService">Checks the rules: overlapping plans, templates, owned plans, child rows.</param>
    /// <param name="callerService">The calling user's service: reads what a message shows of other rows.</param>
    /// <param name="tracing">The tracing service.</param>
    /// <param name="messages">The texts in the initiating user's language.</param>
    public sealed class PlanValidator(IOrganizationService systemService, IOrganizationService callerService, ITracingService tracing, Messages messages)
    {
        /// <summary>The tables whose rows keep a plan from being deleted: name, primary key, plan lookup.</summary>
        private static readonly string[][] ChildTables =
        {
            new[] { Measure.EntityName, Measure.Id, Measure.PlanId },
            new[] { Stakeholder.EntityName, Stakeholder.Id, Stakeholder.PlanId },
            new[] { Decision.EntityName, Decision.Id, Decision.PlanId },
            new[] { Review.EntityName, Review.Id, Review.PlanId },
        };

        private static readonly string[] MoneyColumns = { Plan.RevenueTarget, Plan.PlanBudget, Plan.DecisionThreshold };

        /// <summary>The columns the plug-ins keep (completeness, missing items, KPIs): no client request sets them.</summary>
        public static readonly string[] ComputedColumns =
        {
            Plan.CompletenessPct, Plan.CompletenessAnalysis, Plan.CompletenessPosition, Plan.CompletenessGoals, Plan.CompletenessMeasures,
            Plan.CompletenessStakeholders, Plan.CompletenessSummary, Plan.MissingItems, Plan.WonRevenue, Plan.OpenPipeline,
            Plan.WeightedPipeline, Plan.WonRevenueExact, Plan.OpenPipelineExact, Plan.WeightedPipelineExact, Plan.AttainmentPct,
            Plan.MeasureCount, Plan.MeasureBudget, Plan.MeasureCost, Plan.MeasureDonePct, Plan.KpisCalculatedOn,
        };

        /// <summary>
        /// The stored computed columns are the plug-ins' to write: a request that comes straight from a client (depth 1, on
        /// every route: Create, Update, Upsert, the Multiple messages, ExecuteMultiple/ExecuteTransaction) may not set one to
        /// a value other than the stored one (on create: to any value). The plug-ins' own writes arrive at depth 2 or more.
        /// This tells who writes, it does not stop loops (the plug-ins write only what changed). System Administrators (judged
        /// for the initiating user) are let through: they may bypass the plug-ins anyway, e.g. to migrate data.
        /// </summary>
        public void CheckComputedColumns(Entity target, bool create, int depth, Guid initiatingUserId)
        {
            var sent = ComputedColumns.Where(target.Attributes.Contains).ToArray();
            if (depth > 1 || sent.Length == 0)
            {
                return;
            }

            var stored = create || target.Id == Guid.Empty ? null : systemService.Retrieve(Plan.EntityName, target.Id, new ColumnSet(sent));
            var changed = Values.ChangedColumns(target, stored, sent);
            if (changed.Length > 0 && !HoldsRole(initiatingUserId, SecurityRoles.SystemAdministrators))
            {
                tracing.Trace("Computed column(s) set by a client request: {0}", string.Join(",", changed));
                throw new InvalidPluginExecutionException(messages.ComputedColumnsSet(string.Join(", ", changed.Select(messages.ColumnLabel))));
            }
        }

        public void ValidateCreate(Entity target, Guid callingUserId) => ValidateCreate(target, callingUserId, callingUserId);

        /// <param name="initiatingUserId">The person who started the request (the steering committee rule asks for that person's roles).</param>
        public void ValidateCreate(Entity target, Guid callingUserId, Guid initiatingUserId)
        {
            var account = Values.Reference(target, Plan.AccountId, messages);
            if (account == null || account.Id == Guid.Empty)
            {
                throw new InvalidPluginExecutionException(messages.AccountRequired());
            }

            ValidateValues(target, target);
            CheckCommittee(target, null, initiatingUserId);
            CheckOverlap(target);
            DefaultTemplate(target, callingUserId);
        }

        public void ValidateUpdate(Entity target, Entity? preImage) => ValidateUpdate(target, preImage, null);

        /// <param name="initiatingUserId">The person who started the request; null skips the steering committee rule (unit tests of the other rules).</param>
        public void ValidateUpdate(Entity target, Entity? preImage, Guid? initiatingUserId)
        {
            if (target.Attributes.Contains(Plan.AccountId))
            {
                var account = Values.Reference(target, Plan.AccountId, messages);
                if (account == null || account.Id == Guid.Empty)
                {
                    throw new InvalidPluginExecutionException(messages.AccountRequired());
                }
            }

            var merged = Values.Merge(preImage, target);
            if (merged.Id == Guid.Empty && preImage == null)
            {
                merged.Id = target.Id;
            }

            ValidateValues(target, merged);
            if (initiatingUserId.HasValue)
            {
                CheckCommittee(target, preImage, initiatingUserId.Value);
            }

            if (new[] { Plan.AccountId, Plan.PeriodStart, Plan.PeriodEnd, Plan.StateCode, Plan.StatusCode }.Any(target.Attributes.Contains))
            {
                CheckOverlap(merged);
            }
        }

        /// <summary>A plan with measures, stakeholders, decisions or reviews is cancelled, not deleted.</summary>
        public void ValidateDelete(EntityReference plan)
        {
            var children = new List<string>();
            foreach (var child in ChildTables)
            {
                var entity = child[0];
                var query = new QueryExpression(entity) { ColumnSet = new ColumnSet(child[1]), TopCount = 1000 };
                query.Criteria.AddCondition(child[2], ConditionOperator.Equal, plan.Id);
                var count = systemService.RetrieveMultiple(query).Entities.Count;
                if (count > 0)
                {
                    children.Add(messages.ChildCount(entity, count));
                }
            }

            if (children.Count > 0)
            {
                // As the caller: one who cannot read the plan gets the platform's access fault, not its name.
                var name = callerService.Retrieve(Plan.EntityName, plan.Id, new ColumnSet(Plan.Name)).GetAttributeValue<string>(Plan.Name) ?? string.Empty;
                var list = children.Count == 1
                    ? children[0]
                    : string.Join(", ", children.Take(children.Count - 1)) + messages.And() + children[children.Count - 1];
                throw new InvalidPluginExecutionException(messages.PlanHasChildren(name, list));
            }
        }

        private void ValidateValues(Entity target, Entity merged)
        {
            foreach (var column in MoneyColumns)
            {
                var amount = Values.Money(target, column, messages);
                if (amount < 0m)
                {
                    throw new InvalidPluginExecutionException(messages.NegativeAmount(column));
                }
            }

            var margin = Values.Decimal(target, Plan.MarginTarget, messages);
            if (margin < 0m || margin > 100m)
            {
                throw new InvalidPluginExecutionException(messages.PercentOutOfRange(Plan.MarginTarget));
            }

            Values.Option(target, Plan.StatusCode, messages);
            Values.Option(target, Plan.StateCode, messages);
            Values.Option(target, Plan.ReviewCadence, messages);
            Values.Reference(target, Plan.TemplateId, messages);
            var start = Values.Date(merged, Plan.PeriodStart, messages);
            var end = Values.Date(merged, Plan.PeriodEnd, messages);
            if (start.HasValue && end.HasValue && end.Value.Date <= start.Value.Date)
            {
                throw new InvalidPluginExecutionException(messages.PeriodEndNotAfterStart(start.Value, end.Value));
            }
        }

        /// <summary>
        /// Separation of duties, second line behind column security (the field security profiles of the solution): only
        /// holders of the Account Plan Manager or Account Plan Administrator role (or System Administrator), directly or
        /// through a team, set or change a plan's steering committee. Roles are read as SYSTEM from systemuserroles /
        /// teamroles.
        /// </summary>
        private void CheckCommittee(Entity target, Entity? preImage, Guid userId)
        {
            if (!target.Attributes.Contains(Plan.SteeringCommitteeId))
            {
                return;
            }

            var committee = Values.Reference(target, Plan.SteeringCommitteeId, messages);
            var before = preImage == null ? null : Values.Reference(preImage, Plan.SteeringCommitteeId, messages);
            if (preImage == null ? committee == null : Values.SameValue(before, committee))
            {
                return;
            }

            if (!HoldsRole(userId, SecurityRoles.CommitteeEditors))
            {
                tracing.Trace("User {0} may not change the steering committee", userId);
                throw new InvalidPluginExecutionException(messages.SteeringCommitteeChangeNotAllowed());
            }
        }

        /// <summary>Whether the user holds one of the roles, directly (systemuserroles) or through a team (teamroles).</summary>
        private bool HoldsRole(Guid userId, string[] roleNames)
        {
            var direct = new QueryExpression(SecurityRoles.UserRoles) { ColumnSet = new ColumnSet(SecurityRoles.RoleId), TopCount = 1 };
            direct.Criteria.AddCondition(SecurityRoles.SystemUserId, ConditionOperator.Equal, userId);
            var role = direct.AddLink(SecurityRoles.RoleEntity, SecurityRoles.RoleId, SecurityRoles.RoleId);
            role.LinkCriteria.AddCondition(SecurityRoles.Name, ConditionOperator.In, roleNames.Cast<object>().ToArray());
            if (systemService.RetrieveMultiple(direct).Entities.Count > 0)
            {
                return true;
            }

            var viaTeam = new QueryExpression(SecurityRoles.TeamRoles) { ColumnSet = new ColumnSet(SecurityRoles.RoleId), TopCount = 1 };
            var teamRole = viaTeam.AddLink(SecurityRoles.RoleEntity, SecurityRoles.RoleId, SecurityRoles.RoleId);
            teamRole.LinkCriteria.AddCondition(SecurityRoles.Name, ConditionOperator.In, roleNames.Cast<object>().ToArray());
            var membership = viaTeam.AddLink(TeamMembership.EntityName, SecurityRoles.TeamId, TeamMembership.TeamId);
            membership.LinkCriteria.AddCondition(TeamMembership.SystemUserId, ConditionOperator.Equal, userId);
            return systemService.RetrieveMultiple(viaTeam).Entities.Count > 0;
        }

        /// <summary>No second Draft/In review/Active plan of the same account with an overlapping period.</summary>
        private void CheckOverlap(Entity plan)
        {
            var state = Values.Option(plan, Plan.StateCode, messages) ?? Plan.StateActive;
            var account = Values.Reference(plan, Plan.AccountId, messages);
            var start = Values.Date(plan, Plan.PeriodStart, messages);
            var end = Values.Date(plan, Plan.PeriodEnd, messages);
            if (state != Plan.StateActive || account == null || start == null || end == null)
            {
                return;
            }

            var query = new QueryExpression(Plan.EntityName)
            {
                ColumnSet = new ColumnSet(Plan.Name, Plan.PeriodStart, Plan.PeriodEnd),
                TopCount = 1,
            };
            query.Criteria.AddCondition(Plan.AccountId, ConditionOperator.Equal, account.Id);
            query.Criteria.AddCondition(Plan.StateCode, ConditionOperator.Equal, Plan.StateActive);
            query.Criteria.AddCondition(Plan.PeriodStart, ConditionOperator.LessEqual, end.Value.Date);
            query.Criteria.AddCondition(Plan.PeriodEnd, ConditionOperator.GreaterEqual, start.Value.Date);
            if (plan.Id != Guid.Empty)
            {
                query.Criteria.AddCondition(Plan.Id, ConditionOperator.NotEqual, plan.Id);
            }

            var other = systemService.RetrieveMultiple(query).Entities.FirstOrDefault();
            if (other != null)
            {
                tracing.Trace("Overlapping plan {0}", other.Id);
                if (!CallerCanRead(Plan.EntityName, other.Id))
                {
                    throw new InvalidPluginExecutionException(messages.OverlappingHiddenPlan());
                }

                throw new InvalidPluginExecutionException(messages.OverlappingPlan(
                    other.GetAttributeValue<string>(Plan.Name) ?? string.Empty,
                    other.GetAttributeValue<DateTime>(Plan.PeriodStart), other.GetAttributeValue<DateTime>(Plan.PeriodEnd)));
            }
        }

        /// <summary>Whether the calling user may read the row.</summary>
        private bool CallerCanRead(string entityName, Guid id)
        {
            try
            {
                callerService.Retrieve(entityName, id, new ColumnSet(false));
                return true;
            }
            catch (FaultException<OrganizationServiceFault> fault) when (Faults.IsAccessDenied(fault))
            {
                tracing.Trace("{0} {1} is not readable by the caller: not named", entityName, id);
                return false;
            }
        }

        /// <summary>
        /// A plan created without a template gets the default one, or the compact one when its owner already owns
        /// more plans than the default template's threshold; and the template's review cadence when it has none.
        /// </summary>
        private void DefaultTemplate(Entity target, Guid callingUserId)
        {
            var chosen = Values.Reference(target, Plan.TemplateId, messages);
            Entity? template = null;
            if (chosen == null)
            {
                var query = new QueryExpression(Template.EntityName)
                {
                    ColumnSet = new ColumnSet(Template.Name, Template.Depth, Template.IsDefault, Template.CompactThreshold, Template.DefaultCadence),
                };
                query.Criteria.AddCondition(Template.StateCode, ConditionOperator.Equal, 0);
                query.AddOrder(Template.Name, OrderType.Ascending);
                var templates = systemService.RetrieveMultiple(query).Entities;
                var standard = templates.FirstOrDefault(t => t.GetAttributeValue<bool?>(Template.IsDefault) == true);
                if (standard == null)
                {
                    tracing.Trace("No default template: plan created without one");
                    return;
                }

                template = standard;
                var threshold = standard.GetAttributeValue<int?>(Template.CompactThreshold);
                var compact = templates.FirstOrDefault(t => t.GetAttributeValue<OptionSetValue>(Template.Depth)?.Value == Template.DepthCompact);
                if (threshold.HasValue && compact != null && compact.Id != standard.Id)
                {
                    var owner = Values.Reference(target, Plan.OwnerId, messages);
                    var ownerId = owner?.Id ?? callingUserId;
                    var owned = new QueryExpression(Plan.EntityName) { ColumnSet = new ColumnSet(Plan.Id), TopCount = Math.Max(threshold.Value, 0) + 1 };
                    owned.Criteria.AddCondition(Plan.OwnerId, ConditionOperator.Equal, ownerId);
                    if (systemService.RetrieveMultiple(owned).Entities.Count > threshold.Value)
                    {
                        template = compact;
                    }
                }

                target.Attributes[Plan.TemplateId] = template.ToEntityReference();
                tracing.Trace("Template defaulted to {0}", template.GetAttributeValue<string>(Template.Name));
            }

            if (!target.Attributes.Contains(Plan.ReviewCadence) || target.Attributes[Plan.ReviewCadence] == null)
            {
                if (template == null && chosen != null)
                {
                    template = systemService.Retrieve(Template.EntityName, chosen.Id, new ColumnSet(Template.DefaultCadence));
                }

                var cadence = template?.GetAttributeValue<OptionSetValue>(Template.DefaultCadence);
                if (cadence != null)
                {
                    target.Attributes[Plan.ReviewCadence] = new OptionSetValue(cadence.Value);
                }
            }
        }
    }
}
