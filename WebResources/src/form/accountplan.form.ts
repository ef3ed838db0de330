// Account plan main form library (web resource apx_/scripts/accountplan.form.js), exposed as the
// global namespace AccountPlanXrm.Form. Every handler takes the execution context (or, for the
// command bar, the primary control) as its first parameter and works through the form context.
import {
  evaluate,
  incompleteSections,
  isGatedStatus,
  requirementsFromTemplate,
  type MissingItem,
  type Requirements,
  type RowCounts,
  type SectionStatus,
  type TemplateRecord,
} from "../shared/completeness";
import { strings, type Strings } from "../shared/i18n";
import { boundActionRequest, messageOf, userLang, webApi } from "./commands";
import {
  MEASURE,
  MeasureStatus,
  normalizeId,
  PANEL_CONTROL,
  REPORT_WEB_RESOURCE,
  SECTION_COLUMNS,
  SECTION_KEYS,
  SECTION_TAB,
  STAKEHOLDER,
  SUBGRIDS,
  TEMPLATE,
  type SectionKey,
} from "../shared/schema";

export const NOTIFICATION_COMPLETENESS = "apx_completeness";
export const NOTIFICATION_GATE = "apx_statusgate";
export const NOTIFICATION_TEMPLATE = "apx_template";

const TEMPLATE_SELECT =
  "?$select=apx_name,apx_requiredanalysis,apx_requiredposition,apx_requiredgoals,apx_requiredsummary,apx_minmeasures,apx_minstakeholders";

interface FormState {
  text: Strings;
  requirements: Requirements;
  templateId: string;
  templateFailed: boolean;
  counts: RowCounts;
  tabLabels: Record<string, string>;
  attached: boolean;
  templateRequest: number;
  countRequest: number;
  templateInFlight: { id: string; promise: Promise<void> } | null;
  countsInFlight: { id: string; promise: Promise<void> } | null;
}

let state: FormState | null = null;

function newState(text: Strings): FormState {
  return {
    text,
    requirements: requirementsFromTemplate(null),
    templateId: "",
    templateFailed: false,
    counts: { measures: 0, stakeholders: 0 },
    tabLabels: {},
    attached: false,
    templateRequest: 0,
    countRequest: 0,
    templateInFlight: null,
    countsInFlight: null,
  };
}

function currentState(): FormState {
  if (state === null) {
    state = newState(strings(userLang()));
  }
  return state;
}

// ---- reading the form ---------------------------------------------------------------------

function attributeValue(formContext: Xrm.FormContext, column: string): unknown {
  const attribute = formContext.getAttribute(column);
  return attribute ? attribute.getValue() : null;
}

function lookupId(formContext: Xrm.FormContext, column: string): string {
  const value = attributeValue(formContext, column);
  if (Array.isArray(value) && value.length > 0) {
    const first = value[0] as Xrm.LookupValue;
    return normalizeId(first.id);
  }
  return "";
}

function statusCode(formContext: Xrm.FormContext): number | null {
  const value = attributeValue(formContext, "statuscode");
  return typeof value === "number" ? value : null;
}

function recordId(formContext: Xrm.FormContext): string {
  return normalizeId(formContext.data.entity.getId());
}

/** The template's requirements, restricted to the columns that this form shows. */
function onForm(formContext: Xrm.FormContext, requirements: Requirements): Requirements {
  const columns = {} as Record<SectionKey, string[]>;
  for (const key of SECTION_KEYS) {
    columns[key] = requirements.columns[key].filter((column) => formContext.getAttribute(column) !== null);
  }
  return { columns, minMeasures: requirements.minMeasures, minStakeholders: requirements.minStakeholders };
}

export function evaluateForm(formContext: Xrm.FormContext): SectionStatus[] {
  const s = currentState();
  return evaluate(onForm(formContext, s.requirements), (column) => attributeValue(formContext, column), s.counts);
}

// ---- text ---------------------------------------------------------------------------------

function columnLabel(formContext: Xrm.FormContext, text: Strings, column: string): string {
  const control = formContext.getControl(column) as Xrm.Controls.StandardControl | null;
  const label = control && typeof control.getLabel === "function" ? control.getLabel() : "";
  if (typeof label === "string" && label.trim() !== "" && label.trim() !== column) {
    return label.trim();
  }
  return Object.prototype.hasOwnProperty.call(text.columns, column) ? text.columns[column] : column;
}

function missingText(formContext: Xrm.FormContext, text: Strings, item: MissingItem): string {
  return item.kind === "column" ? columnLabel(formContext, text, item.column) : text.rowsMissing(item.have, item.need, item.what);
}

/** "Customer analysis (Products, Challenges); Operative measures (1 of 2 measures)". */
export function describeMissing(formContext: Xrm.FormContext, text: Strings, sections: readonly SectionStatus[]): string {
  return sections
    .map((s) => `${text.sections[s.key]} (${s.missing.map((m) => missingText(formContext, text, m)).join(", ")})`)
    .join("; ");
}

// ---- rendering ----------------------------------------------------------------------------

function tabOf(formContext: Xrm.FormContext, key: SectionKey): Xrm.Controls.Tab | null {
  const byName = formContext.ui.tabs.get(SECTION_TAB[key]);
  if (byName) {
    return byName;
  }
  for (const column of SECTION_COLUMNS[key]) {
    const control = formContext.getControl(column) as Xrm.Controls.StandardControl | null;
    const section = control && typeof control.getParent === "function" ? control.getParent() : null;
    const tab = section && typeof section.getParent === "function" ? section.getParent() : null;
    if (tab) {
      return tab;
    }
  }
  return null;
}

function missingCount(status: SectionStatus): number {
  return status.missing.reduce((n, m) => n + (m.kind === "rows" ? m.need - m.have : 1), 0);
}

function renderTabs(formContext: Xrm.FormContext, s: FormState, statuses: readonly SectionStatus[]): void {
  const groups: { tab: Xrm.Controls.Tab; required: number; missing: number }[] = [];
  for (const status of statuses) {
    const tab = tabOf(formContext, status.key);
    if (!tab) {
      continue;
    }
    let group = groups.find((g) => g.tab.getName() === tab.getName());
    if (!group) {
      group = { tab, required: 0, missing: 0 };
      groups.push(group);
    }
    group.required += status.required;
    group.missing += missingCount(status);
  }
  for (const group of groups) {
    const name = group.tab.getName();
    if (!Object.prototype.hasOwnProperty.call(s.tabLabels, name)) {
      s.tabLabels[name] = group.tab.getLabel();
    }
    const base = s.tabLabels[name];
    let label = base;
    if (group.required > 0) {
      label = group.missing === 0 ? `${base} \u2713` : `${base} \u00b7 ${s.text.missingCount(group.missing)}`;
    }
    if (group.tab.getLabel() !== label) {
      group.tab.setLabel(label);
    }
  }
}

function applyRequiredLevels(formContext: Xrm.FormContext, s: FormState, gated: boolean): void {
  const required: string[] = [];
  for (const key of SECTION_KEYS) {
    required.push(...s.requirements.columns[key]);
  }
  for (const key of SECTION_KEYS) {
    for (const column of SECTION_COLUMNS[key]) {
      const attribute = formContext.getAttribute(column);
      if (!attribute) {
        continue;
      }
      const level: Xrm.Attributes.RequirementLevel = required.indexOf(column) >= 0 ? (gated ? "required" : "recommended") : "none";
      if (attribute.getRequiredLevel() !== level) {
        attribute.setRequiredLevel(level);
      }
    }
  }
}

function renderNotifications(formContext: Xrm.FormContext, s: FormState, statuses: readonly SectionStatus[]): void {
  const ui = formContext.ui;
  const open = incompleteSections(statuses);
  if (open.length === 0) {
    ui.clearFormNotification(NOTIFICATION_COMPLETENESS);
  } else {
    ui.setFormNotification(s.text.incompleteSummary(describeMissing(formContext, s.text, open)), "INFO", NOTIFICATION_COMPLETENESS);
  }

  const statusAttribute = formContext.getAttribute("statuscode");
  const code = statusCode(formContext);
  const moving = statusAttribute !== null && statusAttribute.getIsDirty() && isGatedStatus(code);
  if (moving && open.length > 0) {
    const target = s.text.planStatus[code as number] || String(code);
    const message = `${s.text.blockedMove(target, describeMissing(formContext, s.text, open))} ${s.text.serverDecides}`;
    ui.setFormNotification(message, "WARNING", NOTIFICATION_GATE);
  } else {
    ui.clearFormNotification(NOTIFICATION_GATE);
  }

  if (s.templateFailed) {
    ui.setFormNotification(s.text.templateUnavailable, "WARNING", NOTIFICATION_TEMPLATE);
  } else {
    ui.clearFormNotification(NOTIFICATION_TEMPLATE);
  }
}

/** Recomputes the indicators, required levels and notifications from the current form values. */
export function refreshIndicators(formContext: Xrm.FormContext): SectionStatus[] {
  const s = currentState();
  const statuses = evaluateForm(formContext);
  applyRequiredLevels(formContext, s, isGatedStatus(statusCode(formContext)));
  renderTabs(formContext, s, statuses);
  renderNotifications(formContext, s, statuses);
  return statuses;
}

// ---- data ---------------------------------------------------------------------------------

/**
 * Handlers registered in the form XML and attached by onLoad may both run for one change: concurrent
 * loads of the same template (or row counts) share one request.
 */
function loadTemplate(formContext: Xrm.FormContext): Promise<void> {
  const s = currentState();
  const id = lookupId(formContext, "apx_templateid");
  if (s.templateInFlight && s.templateInFlight.id === id) {
    return s.templateInFlight.promise;
  }
  const flight = { id, promise: fetchTemplate(id) };
  s.templateInFlight = flight;
  return flight.promise.then(() => {
    if (s.templateInFlight === flight) {
      s.templateInFlight = null;
    }
  });
}

async function fetchTemplate(id: string): Promise<void> {
  const s = currentState();
  const request = ++s.templateRequest;
  if (id === "") {
    s.templateId = "";
    s.templateFailed = false;
    s.requirements = requirementsFromTemplate(null);
    return;
  }
  try {
    const template = (await Xrm.WebApi.retrieveRecord(TEMPLATE, id, TEMPLATE_SELECT)) as TemplateRecord;
    if (request === s.templateRequest) {
      s.templateId = id;
      s.templateFailed = false;
      s.requirements = requirementsFromTemplate(template);
    }
  } catch {
    if (request === s.templateRequest) {
      s.templateId = id;
      s.templateFailed = true;
      s.requirements = requirementsFromTemplate(null);
    }
  }
}

async function countRows(entity: string, filter: string): Promise<number> {
  const result = await Xrm.WebApi.retrieveMultipleRecords(entity, `?$select=${entity}id&$filter=${filter}`, 5000);
  return result.entities.length;
}

function loadCounts(formContext: Xrm.FormContext): Promise<void> {
  const s = currentState();
  const id = recordId(formContext);
  if (s.countsInFlight && s.countsInFlight.id === id) {
    return s.countsInFlight.promise;
  }
  const flight = { id, promise: fetchCounts(id) };
  s.countsInFlight = flight;
  return flight.promise.then(() => {
    if (s.countsInFlight === flight) {
      s.countsInFlight = null;
    }
  });
}

async function fetchCounts(id: string): Promise<void> {
  const s = currentState();
  const request = ++s.countRequest;
  if (id === "") {
    s.counts = { measures: 0, stakeholders: 0 };
    return;
  }
  try {
    const [measures, stakeholders] = await Promise.all([
      countRows(MEASURE, `_apx_accountplanid_value eq ${id} and statuscode ne ${MeasureStatus.Cancelled}`),
      countRows(STAKEHOLDER, `_apx_accountplanid_value eq ${id} and statecode eq 0`),
    ]);
    if (request === s.countRequest) {
      s.counts = { measures, stakeholders };
    }
  } catch {
    // Keep the last known counts: the server's completeness gate still decides on save.
  }
}

async function refreshPanel(formContext: Xrm.FormContext): Promise<void> {
  const control = formContext.getControl(PANEL_CONTROL) as Xrm.Controls.IframeControl | null;
  if (!control || typeof control.getContentWindow !== "function") {
    return;
  }
  try {
    const win = (await control.getContentWindow()) as Window & { AccountPlanXrm?: { Health?: { refresh?: (planId: string) => unknown } } };
    const health = win.AccountPlanXrm && win.AccountPlanXrm.Health;
    if (health && typeof health.refresh === "function") {
      health.refresh(recordId(formContext));
    }
  } catch {
    // The panel is optional on the form.
  }
}

// ---- handlers -----------------------------------------------------------------------------

function attachHandlers(formContext: Xrm.FormContext): void {
  const s = currentState();
  if (s.attached) {
    return;
  }
  s.attached = true;
  const columns: string[] = ["apx_templateid"];
  for (const key of SECTION_KEYS) {
    columns.push(...SECTION_COLUMNS[key]);
  }
  for (const column of columns) {
    const attribute = formContext.getAttribute(column);
    if (attribute) {
      attribute.addOnChange((context) => {
        void onSectionChange(context);
      });
    }
  }
  const status = formContext.getAttribute("statuscode");
  if (status) {
    status.addOnChange((context) => {
      void onStatusChange(context);
    });
  }
  for (const name of SUBGRIDS) {
    const grid = formContext.getControl(name) as Xrm.Controls.GridControl | null;
    if (grid && typeof grid.addOnLoad === "function") {
      grid.addOnLoad(() => {
        void loadCounts(formContext).then(() => refreshIndicators(formContext));
      });
    }
  }
  const entity = formContext.data.entity as Xrm.Entity & { addOnPostSave?: (handler: Xrm.Events.ContextSensitiveHandler) => void };
  if (typeof entity.addOnPostSave === "function") {
    entity.addOnPostSave(() => {
      void loadCounts(formContext).then(() => {
        refreshIndicators(formContext);
        return refreshPanel(formContext);
      });
    });
  }
}

/** Form OnLoad: reads the template and row counts, sets required levels and shows what is missing. */
export async function onLoad(executionContext: Xrm.Events.EventContext): Promise<void> {
  const formContext = executionContext.getFormContext();
  state = newState(strings(userLang()));
  attachHandlers(formContext);
  await Promise.all([loadTemplate(formContext), loadCounts(formContext)]);
  refreshIndicators(formContext);
}

/** OnChange of any section column (and of the template): updates indicators; reloads a changed template. */
export async function onSectionChange(executionContext: Xrm.Events.EventContext): Promise<void> {
  const formContext = executionContext.getFormContext();
  const s = currentState();
  if (lookupId(formContext, "apx_templateid") !== s.templateId) {
    await loadTemplate(formContext);
  }
  refreshIndicators(formContext);
}

/** OnChange of statuscode: before a move to In review or Active, explains what still blocks it. */
export async function onStatusChange(executionContext: Xrm.Events.EventContext): Promise<void> {
  const formContext = executionContext.getFormContext();
  if (isGatedStatus(statusCode(formContext))) {
    await loadCounts(formContext);
  }
  refreshIndicators(formContext);
}

/** Form OnSave: shows the explanation for a pending status move; the server's gate decides. */
export async function onSave(executionContext: Xrm.Events.EventContext): Promise<void> {
  const formContext = executionContext.getFormContext();
  refreshIndicators(formContext);
}

/** Command bar: opens the printable review report of the plan shown by the form. */
export function openReviewReport(primaryControl: Xrm.FormContext): void {
  const id = recordId(primaryControl);
  const text = strings(userLang());
  if (id === "") {
    primaryControl.ui.setFormNotification(text.saveFirst, "INFO", "apx_report");
    return;
  }
  primaryControl.ui.clearFormNotification("apx_report");
  Xrm.Navigation.openWebResource(REPORT_WEB_RESOURCE, { openInNewWindow: true, width: 1024, height: 900 }, `id=${id}`);
}

/** The request Xrm.WebApi.online.execute sends for apx_RollForwardPlan, bound to the plan. */
export function rollForwardRequest(planId: string): Record<string, unknown> {
  return boundActionRequest("apx_accountplan", planId, "apx_RollForwardPlan");
}

/**
 * Command bar: rolls the plan forward into the next period (custom API apx_RollForwardPlan) and opens the new plan.
 * A refusal (the account already has a plan for that period) is shown as the platform's message.
 */
export async function rollForward(primaryControl: Xrm.FormContext): Promise<void> {
  const id = recordId(primaryControl);
  const text = strings(userLang());
  if (id === "") {
    primaryControl.ui.setFormNotification(text.saveFirst, "INFO", "apx_rollforward");
    return;
  }
  primaryControl.ui.clearFormNotification("apx_rollforward");
  try {
    const response = await webApi().online.execute(rollForwardRequest(id));
    const body = (await response.json()) as { NewPlan?: { apx_accountplanid?: string } };
    const next = body.NewPlan && typeof body.NewPlan.apx_accountplanid === "string" ? body.NewPlan.apx_accountplanid : "";
    if (next === "") {
      throw new Error(text.rollForwardFailed);
    }
    await Xrm.Navigation.openForm({ entityName: "apx_accountplan", entityId: next });
  } catch (error) {
    primaryControl.ui.setFormNotification(messageOf(error, text.rollForwardFailed), "ERROR", "apx_rollforward");
  }
}

/** Test hook: forgets the per-form state. */
export function resetForTests(): void {
  state = null;
}
