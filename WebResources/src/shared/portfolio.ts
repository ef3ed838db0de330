// The rollout cockpit's data: the custom API apx_PortfolioStatus called through the host's Xrm.WebApi,
// and the figures the page shows, computed from its response (pure, unit-tested).
import type { Lang } from "./i18n";

export type ExecuteApi = { online?: { execute(request: unknown): Promise<{ ok?: boolean; json(): Promise<unknown> }> } };

export interface StatusRow {
  status: number;
  count: number;
}

export interface OwnerRow {
  owner: string;
  count: number;
  active: number;
  averageCompleteness: number | null;
}

export interface Portfolio {
  planCount: number;
  openPlanCount: number;
  topAccounts: number;
  coveredAccounts: number;
  averageCompleteness: number | null;
  reviewsOverdue: number;
  communicationsDue: number;
  communicationsOverdue: number;
  measureBudget: number;
  planBudget: number;
  byStatus: StatusRow[];
  byOwner: OwnerRow[];
}

export const DEFAULT_TOP = 20;

/** The request Xrm.WebApi.online.execute sends for the unbound custom API. */
export function portfolioRequest(top: number): Record<string, unknown> {
  return {
    Top: top,
    getMetadata: () => ({
      boundParameter: null,
      parameterTypes: { Top: { typeName: "Edm.Int32", structuralProperty: 1 } },
      operationType: 0,
      operationName: "apx_PortfolioStatus",
    }),
  };
}

function count(value: unknown): number {
  return typeof value === "number" && isFinite(value) && value >= 0 ? Math.floor(value) : 0;
}

function amount(value: unknown): number {
  return typeof value === "number" && isFinite(value) ? value : 0;
}

function percentOrNull(value: unknown): number | null {
  return typeof value === "number" && isFinite(value) ? Math.max(0, Math.min(100, value)) : null;
}

function rows(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((r): r is Record<string, unknown> => typeof r === "object" && r !== null) : [];
}

function ownerName(row: Record<string, unknown>): string {
  const name = row.ownername;
  return typeof name === "string" ? name : "";
}

/** Reads the custom API's JSON response defensively: anything missing or malformed counts as zero or empty. */
export function parsePortfolio(json: unknown): Portfolio {
  const r = typeof json === "object" && json !== null ? (json as Record<string, unknown>) : {};
  const top = count(r.TopAccounts);
  return {
    planCount: count(r.PlanCount),
    openPlanCount: count(r.OpenPlanCount),
    topAccounts: top,
    coveredAccounts: Math.min(count(r.CoveredAccounts), top),
    averageCompleteness: count(r.OpenPlanCount) > 0 ? percentOrNull(r.AverageCompleteness) : null,
    reviewsOverdue: count(r.ReviewsOverdue),
    communicationsDue: count(r.CommunicationsDue),
    communicationsOverdue: count(r.CommunicationsOverdue),
    measureBudget: amount(r.MeasureBudget),
    planBudget: amount(r.PlanBudget),
    byStatus: rows(r.PlansByStatus)
      .map((row) => ({ status: count(row.statuscode), count: count(row.count) }))
      .filter((row) => row.count > 0),
    byOwner: rows(r.PlansByOwner).map((row) => ({
      owner: ownerName(row),
      count: count(row.count),
      active: count(row.active),
      averageCompleteness: percentOrNull(row.averagecompleteness),
    })),
  };
}

export function coveragePercent(p: Portfolio): number | null {
  return p.topAccounts > 0 ? (p.coveredAccounts * 100) / p.topAccounts : null;
}

/** The measures' budget as a share of the plans' budgets (null without a plan budget). */
export function budgetUsePercent(p: Portfolio): number | null {
  return p.planBudget > 0 ? (p.measureBudget * 100) / p.planBudget : null;
}

export type Level = "good" | "warn" | "bad" | "none";

export function coverageLevel(pct: number | null): Level {
  if (pct === null) {
    return "none";
  }
  return pct >= 80 ? "good" : pct >= 50 ? "warn" : "bad";
}

export function overdueLevel(n: number): Level {
  return n === 0 ? "good" : n <= 3 ? "warn" : "bad";
}

export function budgetLevel(pct: number | null): Level {
  if (pct === null) {
    return "none";
  }
  return pct <= 100 ? "good" : pct <= 110 ? "warn" : "bad";
}

/** Saved query ids the cockpit links to (Solution/src). */
export const VIEWS = {
  activePlans: { entity: "apx_accountplan", id: "e8fe8000-2fcd-5eff-81ba-74390d3a9d0e" },
  incompletePlans: { entity: "apx_accountplan", id: "3c6615a9-0dc3-50ef-933b-2782676af1de" },
  reviewsDue: { entity: "apx_accountplan", id: "0fb144b9-532b-5b2d-9696-cd5a375bf986" },
  communicationsDue: { entity: "apx_planstakeholder", id: "57cfdaa3-46c2-5543-91be-cebdf83d11fe" },
} as const;

export interface CockpitStrings {
  title: string;
  subtitle: (plans: number) => string;
  coverage: string;
  coverageSub: (covered: number, top: number) => string;
  openPlans: string;
  averageCompleteness: string;
  reviewsOverdue: string;
  communicationsOverdue: string;
  communicationsDueSub: (due: number) => string;
  budget: string;
  budgetSub: (measures: string, plans: string) => string;
  byStatus: string;
  byOwner: string;
  ownerCols: { owner: string; open: string; active: string; completeness: string };
  noPlans: string;
  unknownOwner: string;
  loadFailed: string;
  noHost: string;
  views: string;
  viewNames: { activePlans: string; incompletePlans: string; reviewsDue: string; communicationsDue: string };
}

const EN: CockpitStrings = {
  title: "Rollout cockpit",
  subtitle: (plans) => `${plans} plan(s) you can see`,
  coverage: "Coverage of top accounts",
  coverageSub: (covered, top) => `${covered} of the top ${top} with an active plan`,
  openPlans: "Open plans",
  averageCompleteness: "Average completeness",
  reviewsOverdue: "Reviews overdue",
  communicationsOverdue: "Communications overdue",
  communicationsDueSub: (due) => `${due} due within 7 days or overdue`,
  budget: "Measures' budget",
  budgetSub: (measures, plans) => `${measures} of ${plans} planned`,
  byStatus: "Plans per status",
  byOwner: "Open plans per owner",
  ownerCols: { owner: "Owner", open: "Open", active: "Active", completeness: "Completeness" },
  noPlans: "No plans yet.",
  unknownOwner: "(unknown)",
  loadFailed: "The portfolio status could not be loaded.",
  noHost: "Open the cockpit on the Account planning dashboard.",
  views: "Views",
  viewNames: { activePlans: "Active plans", incompletePlans: "Incomplete plans", reviewsDue: "Reviews due", communicationsDue: "My communications due" },
};

const DE: CockpitStrings = {
  title: "Rollout-Cockpit",
  subtitle: (plans) => `${plans} Plan/Pläne, die Sie sehen`,
  coverage: "Abdeckung der Top-Kunden",
  coverageSub: (covered, top) => `${covered} der Top ${top} mit aktivem Plan`,
  openPlans: "Offene Pläne",
  averageCompleteness: "Durchschnittliche Vollständigkeit",
  reviewsOverdue: "Überfällige Reviews",
  communicationsOverdue: "Überfällige Kontakte",
  communicationsDueSub: (due) => `${due} binnen 7 Tagen fällig oder überfällig`,
  budget: "Budget der Maßnahmen",
  budgetSub: (measures, plans) => `${measures} von ${plans} geplant`,
  byStatus: "Pläne je Status",
  byOwner: "Offene Pläne je Verantwortlichem",
  ownerCols: { owner: "Verantwortlich", open: "Offen", active: "Aktiv", completeness: "Vollständigkeit" },
  noPlans: "Noch keine Pläne.",
  unknownOwner: "(unbekannt)",
  loadFailed: "Der Portfoliostatus konnte nicht geladen werden.",
  noHost: "Öffnen Sie das Cockpit im Dashboard Accountplanung.",
  views: "Ansichten",
  viewNames: { activePlans: "Aktive Pläne", incompletePlans: "Unvollständige Pläne", reviewsDue: "Fällige Reviews", communicationsDue: "Meine fälligen Kontakte" },
};

export function cockpitStrings(lang: Lang): CockpitStrings {
  return lang === "de" ? DE : EN;
}
