namespace AccountPlanXrm.Plugins.Resources
{
    /// <summary>The plan sections whose completeness is measured.</summary>
    public enum PlanSection
    {
        Analysis,
        Position,
        Goals,
        Measures,
        Stakeholders,
        Summary,
    }

    /// <summary>
    /// Every user-facing text of the plugins, in English and German. The language is the calling user's UI
    /// language (1031 German, anything else English), resolved on first use only, so steps that show no text
    /// issue no request for it.
    /// </summary>
    public sealed class Messages
    {
        private static readonly Dictionary<string, string[]> ColumnLabels = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            [Plan.Name] = new[] { "Name", "Name" },
            [Plan.AccountId] = new[] { "Account", "Firma" },
            [Plan.TemplateId] = new[] { "Template", "Vorlage" },
            [Plan.SelectionReason] = new[] { "Selection reason", "Auswahlgrund" },
            [Plan.SelectionRationale] = new[] { "Selection rationale", "Begründung der Auswahl" },
            [Plan.PeriodStart] = new[] { "Period start", "Periodenbeginn" },
            [Plan.PeriodEnd] = new[] { "Period end", "Periodenende" },
            [Plan.ReviewCadence] = new[] { "Review cadence", "Review-Rhythmus" },
            [Plan.BusinessModel] = new[] { "Business model", "Geschäftsmodell" },
            [Plan.Products] = new[] { "Products and services", "Produkte und Leistungen" },
            [Plan.Challenges] = new[] { "Challenges", "Herausforderungen" },
            [Plan.MarketTrends] = new[] { "Market trends", "Markttrends" },
            [Plan.CompetitivePosition] = new[] { "Competitive position", "Wettbewerbsposition" },
            [Plan.Competitors] = new[] { "Competitors", "Wettbewerber" },
            [Plan.SalesSuccesses] = new[] { "Sales successes", "Vertriebserfolge" },
            [Plan.Strengths] = new[] { "Strengths", "Stärken" },
            [Plan.Weaknesses] = new[] { "Weaknesses", "Schwächen" },
            [Plan.Opportunities] = new[] { "Opportunities", "Chancen" },
            [Plan.Threats] = new[] { "Threats", "Risiken" },
            [Plan.RevenueTarget] = new[] { "Revenue target", "Umsatzziel" },
            [Plan.MarginTarget] = new[] { "Margin target", "Margenziel" },
            [Plan.FinancialKpis] = new[] { "Financial KPIs", "Finanzkennzahlen" },
            [Plan.PlannedDevelopments] = new[] { "Planned developments", "Geplante Entwicklungen" },
            [Plan.PlanBudget] = new[] { "Plan budget", "Planbudget" },
            [Plan.DecisionThreshold] = new[] { "Decision threshold", "Entscheidungsschwelle" },
            [Plan.SteeringCommitteeId] = new[] { "Steering committee", "Lenkungsausschuss" },
            [Plan.ManagementSummary] = new[] { "Management summary", "Management-Zusammenfassung" },
            [Measure.Budget] = new[] { "Budget", "Budget" },
            [Measure.ActualCost] = new[] { "Actual cost", "Ist-Kosten" },
            [Measure.ExpectedRevenue] = new[] { "Expected revenue", "Erwarteter Umsatz" },
            [Decision.RequestedBudget] = new[] { "Requested budget", "Beantragtes Budget" },
            [Decision.DecidedById] = new[] { "Decided by", "Entschieden von" },
            [Decision.DecidedOn] = new[] { "Decided on", "Entschieden am" },
            [Plan.CompletenessPct] = new[] { "Completeness", "Vollständigkeit" },
            [Plan.CompletenessAnalysis] = new[] { "Completeness: customer analysis", "Vollständigkeit: Kundenanalyse" },
            [Plan.CompletenessPosition] = new[] { "Completeness: our position", "Vollständigkeit: unsere Position" },
            [Plan.CompletenessGoals] = new[] { "Completeness: sales goals", "Vollständigkeit: Vertriebsziele" },
            [Plan.CompletenessMeasures] = new[] { "Completeness: operative measures", "Vollständigkeit: operative Maßnahmen" },
            [Plan.CompletenessStakeholders] = new[] { "Completeness: stakeholders", "Vollständigkeit: Stakeholder" },
            [Plan.CompletenessSummary] = new[] { "Completeness: management summary", "Vollständigkeit: Management-Zusammenfassung" },
            [Plan.MissingItems] = new[] { "Missing items", "Fehlende Angaben" },
            [Plan.WonRevenue] = new[] { "Won revenue", "Gewonnener Umsatz" },
            [Plan.OpenPipeline] = new[] { "Open pipeline", "Offene Pipeline" },
            [Plan.WeightedPipeline] = new[] { "Weighted pipeline", "Gewichtete Pipeline" },
            [Plan.WonRevenueExact] = new[] { "Won revenue (exact sum)", "Gewonnener Umsatz (exakte Summe)" },
            [Plan.OpenPipelineExact] = new[] { "Open pipeline (exact sum)", "Offene Pipeline (exakte Summe)" },
            [Plan.WeightedPipelineExact] = new[] { "Weighted pipeline (exact sum)", "Gewichtete Pipeline (exakte Summe)" },
            [Plan.AttainmentPct] = new[] { "Attainment", "Zielerreichung" },
            [Plan.MeasureCount] = new[] { "Measure count", "Anzahl Maßnahmen" },
            [Plan.MeasureBudget] = new[] { "Measure budget", "Maßnahmenbudget" },
            [Plan.MeasureCost] = new[] { "Measure cost", "Maßnahmenkosten" },
            [Plan.MeasureDonePct] = new[] { "Measures done", "Erledigte Maßnahmen" },
            [Plan.KpisCalculatedOn] = new[] { "KPIs calculated on", "Kennzahlen berechnet am" },
        };

        private readonly Func<int> languageSource;
        private bool? german;

        public Messages(Func<int> languageSource)
        {
            this.languageSource = languageSource;
        }

        public Messages(int languageId)
            : this(() => languageId)
        {
        }

        /// <summary>English texts (the language of stored texts such as the missing items).</summary>
        public static Messages English { get; } = new Messages(UserLanguage.English);

        public bool IsGerman => german ??= languageSource() == UserLanguage.German;

        private string T(string english, string germanText) => IsGerman ? germanText : english;

        private string F(string english, string germanText, params object?[] args) =>
            string.Format(CultureInfo.InvariantCulture, T(english, germanText), args);

        public string Date(DateTime value) =>
            value.ToString(IsGerman ? "dd.MM.yyyy" : "yyyy-MM-dd", CultureInfo.InvariantCulture);

        public string Amount(decimal value)
        {
            var text = value.ToString("#,0.00", CultureInfo.InvariantCulture);
            if (!IsGerman)
            {
                return text;
            }

            var swapped = new char[text.Length];
            for (var i = 0; i < text.Length; i++)
            {
                swapped[i] = text[i] == ',' ? '.' : text[i] == '.' ? ',' : text[i];
            }

            return new string(swapped);
        }

        public string ColumnLabel(string logicalName) =>
            ColumnLabels.TryGetValue(logicalName, out var labels) ? labels[IsGerman ? 1 : 0] : logicalName;

        public string SectionName(PlanSection section)
        {
            switch (section)
            {
                case PlanSection.Analysis: return T("Customer analysis", "Kundenanalyse");
                case PlanSection.Position: return T("Our position", "Unsere Position");
                case PlanSection.Goals: return T("Sales goals", "Vertriebsziele");
                case PlanSection.Measures: return T("Operative measures", "Operative Maßnahmen");
                case PlanSection.Stakeholders: return T("Stakeholders and communication", "Stakeholder und Kommunikation");
                default: return T("Management summary", "Management-Zusammenfassung");
            }
        }

        public string PlanStatus(int statusCode)
        {
            switch (statusCode)
            {
                case Plan.StatusDraft: return T("Draft", "Entwurf");
                case Plan.StatusInReview: return T("In review", "In Prüfung");
                case Plan.StatusActive: return T("Active", "Aktiv");
                case Plan.StatusClosed: return T("Closed", "Abgeschlossen");
                default: return T("Cancelled", "Abgebrochen");
            }
        }

        // Plan validation

        public string AccountRequired() =>
            T("An account plan needs an account.", "Ein Accountplan braucht eine Firma (Account).");

        public string PeriodEndNotAfterStart(DateTime start, DateTime end) =>
            F("The period end ({1}) must be after the period start ({0}).",
              "Das Ende des Zeitraums ({1}) muss nach seinem Beginn ({0}) liegen.", Date(start), Date(end));

        public string NegativeAmount(string column) =>
            F("{0} must not be negative.", "{0} darf nicht negativ sein.", ColumnLabel(column));

        public string PercentOutOfRange(string column) =>
            F("{0} must be between 0 and 100.", "{0} muss zwischen 0 und 100 liegen.", ColumnLabel(column));

        public string WrongType(string column, string expected) =>
            F("The column {0} ({1}) has the wrong type: {2} expected.",
              "Die Spalte {0} ({1}) hat den falschen Typ: {2} erwartet.", ColumnLabel(column), column, expected);

        public string OverlappingPlan(string otherName, DateTime start, DateTime end) =>
            F("The account already has the plan \"{0}\" ({1} to {2}) in Draft, In review or Active, and its period overlaps this one.",
              "Der Kunde hat bereits den Plan \"{0}\" ({1} bis {2}) im Status Entwurf, In Prüfung oder Aktiv, dessen Zeitraum sich mit diesem überschneidet.",
              otherName, Date(start), Date(end));

        public string OverlappingHiddenPlan() =>
            T("The account already has a plan in Draft, In review or Active whose period overlaps this one.",
              "Der Kunde hat bereits einen Plan im Status Entwurf, In Prüfung oder Aktiv, dessen Zeitraum sich mit diesem überschneidet.");

        public string ComputedColumnsSet(string columns) =>
            F("These columns are calculated by the solution and cannot be set: {0}.",
              "Diese Spalten werden von der Lösung berechnet und können nicht gesetzt werden: {0}.",
              columns);

        public string PlanHasChildren(string planName, string children) =>
            F("The plan \"{0}\" cannot be deleted because it still has {1}. Cancel the plan instead, or remove them first.",
              "Der Plan \"{0}\" kann nicht gelöscht werden, weil er noch {1} hat. Brechen Sie den Plan stattdessen ab oder entfernen Sie diese zuerst.",
              planName, children);

        public string ChildCount(string entityName, int count)
        {
            switch (entityName)
            {
                case Measure.EntityName: return F("{0} measure(s)", "{0} Maßnahme(n)", count);
                case Stakeholder.EntityName: return F("{0} stakeholder(s)", "{0} Stakeholder", count);
                case Decision.EntityName: return F("{0} decision(s)", "{0} Entscheidung(en)", count);
                default: return F("{0} review(s)", "{0} Review(s)", count);
            }
        }

        public string And() => T(" and ", " und ");

        // Completeness

        public string MinimumMeasures(int minimum, int present) =>
            F("at least {0} measure(s) ({1} present)", "mindestens {0} Maßnahme(n) ({1} vorhanden)", minimum, present);

        public string MinimumStakeholders(int minimum, int present) =>
            F("at least {0} stakeholder(s) ({1} present)", "mindestens {0} Stakeholder ({1} vorhanden)", minimum, present);

        public string GateIncomplete(int targetStatus, string missing) =>
            F("The plan cannot move to {0} while required sections are incomplete. Missing:\n{1}",
              "Der Plan kann nicht in den Status {0} wechseln, solange Pflichtabschnitte unvollständig sind. Es fehlt:\n{1}",
              PlanStatus(targetStatus), missing);

        public string PlanMustStayComplete(int status, string missing) =>
            F("The plan is {0} and must stay complete; this change would leave required sections incomplete. Missing:\n{1}",
              "Der Plan ist im Status {0} und muss vollständig bleiben; diese Änderung würde Pflichtabschnitte unvollständig lassen. Es fehlt:\n{1}",
              PlanStatus(status), missing);

        // Decision gate

        /// <summary>An amount with its currency code, e.g. "1,250.00 EUR".</summary>
        public string Money(decimal amount, string currencyCode) =>
            currencyCode.Length == 0 ? Amount(amount) : Amount(amount) + " " + currencyCode;

        /// <summary>An amount with its currency and, when that is not the base currency, its value in base currency.</summary>
        public string MoneyWithBase(decimal amount, string currencyCode, decimal baseAmount, string baseCode) =>
            currencyCode == baseCode
                ? Money(amount, currencyCode)
                : F("{0} ({1} in base currency)", "{0} ({1} in Basiswährung)", Money(amount, currencyCode), Money(baseAmount, baseCode));

        public string DecisionRequiredOverThreshold(string measure, string budget, string threshold) =>
            F("The measure \"{0}\" needs an approved decision before it can move to In progress: its budget {1} is above the plan's decision threshold {2}.",
              "Die Maßnahme \"{0}\" braucht eine genehmigte Entscheidung, bevor sie in Bearbeitung gehen kann: ihr Budget {1} liegt über der Entscheidungsschwelle {2} des Plans.",
              measure, budget, threshold);

        public string DecisionTypeLabel(int type) =>
            type == Decision.TypeBusinessCritical ? T("Business-critical", "Geschäftskritisch") : T("Budget", "Budget");

        public string DecisionTypeMismatch(string measure, string decision, int requiredType) =>
            F("The decision \"{1}\" linked to the measure \"{0}\" is not of the type {2} that the measure needs.",
              "Die mit der Maßnahme \"{0}\" verknüpfte Entscheidung \"{1}\" hat nicht den Typ {2}, den die Maßnahme braucht.",
              measure, decision, DecisionTypeLabel(requiredType));

        public string DecisionDoesNotCover(string measure, string decision, string covered, string approved) =>
            F("The decision \"{1}\" does not cover the measure \"{0}\": the budgets of the started measures it covers come to {2}, above its approved amount {3}. Request a new decision.",
              "Die Entscheidung \"{1}\" deckt die Maßnahme \"{0}\" nicht: die Budgets der begonnenen Maßnahmen, die sie deckt, betragen zusammen {2} und liegen über dem genehmigten Betrag {3}. Beantragen Sie eine neue Entscheidung.",
              measure, decision, covered, approved);

        public string ApprovalBelowStartedMeasures(string decision, string covered, string amount) =>
            F("The decision \"{0}\" cannot be approved: the started measures linked to it already come to {1}, above its amount {2}.",
              "Die Entscheidung \"{0}\" kann nicht genehmigt werden: die mit ihr verknüpften begonnenen Maßnahmen betragen bereits {1} und liegen über ihrem Betrag {2}.",
              decision, covered, amount);

        public string ThresholdLeavesMeasuresUncovered(string threshold, string measures) =>
            F("The decision threshold {0} would leave started measures above it without an approved budget decision: {1}.",
              "Die Entscheidungsschwelle {0} würde begonnene Maßnahmen darüber ohne genehmigte Budgetentscheidung lassen: {1}.",
              threshold, measures);

        public string ApprovedDecisionFrozen(string decision) =>
            F("The decision \"{0}\" is approved: its amount, currency, type and plan can no longer be changed. Request a new decision instead.",
              "Die Entscheidung \"{0}\" ist genehmigt: Betrag, Währung, Typ und Plan können nicht mehr geändert werden. Beantragen Sie stattdessen eine neue Entscheidung.",
              decision);

        public string ApprovedDecisionStillCovers(string decision, int measures) =>
            F("The decision \"{0}\" covers {1} started measure(s) and cannot be withdrawn or deleted while they are started.",
              "Die Entscheidung \"{0}\" deckt {1} begonnene Maßnahme(n) und kann nicht zurückgezogen oder gelöscht werden, solange diese begonnen sind.",
              decision, measures);

        public string OwnProposal(string decision) =>
            F("You proposed the decision \"{0}\" and therefore cannot approve or reject it.",
              "Sie haben die Entscheidung \"{0}\" beantragt und können sie daher weder genehmigen noch ablehnen.", decision);

        public string OwnPlan(string plan) =>
            F("You own the plan \"{0}\" and therefore cannot approve or reject its decisions.",
              "Sie sind Besitzer des Plans \"{0}\" und können dessen Entscheidungen daher weder genehmigen noch ablehnen.", plan);

        public string HandOverWithPendingDecision(string plan) =>
            F("You own the plan \"{0}\" and sit on its steering committee: you cannot hand it over while a decision on it is pending. Ask sales management to reassign it.",
              "Sie sind Besitzer des Plans \"{0}\" und Mitglied seines Lenkungsausschusses: Solange eine Entscheidung dazu offen ist, können Sie ihn nicht übergeben. Bitten Sie die Vertriebsleitung, ihn neu zuzuweisen.", plan);

        public string SteeringCommitteeChangeNotAllowed() =>
            T("Only users with the role Account Plan Manager or Account Plan Administrator may set or change a plan's steering committee.",
              "Nur Benutzer mit der Rolle Account Plan Manager oder Account Plan Administrator dürfen den Lenkungsausschuss eines Plans festlegen oder ändern.");

        public string DecisionRequiredBusinessCritical(string measure) =>
            F("The measure \"{0}\" is business-critical and needs an approved decision before it can move to In progress.",
              "Die Maßnahme \"{0}\" ist geschäftskritisch und braucht eine genehmigte Entscheidung, bevor sie in Bearbeitung gehen kann.",
              measure);

        public string DecisionOfOtherPlan(string measure) =>
            F("The decision linked to the measure \"{0}\" belongs to another plan.",
              "Die mit der Maßnahme \"{0}\" verknüpfte Entscheidung gehört zu einem anderen Plan.", measure);

        public string NotSteeringCommitteeMember(string plan) =>
            F("Only members of the steering committee of the plan \"{0}\" may approve or reject its decisions.",
              "Nur Mitglieder des Lenkungsausschusses des Plans \"{0}\" dürfen dessen Entscheidungen genehmigen oder ablehnen.", plan);

        public string NoSteeringCommittee(string plan) =>
            F("The plan \"{0}\" has no steering committee, so its decisions cannot be approved or rejected.",
              "Der Plan \"{0}\" hat keinen Lenkungsausschuss, daher können seine Entscheidungen weder genehmigt noch abgelehnt werden.", plan);

        // Review tasks

        public string ReviewTaskSubject(string plan, DateTime due) =>
            F("Account plan review: {0} (due {1})", "Accountplan-Review: {0} (fällig am {1})", plan, Date(due));

        public string ReviewTaskDescription(string plan) =>
            F("Review of the account plan \"{0}\" with the steering committee. Agenda:\n1. Contents: customer analysis, our position, sales goals.\n2. Progress: status of the operative measures and decisions.\n3. Results: won revenue, pipeline and attainment against the target.",
              "Review des Accountplans \"{0}\" mit dem Lenkungsausschuss. Agenda:\n1. Inhalte: Kundenanalyse, unsere Position, Vertriebsziele.\n2. Fortschritt: Stand der operativen Maßnahmen und Entscheidungen.\n3. Ergebnisse: gewonnener Umsatz, Pipeline und Zielerreichung.",
              plan);

        public string ReviewName(string plan, DateTime date) =>
            F("{0}: review {1}", "{0}: Review {1}", plan, Date(date));

        // Roll-forward and customer selection

        public string RollForwardNeedsPeriod(string plan) =>
            F("The plan \"{0}\" cannot be rolled forward: it needs an account, a period start and a period end.",
              "Der Plan \"{0}\" kann nicht fortgeschrieben werden: Er braucht einen Kunden, einen Beginn und ein Ende des Zeitraums.", plan);

        public string RollForwardCancelled(string plan) =>
            F("The plan \"{0}\" is cancelled and cannot be rolled forward.",
              "Der Plan \"{0}\" ist abgebrochen und kann nicht fortgeschrieben werden.", plan);

        public string RollForwardPeriodTaken(string otherPlan, DateTime start) =>
            F("The account already has the plan \"{0}\" for the period starting {1}; a plan per account and period start is allowed. Open that plan instead of rolling forward again.",
              "Der Kunde hat bereits den Plan \"{0}\" für den Zeitraum ab {1}; je Kunde und Beginn des Zeitraums ist ein Plan erlaubt. Öffnen Sie diesen Plan, statt erneut fortzuschreiben.",
              otherPlan, Date(start));

        public string RollForwardPeriodTakenHidden(DateTime start) =>
            F("The account already has a plan for the period starting {0}; a plan per account and period start is allowed.",
              "Der Kunde hat bereits einen Plan für den Zeitraum ab {0}; je Kunde und Beginn des Zeitraums ist ein Plan erlaubt.", Date(start));

        public string RollForwardBeyondCalendar(string plan) =>
            F("The plan \"{0}\" cannot be rolled forward: its next period would end after {1}, the last date Dataverse stores.",
              "Der Plan \"{0}\" kann nicht fortgeschrieben werden: Sein nächster Zeitraum würde nach dem {1} enden, dem letzten Datum, das Dataverse speichert.",
              plan, Date(DateTime.MaxValue.Date));

        public string StakeholderInactive(string stakeholder) =>
            F("The stakeholder \"{0}\" is inactive; activate it before logging a contact.",
              "Der Stakeholder \"{0}\" ist inaktiv; aktivieren Sie ihn, bevor Sie einen Kontakt erfassen.", stakeholder);

        public string InvalidCriterion(string value, string allowed) =>
            F("The criterion \"{0}\" is not known. Use one of: {1}.", "Das Kriterium \"{0}\" ist unbekannt. Erlaubt sind: {1}.", value, allowed);

        // Custom APIs and failures

        public string ParameterOutOfRange(string name, int min, int max) =>
            F("The parameter {0} must be between {1} and {2}.", "Der Parameter {0} muss zwischen {1} und {2} liegen.", name, min, max);

        public string TargetRequired(string entity) =>
            F("The request needs a Target referencing a {0} record.", "Die Anfrage braucht ein Target, das auf einen Datensatz vom Typ {0} verweist.", entity);

        public string ServiceFault(string step, string message) =>
            F("{0} failed: {1}", "{0} ist fehlgeschlagen: {1}", step, message);

        public string UnexpectedError(string step, string message) =>
            F("An unexpected error occurred in {0}: {1}", "In {0} ist ein unerwarteter Fehler aufgetreten: {1}", step, message);
    }
}
