// Plan health panel (apx_/html/planhealth.html): an HTML web resource on the plan form that reads the
// plan through the parent form's Xrm.WebApi and shows KPIs, completeness, measures and the trend.
import { clear, el, loadPanel, showMessage } from "../shared/dom";
import { formatter } from "../shared/format";
import { strings } from "../shared/i18n";
import { date, formatted, hostLang, hostXrm, loadPlan, recordIdFromQuery, str } from "../shared/plandata";
import { normalizeId } from "../shared/schema";
import { communications, completeness, kpiCards, measuresTimeline, revenueBar, sectionHeading, statusPill, trend, type Context } from "../shared/widgets";
import type { Chart } from "chart.js";

let charts: Chart[] = [];
let generation = 0;

function render(root: HTMLElement, ctx: Context): void {
  const { text, fmt, model } = ctx;
  const plan = model.plan;
  const calculated = date(plan, "apx_kpiscalculatedon");
  const header = el(
    "header",
    { className: "panel-head" },
    el("div", { className: "panel-title" }, el("h1", { text: str(plan, "apx_name") }), statusPill(ctx)),
    el("div", { className: "panel-meta", text: [formatted(plan, "_apx_accountid_value"), formatted(plan, "_apx_templateid_value")].filter((s) => s !== "").join(" \u00b7 ") }),
  );
  const trendChart = trend(ctx, { height: 220 });
  clear(root);
  root.appendChild(header);
  root.appendChild(kpiCards(ctx));
  const bar = revenueBar(ctx);
  if (bar) {
    root.appendChild(bar);
  }
  root.appendChild(
    el(
      "div",
      { className: "grid-2" },
      el("section", { className: "block", attrs: { "aria-label": text.completeness } }, sectionHeading(text.completeness), completeness(ctx, true)),
      el("section", { className: "block", attrs: { "aria-label": text.trend } }, sectionHeading(text.trend), trendChart.element),
    ),
  );
  root.appendChild(el("section", { className: "block", attrs: { "aria-label": text.measuresTimeline } }, sectionHeading(text.measuresTimeline), measuresTimeline(ctx)));
  root.appendChild(el("section", { className: "block", attrs: { "aria-label": text.communicationsDue } }, sectionHeading(text.communicationsDue), communications(ctx)));
  root.appendChild(el("footer", { className: "panel-foot", text: calculated ? text.calculatedOn(fmt.dateTime(calculated)) : text.notCalculated }));
  const chart = trendChart.draw();
  if (chart) {
    charts.push(chart);
  }
}

/**
 * Loads the plan and renders the panel. The form calls it after a save with the record id, which a
 * plan saved for the first time did not have when the panel was loaded.
 */
export async function refresh(planId?: string): Promise<void> {
  const root = document.getElementById("app");
  if (!root) {
    return;
  }
  const xrm = hostXrm();
  const search = window.location.search;
  const lang = hostLang(xrm, search);
  const text = strings(lang);
  document.documentElement.lang = lang;
  const id = normalizeId(planId) || recordIdFromQuery(search);
  const mine = ++generation;
  charts.forEach((c) => c.destroy());
  charts = [];
  if (id === "" || !xrm) {
    showMessage(root, text.noRecord, "empty");
    root.setAttribute("data-ready", String(mine));
    return;
  }
  await loadPanel(
    root,
    mine,
    () => mine === generation,
    () => loadPlan(xrm.WebApi, id),
    (model) => render(root, { model, text, fmt: formatter(lang, model.currency), now: new Date() }),
    text.loadFailed,
  );
}

const host = window as Window & { AccountPlanXrm?: { Health?: { refresh: (planId?: string) => Promise<void> } } };
host.AccountPlanXrm = host.AccountPlanXrm || {};
host.AccountPlanXrm.Health = { refresh };

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => void refresh());
} else {
  void refresh();
}
