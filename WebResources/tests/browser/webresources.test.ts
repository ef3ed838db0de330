// Browser tests: the built web resources in Debian's Chromium with a stubbed Xrm.WebApi.
import { copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyFixture, emptyPortfolioFixture, FIXED_NOW, hostileFixture, hostilePortfolioFixture, PLAN_ID, portfolioFixture, realisticFixture, type Fixture } from "../fixtures/plans";
import { chromiumAvailable, CHROMIUM, launch, ROOT, serve, session, type Served, type Session } from "./harness";

const SHOTS = join(ROOT, "out", "screenshots");
const DOCS = join(ROOT, "..", "docs");
const UPDATE_DOCS = process.env.APX_UPDATE_DOCS === "1";

let served: Served;
let browser: Browser;
const sessions: Session[] = [];

beforeAll(async () => {
  if (!chromiumAvailable()) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  }
  served = await serve();
  browser = await launch();
  await mkdir(SHOTS, { recursive: true });
});

afterAll(async () => {
  for (const s of sessions) {
    await s.context.close();
  }
  if (browser) {
    await browser.close();
  }
  if (served) {
    await new Promise((done) => served.server.close(done));
  }
});

async function shot(name: string, png: Buffer, forDocs = true): Promise<void> {
  const file = join(SHOTS, name);
  await writeFile(file, png);
  if (UPDATE_DOCS && forDocs) {
    await mkdir(DOCS, { recursive: true });
    await copyFile(file, join(DOCS, name));
  }
}

function frameOf(page: Page, name: string): Frame {
  const frame = page.frames().find((f) => f !== page.mainFrame() && f.url().includes(name));
  if (!frame) {
    throw new Error(`no frame for ${name}`);
  }
  return frame;
}

async function openInFrame(fixture: Fixture | null, resource: string, query: string, width: number): Promise<{ s: Session; frame: Frame }> {
  const s = await session(browser, fixture, FIXED_NOW, { width: width + 40, height: 1400 });
  sessions.push(s);
  const src = `/WebResources/apx_/html/${resource}${query}`;
  await s.page.goto(`${served.origin}/test/host.html?src=${encodeURIComponent(src)}&width=${width}&height=1200`);
  const frame = frameOf(s.page, resource);
  await waitReady(frame);
  // Size the frame to its content, as a form section would show it.
  const height = await frame.evaluate(() => document.documentElement.scrollHeight);
  await s.page.evaluate((h) => {
    (document.getElementById("webresource") as HTMLIFrameElement).height = String(h);
  }, height);
  return { s, frame };
}

const panel = (fixture: Fixture | null, width = 820, query = `?id=${PLAN_ID}&typename=apx_accountplan`) => openInFrame(fixture, "planhealth.html", query, width);

async function openReportWindow(fixture: Fixture): Promise<{ s: Session; report: Page }> {
  const s = await session(browser, fixture, FIXED_NOW);
  sessions.push(s);
  const src = `/WebResources/apx_/html/reviewreport.html?data=${encodeURIComponent(`id=${PLAN_ID}`)}`;
  await s.page.goto(`${served.origin}/test/host.html?mode=popup&src=${encodeURIComponent(src)}`);
  const [report] = await Promise.all([s.context.waitForEvent("page"), s.page.evaluate(() => (window as unknown as { __openReport: () => unknown }).__openReport() && true)]);
  await report.setViewportSize({ width: 1024, height: 1200 });
  await waitReady(report);
  return { s, report };
}

/** Polls from Node: the page's own timers run under the fixed test clock. */
async function waitReady(target: Frame | Page): Promise<void> {
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline) {
    if (await target.evaluate(() => document.querySelector("#app[data-ready]") !== null)) {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("web resource did not finish rendering");
}

function pdfPages(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
}

async function texts(frame: Frame | Page, selector: string): Promise<string[]> {
  return frame.$$eval(selector, (nodes) => nodes.map((n) => (n.textContent || "").replace(/\s+/g, " ").trim()));
}

async function assertNothingExecuted(s: Session, frame: Frame | Page): Promise<void> {
  expect(await s.page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(await frame.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(await frame.$$eval("#app img, #app script, #app b, #app iframe", (n) => n.length)).toBe(0);
  expect(s.dialogs).toEqual([]);
  expect(s.problems).toEqual([]);
}

describe("plan health panel", () => {
  it("shows KPIs, completeness, measures and trend of a realistic plan", async () => {
    const { s, frame } = await panel(realisticFixture());
    expect(await frame.textContent("h1")).toBe("Northwind Pharma 2027");
    const values = await texts(frame, ".kpi-value");
    expect(values).toEqual(["€2,400,000", "€1,680,000", "€1,450,000", "€610,000", "70 %"]);
    expect(await texts(frame, ".kpi-attainment .chip")).toEqual(["Slightly behind"]);
    expect(await texts(frame, ".bar-label")).toEqual([
      "Customer analysis",
      "Our position",
      "Sales goals",
      "Operative measures",
      "Stakeholders and communication",
      "Management summary",
    ]);
    expect(await texts(frame, ".missing li")).toEqual(["Our position: Threats"]);
    const overdue = await texts(frame, ".tl-row.m-overdue .tl-name");
    expect(overdue).toEqual(["Joint innovation workshop with R&D"]);
    expect(await frame.$$eval(".tl-row", (n) => n.length)).toBe(7);
    expect(await frame.$$eval(".tl-row.m-cancelled", (n) => n.length)).toBe(1);
    const drawn = await frame.$eval(".chart canvas", (c) => (c as HTMLCanvasElement).width > 100 && (c as HTMLCanvasElement).toDataURL().length > 8000);
    expect(drawn).toBe(true);
    expect(s.problems).toEqual([]);
    expect(s.dialogs).toEqual([]);
    await shot("planhealth.png", await s.page.locator("#webresource").screenshot());
  });

  it("lists the stakeholders whose next contact is overdue or due within 7 days, most urgent first", async () => {
    const { s, frame } = await panel(realisticFixture());
    expect(await texts(frame, ".comm-row .comm-name")).toEqual(["Dr. Katrin Vogel", "Sophie Lang", "Michael Braun"]);
    expect(await texts(frame, ".comm-row .chip")).toEqual(["overdue", "due", "due"]);
    expect(await frame.$$eval(".comm-row", (n) => n.map((e) => e.className))).toEqual(["comm-row comm-overdue", "comm-row comm-due", "comm-row comm-due"]);
    expect(s.problems).toEqual([]);
  });

  it("asks Xrm.WebApi for named columns of the plan and its children only", async () => {
    const { s } = await panel(realisticFixture());
    const calls = await s.page.evaluate(() => (window as unknown as { __apxCalls: { entity: string; options: string }[] }).__apxCalls);
    expect(calls.map((c) => c.entity).sort()).toEqual(["apx_accountplan", "apx_plandecision", "apx_planmeasure", "apx_planreview", "apx_planstakeholder"]);
    for (const call of calls) {
      expect(call.options).toMatch(/^\?\$select=[a-z_,]+/);
      if (call.entity !== "apx_accountplan") {
        expect(call.options).toContain(`_apx_accountplanid_value eq ${PLAN_ID}`);
      }
    }
  });

  it("stays readable at a narrow form-section width without horizontal scrolling", async () => {
    const { s, frame } = await panel(realisticFixture(), 400);
    const overflow = await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot("planhealth-narrow.png", await s.page.locator("#webresource").screenshot());
  });

  it("speaks German to a German user", async () => {
    const { frame } = await panel(realisticFixture(1031));
    expect(await texts(frame, ".kpi-title")).toEqual(["Umsatzziel", "Gewonnener Umsatz", "Offene Pipeline", "Gewichtete Pipeline", "Zielerreichung"]);
    expect((await texts(frame, ".kpi-value"))[0]).toBe("2.400.000 €");
    expect(await frame.getAttribute("html", "lang")).toBe("de");
  });

  it("renders an empty plan without errors or placeholders leaking", async () => {
    const { s, frame } = await panel(emptyFixture());
    const body = (await frame.textContent("#app")) || "";
    expect(body).not.toMatch(/NaN|undefined|null|Infinity/);
    expect(body).toContain("No measures yet.");
    expect(body).toContain("No review held yet");
    expect(await texts(frame, ".kpi-value")).toEqual(["\u2013", "\u2013", "\u2013", "\u2013", "\u2013"]);
    expect(s.problems).toEqual([]);
  });

  it("shows markup from the data as text and executes none of it", async () => {
    const { s, frame } = await panel(hostileFixture());
    expect(await frame.textContent("h1")).toContain('<img src=x onerror="window.top.__pwned');
    expect((await frame.textContent(".tl-name")) || "").toContain("<script>");
    await assertNothingExecuted(s, frame);
    await shot("planhealth-hostile.png", await s.page.locator("#webresource").screenshot(), false);
  });

  it("asks to save a new plan that has no id yet", async () => {
    const { s, frame } = await panel(realisticFixture(), 820, "?typename=apx_accountplan");
    expect(await frame.textContent("#app")).toContain("Save the plan to see its health.");
    const calls = await s.page.evaluate(() => (window as unknown as { __apxCalls: unknown[] }).__apxCalls.length);
    expect(calls).toBe(0);
  });

  it("shows the plan once the form hands over the id after the first save", async () => {
    const { frame } = await panel(realisticFixture(), 820, "?typename=apx_accountplan");
    await frame.evaluate((id) => (window as unknown as { AccountPlanXrm: { Health: { refresh: (id: string) => Promise<void> } } }).AccountPlanXrm.Health.refresh(id), PLAN_ID);
    expect(await frame.textContent("h1")).toBe("Northwind Pharma 2027");
  });

  it("reports a plan that cannot be read", async () => {
    const fixture = realisticFixture();
    fixture.plan = null;
    const { frame } = await panel(fixture);
    expect(await frame.textContent("#app .error")).toBe("The plan could not be loaded.");
  });
});

const cockpit = (fixture: Fixture | null, width = 1100, query = "") => openInFrame(fixture, "portfolio.html", query, width);

describe("rollout cockpit", () => {
  it("shows coverage, plans per status and owner, overdue work and budgets of the portfolio", async () => {
    const { s, frame } = await cockpit(portfolioFixture());
    expect(await frame.textContent("h1")).toBe("Rollout cockpit");
    expect(await texts(frame, ".kpi-value")).toEqual(["65 %", "27", "71 %", "2", "5", "109 %"]);
    expect(await texts(frame, ".kpi-sub")).toEqual([
      "13 of the top 20 with an active plan",
      "",
      "",
      "",
      "9 due within 7 days or overdue",
      "412.5K of 380K planned",
    ]);
    expect(await frame.$$eval(".kpi-level", (n) => n.map((e) => e.className.replace("kpi kpi-level ", "")))).toEqual(["kpi-warn", "kpi-none", "kpi-warn", "kpi-warn", "kpi-bad", "kpi-warn"]);
    expect(await texts(frame, ".status-row .bar-label")).toEqual(["Draft", "In review", "Active", "Closed", "Cancelled"]);
    expect(await texts(frame, ".status-row .bar-value")).toEqual(["6", "4", "17", "3", "1"]);
    expect(await texts(frame, ".owner-row td")).toEqual(["Anna Becker", "9", "7", "84 %", "Jonas Weber", "11", "6", "64 %", "Mia Schneider", "7", "4", "66 %"]);
    const links = await frame.$$eval(".view-link", (n) => n.map((a) => [(a.textContent || "").trim(), (a as HTMLAnchorElement).getAttribute("href"), (a as HTMLAnchorElement).target]));
    expect(links.map((l) => l[0])).toEqual(["Active plans", "Incomplete plans", "Reviews due", "My communications due"]);
    expect(links[3][1]).toBe("/main.aspx?pagetype=entitylist&etn=apx_planstakeholder&viewid=%7B57cfdaa3-46c2-5543-91be-cebdf83d11fe%7D&viewtype=1039");
    expect(links.every((l) => l[2] === "_top")).toBe(true);
    expect(s.problems).toEqual([]);
    expect(s.dialogs).toEqual([]);
    await shot("portfolio.png", await frame.locator("#app").screenshot());
  });

  it("calls apx_PortfolioStatus once as an unbound action with the Top of the query string", async () => {
    const { s } = await cockpit(portfolioFixture(), 1100, "?top=50");
    const calls = await s.page.evaluate(() => (window as unknown as { __apxCalls: { op: string; operationName: string; operationType: number; top: number }[] }).__apxCalls);
    expect(calls).toEqual([{ op: "execute", operationName: "apx_PortfolioStatus", operationType: 0, top: 50 }]);
  });

  it("speaks German to a German user", async () => {
    const { frame } = await cockpit(portfolioFixture(1031));
    expect(await frame.textContent("h1")).toBe("Rollout-Cockpit");
    expect(await texts(frame, ".status-row .bar-label")).toEqual(["Entwurf", "In Prüfung", "Aktiv", "Abgeschlossen", "Abgebrochen"]);
    expect((await texts(frame, ".kpi-sub"))[0]).toBe("13 der Top 20 mit aktivem Plan");
  });

  it("shows a rollout that has not started without errors", async () => {
    const { s, frame } = await cockpit(emptyPortfolioFixture());
    expect(await texts(frame, ".kpi-value")).toEqual(["0 %", "0", "\u2013", "0", "0", "\u2013"]);
    expect(await texts(frame, ".empty")).toEqual(["No plans yet.", "No plans yet."]);
    expect(s.problems).toEqual([]);
  });

  it("shows markup from the data as text, coerces nonsense numbers and executes nothing", async () => {
    const { s, frame } = await cockpit(hostilePortfolioFixture());
    expect(await texts(frame, ".kpi-value")).toEqual(["100 %", "0", "\u2013", "0", "2", "0 %"]);
    expect((await texts(frame, ".owner-row td"))[0]).toContain('<img src=x onerror="window.top.__pwned');
    expect(await texts(frame, ".status-row .bar-value")).toEqual(["2", "1"]);
    await assertNothingExecuted(s, frame);
    await shot("portfolio-hostile.png", await s.page.locator("#webresource").screenshot(), false);
  });

  it("reports a status the service refuses", async () => {
    const { s, frame } = await cockpit({ ...portfolioFixture(), portfolio: undefined });
    expect(await frame.textContent("#app")).toContain("The portfolio status could not be loaded.");
    expect(s.problems).toEqual([]);
  });
});

describe("review report", () => {
  it("lays out the realistic plan on three printed pages from the opener's Xrm", async () => {
    const { s, report } = await openReportWindow(realisticFixture());
    expect(await report.textContent("h1")).toBe("Northwind Pharma 2027");
    expect(await report.$$eval(".sheet", (n) => n.length)).toBe(3);
    const headings = await texts(report, ".sheet > h2.section-title, .sheet section > h2.section-title");
    expect(headings).toEqual([
      "Management summary",
      "KPIs and trend",
      "1 · Customer analysis",
      "2 · Our position",
      "3 · Sales goals",
      "4 · Operative measures",
      "Stakeholders and communication plan",
      "Open decisions for the steering committee",
      "Review history",
    ]);
    expect(await report.$$eval(".measures-table tbody tr", (n) => n.length)).toBe(7);
    expect(await report.$$eval(".measures-table .chip-behind", (n) => n.length)).toBe(1);
    expect(await report.$$eval(".stakeholder-table tbody tr", (n) => n.length)).toBe(6);
    expect(await texts(report, ".decision-table tbody tr td:first-child")).toEqual(["Budget for the EU roll-out, phase 2", "Co-funded innovation lab"]);
    expect(await report.$$eval(".review-table tbody tr", (n) => n.length)).toBe(3);
    expect(await report.$eval(".chart canvas", (c) => (c as HTMLCanvasElement).toDataURL().length > 8000)).toBe(true);

    await shot("reviewreport.png", await report.locator(".sheet").first().screenshot());
    await shot("reviewreport-pages.png", await report.screenshot({ fullPage: true }));
    await report.emulateMedia({ media: "print" });
    const pdf = await report.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    await writeFile(join(ROOT, "out", "reviewreport.pdf"), pdf);
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(3);
    expect(s.problems).toEqual([]);
    expect(s.dialogs).toEqual([]);
  });

  it("shows due and overdue communications with the stakeholders", async () => {
    const { report } = await openReportWindow(realisticFixture());
    expect(await texts(report, ".comm-summary")).toEqual(["Communications: 1 overdue, 2 due within 7 days."]);
    expect(await texts(report, ".stakeholder-table .next-contact .chip")).toEqual(["overdue", "due", "due"]);
  });

  it("hides the toolbar when printed", async () => {
    const { report } = await openReportWindow(realisticFixture());
    expect(await report.isVisible(".print-button")).toBe(true);
    await report.emulateMedia({ media: "print" });
    expect(await report.isVisible(".print-button")).toBe(false);
  });

  it("prints an empty plan with clear gaps, within three pages", async () => {
    const { s, report } = await openReportWindow(emptyFixture());
    const body = (await report.textContent("#app")) || "";
    expect(body).not.toMatch(/NaN|undefined|null|Infinity/);
    expect(await report.$$eval(".not-filled", (n) => n.length)).toBe(14);
    expect(body).toContain("No open decisions.");
    expect(body).toContain("No stakeholders recorded.");
    const pdf = await report.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    expect(pdfPages(pdf)).toBeLessThanOrEqual(3);
    expect(s.problems).toEqual([]);
  });

  it("shows markup from the data as text and executes none of it", async () => {
    const { s, report } = await openReportWindow(hostileFixture());
    expect(await report.textContent("h1")).toContain("<script>window.top.__pwned='plan.apx_name'</script>");
    expect((await report.textContent(".summary")) || "").toContain("<img src=x");
    expect((await report.textContent(".stakeholder-table")) || "").toContain("<b>stakeholder0.attitude</b>");
    await assertNothingExecuted(s, report);
  });

  it("works embedded in a form through the parent's Xrm, in German", async () => {
    const { frame } = await openInFrame(realisticFixture(1031), "reviewreport.html", `?id=${PLAN_ID}`, 1000);
    expect(await frame.textContent(".eyebrow")).toContain("Accountplan-Review");
    expect(await texts(frame, ".decision-table thead th")).toEqual(["Entscheidung", "Art", "Beantragtes Budget", "Begründung", "Status"]);
  });
});

describe("form library bundle", () => {
  it("exposes the AccountPlanXrm.Form handlers as a strict ES2018 script", async () => {
    const s = await session(browser, null, FIXED_NOW);
    sessions.push(s);
    await s.page.goto(`${served.origin}/test/host.html`);
    await s.page.addScriptTag({ url: "/WebResources/apx_/scripts/accountplan.form.js" });
    const members = await s.page.evaluate(() => {
      const ns = (window as unknown as { AccountPlanXrm: { Form: Record<string, unknown> } }).AccountPlanXrm.Form;
      return Object.keys(ns)
        .filter((k) => typeof ns[k] === "function")
        .sort();
    });
    expect(members).toEqual([
      "logStakeholderContact",
      "logStakeholderContactForSelection",
      "onLoad",
      "onSave",
      "onSectionChange",
      "onStatusChange",
      "openReviewReport",
      "rollForward",
    ]);
    expect(s.problems).toEqual([]);
  });

  it("exposes every AccountPlanXrm.Form function that a form event or a command of the solution calls", async () => {
    const called = new Set<string>();
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          await walk(path);
        } else if (entry.name.endsWith(".xml")) {
          for (const match of (await readFile(path, "utf8")).matchAll(/(?:functionName|FunctionName)="AccountPlanXrm\.Form\.([A-Za-z]+)"/g)) {
            called.add(match[1]);
          }
        }
      }
    };
    await walk(join(ROOT, "..", "Solution", "src", "Entities"));
    const s = await session(browser, null, FIXED_NOW);
    sessions.push(s);
    await s.page.goto(`${served.origin}/test/host.html`);
    await s.page.addScriptTag({ url: "/WebResources/apx_/scripts/accountplan.form.js" });
    const missing = await s.page.evaluate((names) => {
      const ns = (window as unknown as { AccountPlanXrm: { Form: Record<string, unknown> } }).AccountPlanXrm.Form;
      return names.filter((n) => typeof ns[n] !== "function");
    }, [...called]);
    expect(called.has("logStakeholderContact")).toBe(true);
    expect(missing).toEqual([]);
  });
});
