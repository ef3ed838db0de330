// Logical names and choice values shared with Solution/src and the plugins (see docs/schema.md).

export const PLAN = "apx_accountplan";
export const MEASURE = "apx_planmeasure";
export const STAKEHOLDER = "apx_planstakeholder";
export const DECISION = "apx_plandecision";
export const REVIEW = "apx_planreview";
export const TEMPLATE = "apx_plantemplate";

export const PlanStatus = {
  Draft: 1,
  InReview: 726000000,
  Active: 726000001,
  Closed: 2,
  Cancelled: 726000002,
} as const;

export const MeasureStatus = {
  Planned: 1,
  InProgress: 726000000,
  Done: 2,
  Cancelled: 726000001,
} as const;

export const DecisionStatus = {
  Proposed: 1,
  Deferred: 726000000,
  Approved: 2,
  Rejected: 726000001,
} as const;

export const ReviewRating = {
  OnTrack: 726000000,
  AtRisk: 726000001,
  OffTrack: 726000002,
} as const;

/** Status reasons the server's completeness gate guards: a plan moves there only when complete. */
export const GATED_STATUSES: readonly number[] = [PlanStatus.InReview, PlanStatus.Active];

export type SectionKey = "analysis" | "position" | "goals" | "measures" | "stakeholders" | "summary";

export const SECTION_KEYS: readonly SectionKey[] = ["analysis", "position", "goals", "measures", "stakeholders", "summary"];

/** Every plan column that belongs to a section (what a full template asks for). */
export const SECTION_COLUMNS: Readonly<Record<SectionKey, readonly string[]>> = {
  analysis: ["apx_businessmodel", "apx_products", "apx_challenges", "apx_markettrends"],
  position: [
    "apx_competitiveposition",
    "apx_competitors",
    "apx_salessuccesses",
    "apx_strengths",
    "apx_weaknesses",
    "apx_opportunities",
    "apx_threats",
  ],
  goals: ["apx_revenuetarget", "apx_margintarget", "apx_financialkpis", "apx_planneddevelopments"],
  measures: ["apx_planbudget", "apx_decisionthreshold", "apx_steeringcommitteeid"],
  stakeholders: [],
  summary: ["apx_managementsummary"],
};

/** Template column holding the comma-separated required plan columns of a section. */
export const TEMPLATE_REQUIRED_COLUMN: Readonly<Partial<Record<SectionKey, string>>> = {
  analysis: "apx_requiredanalysis",
  position: "apx_requiredposition",
  goals: "apx_requiredgoals",
  summary: "apx_requiredsummary",
};

/** Plugin-maintained completeness column per section. */
export const COMPLETENESS_COLUMN: Readonly<Record<SectionKey, string>> = {
  analysis: "apx_completenessanalysis",
  position: "apx_completenessposition",
  goals: "apx_completenessgoals",
  measures: "apx_completenessmeasures",
  stakeholders: "apx_completenessstakeholders",
  summary: "apx_completenesssummary",
};

/** Form tab that shows a section (names the solution's main form uses). */
export const SECTION_TAB: Readonly<Record<SectionKey, string>> = {
  analysis: "tab_analysis",
  position: "tab_position",
  goals: "tab_goals",
  measures: "tab_measures",
  stakeholders: "tab_stakeholders",
  summary: "tab_summary",
};

/** Sub-grid controls on the plan form whose rows count towards a section (form names first). */
export const SUBGRIDS: readonly string[] = ["Subgrid_measures", "Subgrid_stakeholders", "subgrid_measures", "subgrid_stakeholders"];
/** The plan health panel's web resource control on the plan form. */
export const PANEL_CONTROL = "WebResource_planhealth";
export const REPORT_WEB_RESOURCE = "apx_/html/reviewreport.html";

/** Removes braces and lower-cases a record id; returns "" for anything that is not a GUID. */
export function normalizeId(id: string | null | undefined): string {
  if (typeof id !== "string") {
    return "";
  }
  const trimmed = id.trim().replace(/^\{/, "").replace(/\}$/, "").toLowerCase();
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(trimmed) ? trimmed : "";
}
