// User-facing strings in English (1033) and German (1031), chosen by the user's UI language.
import type { SectionKey } from "./schema";

export type Lang = "en" | "de";

/** German for every German locale (1031 de-DE, 2055 de-CH, 3079 de-AT, ...), English otherwise. */
export function langFromLcid(lcid: number | null | undefined): Lang {
  // The primary language id is the low 10 bits of an LCID.
  return typeof lcid === "number" && (lcid & 0x3ff) === 0x07 ? "de" : "en";
}

export function localeOf(lang: Lang): string {
  return lang === "de" ? "de-DE" : "en-US";
}

type ChoiceMap = Readonly<Record<number, string>>;

export interface Strings {
  sections: Readonly<Record<SectionKey, string>>;
  columns: Readonly<Record<string, string>>;
  planStatus: ChoiceMap;
  measureStatus: ChoiceMap;
  decisionStatus: ChoiceMap;
  decisionType: ChoiceMap;
  rating: ChoiceMap;
  side: ChoiceMap;
  influence: ChoiceMap;
  attitude: ChoiceMap;
  channel: ChoiceMap;
  frequency: ChoiceMap;
  selectionReason: ChoiceMap;
  // form
  missingCount: (n: number) => string;
  complete: string;
  rowsMissing: (have: number, need: number, what: "measures" | "stakeholders") => string;
  incompleteSummary: (sections: string) => string;
  allComplete: string;
  blockedMove: (target: string, details: string) => string;
  serverDecides: string;
  saveFirst: string;
  rollForwardFailed: string;
  saveStakeholderFirst: string;
  contactLogged: (next: string | null) => string;
  contactLogFailed: string;
  templateUnavailable: string;
  // panel and report
  loading: string;
  noRecord: string;
  loadFailed: string;
  target: string;
  won: string;
  openPipeline: string;
  weightedPipeline: string;
  attainment: string;
  timeElapsed: string;
  ofTarget: (pct: string) => string;
  gap: (amount: string) => string;
  onPace: string;
  slightlyBehind: string;
  behind: string;
  noTarget: string;
  completeness: string;
  overall: string;
  missing: string;
  nothingMissing: string;
  measuresTimeline: string;
  noMeasures: string;
  overdue: string;
  due: string;
  today: string;
  trend: string;
  noReviews: string;
  now: string;
  measuresDone: string;
  calculatedOn: (when: string) => string;
  notCalculated: string;
  period: string;
  account: string;
  owner: string;
  template: string;
  status: string;
  // report
  reportTitle: string;
  printedOn: (when: string) => string;
  print: string;
  managementSummary: string;
  notFilled: string;
  swot: { strengths: string; weaknesses: string; opportunities: string; threats: string };
  measures: string;
  measureCols: { name: string; responsible: string; start: string; due: string; budget: string; cost: string; status: string };
  stakeholdersTitle: string;
  stakeholderCols: { name: string; side: string; role: string; influence: string; attitude: string; channel: string; frequency: string; topic: string };
  openDecisions: string;
  noOpenDecisions: string;
  decisionCols: { name: string; type: string; budget: string; rationale: string; status: string };
  reviewHistory: string;
  reviewCols: { date: string; rating: string; attainment: string; completeness: string; won: string; outcome: string };
  kpisAndTrend: string;
  noStakeholders: string;
  communicationsDue: string;
  noCommunicationsDue: string;
  nextContact: string;
  contactOverdue: string;
  contactDue: string;
  communicationsSummary: (overdue: number, due: number) => string;
  businessCritical: string;
  selectionReasonLabel: string;
  budgetSpent: string;
}

const en: Strings = {
  sections: {
    analysis: "Customer analysis",
    position: "Our position",
    goals: "Sales goals",
    measures: "Operative measures",
    stakeholders: "Stakeholders and communication",
    summary: "Management summary",
  },
  columns: {
    apx_businessmodel: "Business model",
    apx_products: "Products and services",
    apx_challenges: "Challenges",
    apx_markettrends: "Market trends",
    apx_competitiveposition: "Competitive position",
    apx_competitors: "Competitors",
    apx_salessuccesses: "Sales successes",
    apx_strengths: "Strengths",
    apx_weaknesses: "Weaknesses",
    apx_opportunities: "Opportunities",
    apx_threats: "Threats",
    apx_revenuetarget: "Revenue target",
    apx_margintarget: "Margin target",
    apx_financialkpis: "Financial KPIs",
    apx_planneddevelopments: "Planned developments",
    apx_planbudget: "Plan budget",
    apx_decisionthreshold: "Decision threshold",
    apx_steeringcommitteeid: "Steering committee",
    apx_managementsummary: "Management summary",
  },
  planStatus: { 1: "Draft", 726000000: "In review", 726000001: "Active", 2: "Closed", 726000002: "Cancelled" },
  measureStatus: { 1: "Planned", 726000000: "In progress", 2: "Done", 726000001: "Cancelled" },
  decisionStatus: { 1: "Proposed", 726000000: "Deferred", 2: "Approved", 726000001: "Rejected" },
  decisionType: { 726000000: "Budget", 726000001: "Business-critical" },
  rating: { 726000000: "On track", 726000001: "At risk", 726000002: "Off track" },
  side: { 726000000: "Internal", 726000001: "External" },
  influence: { 726000000: "High", 726000001: "Medium", 726000002: "Low" },
  attitude: { 726000000: "Champion", 726000001: "Supporter", 726000002: "Neutral", 726000003: "Critic", 726000004: "Opponent" },
  channel: { 726000000: "Meeting", 726000001: "Presentation", 726000002: "E-mail", 726000003: "Phone", 726000004: "Video call" },
  frequency: { 726000000: "Weekly", 726000001: "Monthly", 726000002: "Quarterly", 726000003: "Semi-annually", 726000004: "Ad hoc" },
  selectionReason: {
    726000000: "Top revenue",
    726000001: "Top profit",
    726000002: "Strategic",
    726000003: "Development customer",
    726000004: "Special project",
  },
  missingCount: (n) => (n === 1 ? "1 missing" : `${n} missing`),
  complete: "complete",
  rowsMissing: (have, need, what) => `${have} of ${need} ${what === "measures" ? "measures" : "stakeholders"}`,
  incompleteSummary: (sections) => `Still to fill in for this plan's template: ${sections}.`,
  allComplete: "All sections required by the template are filled in.",
  blockedMove: (target, details) => `This plan cannot move to "${target}" yet. Still missing: ${details}.`,
  serverDecides: "The server checks completeness again when you save.",
  saveFirst: "Save the plan first.",
  rollForwardFailed: "The plan could not be rolled forward.",
  saveStakeholderFirst: "Save the stakeholder first.",
  contactLogged: (next) => (next === null ? "Contact logged today (ad hoc: no next contact date)." : `Contact logged today. Next contact on ${next}.`),
  contactLogFailed: "The contact could not be logged.",
  templateUnavailable: "The plan template could not be read; all section fields are treated as required.",
  loading: "Loading plan…",
  noRecord: "Save the plan to see its health.",
  loadFailed: "The plan could not be loaded.",
  target: "Revenue target",
  won: "Won revenue",
  openPipeline: "Open pipeline",
  weightedPipeline: "Weighted pipeline",
  attainment: "Attainment",
  timeElapsed: "Time elapsed",
  ofTarget: (pct) => `${pct} of target`,
  gap: (amount) => `${amount} to go`,
  onPace: "On pace",
  slightlyBehind: "Slightly behind",
  behind: "Behind plan",
  noTarget: "No target set",
  completeness: "Completeness",
  overall: "Overall",
  missing: "Missing",
  nothingMissing: "Nothing missing.",
  measuresTimeline: "Measures",
  noMeasures: "No measures yet.",
  overdue: "Overdue",
  due: "Due",
  today: "Today",
  trend: "Trend across reviews",
  noReviews: "No review held yet: the trend starts with the first review.",
  now: "Now",
  measuresDone: "Measures done",
  calculatedOn: (when) => `KPIs calculated ${when}`,
  notCalculated: "KPIs not calculated yet",
  period: "Period",
  account: "Account",
  owner: "Owner",
  template: "Template",
  status: "Status",
  reportTitle: "Account plan review",
  printedOn: (when) => `Prepared ${when}`,
  print: "Print / save as PDF",
  managementSummary: "Management summary",
  notFilled: "Not filled in.",
  swot: { strengths: "Strengths", weaknesses: "Weaknesses", opportunities: "Opportunities", threats: "Threats" },
  measures: "Operative measures",
  measureCols: { name: "Measure", responsible: "Responsible", start: "Start", due: "Due", budget: "Budget", cost: "Actual cost", status: "Status" },
  stakeholdersTitle: "Stakeholders and communication plan",
  stakeholderCols: {
    name: "Stakeholder",
    side: "Side",
    role: "Role",
    influence: "Influence",
    attitude: "Attitude",
    channel: "Channel",
    frequency: "Frequency",
    topic: "Topic and goal",
  },
  openDecisions: "Open decisions for the steering committee",
  noOpenDecisions: "No open decisions.",
  decisionCols: { name: "Decision", type: "Type", budget: "Requested budget", rationale: "Rationale", status: "Status" },
  reviewHistory: "Review history",
  reviewCols: { date: "Review", rating: "Rating", attainment: "Attainment", completeness: "Completeness", won: "Won revenue", outcome: "Outcome" },
  kpisAndTrend: "KPIs and trend",
  noStakeholders: "No stakeholders recorded.",
  communicationsDue: "Communications due",
  noCommunicationsDue: "No contact due within 7 days.",
  nextContact: "Next contact",
  contactOverdue: "overdue",
  contactDue: "due",
  communicationsSummary: (overdue, due) => `Communications: ${overdue} overdue, ${due} due within 7 days.`,
  businessCritical: "business-critical",
  selectionReasonLabel: "Selection reason",
  budgetSpent: "Measure budget spent",
};

const de: Strings = {
  sections: {
    analysis: "Kundenanalyse",
    position: "Unsere Position",
    goals: "Vertriebsziele",
    measures: "Operative Maßnahmen",
    stakeholders: "Stakeholder und Kommunikation",
    summary: "Management-Zusammenfassung",
  },
  columns: {
    apx_businessmodel: "Geschäftsmodell",
    apx_products: "Produkte und Leistungen",
    apx_challenges: "Herausforderungen",
    apx_markettrends: "Markttrends",
    apx_competitiveposition: "Wettbewerbsposition",
    apx_competitors: "Wettbewerber",
    apx_salessuccesses: "Vertriebserfolge",
    apx_strengths: "Stärken",
    apx_weaknesses: "Schwächen",
    apx_opportunities: "Chancen",
    apx_threats: "Risiken",
    apx_revenuetarget: "Umsatzziel",
    apx_margintarget: "Margenziel",
    apx_financialkpis: "Finanzkennzahlen",
    apx_planneddevelopments: "Geplante Entwicklungen",
    apx_planbudget: "Planbudget",
    apx_decisionthreshold: "Entscheidungsschwelle",
    apx_steeringcommitteeid: "Lenkungsausschuss",
    apx_managementsummary: "Management-Zusammenfassung",
  },
  planStatus: { 1: "Entwurf", 726000000: "In Prüfung", 726000001: "Aktiv", 2: "Abgeschlossen", 726000002: "Abgebrochen" },
  measureStatus: { 1: "Geplant", 726000000: "In Bearbeitung", 2: "Erledigt", 726000001: "Abgebrochen" },
  decisionStatus: { 1: "Vorgeschlagen", 726000000: "Zurückgestellt", 2: "Genehmigt", 726000001: "Abgelehnt" },
  decisionType: { 726000000: "Budget", 726000001: "Geschäftskritisch" },
  rating: { 726000000: "Im Plan", 726000001: "Gefährdet", 726000002: "Nicht im Plan" },
  side: { 726000000: "Intern", 726000001: "Extern" },
  influence: { 726000000: "Hoch", 726000001: "Mittel", 726000002: "Niedrig" },
  attitude: { 726000000: "Champion", 726000001: "Unterstützer", 726000002: "Neutral", 726000003: "Kritiker", 726000004: "Gegner" },
  channel: { 726000000: "Besprechung", 726000001: "Präsentation", 726000002: "E-Mail", 726000003: "Telefon", 726000004: "Videoanruf" },
  frequency: { 726000000: "Wöchentlich", 726000001: "Monatlich", 726000002: "Vierteljährlich", 726000003: "Halbjährlich", 726000004: "Bei Bedarf" },
  selectionReason: {
    726000000: "Top-Umsatz",
    726000001: "Top-Ertrag",
    726000002: "Strategisch",
    726000003: "Entwicklungskunde",
    726000004: "Sonderprojekt",
  },
  missingCount: (n) => (n === 1 ? "1 fehlt" : `${n} fehlen`),
  complete: "vollständig",
  rowsMissing: (have, need, what) => `${have} von ${need} ${what === "measures" ? "Maßnahmen" : "Stakeholdern"}`,
  incompleteSummary: (sections) => `Laut Planvorlage noch auszufüllen: ${sections}.`,
  allComplete: "Alle von der Vorlage geforderten Abschnitte sind ausgefüllt.",
  blockedMove: (target, details) => `Der Plan kann noch nicht in den Status „${target}“ wechseln. Es fehlt noch: ${details}.`,
  serverDecides: "Der Server prüft die Vollständigkeit beim Speichern erneut.",
  saveFirst: "Bitte speichern Sie den Plan zuerst.",
  rollForwardFailed: "Der Plan konnte nicht fortgeschrieben werden.",
  saveStakeholderFirst: "Bitte speichern Sie den Stakeholder zuerst.",
  contactLogged: (next) => (next === null ? "Kontakt heute erfasst (ad hoc: kein nächster Kontakttermin)." : `Kontakt heute erfasst. Nächster Kontakt am ${next}.`),
  contactLogFailed: "Der Kontakt konnte nicht erfasst werden.",
  templateUnavailable: "Die Planvorlage konnte nicht gelesen werden; alle Felder der Abschnitte gelten als Pflicht.",
  loading: "Plan wird geladen…",
  noRecord: "Speichern Sie den Plan, um seinen Zustand zu sehen.",
  loadFailed: "Der Plan konnte nicht geladen werden.",
  target: "Umsatzziel",
  won: "Gewonnener Umsatz",
  openPipeline: "Offene Pipeline",
  weightedPipeline: "Gewichtete Pipeline",
  attainment: "Zielerreichung",
  timeElapsed: "Zeit verstrichen",
  ofTarget: (pct) => `${pct} des Ziels`,
  gap: (amount) => `noch ${amount}`,
  onPace: "Im Plan",
  slightlyBehind: "Leicht zurück",
  behind: "Hinter Plan",
  noTarget: "Kein Ziel gesetzt",
  completeness: "Vollständigkeit",
  overall: "Gesamt",
  missing: "Fehlt",
  nothingMissing: "Nichts fehlt.",
  measuresTimeline: "Maßnahmen",
  noMeasures: "Noch keine Maßnahmen.",
  overdue: "Überfällig",
  due: "Fällig",
  today: "Heute",
  trend: "Verlauf über die Reviews",
  noReviews: "Noch kein Review gehalten: der Verlauf beginnt mit dem ersten Review.",
  now: "Jetzt",
  measuresDone: "Maßnahmen erledigt",
  calculatedOn: (when) => `Kennzahlen berechnet am ${when}`,
  notCalculated: "Kennzahlen noch nicht berechnet",
  period: "Zeitraum",
  account: "Kunde",
  owner: "Verantwortlich",
  template: "Vorlage",
  status: "Status",
  reportTitle: "Accountplan-Review",
  printedOn: (when) => `Erstellt am ${when}`,
  print: "Drucken / als PDF speichern",
  managementSummary: "Management-Zusammenfassung",
  notFilled: "Nicht ausgefüllt.",
  swot: { strengths: "Stärken", weaknesses: "Schwächen", opportunities: "Chancen", threats: "Risiken" },
  measures: "Operative Maßnahmen",
  measureCols: { name: "Maßnahme", responsible: "Verantwortlich", start: "Start", due: "Fällig", budget: "Budget", cost: "Ist-Kosten", status: "Status" },
  stakeholdersTitle: "Stakeholder und Kommunikationsplan",
  stakeholderCols: {
    name: "Stakeholder",
    side: "Seite",
    role: "Rolle",
    influence: "Einfluss",
    attitude: "Haltung",
    channel: "Kanal",
    frequency: "Häufigkeit",
    topic: "Thema und Ziel",
  },
  openDecisions: "Offene Entscheidungen für den Lenkungsausschuss",
  noOpenDecisions: "Keine offenen Entscheidungen.",
  decisionCols: { name: "Entscheidung", type: "Art", budget: "Beantragtes Budget", rationale: "Begründung", status: "Status" },
  reviewHistory: "Review-Historie",
  reviewCols: { date: "Review", rating: "Bewertung", attainment: "Zielerreichung", completeness: "Vollständigkeit", won: "Gewonnener Umsatz", outcome: "Ergebnis" },
  kpisAndTrend: "Kennzahlen und Verlauf",
  noStakeholders: "Keine Stakeholder erfasst.",
  communicationsDue: "Fällige Kontakte",
  noCommunicationsDue: "Kein Kontakt binnen 7 Tagen fällig.",
  nextContact: "Nächster Kontakt",
  contactOverdue: "überfällig",
  contactDue: "fällig",
  communicationsSummary: (overdue, due) => `Kommunikation: ${overdue} überfällig, ${due} binnen 7 Tagen fällig.`,
  businessCritical: "geschäftskritisch",
  selectionReasonLabel: "Auswahlgrund",
  budgetSpent: "Maßnahmenbudget verbraucht",
};

export function strings(lang: Lang): Strings {
  return lang === "de" ? de : en;
}

/** Label of a choice value, or the platform's formatted value, or "". */
export function choiceLabel(map: ChoiceMap, value: unknown, formatted?: unknown): string {
  if (typeof value === "number" && Object.prototype.hasOwnProperty.call(map, value)) {
    return map[value];
  }
  return typeof formatted === "string" ? formatted : "";
}
