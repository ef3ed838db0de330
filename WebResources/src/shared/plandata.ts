// Reads a plan and its child rows through Xrm.WebApi (the host form's), selecting only the columns used.
import { langFromLcid, type Lang } from "./i18n";
import { DECISION, MEASURE, normalizeId, PLAN, REVIEW, STAKEHOLDER } from "./schema";

export type WebApiLike = Pick<Xrm.WebApi, "retrieveRecord" | "retrieveMultipleRecords">;

export type Row = Record<string, unknown>;

export interface PlanModel {
  plan: Row;
  measures: Row[];
  stakeholders: Row[];
  decisions: Row[];
  reviews: Row[];
  currency: string;
}

const FORMATTED = "@OData.Community.Display.V1.FormattedValue";

const PLAN_COLUMNS = [
  "apx_name",
  "_apx_accountid_value",
  "_apx_templateid_value",
  "_ownerid_value",
  "_apx_steeringcommitteeid_value",
  "apx_selectionreason",
  "apx_selectionrationale",
  "apx_periodstart",
  "apx_periodend",
  "apx_reviewcadence",
  "apx_nextreviewon",
  "apx_lastreviewon",
  "apx_businessmodel",
  "apx_products",
  "apx_challenges",
  "apx_markettrends",
  "apx_competitiveposition",
  "apx_competitors",
  "apx_salessuccesses",
  "apx_strengths",
  "apx_weaknesses",
  "apx_opportunities",
  "apx_threats",
  "apx_revenuetarget",
  "apx_margintarget",
  "apx_financialkpis",
  "apx_planneddevelopments",
  "apx_planbudget",
  "apx_decisionthreshold",
  "apx_managementsummary",
  "apx_wonrevenue",
  "apx_openpipeline",
  "apx_weightedpipeline",
  "apx_attainmentpct",
  "apx_measurecount",
  "apx_measurebudget",
  "apx_measurecost",
  "apx_measuredonepct",
  "apx_kpiscalculatedon",
  "apx_completenesspct",
  "apx_completenessanalysis",
  "apx_completenessposition",
  "apx_completenessgoals",
  "apx_completenessmeasures",
  "apx_completenessstakeholders",
  "apx_completenesssummary",
  "apx_missingitems",
  "statecode",
  "statuscode",
];

const MEASURE_COLUMNS = [
  "apx_name",
  "apx_description",
  "_apx_responsibleid_value",
  "_apx_teamid_value",
  "apx_budget",
  "apx_actualcost",
  "apx_startdate",
  "apx_duedate",
  "apx_expectedrevenue",
  "apx_businesscritical",
  "statecode",
  "statuscode",
];

const STAKEHOLDER_COLUMNS = [
  "apx_name",
  "apx_side",
  "apx_role",
  "apx_influence",
  "apx_attitude",
  "apx_channel",
  "apx_frequency",
  "apx_communicationtopic",
  "apx_communicationgoal",
  "apx_lastcontacton",
  "apx_nextcontacton",
];

const DECISION_COLUMNS = ["apx_name", "apx_decisiontype", "apx_requestedbudget", "apx_rationale", "apx_decidedon", "apx_decisionnotes", "statecode", "statuscode"];

const REVIEW_COLUMNS = [
  "apx_name",
  "apx_reviewdate",
  "apx_rating",
  "apx_outcome",
  "apx_revenuetarget",
  "apx_wonrevenue",
  "apx_openpipeline",
  "apx_weightedpipeline",
  "apx_attainmentpct",
  "apx_measuredonepct",
  "apx_measurecount",
  "apx_completenesspct",
];

function childQuery(columns: readonly string[], planId: string, extraFilter: string, orderBy: string): string {
  return `?$select=${columns.join(",")}&$filter=_apx_accountplanid_value eq ${planId}${extraFilter}&$orderby=${orderBy}`;
}

export async function loadPlan(api: WebApiLike, planId: string): Promise<PlanModel> {
  const id = normalizeId(planId);
  if (id === "") {
    throw new Error("invalid plan id");
  }
  const planQuery = `?$select=${PLAN_COLUMNS.join(",")}&$expand=transactioncurrencyid($select=isocurrencycode)`;
  const [plan, measures, stakeholders, decisions, reviews] = await Promise.all([
    api.retrieveRecord(PLAN, id, planQuery),
    api.retrieveMultipleRecords(MEASURE, childQuery(MEASURE_COLUMNS, id, "", "apx_duedate asc,apx_name asc"), 5000),
    api.retrieveMultipleRecords(STAKEHOLDER, childQuery(STAKEHOLDER_COLUMNS, id, " and statecode eq 0", "apx_side asc,apx_influence asc,apx_name asc"), 5000),
    api.retrieveMultipleRecords(DECISION, childQuery(DECISION_COLUMNS, id, "", "createdon asc"), 5000),
    api.retrieveMultipleRecords(REVIEW, childQuery(REVIEW_COLUMNS, id, "", "apx_reviewdate asc"), 5000),
  ]);
  const currencyRow = plan.transactioncurrencyid as Row | null | undefined;
  const iso = currencyRow && typeof currencyRow.isocurrencycode === "string" ? currencyRow.isocurrencycode : "";
  return {
    plan: plan as Row,
    measures: measures.entities as Row[],
    stakeholders: stakeholders.entities as Row[],
    decisions: decisions.entities as Row[],
    reviews: reviews.entities as Row[],
    currency: /^[A-Za-z]{3}$/.test(iso) ? iso.toUpperCase() : "",
  };
}

// ---- typed reads of loosely typed rows --------------------------------------------------

export function str(row: Row, column: string): string {
  const value = row[column];
  return typeof value === "string" ? value : "";
}

export function num(row: Row, column: string): number | null {
  const value = row[column];
  if (typeof value === "number" && isFinite(value)) {
    return value;
  }
  if (typeof value === "string" && value.trim() !== "" && isFinite(Number(value))) {
    return Number(value);
  }
  return null;
}

export function bool(row: Row, column: string): boolean {
  return row[column] === true;
}

/** The platform's formatted value of a column (lookup name, choice label), or "". */
export function formatted(row: Row, column: string): string {
  const value = row[column + FORMATTED];
  return typeof value === "string" ? value : "";
}

/** A date-only ("2027-03-31") or date-time value as a Date at local midnight / its instant. */
export function date(row: Row, column: string): Date | null {
  const value = row[column];
  if (typeof value !== "string" || value === "") {
    return null;
  }
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (dateOnly) {
    return new Date(Number(dateOnly[1]), Number(dateOnly[2]) - 1, Number(dateOnly[3]));
  }
  const parsed = new Date(value);
  return isNaN(parsed.getTime()) ? null : parsed;
}

// ---- host access ----------------------------------------------------------------------------

interface HostWindow {
  Xrm?: Xrm.XrmStatic;
}

function xrmOf(win: unknown): Xrm.XrmStatic | null {
  try {
    const candidate = win as HostWindow | null;
    const xrm = candidate ? candidate.Xrm : undefined;
    return xrm && xrm.WebApi ? xrm : null;
  } catch {
    return null; // a window of another origin
  }
}

/** The hosting form's Xrm: the parent frame (panel on a form) or the opener (report in its own window). */
export function hostXrm(): Xrm.XrmStatic | null {
  const own = xrmOf(window);
  if (own) {
    return own;
  }
  if (window.parent !== window) {
    const parent = xrmOf(window.parent);
    if (parent) {
      return parent;
    }
  }
  return window.opener ? xrmOf(window.opener) : null;
}

/** The record id passed as `id=<guid>`, or through openWebResource's `data` (a GUID or `id=<guid>`). */
export function recordIdFromQuery(search: string): string {
  const params = new URLSearchParams(search);
  for (const [key, value] of Array.from(params.entries())) {
    const name = key.toLowerCase();
    if (name === "id") {
      const id = normalizeId(value);
      if (id !== "") {
        return id;
      }
    }
    if (name === "data") {
      const direct = normalizeId(value);
      if (direct !== "") {
        return direct;
      }
      const inner = new URLSearchParams(value).get("id");
      const nested = normalizeId(inner);
      if (nested !== "") {
        return nested;
      }
    }
  }
  return "";
}

/** The UI language: the host's user settings, else the `userlcid` query parameter, else English. */
export function hostLang(xrm: Xrm.XrmStatic | null, search: string): Lang {
  try {
    if (xrm) {
      return langFromLcid(xrm.Utility.getGlobalContext().userSettings.languageId);
    }
  } catch {
    // fall through to the query string
  }
  const lcid = Number(new URLSearchParams(search).get("userlcid"));
  return langFromLcid(isFinite(lcid) ? lcid : undefined);
}
