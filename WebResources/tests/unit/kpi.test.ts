import { describe, expect, it } from "vitest";
import { langFromLcid } from "../../src/shared/i18n";
import { attainmentPercent, contactState, elapsedPercent, isOpenDecision, isOverdue, missingLines, pace } from "../../src/shared/kpi";

const start = new Date(2027, 0, 1);
const end = new Date(2027, 11, 31);

describe("elapsedPercent", () => {
  it("elapsedPercent_MidYear_IsShareOfDaysIncludingToday", () => {
    expect(elapsedPercent(start, end, new Date(2027, 6, 2, 15, 0))).toBeCloseTo((183 * 100) / 365, 5);
  });

  it("elapsedPercent_BeforeAndAfterPeriod_IsClamped", () => {
    expect(elapsedPercent(start, end, new Date(2026, 5, 1))).toBe(0);
    expect(elapsedPercent(start, end, new Date(2028, 5, 1))).toBe(100);
  });

  it("elapsedPercent_MissingOrInvertedPeriod_IsNull", () => {
    expect(elapsedPercent(null, end, start)).toBeNull();
    expect(elapsedPercent(end, start, start)).toBeNull();
  });
});

describe("pace", () => {
  it.each([
    [80, 80, "onpace"],
    [90, 80, "onpace"],
    [70, 80, "slightly"],
    [60, 80, "behind"],
    [null, 80, "none"],
    [50, null, "none"],
  ])("pace_Attainment%sElapsed%s_Is%s", (attainment, elapsed, expected) => {
    expect(pace(attainment, elapsed)).toBe(expected);
  });
});

describe("attainmentPercent", () => {
  it("attainmentPercent_StoredValue_Wins", () => {
    expect(attainmentPercent({ apx_attainmentpct: 42.5, apx_revenuetarget: 100, apx_wonrevenue: 90 })).toBe(42.5);
  });

  it("attainmentPercent_NoStoredValue_IsWonOverTarget", () => {
    expect(attainmentPercent({ apx_revenuetarget: 200, apx_wonrevenue: 50 })).toBe(25);
  });

  it("attainmentPercent_NoTarget_IsNull", () => {
    expect(attainmentPercent({ apx_revenuetarget: 0, apx_wonrevenue: 50 })).toBeNull();
  });
});

describe("measures and decisions", () => {
  const now = new Date(2027, 9, 20, 9, 0);

  it.each([
    [1, "2027-10-19", true],
    [726000000, "2027-09-30", true],
    [1, "2027-10-20", false],
    [2, "2027-01-31", false],
    [726000001, "2027-01-31", false],
    [1, null, false],
  ])("isOverdue_Status%sDue%s_Is%s", (status, due, expected) => {
    expect(isOverdue({ statuscode: status, apx_duedate: due }, now)).toBe(expected);
  });

  it.each([
    [1, true],
    [726000000, true],
    [2, false],
    [726000001, false],
  ])("isOpenDecision_Status%s_Is%s", (status, expected) => {
    expect(isOpenDecision({ statuscode: status })).toBe(expected);
  });

  it("missingLines_PluginText_OneLinePerSection", () => {
    expect(missingLines({ apx_missingitems: "Customer analysis: Products\r\n\nOur position: Threats, Competitors\n" })).toEqual([
      "Customer analysis: Products",
      "Our position: Threats, Competitors",
    ]);
  });
});

describe("langFromLcid", () => {
  it.each([
    [1031, "de"],
    [2055, "de"],
    [3079, "de"],
    [1033, "en"],
    [1036, "en"],
    [undefined, "en"],
  ])("langFromLcid_%s_Is%s", (lcid, expected) => {
    expect(langFromLcid(lcid)).toBe(expected);
  });
});

describe("contactState", () => {
  const now = new Date(2027, 9, 20, 15, 0);

  it("contactState_NextContactDates_OverdueDueLaterNone", () => {
    expect(contactState({ apx_nextcontacton: "2027-10-19" }, now)).toBe("overdue");
    expect(contactState({ apx_nextcontacton: "2027-10-20" }, now)).toBe("due");
    expect(contactState({ apx_nextcontacton: "2027-10-27" }, now)).toBe("due");
    expect(contactState({ apx_nextcontacton: "2027-10-28" }, now)).toBe("later");
    expect(contactState({}, now)).toBe("none");
  });
});
