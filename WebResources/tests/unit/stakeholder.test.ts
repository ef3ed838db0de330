import { describe, expect, it, vi } from "vitest";
import { XrmMockGenerator } from "xrm-mock";
import { logContactRequest, logStakeholderContact, logStakeholderContactForSelection, NOTIFICATION_CONTACT } from "../../src/form/stakeholder.commands";

const STAKEHOLDER_ID = "{3A1C7A8E-2B3D-4E5F-8A9B-0C1D2E3F4A5B}";

interface Harness {
  form: Xrm.FormContext;
  execute: ReturnType<typeof vi.fn>;
  refresh: ReturnType<typeof vi.fn>;
  notifications(): Record<string, { message: string; level: string }>;
}

function setup(result: (request: unknown) => Promise<unknown>, options: { id?: string; lcid?: number } = {}): Harness {
  const xrm = XrmMockGenerator.initialise({ entity: { entityName: "apx_planstakeholder", id: options.id === undefined ? STAKEHOLDER_ID : options.id } });
  (xrm.Utility as unknown as Record<string, unknown>).getGlobalContext = () => ({ userSettings: { languageId: options.lcid || 1033 } });
  const execute = vi.fn(result);
  (xrm.WebApi as unknown as Record<string, unknown>).online = { execute };
  const form = XrmMockGenerator.getFormContext() as unknown as Xrm.FormContext;
  if (options.id === "") {
    form.data.entity.getId = () => "";
  }
  const refresh = vi.fn(() => Promise.resolve());
  (form.data as unknown as Record<string, unknown>).refresh = refresh;
  const current: Record<string, { message: string; level: string }> = {};
  form.ui.setFormNotification = (message: string, level: Xrm.FormNotificationLevel, id: string) => {
    current[id] = { message, level };
    return true;
  };
  form.ui.clearFormNotification = (id: string) => {
    delete current[id];
    return true;
  };
  return { form, execute, refresh, notifications: () => ({ ...current }) };
}

function ok(body: unknown): Promise<unknown> {
  return Promise.resolve({ ok: true, json: () => Promise.resolve(body) });
}

describe("logStakeholderContact", () => {
  it("logContactRequest_Stakeholder_BoundActionOnTheStakeholder", () => {
    const request = logContactRequest(STAKEHOLDER_ID) as { entity: unknown; getMetadata: () => Record<string, unknown> };
    expect(request.entity).toEqual({ entityType: "apx_planstakeholder", id: "3a1c7a8e-2b3d-4e5f-8a9b-0c1d2e3f4a5b" });
    expect(request.getMetadata()).toMatchObject({ boundParameter: "entity", operationType: 0, operationName: "apx_LogStakeholderContact" });
  });

  it("logStakeholderContact_SavedStakeholder_RunsTheApiRefreshesAndShowsTheNextContact", async () => {
    const h = setup(() => ok({ LastContactOn: "2027-03-15T00:00:00Z", NextContactOn: "2027-06-15T00:00:00Z" }));
    await logStakeholderContact(h.form);
    expect(h.execute).toHaveBeenCalledTimes(1);
    expect(h.refresh).toHaveBeenCalledWith(false);
    expect(h.notifications()[NOTIFICATION_CONTACT]).toEqual({ message: "Contact logged today. Next contact on Jun 15, 2027.", level: "INFO" });
  });

  it("logStakeholderContact_AdHocInGerman_SaysThereIsNoNextDate", async () => {
    const h = setup(() => ok({ LastContactOn: "2027-03-15T00:00:00Z" }), { lcid: 1031 });
    await logStakeholderContact(h.form);
    expect(h.notifications()[NOTIFICATION_CONTACT].message).toBe("Kontakt heute erfasst (ad hoc: kein nächster Kontakttermin).");
  });

  it("logStakeholderContact_Refused_ShowsThePlatformMessageAndKeepsTheForm", async () => {
    const h = setup(() => Promise.reject({ message: "You do not have write access to this stakeholder." }));
    await logStakeholderContact(h.form);
    expect(h.refresh).not.toHaveBeenCalled();
    expect(h.notifications()[NOTIFICATION_CONTACT]).toEqual({ message: "You do not have write access to this stakeholder.", level: "ERROR" });
  });

  it("logStakeholderContact_Unsaved_AsksToSaveFirst", async () => {
    const h = setup(() => ok({}), { id: "" });
    await logStakeholderContact(h.form);
    expect(h.execute).not.toHaveBeenCalled();
    expect(h.notifications()[NOTIFICATION_CONTACT].message).toBe("Save the stakeholder first.");
  });
});

describe("logStakeholderContactForSelection", () => {
  it("logStakeholderContactForSelection_OneRowRefused_LogsTheOthersRefreshesAndAlertsOnce", async () => {
    const h = setup((request) =>
      (request as { entity: { id: string } }).entity.id === "00000000-0000-4000-8000-000000000002" ? Promise.reject({ message: "No access." }) : ok({}),
    );
    const alert = vi.fn(() => Promise.resolve());
    (Xrm.Navigation as unknown as Record<string, unknown>).openAlertDialog = alert;
    const grid = { refresh: vi.fn() };

    const logged = await logStakeholderContactForSelection(
      ["{00000000-0000-4000-8000-000000000001}", "{00000000-0000-4000-8000-000000000002}", "{00000000-0000-4000-8000-000000000003}"],
      grid,
    );

    expect(logged).toBe(2);
    expect(h.execute).toHaveBeenCalledTimes(3);
    expect(grid.refresh).toHaveBeenCalledTimes(1);
    expect(alert).toHaveBeenCalledWith({ text: "No access." });
  });
});
