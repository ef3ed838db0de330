import { describe, expect, it, vi } from "vitest";
import { date, loadPlan, recordIdFromQuery, type WebApiLike } from "../../src/shared/plandata";

const ID = "5f1c7a8e-2b3d-4e5f-8a9b-0c1d2e3f4a5b";

describe("recordIdFromQuery", () => {
  it.each([
    [`?id=${ID}`, ID],
    [`?id=%7B${ID.toUpperCase()}%7D&typename=apx_accountplan`, ID],
    [`?Data=${encodeURIComponent(`id=${ID}`)}`, ID],
    [`?data=${ID}`, ID],
    ["?id=not-a-guid", ""],
    ["?id=<script>", ""],
    ["", ""],
  ])("recordIdFromQuery_%s_Is%s", (search, expected) => {
    expect(recordIdFromQuery(search)).toBe(expected);
  });
});

describe("date", () => {
  it("date_DateOnly_IsLocalMidnight", () => {
    expect(date({ d: "2027-03-31" }, "d")).toEqual(new Date(2027, 2, 31));
  });

  it("date_Garbage_IsNull", () => {
    expect(date({ d: "<b>" }, "d")).toBeNull();
    expect(date({ d: 5 }, "d")).toBeNull();
  });
});

describe("loadPlan", () => {
  function api(): WebApiLike & { calls: string[] } {
    const calls: string[] = [];
    return {
      calls,
      retrieveRecord: vi.fn((entity: string, id: string, options?: string) => {
        calls.push(`${entity} ${id} ${options}`);
        return Promise.resolve({ apx_name: "P", transactioncurrencyid: { isocurrencycode: "eur" } });
      }) as unknown as Xrm.WebApi["retrieveRecord"],
      retrieveMultipleRecords: vi.fn((entity: string, options?: string) => {
        calls.push(`${entity} ${options}`);
        return Promise.resolve({ entities: [{ apx_name: entity }], nextLink: "" });
      }) as unknown as Xrm.WebApi["retrieveMultipleRecords"],
    };
  }

  it("loadPlan_ValidId_SelectsColumnsAndFiltersChildrenByPlan", async () => {
    const fake = api();
    const model = await loadPlan(fake, `{${ID.toUpperCase()}}`);
    expect(model.plan.apx_name).toBe("P");
    expect(model.currency).toBe("EUR");
    expect(model.measures).toEqual([{ apx_name: "apx_planmeasure" }]);
    expect(fake.calls).toHaveLength(5);
    for (const call of fake.calls) {
      expect(call).toContain("?$select=");
      expect(call).not.toContain("$select=*");
    }
    expect(fake.calls.filter((c) => c.includes(`_apx_accountplanid_value eq ${ID}`))).toHaveLength(4);
    expect(fake.calls[0]).toContain(`apx_accountplan ${ID} `);
  });

  it("loadPlan_InvalidId_RejectsWithoutCalls", async () => {
    const fake = api();
    await expect(loadPlan(fake, "' or 1 eq 1")).rejects.toThrow("invalid plan id");
    expect(fake.calls).toHaveLength(0);
  });
});
