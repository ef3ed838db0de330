namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>
    /// Completing a phone call, appointment or e-mail regarding a plan counts as a contact with every active
    /// stakeholder of that plan whose contact took part (any party list of the activity: from, to, cc, bcc,
    /// organizer, required or optional attendees). The contact day is the activity's actual end, never later than
    /// today; the stakeholder's last contact moves to it unless a later one is recorded (see
    /// <see cref="ContactCadence.LogContact"/>), and the next contact follows from the cadence step.
    /// Activities regarding anything else, not completed, or completed before (a second Update of a completed
    /// activity) change nothing.
    /// </summary>
    /// <param name="service">Reads the activity's parties and the plan's stakeholders and writes the last contact.</param>
    /// <param name="tracing">The tracing service.</param>
    /// <param name="cadence">Moves a stakeholder's last contact.</param>
    /// <param name="clock">Today, the latest contact day.</param>
    public sealed class ActivityContacts(IOrganizationService service, ITracingService tracing, ContactCadence cadence, IClock clock)
    {
        /// <summary>Whether the step concerns this change: the activity is completed now and was not before.</summary>
        public static bool JustCompleted(Entity? post, Entity? pre) =>
            post?.GetAttributeValue<OptionSetValue>(ContactActivity.StateCode)?.Value == ContactActivity.StateCompleted
            && pre?.GetAttributeValue<OptionSetValue>(ContactActivity.StateCode)?.Value != ContactActivity.StateCompleted;

        /// <returns>The number of stakeholders whose last contact moved.</returns>
        public int OnCompleted(string entityName, Guid activityId, Entity post)
        {
            var regarding = post.GetAttributeValue<EntityReference>(ContactActivity.RegardingObjectId);
            var partyColumns = ContactActivity.PartyColumns(entityName);
            if (regarding == null || regarding.LogicalName != Plan.EntityName || regarding.Id == Guid.Empty || partyColumns.Length == 0)
            {
                return 0;
            }

            var contacts = ContactsOf(service.Retrieve(entityName, activityId, new ColumnSet(partyColumns)), partyColumns);
            if (contacts.Count == 0)
            {
                tracing.Trace("{0} {1}: no contact among its parties", entityName, activityId);
                return 0;
            }

            var today = clock.UtcNow.Date;
            var end = post.GetAttributeValue<DateTime?>(ContactActivity.ActualEnd)?.Date;
            var contactedOn = end.HasValue && end.Value < today ? end.Value : today;
            var moved = 0;
            foreach (var stakeholder in StakeholdersOf(regarding.Id, contacts))
            {
                var update = cadence.LogContact(stakeholder, contactedOn);
                if (update != null)
                {
                    service.Update(update);
                    moved++;
                }
            }

            tracing.Trace("{0} {1} completed: contact logged with {2} stakeholder(s) of plan {3}", entityName, activityId, moved, regarding.Id);
            return moved;
        }

        private static List<Guid> ContactsOf(Entity activity, IEnumerable<string> partyColumns)
        {
            var contacts = new List<Guid>();
            foreach (var column in partyColumns)
            {
                var parties = activity.GetAttributeValue<EntityCollection>(column);
                if (parties == null)
                {
                    continue;
                }

                foreach (var party in parties.Entities)
                {
                    var who = party.GetAttributeValue<EntityReference>(ContactActivity.PartyId);
                    if (who != null && who.LogicalName == ContactActivity.ContactEntityName && who.Id != Guid.Empty && !contacts.Contains(who.Id))
                    {
                        contacts.Add(who.Id);
                    }
                }
            }

            return contacts;
        }

        private IEnumerable<Entity> StakeholdersOf(Guid planId, List<Guid> contacts)
        {
            var query = new QueryExpression(Stakeholder.EntityName)
            {
                ColumnSet = ContactCadence.ReadColumns(),
            };
            query.Criteria.AddCondition(Stakeholder.PlanId, ConditionOperator.Equal, planId);
            query.Criteria.AddCondition(Stakeholder.StateCode, ConditionOperator.Equal, Stakeholder.StateActive);
            query.Criteria.AddCondition(Stakeholder.ContactId, ConditionOperator.In, contacts.Cast<object>().ToArray());
            return service.RetrieveMultiple(query).Entities;
        }
    }
}
