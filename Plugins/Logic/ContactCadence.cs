namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>
    /// The communication cadence of a stakeholder: the next contact is due one agreed interval (weekly, monthly,
    /// quarterly, semi-annually) after the last contact; a stakeholder never contacted is due on the day it was
    /// added; ad hoc (or no frequency) has no due date. Logging a contact moves the last contact on (never back).
    /// </summary>
    public sealed class ContactCadence(IClock clock, Messages messages)
    {
        /// <summary>Stakeholder columns of the update pre-image.</summary>
        public static readonly string[] ImageColumns = { Stakeholder.Frequency, Stakeholder.LastContactOn, Stakeholder.NextContactOn, Stakeholder.CreatedOn };

        /// <summary>How far ahead "due" looks (the "My communications due" view and the panels).</summary>
        public const int DueWithinDays = 7;

        /// <summary>The next contact date for a frequency and last contact; <paramref name="added"/> when never contacted.</summary>
        public static DateTime? NextContact(int? frequency, DateTime? lastContact, DateTime added)
        {
            if (!lastContact.HasValue)
            {
                return frequency.HasValue && frequency.Value != Stakeholder.FrequencyAdHoc && Interval(frequency.Value) != null ? added.Date : (DateTime?)null;
            }

            if (!frequency.HasValue)
            {
                return null;
            }

            var interval = Interval(frequency.Value);
            if (interval == null || lastContact.Value.Date > DateTime.MaxValue.Date.AddMonths(-6))
            {
                // Ad hoc, or a last contact so late that the next one would fall after 9999-12-31.
                return null;
            }

            return interval(lastContact.Value.Date);
        }

        private static Func<DateTime, DateTime>? Interval(int frequency)
        {
            switch (frequency)
            {
                case Stakeholder.FrequencyWeekly: return d => d.AddDays(7);
                case Stakeholder.FrequencyMonthly: return d => d.AddMonths(1);
                case Stakeholder.FrequencyQuarterly: return d => d.AddMonths(3);
                case Stakeholder.FrequencySemiAnnually: return d => d.AddMonths(6);
                default: return null;
            }
        }

        /// <summary>
        /// Create/update before the operation: sets apx_nextcontacton in the target when it changes. The date is the
        /// cadence's alone: a value the request sends is replaced by the computed one.
        /// </summary>
        public void ApplyToTarget(Entity target, Entity? preImage)
        {
            var sent = target.Attributes.Contains(Stakeholder.NextContactOn);
            target.Attributes.Remove(Stakeholder.NextContactOn);
            var merged = Values.Merge(preImage, target);
            var frequency = Values.Option(merged, Stakeholder.Frequency, messages);
            var last = Values.Date(merged, Stakeholder.LastContactOn, messages);
            var added = preImage?.GetAttributeValue<DateTime?>(Stakeholder.CreatedOn) ?? clock.UtcNow;
            var next = NextContact(frequency, last, added);
            var before = preImage?.GetAttributeValue<DateTime?>(Stakeholder.NextContactOn);
            if (preImage == null || sent || !Values.SameValue(before, next))
            {
                target[Stakeholder.NextContactOn] = next;
            }
        }

        /// <summary>
        /// Records a contact on the stakeholder: the last contact moves to the given day unless a later one is
        /// recorded already. Returns the update to write, or null when nothing changes. An inactive stakeholder is
        /// refused: it is off the communication plan (completed activities pass it by, no contact is due).
        /// </summary>
        public Entity? LogContact(Entity stakeholder, DateTime contactedOn)
        {
            if (stakeholder.GetAttributeValue<OptionSetValue>(Stakeholder.StateCode) is OptionSetValue state && state.Value != Stakeholder.StateActive)
            {
                throw new InvalidPluginExecutionException(messages.StakeholderInactive(stakeholder.GetAttributeValue<string>(Stakeholder.Name) ?? string.Empty));
            }

            var last = stakeholder.GetAttributeValue<DateTime?>(Stakeholder.LastContactOn);
            if (last.HasValue && last.Value.Date >= contactedOn.Date)
            {
                return null;
            }

            return new Entity(Stakeholder.EntityName, stakeholder.Id) { [Stakeholder.LastContactOn] = contactedOn.Date };
        }

        /// <summary>The stakeholder columns <see cref="LogContact(Entity, DateTime)"/> and its callers read.</summary>
        public static ColumnSet ReadColumns() => new ColumnSet(Stakeholder.LastContactOn, Stakeholder.NextContactOn, Stakeholder.Frequency, Stakeholder.StateCode, Stakeholder.Name);

        /// <summary>Reads a stakeholder for <see cref="LogContact(Entity, DateTime)"/>.</summary>
        public static Entity Read(IOrganizationService service, Guid id) => service.Retrieve(Stakeholder.EntityName, id, ReadColumns());
    }
}
