// Client-side mirror of the server's completeness rules: what each section of a plan still lacks,
// measured against the plan's template. The server plugin stays the authority; this only explains.
import { GATED_STATUSES, SECTION_COLUMNS, SECTION_KEYS, TEMPLATE_REQUIRED_COLUMN, type SectionKey } from "./schema";

export interface TemplateRecord {
  apx_name?: string | null;
  apx_requiredanalysis?: string | null;
  apx_requiredposition?: string | null;
  apx_requiredgoals?: string | null;
  apx_requiredsummary?: string | null;
  apx_minmeasures?: number | null;
  apx_minstakeholders?: number | null;
}

export interface Requirements {
  columns: Readonly<Record<SectionKey, readonly string[]>>;
  minMeasures: number;
  minStakeholders: number;
}

export type MissingItem =
  | { kind: "column"; column: string }
  | { kind: "rows"; what: "measures" | "stakeholders"; have: number; need: number };

export interface SectionStatus {
  key: SectionKey;
  required: number;
  filled: number;
  percent: number;
  missing: MissingItem[];
}

const COLUMN_NAME = /^[a-z_][a-z0-9_]*$/;

/** Splits a template's "comma-separated column logical names" into clean, distinct names. */
export function parseColumnList(value: string | null | undefined): string[] {
  if (typeof value !== "string") {
    return [];
  }
  const seen: string[] = [];
  for (const part of value.split(/[,;\s]+/)) {
    const name = part.trim().toLowerCase();
    if (name !== "" && COLUMN_NAME.test(name) && seen.indexOf(name) < 0) {
      seen.push(name);
    }
  }
  return seen;
}

function wholeNumber(value: number | null | undefined, fallback: number): number {
  return typeof value === "number" && isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
}

/**
 * The requirements a template sets. Without a template (or when it cannot be read), every section
 * column is required and one measure and one stakeholder are expected, like a full template.
 */
export function requirementsFromTemplate(template: TemplateRecord | null | undefined): Requirements {
  if (!template) {
    return {
      columns: { ...SECTION_COLUMNS, measures: [], stakeholders: [] },
      minMeasures: 1,
      minStakeholders: 1,
    };
  }
  const columns: Record<SectionKey, string[]> = {
    analysis: [],
    position: [],
    goals: [],
    measures: [],
    stakeholders: [],
    summary: [],
  };
  for (const key of SECTION_KEYS) {
    const source = TEMPLATE_REQUIRED_COLUMN[key];
    if (source !== undefined) {
      columns[key] = parseColumnList((template as Record<string, string | null | undefined>)[source]);
    }
  }
  return {
    columns,
    minMeasures: wholeNumber(template.apx_minmeasures, 0),
    minStakeholders: wholeNumber(template.apx_minstakeholders, 0),
  };
}

/** A column counts as filled when it holds a non-blank string, a number, a date, true/false or a lookup. */
export function isFilled(value: unknown): boolean {
  if (value === null || value === undefined) {
    return false;
  }
  if (typeof value === "string") {
    return value.trim() !== "";
  }
  if (typeof value === "number") {
    return isFinite(value);
  }
  if (Array.isArray(value)) {
    return value.length > 0;
  }
  return true;
}

export interface RowCounts {
  measures: number;
  stakeholders: number;
}

/** Evaluates every section against the requirements; `valueOf` reads a plan column's current value. */
export function evaluate(requirements: Requirements, valueOf: (column: string) => unknown, counts: RowCounts): SectionStatus[] {
  return SECTION_KEYS.map((key) => {
    const missing: MissingItem[] = [];
    let required = 0;
    let filled = 0;
    for (const column of requirements.columns[key]) {
      required += 1;
      if (isFilled(valueOf(column))) {
        filled += 1;
      } else {
        missing.push({ kind: "column", column });
      }
    }
    if (key === "measures" || key === "stakeholders") {
      const need = key === "measures" ? requirements.minMeasures : requirements.minStakeholders;
      const have = Math.max(0, key === "measures" ? counts.measures : counts.stakeholders);
      if (need > 0) {
        required += need;
        filled += Math.min(have, need);
        if (have < need) {
          missing.push({ kind: "rows", what: key, have, need });
        }
      }
    }
    const percent = required === 0 ? 100 : Math.floor((filled * 100) / required);
    return { key, required, filled, percent, missing };
  });
}

export function incompleteSections(statuses: readonly SectionStatus[]): SectionStatus[] {
  return statuses.filter((s) => s.missing.length > 0);
}

/** Overall percentage: filled requirements over all requirements (100 when nothing is required). */
export function overallPercent(statuses: readonly SectionStatus[]): number {
  let required = 0;
  let filled = 0;
  for (const s of statuses) {
    required += s.required;
    filled += s.filled;
  }
  return required === 0 ? 100 : Math.floor((filled * 100) / required);
}

export function isGatedStatus(statuscode: number | null | undefined): boolean {
  return typeof statuscode === "number" && GATED_STATUSES.indexOf(statuscode) >= 0;
}
