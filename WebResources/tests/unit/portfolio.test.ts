import { describe, expect, it } from "vitest";
import { budgetLevel, budgetUsePercent, coverageLevel, coveragePercent, overdueLevel, parsePortfolio, portfolioRequest } from "../../src/shared/portfolio";

describe("parsePortfolio", () => {
  it("parsePortfolio_ApiResponse_ReadsFiguresAndRows", () => {
    const p = parsePortfolio({
      PlanCount: 5,
      OpenPlanCount: 4,
      TopAccounts: 20,
      CoveredAccounts: 3,
      AverageCompleteness: 62.5,
      ReviewsOverdue: 1,
      CommunicationsDue: 4,
      CommunicationsOverdue: 2,
      MeasureBudget: 1000,
      PlanBudget: 800,
      PlansByStatus: [{ statuscode: 1, count: 2 }, { statuscode: 726000001, count: 0 }],
      PlansByOwner: [{ ownername: "Kim", count: 4, active: 1, averagecompleteness: 62.5 }],
    });
    expect(p.coveredAccounts).toBe(3);
    expect(p.averageCompleteness).toBe(62.5);
    expect(p.byStatus).toEqual([{ status: 1, count: 2 }]);
    expect(p.byOwner).toEqual([{ owner: "Kim", count: 4, active: 1, averageCompleteness: 62.5 }]);
    expect(coveragePercent(p)).toBe(15);
    expect(budgetUsePercent(p)).toBe(125);
  });

  it("parsePortfolio_Nonsense_CountsAsZeroOrEmpty", () => {
    const p = parsePortfolio({ PlanCount: "7", OpenPlanCount: -1, TopAccounts: 2, CoveredAccounts: 5, PlansByStatus: "x", PlansByOwner: [null, 3] });
    expect(p.planCount).toBe(0);
    expect(p.openPlanCount).toBe(0);
    expect(p.coveredAccounts).toBe(2);
    expect(p.averageCompleteness).toBeNull();
    expect(p.byStatus).toEqual([]);
    expect(p.byOwner).toEqual([]);
    expect(parsePortfolio(null).topAccounts).toBe(0);
  });

  it("coveragePercent_NoRanking_IsNull", () => {
    expect(coveragePercent(parsePortfolio({ TopAccounts: 0 }))).toBeNull();
    expect(budgetUsePercent(parsePortfolio({ MeasureBudget: 10, PlanBudget: 0 }))).toBeNull();
  });
});

describe("levels", () => {
  it("levels_Thresholds_GoodWarnBad", () => {
    expect([coverageLevel(80), coverageLevel(50), coverageLevel(49.9), coverageLevel(null)]).toEqual(["good", "warn", "bad", "none"]);
    expect([overdueLevel(0), overdueLevel(3), overdueLevel(4)]).toEqual(["good", "warn", "bad"]);
    expect([budgetLevel(100), budgetLevel(110), budgetLevel(110.1), budgetLevel(null)]).toEqual(["good", "warn", "bad", "none"]);
  });
});

describe("portfolioRequest", () => {
  it("portfolioRequest_Top_UnboundActionWithInt32Parameter", () => {
    const request = portfolioRequest(30) as { Top: number; getMetadata: () => { boundParameter: unknown; operationType: number; operationName: string; parameterTypes: Record<string, { typeName: string }> } };
    const metadata = request.getMetadata();
    expect(request.Top).toBe(30);
    expect(metadata.boundParameter).toBeNull();
    expect(metadata.operationType).toBe(0);
    expect(metadata.operationName).toBe("apx_PortfolioStatus");
    expect(metadata.parameterTypes.Top.typeName).toBe("Edm.Int32");
  });
});
