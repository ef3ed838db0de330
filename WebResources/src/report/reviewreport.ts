// Printable review report (apx_/html/reviewreport.html?id=<plan id>): the plan on two or three printed
// pages for the review meeting. Data through the opener's (or parent's) Xrm.WebApi; print-to-PDF exports.
import { clear, el, paragraphs, type Child } from "../shared/dom";
import { formatter } from "../shared/format";
import { choiceLabel, strings, type Strings } from "../shared/i18n";
import { contactState, isOpenDecision, isOverdue } from "../shared/kpi";
import { date, formatted, hostLang, hostXrm, loadPlan, num, recordIdFromQuery, str, type Row } from "../shared/plandata";
import { completeness, contactChip, dueContacts, kpiCards, periodText, revenueBar, sectionHeading, statusPill, trend, type Context } from "../shared/widgets";

function field(ctx: Context, column: string, label?: string | null): HTMLElement {
  const value = str(ctx.model.plan, column);
  return el(
    "div",
    { className: "field" },
    label === null ? null : el("h4", { className: "field-label", text: label || ctx.text.columns[column] || column }),
    value.trim() === "" ? el("p", { className: "not-filled", text: ctx.text.notFilled }) : paragraphs(value),
  );
}

function table(headers: string[], rows: Child[][], className: string): HTMLElement {
  return el(
    "table",
    { className: `grid ${className}` },
    el("thead", null, el("tr", null, ...headers.map((h) => el("th", { text: h, attrs: { scope: "col" } })))),
    el("tbody", null, ...rows.map((cells) => el("tr", null, ...cells.map((c) => el("td", null, c))))),
  );
}

function meta(label: string, value: Child): HTMLElement {
  return el("div", { className: "meta-item" }, el("dt", { text: label }), el("dd", null, value));
}

function titleBlock(ctx: Context): HTMLElement {
  const { text, fmt, model } = ctx;
  const plan = model.plan;
  const reason = choiceLabel(text.selectionReason, num(plan, "apx_selectionreason"), formatted(plan, "apx_selectionreason"));
  return el(
    "header",
    { className: "report-head" },
    el("div", { className: "eyebrow", text: `${text.reportTitle} \u00b7 ${text.printedOn(fmt.date(ctx.now))}` }),
    el("h1", { text: str(plan, "apx_name") }),
    el(
      "dl",
      { className: "meta" },
      meta(text.account, formatted(plan, "_apx_accountid_value") || "\u2013"),
      meta(text.period, periodText(ctx)),
      meta(text.owner, formatted(plan, "_ownerid_value") || "\u2013"),
      meta(text.status, statusPill(ctx)),
      meta(text.template, formatted(plan, "_apx_templateid_value") || "\u2013"),
      meta(text.selectionReasonLabel, reason || "\u2013"),
    ),
  );
}

function page1(ctx: Context, chartHolder: { draw: () => unknown }[]): HTMLElement {
  const { text } = ctx;
  const t = trend(ctx, { height: 190, devicePixelRatio: 2 });
  chartHolder.push(t);
  const bar = revenueBar(ctx);
  return el(
    "section",
    { className: "sheet" },
    titleBlock(ctx),
    el("section", { className: "summary" }, sectionHeading(text.managementSummary), field(ctx, "apx_managementsummary", null)),
    sectionHeading(text.kpisAndTrend),
    kpiCards(ctx),
    bar,
    el(
      "div",
      { className: "grid-2 tight" },
      el("div", null, sectionHeading(text.trend, "h3"), t.element),
      el("div", null, sectionHeading(text.completeness, "h3"), completeness(ctx, true)),
    ),
  );
}

function page2(ctx: Context): HTMLElement {
  const { text } = ctx;
  const s = text.swot;
  return el(
    "section",
    { className: "sheet page-break" },
    el("section", { className: "plan-section" }, sectionHeading(`1 \u00b7 ${text.sections.analysis}`), el("div", { className: "fields-2" }, ...["apx_businessmodel", "apx_products", "apx_challenges", "apx_markettrends"].map((c) => field(ctx, c)))),
    el(
      "section",
      { className: "plan-section" },
      sectionHeading(`2 \u00b7 ${text.sections.position}`),
      el("div", { className: "fields-3" }, ...["apx_competitiveposition", "apx_competitors", "apx_salessuccesses"].map((c) => field(ctx, c))),
      el(
        "div",
        { className: "swot" },
        el("div", { className: "swot-s" }, field(ctx, "apx_strengths", s.strengths)),
        el("div", { className: "swot-w" }, field(ctx, "apx_weaknesses", s.weaknesses)),
        el("div", { className: "swot-o" }, field(ctx, "apx_opportunities", s.opportunities)),
        el("div", { className: "swot-t" }, field(ctx, "apx_threats", s.threats)),
      ),
    ),
    el(
      "section",
      { className: "plan-section" },
      sectionHeading(`3 \u00b7 ${text.sections.goals}`),
      el(
        "dl",
        { className: "meta" },
        meta(text.columns.apx_revenuetarget, ctx.fmt.money(num(ctx.model.plan, "apx_revenuetarget"))),
        meta(text.columns.apx_margintarget, ctx.fmt.percent(num(ctx.model.plan, "apx_margintarget"), 2)),
        meta(text.columns.apx_planbudget, ctx.fmt.money(num(ctx.model.plan, "apx_planbudget"))),
        meta(text.budgetSpent, `${ctx.fmt.money(num(ctx.model.plan, "apx_measurecost"))} / ${ctx.fmt.money(num(ctx.model.plan, "apx_measurebudget"))}`),
      ),
      el("div", { className: "fields-2" }, field(ctx, "apx_financialkpis"), field(ctx, "apx_planneddevelopments")),
    ),
  );
}

function measuresTable(ctx: Context): HTMLElement {
  const { text, fmt, model, now } = ctx;
  if (model.measures.length === 0) {
    return el("p", { className: "empty", text: text.noMeasures });
  }
  const c = text.measureCols;
  return table(
    [c.name, c.responsible, c.start, c.due, c.budget, c.cost, c.status],
    model.measures.map((m) => {
      const overdue = isOverdue(m, now);
      return [
        el(
          "div",
          null,
          el("strong", { text: str(m, "apx_name") }),
          m.apx_businesscritical === true ? el("span", { className: "chip chip-critical", text: text.businessCritical }) : null,
          str(m, "apx_description") ? el("div", { className: "cell-note", text: str(m, "apx_description") }) : null,
        ),
        formatted(m, "_apx_responsibleid_value") || formatted(m, "_apx_teamid_value"),
        el("span", { className: "nowrap", text: fmt.date(date(m, "apx_startdate")) }),
        el("span", { className: overdue ? "nowrap overdue-text" : "nowrap", text: fmt.date(date(m, "apx_duedate")) }),
        el("span", { className: "nowrap", text: fmt.money(num(m, "apx_budget")) }),
        el("span", { className: "nowrap", text: fmt.money(num(m, "apx_actualcost")) }),
        overdue
          ? el("span", { className: "chip chip-behind", text: text.overdue })
          : choiceLabel(text.measureStatus, num(m, "statuscode"), formatted(m, "statuscode")),
      ];
    }),
    "measures-table",
  );
}

/** Overdue and due (within 7 days) contacts of the plan's stakeholders. */
function communicationCounts(ctx: Context): [number, number] {
  const due = dueContacts(ctx);
  const overdue = due.filter((s) => contactState(s, ctx.now) === "overdue").length;
  return [overdue, due.length - overdue];
}

function stakeholderTable(ctx: Context): HTMLElement {
  const { text, fmt, model } = ctx;
  if (model.stakeholders.length === 0) {
    return el("p", { className: "empty", text: text.noStakeholders });
  }
  const c = text.stakeholderCols;
  const label = (map: Strings["side"], row: Row, column: string): string => choiceLabel(map, num(row, column), formatted(row, column));
  return table(
    [c.name, c.role, c.influence, c.attitude, c.channel, c.frequency, text.nextContact, c.topic],
    model.stakeholders.map((s) => [
      el("div", null, el("strong", { text: str(s, "apx_name") }), el("div", { className: "cell-note", text: label(text.side, s, "apx_side") })),
      str(s, "apx_role"),
      label(text.influence, s, "apx_influence"),
      el("span", { className: `attitude attitude-${num(s, "apx_attitude") || 0}`, text: label(text.attitude, s, "apx_attitude") }),
      label(text.channel, s, "apx_channel"),
      label(text.frequency, s, "apx_frequency"),
      el("div", { className: "next-contact" }, fmt.date(date(s, "apx_nextcontacton")), contactChip(ctx, s)),
      el("div", null, el("div", { text: str(s, "apx_communicationtopic") }), el("div", { className: "cell-note", text: str(s, "apx_communicationgoal") })),
    ]),
    "stakeholder-table",
  );
}

function decisionsTable(ctx: Context): HTMLElement {
  const { text, fmt, model } = ctx;
  const open = model.decisions.filter(isOpenDecision);
  if (open.length === 0) {
    return el("p", { className: "empty", text: text.noOpenDecisions });
  }
  const c = text.decisionCols;
  return table(
    [c.name, c.type, c.budget, c.rationale, c.status],
    open.map((d) => [
      el("strong", { text: str(d, "apx_name") }),
      choiceLabel(text.decisionType, num(d, "apx_decisiontype"), formatted(d, "apx_decisiontype")),
      el("span", { className: "nowrap", text: fmt.money(num(d, "apx_requestedbudget")) }),
      str(d, "apx_rationale"),
      choiceLabel(text.decisionStatus, num(d, "statuscode"), formatted(d, "statuscode")),
    ]),
    "decision-table",
  );
}

function reviewsTable(ctx: Context): HTMLElement | null {
  const { text, fmt, model } = ctx;
  if (model.reviews.length === 0) {
    return null;
  }
  const c = text.reviewCols;
  return el(
    "section",
    { className: "plan-section" },
    sectionHeading(text.reviewHistory),
    table(
      [c.date, c.rating, c.attainment, c.completeness, c.won, c.outcome],
      model.reviews.map((r) => [
        el("div", null, el("strong", { className: "nowrap", text: fmt.date(date(r, "apx_reviewdate")) }), el("div", { className: "cell-note", text: str(r, "apx_name") })),
        el("span", { className: `rating rating-${num(r, "apx_rating") || 0}`, text: choiceLabel(text.rating, num(r, "apx_rating"), formatted(r, "apx_rating")) }),
        fmt.percent(num(r, "apx_attainmentpct"), 1),
        fmt.percent(num(r, "apx_completenesspct")),
        fmt.money(num(r, "apx_wonrevenue"), true),
        str(r, "apx_outcome"),
      ]),
      "review-table",
    ),
  );
}

function page3(ctx: Context): HTMLElement {
  const { text } = ctx;
  return el(
    "section",
    { className: "sheet flow" },
    el("section", { className: "plan-section" }, sectionHeading(`4 \u00b7 ${text.measures}`), measuresTable(ctx)),
    el(
      "section",
      { className: "plan-section" },
      sectionHeading(text.stakeholdersTitle),
      el("p", { className: "comm-summary", text: text.communicationsSummary(...communicationCounts(ctx)) }),
      stakeholderTable(ctx),
    ),
    el("section", { className: "plan-section" }, sectionHeading(text.openDecisions), decisionsTable(ctx)),
    reviewsTable(ctx),
  );
}

function toolbar(text: Strings): HTMLElement {
  const button = el("button", { className: "print-button", text: text.print, attrs: { type: "button" } });
  button.addEventListener("click", () => window.print());
  return el("div", { className: "toolbar no-print" }, button);
}

export async function renderReport(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) {
    return;
  }
  const xrm = hostXrm();
  const search = window.location.search;
  const lang = hostLang(xrm, search);
  const text = strings(lang);
  document.documentElement.lang = lang;
  const id = recordIdFromQuery(search);
  if (id === "" || !xrm) {
    clear(root);
    root.appendChild(el("p", { className: "empty", text: text.noRecord, attrs: { role: "status" } }));
    root.setAttribute("data-ready", "true");
    return;
  }
  root.setAttribute("aria-busy", "true");
  try {
    const model = await loadPlan(xrm.WebApi, id);
    const ctx: Context = { model, text, fmt: formatter(lang, model.currency), now: new Date() };
    const charts: { draw: () => unknown }[] = [];
    clear(root);
    document.title = `${text.reportTitle} \u2013 ${str(model.plan, "apx_name")}`;
    root.appendChild(toolbar(text));
    root.appendChild(page1(ctx, charts));
    root.appendChild(page2(ctx));
    root.appendChild(page3(ctx));
    charts.forEach((c) => c.draw());
  } catch {
    clear(root);
    root.appendChild(el("p", { className: "error", text: text.loadFailed, attrs: { role: "alert" } }));
  } finally {
    root.removeAttribute("aria-busy");
    root.setAttribute("data-ready", "true");
  }
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => void renderReport());
} else {
  void renderReport();
}
