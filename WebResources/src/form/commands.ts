// What the form library's commands share: the user's language, the message of a refusal, and bound custom API
// requests for Xrm.WebApi.online.execute.
import { langFromLcid, type Lang } from "../shared/i18n";
import type { ExecuteApi } from "../shared/portfolio";

/** The Web API's execute, typed (the Xrm typings lack the online member, which a form always has). */
export function webApi(): Required<ExecuteApi> {
  return Xrm.WebApi as unknown as Required<ExecuteApi>;
}

/** The user's UI language; English when the global context is not available. */
export function userLang(): Lang {
  try {
    return langFromLcid(Xrm.Utility.getGlobalContext().userSettings.languageId);
  } catch {
    return "en";
  }
}

/** The platform's message of a refused request, or the fallback text. */
export function messageOf(error: unknown, fallback: string): string {
  return error && typeof (error as { message?: unknown }).message === "string" ? (error as { message: string }).message : fallback;
}

/** The request of a custom API bound to one row of a table (operationType 0: an action). */
export function boundActionRequest(entityType: string, id: string, operationName: string): Record<string, unknown> {
  return {
    entity: { entityType, id },
    getMetadata: () => ({
      boundParameter: "entity",
      parameterTypes: { entity: { typeName: `mscrm.${entityType}`, structuralProperty: 5 } },
      operationType: 0,
      operationName,
    }),
  };
}
