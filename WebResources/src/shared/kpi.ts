// Plan KPIs derived for display: time elapsed in the period, pace, overdue measures, open decisions.
import { DecisionStatus, MeasureStatus } from "./schema";
import { date, num, str, type Row } from "./plandata";

const DAY = 24 * 60 * 60 * 1000;

function startOfDay(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
}

/** Share of the plan period elapsed at `now`, 0–100 (null without a valid period). */
export function elapsedPercent(start: Date | null, end: Date | null, now: Date): number | null {
  if (!start || !end || end.getTime() <= start.getTime()) {
    return null;
  }
  const total = end.getTime() + DAY - start.getTime();
  const done = startOfDay(now).getTime() + DAY - start.getTime();
  return Math.max(0, Math.min(100, (done * 100) / total));
}

/** Attainment in percent: the plugin's value, else won / target. */
export function attainmentPercent(plan: Row): number | null {
  const stored = num(plan, "apx_attainmentpct");
  if (stored !== null) {
    return stored;
  }
  const target = num(plan, "apx_revenuetarget");
  const won = num(plan, "apx_wonrevenue");
  return target !== null && target > 0 && won !== null ? (won * 100) / target : null;
}

export type Pace = "onpace" | "slightly" | "behind" | "none";

/** On pace when attainment keeps up with the time elapsed; slightly behind within 15 % of it. */
export function pace(attainment: number | null, elapsed: number | null): Pace {
  if (attainment === null || elapsed === null) {
    return "none";
  }
  if (attainment + 0.005 >= elapsed) {
    return "onpace";
  }
  return attainment >= elapsed * 0.85 ? "slightly" : "behind";
}

export function isOpenMeasure(measure: Row): boolean {
  const status = num(measure, "statuscode");
  return status === MeasureStatus.Planned || status === MeasureStatus.InProgress;
}

export function isOverdue(measure: Row, now: Date): boolean {
  const due = date(measure, "apx_duedate");
  return isOpenMeasure(measure) && due !== null && due.getTime() < startOfDay(now).getTime();
}

/** Days ahead a stakeholder contact counts as due (as the "My communications due" view). */
export const CONTACT_DUE_DAYS = 7;

export type ContactState = "overdue" | "due" | "later" | "none";

/** Where a stakeholder's next contact (plugin-maintained apx_nextcontacton) stands today. */
export function contactState(stakeholder: Row, now: Date): ContactState {
  const next = date(stakeholder, "apx_nextcontacton");
  if (next === null) {
    return "none";
  }
  const today = startOfDay(now).getTime();
  if (next.getTime() < today) {
    return "overdue";
  }
  return next.getTime() <= today + CONTACT_DUE_DAYS * DAY ? "due" : "later";
}

export function isOpenDecision(decision: Row): boolean {
  const status = num(decision, "statuscode");
  return status === DecisionStatus.Proposed || status === DecisionStatus.Deferred;
}

/** The plugin's missing-items text, one "Section: item, item" line per section. */
export function missingLines(plan: Row): string[] {
  return str(plan, "apx_missingitems")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}
