// Command bar of the plan stakeholder: "Log contact" runs the bound custom API apx_LogStakeholderContact (the
// contact is recorded today as the caller; the next contact date follows from the agreed frequency) from the
// stakeholder form or for the rows selected in the plan's stakeholder sub-grid.
import { formatter } from "../shared/format";
import { strings } from "../shared/i18n";
import { normalizeId } from "../shared/schema";
import { boundActionRequest, messageOf, userLang, webApi } from "./commands";

export const NOTIFICATION_CONTACT = "apx_logcontact";

/** The Xrm.WebApi.online.execute request of the bound custom API for one stakeholder. */
export function logContactRequest(stakeholderId: string): Record<string, unknown> {
  return boundActionRequest("apx_planstakeholder", normalizeId(stakeholderId), "apx_LogStakeholderContact");
}

/** Reads the API's NextContactOn (absent for ad hoc) as a date, or null. */
async function nextContactOf(response: { json(): Promise<unknown> }): Promise<Date | null> {
  const body = (await response.json()) as { NextContactOn?: unknown };
  if (typeof body.NextContactOn !== "string" || body.NextContactOn === "") {
    return null;
  }
  // A date-only column comes back as midnight UTC: show that calendar day whatever the browser's time zone.
  const next = new Date(body.NextContactOn);
  return Number.isNaN(next.getTime()) ? null : new Date(next.getUTCFullYear(), next.getUTCMonth(), next.getUTCDate());
}

/** Form command: logs a contact with this stakeholder and refreshes the form's dates. */
export async function logStakeholderContact(primaryControl: Xrm.FormContext): Promise<void> {
  const lang = userLang();
  const text = strings(lang);
  const id = normalizeId(primaryControl.data.entity.getId());
  primaryControl.ui.clearFormNotification(NOTIFICATION_CONTACT);
  if (id === "") {
    primaryControl.ui.setFormNotification(text.saveStakeholderFirst, "INFO", NOTIFICATION_CONTACT);
    return;
  }
  try {
    const response = await webApi().online.execute(logContactRequest(id));
    const next = await nextContactOf(response);
    await primaryControl.data.refresh(false);
    primaryControl.ui.setFormNotification(text.contactLogged(next === null ? null : formatter(lang, "").date(next)), "INFO", NOTIFICATION_CONTACT);
  } catch (error) {
    primaryControl.ui.setFormNotification(messageOf(error, text.contactLogFailed), "ERROR", NOTIFICATION_CONTACT);
  }
}

/**
 * Sub-grid command: logs a contact with each selected stakeholder, one request each (a refusal for one row does
 * not stop the others), then refreshes the grid; the first refusal is shown in an alert dialog.
 */
export async function logStakeholderContactForSelection(selectedIds: readonly string[], gridControl: { refresh(): void } | null): Promise<number> {
  const text = strings(userLang());
  const api = webApi();
  let logged = 0;
  let firstError: string | null = null;
  for (const id of selectedIds) {
    try {
      await api.online.execute(logContactRequest(id));
      logged++;
    } catch (error) {
      firstError = firstError ?? messageOf(error, text.contactLogFailed);
    }
  }
  if (gridControl) {
    gridControl.refresh();
  }
  if (firstError !== null) {
    await Xrm.Navigation.openAlertDialog({ text: firstError });
  }
  return logged;
}
