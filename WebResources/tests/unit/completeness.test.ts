import { describe, expect, it } from "vitest";
import {
  evaluate,
  incompleteSections,
  isFilled,
  isGatedStatus,
  overallPercent,
  parseColumnList,
  requirementsFromTemplate,
} from "../../src/shared/completeness";
import { SECTION_COLUMNS } from "../../src/shared/schema";

describe("parseColumnList", () => {
  it("parseColumnList_MessyList_TrimsLowercasesAndDedupes", () => {
    expect(parseColumnList(" apx_Products, apx_challenges ,,apx_products;apx_markettrends\napx_x")).toEqual([
      "apx_products",
      "apx_challenges",
      "apx_markettrends",
      "apx_x",
    ]);
  });

  it("parseColumnList_InvalidNames_AreDropped", () => {
    expect(parseColumnList("apx_ok, 1bad, <script>, apx-dash")).toEqual(["apx_ok"]);
  });

  it("parseColumnList_NullOrEmpty_ReturnsEmpty", () => {
    expect(parseColumnList(null)).toEqual([]);
    expect(parseColumnList("")).toEqual([]);
  });
});

describe("requirementsFromTemplate", () => {
  it("requirementsFromTemplate_NoTemplate_RequiresEverySectionColumn", () => {
    const r = requirementsFromTemplate(null);
    expect(r.columns.analysis).toEqual(SECTION_COLUMNS.analysis);
    expect(r.columns.position).toEqual(SECTION_COLUMNS.position);
    expect(r.columns.measures).toEqual([]);
    expect(r.minMeasures).toBe(1);
    expect(r.minStakeholders).toBe(1);
  });

  it("requirementsFromTemplate_CompactTemplate_MapsSectionColumnsAndMinimums", () => {
    const r = requirementsFromTemplate({
      apx_requiredanalysis: "apx_businessmodel,apx_challenges",
      apx_requiredposition: "apx_competitiveposition",
      apx_requiredgoals: "apx_revenuetarget",
      apx_requiredsummary: "apx_managementsummary",
      apx_minmeasures: 2,
      apx_minstakeholders: 3,
    });
    expect(r.columns.analysis).toEqual(["apx_businessmodel", "apx_challenges"]);
    expect(r.columns.position).toEqual(["apx_competitiveposition"]);
    expect(r.columns.goals).toEqual(["apx_revenuetarget"]);
    expect(r.columns.summary).toEqual(["apx_managementsummary"]);
    expect(r.minMeasures).toBe(2);
    expect(r.minStakeholders).toBe(3);
  });

  it("requirementsFromTemplate_BadMinimums_CountAsZero", () => {
    const r = requirementsFromTemplate({ apx_minmeasures: -1, apx_minstakeholders: null });
    expect(r.minMeasures).toBe(0);
    expect(r.minStakeholders).toBe(0);
  });
});

describe("isFilled", () => {
  it.each([
    ["text", true],
    ["   ", false],
    ["", false],
    [0, true],
    [Number.NaN, false],
    [null, false],
    [undefined, false],
    [false, true],
    [[], false],
    [[{ id: "x" }], true],
    [new Date(2027, 0, 1), true],
  ])("isFilled_%j_Is%s", (value, expected) => {
    expect(isFilled(value)).toBe(expected);
  });
});

describe("evaluate", () => {
  const requirements = requirementsFromTemplate({
    apx_requiredanalysis: "apx_businessmodel,apx_products,apx_challenges",
    apx_requiredgoals: "apx_revenuetarget",
    apx_minmeasures: 2,
    apx_minstakeholders: 1,
  });

  it("evaluate_PartlyFilledPlan_ListsMissingColumnsAndRows", () => {
    const values: Record<string, unknown> = { apx_businessmodel: "B2B", apx_revenuetarget: 0 };
    const statuses = evaluate(requirements, (c) => values[c], { measures: 1, stakeholders: 4 });
    const analysis = statuses.find((s) => s.key === "analysis");
    expect(analysis).toEqual({
      key: "analysis",
      required: 3,
      filled: 1,
      percent: 33,
      missing: [
        { kind: "column", column: "apx_products" },
        { kind: "column", column: "apx_challenges" },
      ],
    });
    const measures = statuses.find((s) => s.key === "measures");
    expect(measures?.missing).toEqual([{ kind: "rows", what: "measures", have: 1, need: 2 }]);
    expect(measures?.percent).toBe(50);
    expect(statuses.find((s) => s.key === "goals")?.percent).toBe(100);
    expect(statuses.find((s) => s.key === "position")?.percent).toBe(100);
    expect(incompleteSections(statuses).map((s) => s.key)).toEqual(["analysis", "measures"]);
  });

  it("evaluate_AllFilled_EverySectionComplete", () => {
    const statuses = evaluate(requirements, () => "x", { measures: 5, stakeholders: 1 });
    expect(incompleteSections(statuses)).toEqual([]);
    expect(overallPercent(statuses)).toBe(100);
  });

  it("overallPercent_FilledOverRequired_RoundsDown", () => {
    const statuses = evaluate(requirements, () => null, { measures: 0, stakeholders: 1 });
    // required: 3 + 1 + 2 + 1 = 7, filled: stakeholders 1
    expect(overallPercent(statuses)).toBe(14);
  });
});

describe("isGatedStatus", () => {
  it.each([
    [726000000, true],
    [726000001, true],
    [1, false],
    [2, false],
    [null, false],
  ])("isGatedStatus_%s_Is%s", (code, expected) => {
    expect(isGatedStatus(code)).toBe(expected);
  });
});
