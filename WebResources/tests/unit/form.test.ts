import { beforeEach, describe, expect, it, vi } from "vitest";
import { XrmMockGenerator } from "xrm-mock";
import {
  NOTIFICATION_COMPLETENESS,
  NOTIFICATION_GATE,
  NOTIFICATION_TEMPLATE,
  onLoad,
  onSave,
  onSectionChange,
  onStatusChange,
  openReviewReport,
  resetForTests,
  rollForward,
  rollForwardRequest,
} from "../../src/form/accountplan.form";

const PLAN_ID = "{5F1C7A8E-2B3D-4E5F-8A9B-0C1D2E3F4A5B}";
const TEMPLATE_ID = "11111111-2222-3333-4444-555555555555";
const OTHER_TEMPLATE_ID = "66666666-7777-8888-9999-000000000000";

const STRING_COLUMNS = [
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
  "apx_financialkpis",
  "apx_planneddevelopments",
  "apx_managementsummary",
];

const TEMPLATES: Record<string, Record<string, unknown>> = {
  [TEMPLATE_ID]: {
    apx_name: "Compact",
    apx_requiredanalysis: "apx_businessmodel,apx_products,apx_challenges",
    apx_requiredposition: "apx_competitiveposition",
    apx_requiredgoals: "apx_revenuetarget",
    apx_requiredsummary: "apx_managementsummary",
    apx_minmeasures: 2,
    apx_minstakeholders: 1,
  },
  [OTHER_TEMPLATE_ID]: {
    apx_name: "Minimal",
    apx_requiredanalysis: "apx_businessmodel",
    apx_requiredposition: "",
    apx_requiredgoals: "",
    apx_requiredsummary: "",
    apx_minmeasures: 0,
    apx_minstakeholders: 0,
  },
};

interface Setup {
  values?: Record<string, unknown>;
  id?: string;
  templateId?: string | null;
  status?: number;
  measures?: number;
  stakeholders?: number;
  lcid?: number;
  templateFails?: boolean;
}

interface Harness {
  form: Xrm.FormContext;
  context: Xrm.Events.EventContext;
  retrieveRecord: ReturnType<typeof vi.fn>;
  retrieveMultiple: ReturnType<typeof vi.fn>;
  openWebResource: ReturnType<typeof vi.fn>;
  notifications: () => Record<string, { message: string; level: string }>;
}

function setup(options: Setup = {}): Harness {
  resetForTests();
  const xrm = XrmMockGenerator.initialise({ entity: { entityName: "apx_accountplan", id: options.id === undefined ? PLAN_ID : options.id } });
  const values = options.values || {};
  for (const column of STRING_COLUMNS) {
    XrmMockGenerator.Attribute.createString(column, (values[column] as string | undefined) || undefined);
  }
  for (const column of ["apx_revenuetarget", "apx_margintarget", "apx_planbudget", "apx_decisionthreshold"]) {
    XrmMockGenerator.Attribute.createNumber(column, values[column] as number | undefined);
  }
  XrmMockGenerator.Attribute.createLookup("apx_steeringcommitteeid", []);
  const templateId = options.templateId === undefined ? TEMPLATE_ID : options.templateId;
  XrmMockGenerator.Attribute.createLookup("apx_templateid", templateId ? [{ id: `{${templateId.toUpperCase()}}`, entityType: "apx_plantemplate", name: "T" }] : []);
  XrmMockGenerator.Attribute.createOptionSet("statuscode", options.status || 1, [
    { text: "Draft", value: 1 },
    { text: "In review", value: 726000000 },
    { text: "Active", value: 726000001 },
  ]);
  const tabs: [string, string][] = [
    ["tab_analysis", "Customer analysis"],
    ["tab_position", "Our position"],
    ["tab_goals", "Sales goals"],
    ["tab_measures", "Operative measures"],
    ["tab_stakeholders", "Stakeholders"],
    ["tab_summary", "Management summary"],
  ];
  for (const [name, label] of tabs) {
    XrmMockGenerator.Tab.createTab(name, label);
  }

  const retrieveRecord = vi.fn((entity: string, id: string) => {
    if (options.templateFails) {
      return Promise.reject(new Error("403"));
    }
    return entity === "apx_plantemplate" && TEMPLATES[id] ? Promise.resolve({ ...TEMPLATES[id] }) : Promise.reject(new Error("not found"));
  });
  const retrieveMultiple = vi.fn((entity: string) => {
    const n = entity === "apx_planmeasure" ? options.measures || 0 : options.stakeholders || 0;
    return Promise.resolve({ entities: Array.from({ length: n }, (_, i) => ({ id: i })), nextLink: "" });
  });
  const openWebResource = vi.fn();
  (xrm.WebApi as unknown as Record<string, unknown>).retrieveRecord = retrieveRecord;
  (xrm.WebApi as unknown as Record<string, unknown>).retrieveMultipleRecords = retrieveMultiple;
  (xrm.Navigation as unknown as Record<string, unknown>).openWebResource = openWebResource;
  (xrm.Utility as unknown as Record<string, unknown>).getGlobalContext = () => ({ userSettings: { languageId: options.lcid || 1033 } });

  const form = XrmMockGenerator.getFormContext() as unknown as Xrm.FormContext;
  if (options.id === "") {
    form.data.entity.getId = () => ""; // what the platform returns for a record not saved yet
  }
  // The platform replaces a notification set again under the same id; record that behaviour.
  const log: { op: "set" | "clear"; id: string; message?: string; level?: string }[] = [];
  form.ui.setFormNotification = (message: string, level: Xrm.FormNotificationLevel, id: string) => {
    log.push({ op: "set", id, message, level });
    return true;
  };
  form.ui.clearFormNotification = (id: string) => {
    log.push({ op: "clear", id });
    return true;
  };
  const notifications = (): Record<string, { message: string; level: string }> => {
    const current: Record<string, { message: string; level: string }> = {};
    for (const entry of log) {
      if (entry.op === "set") {
        current[entry.id] = { message: entry.message || "", level: entry.level || "" };
      } else {
        delete current[entry.id];
      }
    }
    return current;
  };
  const context = XrmMockGenerator.getEventContext() as unknown as Xrm.Events.EventContext;
  return { form, context, retrieveRecord, retrieveMultiple, openWebResource, notifications };
}

function attr(form: Xrm.FormContext, column: string): Xrm.Attributes.Attribute {
  const attribute = form.getAttribute(column);
  if (!attribute) {
    throw new Error(`no attribute ${column}`);
  }
  return attribute;
}

function tabLabel(form: Xrm.FormContext, name: string): string {
  const tab = form.ui.tabs.get(name);
  if (!tab) {
    throw new Error(`no tab ${name}`);
  }
  return tab.getLabel();
}

function level(form: Xrm.FormContext, column: string): string {
  return attr(form, column).getRequiredLevel();
}

describe("onLoad", () => {
  beforeEach(() => {
    vi.restoreAllMocks();
  });

  it("onLoad_TemplateOnPlan_RetrievesOnlyTheRequirementColumns", async () => {
    const h = setup();
    await onLoad(h.context);
    expect(h.retrieveRecord).toHaveBeenCalledTimes(1);
    const [entity, id, query] = h.retrieveRecord.mock.calls[0] as [string, string, string];
    expect(entity).toBe("apx_plantemplate");
    expect(id).toBe(TEMPLATE_ID);
    expect(query).toMatch(/^\?\$select=/);
    expect(query).toContain("apx_requiredanalysis");
    expect(query).toContain("apx_minmeasures");
  });

  it("onLoad_DraftPlan_TemplateColumnsRecommendedOthersNone", async () => {
    const h = setup();
    await onLoad(h.context);
    expect(level(h.form, "apx_products")).toBe("recommended");
    expect(level(h.form, "apx_revenuetarget")).toBe("recommended");
    expect(level(h.form, "apx_markettrends")).toBe("none");
    expect(level(h.form, "apx_threats")).toBe("none");
  });

  it("onLoad_IncompletePlan_TabLabelsCountWhatIsMissing", async () => {
    const h = setup({ values: { apx_businessmodel: "Generics", apx_competitiveposition: "Preferred", apx_revenuetarget: 1000, apx_managementsummary: "ok" }, measures: 1, stakeholders: 1 });
    await onLoad(h.context);
    expect(tabLabel(h.form, "tab_analysis")).toBe("Customer analysis \u00b7 2 missing");
    expect(tabLabel(h.form, "tab_position")).toBe("Our position \u2713");
    expect(tabLabel(h.form, "tab_goals")).toBe("Sales goals \u2713");
    expect(tabLabel(h.form, "tab_measures")).toBe("Operative measures \u00b7 1 missing");
    expect(tabLabel(h.form, "tab_stakeholders")).toBe("Stakeholders \u2713");
  });

  it("onLoad_IncompletePlan_InfoNotificationNamesSectionsAndFields", async () => {
    const h = setup({ values: { apx_businessmodel: "Generics" }, measures: 1, stakeholders: 1 });
    await onLoad(h.context);
    const info = h.notifications()[NOTIFICATION_COMPLETENESS];
    expect(info.level).toBe("INFO");
    expect(info.message).toContain("Customer analysis (Products and services, Challenges)");
    expect(info.message).toContain("Operative measures (1 of 2 measures)");
    expect(info.message).toContain("Sales goals (Revenue target)");
    expect(h.notifications()[NOTIFICATION_GATE]).toBeUndefined();
  });

  it("onLoad_CountsMeasuresAndStakeholdersOfThisPlanOnly", async () => {
    const h = setup({ measures: 2, stakeholders: 1 });
    await onLoad(h.context);
    const queries = h.retrieveMultiple.mock.calls.map((c) => `${c[0]} ${c[1]}`);
    expect(queries).toHaveLength(2);
    for (const q of queries) {
      expect(q).toContain("_apx_accountplanid_value eq 5f1c7a8e-2b3d-4e5f-8a9b-0c1d2e3f4a5b");
      expect(q).toMatch(/\?\$select=apx_plan(measure|stakeholder)id&/);
    }
    expect(queries[0]).toContain("statuscode ne 726000001");
  });

  it("onLoad_NewRecord_QueriesNoRows", async () => {
    const h = setup({ id: "" });
    await onLoad(h.context);
    expect(h.retrieveMultiple).not.toHaveBeenCalled();
  });

  it("onLoad_CompletePlan_ClearsNotifications", async () => {
    const values = { apx_businessmodel: "a", apx_products: "b", apx_challenges: "c", apx_competitiveposition: "d", apx_revenuetarget: 5, apx_managementsummary: "e" };
    const h = setup({ values, measures: 2, stakeholders: 1 });
    await onLoad(h.context);
    expect(h.notifications()).toEqual({});
    expect(tabLabel(h.form, "tab_analysis")).toBe("Customer analysis \u2713");
  });

  it("onLoad_TemplateUnreadable_WarnsAndRequiresEverySectionColumn", async () => {
    const h = setup({ templateFails: true });
    await onLoad(h.context);
    expect(h.notifications()[NOTIFICATION_TEMPLATE].level).toBe("WARNING");
    expect(level(h.form, "apx_markettrends")).toBe("recommended");
    expect(level(h.form, "apx_threats")).toBe("recommended");
  });

  it("onLoad_GermanUser_GermanIndicators", async () => {
    const h = setup({ lcid: 1031, measures: 2, stakeholders: 1 });
    await onLoad(h.context);
    expect(tabLabel(h.form, "tab_analysis")).toBe("Customer analysis \u00b7 3 fehlen");
    expect(h.notifications()[NOTIFICATION_COMPLETENESS].message).toMatch(/^Laut Planvorlage noch auszufüllen: /);
  });
});

describe("onSectionChange", () => {
  it("onSectionChange_FieldFilled_IndicatorsUpdate", async () => {
    const h = setup({ values: { apx_businessmodel: "a", apx_products: "b" }, measures: 2, stakeholders: 1 });
    await onLoad(h.context);
    expect(tabLabel(h.form, "tab_analysis")).toBe("Customer analysis \u00b7 1 missing");
    attr(h.form, "apx_challenges").setValue("Price pressure");
    await onSectionChange(h.context);
    expect(tabLabel(h.form, "tab_analysis")).toBe("Customer analysis \u2713");
  });

  it("onSectionChange_TemplateChanged_ReloadsRequirements", async () => {
    const h = setup({ measures: 0, stakeholders: 0 });
    await onLoad(h.context);
    attr(h.form, "apx_templateid").setValue([{ id: OTHER_TEMPLATE_ID, entityType: "apx_plantemplate", name: "Minimal" }]);
    await onSectionChange(h.context);
    expect(h.retrieveRecord).toHaveBeenLastCalledWith("apx_plantemplate", OTHER_TEMPLATE_ID, expect.stringContaining("$select="));
    expect(level(h.form, "apx_products")).toBe("none");
    expect(level(h.form, "apx_businessmodel")).toBe("recommended");
    expect(tabLabel(h.form, "tab_measures")).toBe("Operative measures");
  });

  it("onSectionChange_RegisteredTwiceForOneChange_LoadsTheTemplateOnce", async () => {
    const h = setup();
    await onLoad(h.context);
    attr(h.form, "apx_templateid").setValue([{ id: OTHER_TEMPLATE_ID, entityType: "apx_plantemplate", name: "Minimal" }]);
    await Promise.all([onSectionChange(h.context), onSectionChange(h.context)]);
    expect(h.retrieveRecord).toHaveBeenCalledTimes(2);
    expect(level(h.form, "apx_products")).toBe("none");
  });

  it("onSectionChange_SameTemplate_DoesNotRetrieveAgain", async () => {
    const h = setup();
    await onLoad(h.context);
    attr(h.form, "apx_products").setValue("x");
    await onSectionChange(h.context);
    expect(h.retrieveRecord).toHaveBeenCalledTimes(1);
  });
});

describe("onStatusChange and onSave", () => {
  it("onStatusChange_MoveToInReviewWhileIncomplete_ExplainsWhatBlocks", async () => {
    const h = setup({ values: { apx_businessmodel: "a", apx_products: "b", apx_challenges: "c", apx_revenuetarget: 1 }, measures: 2, stakeholders: 0 });
    await onLoad(h.context);
    attr(h.form, "statuscode").setValue(726000000);
    await onStatusChange(h.context);
    const gate = h.notifications()[NOTIFICATION_GATE];
    expect(gate.level).toBe("WARNING");
    expect(gate.message).toBe(
      'This plan cannot move to "In review" yet. Still missing: Our position (Competitive position); Stakeholders and communication (0 of 1 stakeholders); Management summary (Management summary). The server checks completeness again when you save.',
    );
    expect(level(h.form, "apx_competitiveposition")).toBe("required");
  });

  it("onStatusChange_MoveToActiveWhenComplete_NoWarning", async () => {
    const values = { apx_businessmodel: "a", apx_products: "b", apx_challenges: "c", apx_competitiveposition: "d", apx_revenuetarget: 5, apx_managementsummary: "e" };
    const h = setup({ values, measures: 2, stakeholders: 1 });
    await onLoad(h.context);
    attr(h.form, "statuscode").setValue(726000001);
    await onStatusChange(h.context);
    expect(h.notifications()[NOTIFICATION_GATE]).toBeUndefined();
  });

  it("onStatusChange_BackToDraft_ClearsWarningAndRelaxesLevels", async () => {
    const h = setup();
    await onLoad(h.context);
    attr(h.form, "statuscode").setValue(726000000);
    await onStatusChange(h.context);
    expect(h.notifications()[NOTIFICATION_GATE]).toBeDefined();
    attr(h.form, "statuscode").setValue(1);
    await onStatusChange(h.context);
    expect(h.notifications()[NOTIFICATION_GATE]).toBeUndefined();
    expect(level(h.form, "apx_products")).toBe("recommended");
  });

  it("onStatusChange_RecountsRowsBeforeExplaining", async () => {
    const h = setup();
    await onLoad(h.context);
    const before = h.retrieveMultiple.mock.calls.length;
    attr(h.form, "statuscode").setValue(726000001);
    await onStatusChange(h.context);
    expect(h.retrieveMultiple.mock.calls.length).toBe(before + 2);
  });

  it("onStatusChange_RegisteredTwiceForOneChange_CountsRowsOnce", async () => {
    const h = setup();
    await onLoad(h.context);
    const before = h.retrieveMultiple.mock.calls.length;
    attr(h.form, "statuscode").setValue(726000000);
    await Promise.all([onStatusChange(h.context), onStatusChange(h.context)]);
    expect(h.retrieveMultiple.mock.calls.length).toBe(before + 2);
  });

  it("onSave_PendingMoveWhileIncomplete_ShowsExplanation", async () => {
    const h = setup({ measures: 2, stakeholders: 1 });
    await onLoad(h.context);
    attr(h.form, "statuscode").setValue(726000000);
    await onSave(h.context);
    expect(h.notifications()[NOTIFICATION_GATE].message).toContain("Customer analysis (Business model, Products and services, Challenges)");
  });
});

describe("openReviewReport", () => {
  it("openReviewReport_SavedPlan_OpensReportWithRelativeNameAndId", () => {
    const h = setup();
    openReviewReport(h.form);
    expect(h.openWebResource).toHaveBeenCalledWith(
      "apx_/html/reviewreport.html",
      expect.objectContaining({ openInNewWindow: true }),
      "id=5f1c7a8e-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
    );
  });

  it("openReviewReport_UnsavedPlan_AsksToSaveFirst", () => {
    const h = setup({ id: "" });
    openReviewReport(h.form);
    expect(h.openWebResource).not.toHaveBeenCalled();
    expect(h.notifications().apx_report.message).toBe("Save the plan first.");
  });
});

describe("rollForward", () => {
  function withExecute(result: Promise<unknown>): { execute: ReturnType<typeof vi.fn>; openForm: ReturnType<typeof vi.fn> } {
    const execute = vi.fn(() => result);
    const openForm = vi.fn(() => Promise.resolve({ savedEntityReference: [] }));
    (Xrm.WebApi as unknown as Record<string, unknown>).online = { execute };
    (Xrm.Navigation as unknown as Record<string, unknown>).openForm = openForm;
    return { execute, openForm };
  }

  it("rollForwardRequest_Plan_BoundActionOnTheAccountPlan", () => {
    const metadata = (rollForwardRequest("abc") as { getMetadata: () => { boundParameter: string; operationType: number; operationName: string } }).getMetadata();
    expect(metadata).toMatchObject({ boundParameter: "entity", operationType: 0, operationName: "apx_RollForwardPlan" });
    expect((rollForwardRequest("abc") as { entity: unknown }).entity).toEqual({ entityType: "apx_accountplan", id: "abc" });
  });

  it("rollForward_SavedPlan_ExecutesTheApiAndOpensTheNewPlan", async () => {
    const h = setup();
    const { execute, openForm } = withExecute(Promise.resolve({ ok: true, json: () => Promise.resolve({ NewPlan: { apx_accountplanid: "9f1c7a8e-0000-4000-8000-000000000001" }, Created: true }) }));
    await rollForward(h.form);
    expect(execute).toHaveBeenCalledTimes(1);
    expect((execute.mock.calls[0] as unknown[])[0]).toMatchObject({ entity: { entityType: "apx_accountplan", id: "5f1c7a8e-2b3d-4e5f-8a9b-0c1d2e3f4a5b" } });
    expect(openForm).toHaveBeenCalledWith({ entityName: "apx_accountplan", entityId: "9f1c7a8e-0000-4000-8000-000000000001" });
  });

  it("rollForward_Refused_ShowsThePlatformMessage", async () => {
    const h = setup();
    const { openForm } = withExecute(Promise.reject({ message: "The account already has the plan \"Contoso 2028\" for the period starting 2028-01-01." }));
    await rollForward(h.form);
    expect(openForm).not.toHaveBeenCalled();
    expect(h.notifications().apx_rollforward).toEqual({ message: "The account already has the plan \"Contoso 2028\" for the period starting 2028-01-01.", level: "ERROR" });
  });

  it("rollForward_UnsavedPlan_AsksToSaveFirst", async () => {
    const h = setup({ id: "" });
    const { execute } = withExecute(Promise.resolve({}));
    await rollForward(h.form);
    expect(execute).not.toHaveBeenCalled();
    expect(h.notifications().apx_rollforward.message).toBe("Save the plan first.");
  });
});
