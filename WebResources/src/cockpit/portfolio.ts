// Rollout cockpit (apx_/html/portfolio.html): an HTML web resource, the "Rollout cockpit" page of the app, that
// calls apx_PortfolioStatus through the host's Xrm.WebApi and shows how the rollout of account plans is going.
import { clear, el, loadPanel, showMessage } from "../shared/dom";
import { formatter } from "../shared/format";
import { choiceLabel, strings } from "../shared/i18n";
import { hostLang, hostXrm } from "../shared/plandata";
import {
  budgetLevel,
  budgetUsePercent,
  cockpitStrings,
  coverageLevel,
  coveragePercent,
  DEFAULT_TOP,
  overdueLevel,
  parsePortfolio,
  portfolioRequest,
  VIEWS,
  type ExecuteApi,
  type Level,
  type Portfolio,
} from "../shared/portfolio";

let generation = 0;

// The panel's section heading, without importing the chart widgets (and chart.js) into this bundle.
function sectionHeading(title: string): HTMLElement {
  return el("h2", { className: "section-title", text: title });
}

function card(title: string, value: string, sub: string, level: Level, meterPct: number | null): HTMLElement {
  const box = el("div", { className: `kpi kpi-level kpi-${level}` }, el("div", { className: "kpi-title", text: title }), el("div", { className: "kpi-value", text: value }));
  if (meterPct !== null) {
    const fill = el("div", { className: "meter-fill" });
    fill.style.width = `${Math.max(0, Math.min(100, meterPct))}%`;
    box.appendChild(el("div", { className: `meter meter-${level}`, attrs: { role: "img", "aria-label": `${title} ${value}` } }, fill));
  }
  box.appendChild(el("div", { className: "kpi-sub", text: sub }));
  return box;
}

function viewLink(label: string, view: { entity: string; id: string }): HTMLElement {
  const link = el("a", { className: "view-link", text: label });
  link.href = `/main.aspx?pagetype=entitylist&etn=${view.entity}&viewid=%7B${view.id}%7D&viewtype=1039`;
  link.target = "_top";
  link.rel = "noopener";
  return link;
}

function render(root: HTMLElement, p: Portfolio, lang: "en" | "de"): void {
  const text = cockpitStrings(lang);
  const planText = strings(lang);
  const fmt = formatter(lang, "");
  const coverage = coveragePercent(p);
  const budgetUse = budgetUsePercent(p);
  clear(root);
  root.appendChild(
    el("header", { className: "panel-head" }, el("div", { className: "panel-title" }, el("h1", { text: text.title })), el("div", { className: "panel-meta", text: text.subtitle(p.planCount) })),
  );
  root.appendChild(
    el(
      "div",
      { className: "kpis" },
      card(text.coverage, fmt.percent(coverage), text.coverageSub(p.coveredAccounts, p.topAccounts), coverageLevel(coverage), coverage),
      card(text.openPlans, String(p.openPlanCount), "", "none", null),
      card(text.averageCompleteness, fmt.percent(p.averageCompleteness), "", coverageLevel(p.averageCompleteness), p.averageCompleteness),
      card(text.reviewsOverdue, String(p.reviewsOverdue), "", overdueLevel(p.reviewsOverdue), null),
      card(text.communicationsOverdue, String(p.communicationsOverdue), text.communicationsDueSub(p.communicationsDue), overdueLevel(p.communicationsOverdue), null),
      card(text.budget, fmt.percent(budgetUse), text.budgetSub(fmt.money(p.measureBudget, true), fmt.money(p.planBudget, true)), budgetLevel(budgetUse), budgetUse),
    ),
  );

  const statusBox = el("section", { className: "block", attrs: { "aria-label": text.byStatus } }, sectionHeading(text.byStatus));
  if (p.byStatus.length === 0) {
    statusBox.appendChild(el("p", { className: "empty", text: text.noPlans }));
  } else {
    const most = Math.max(...p.byStatus.map((s) => s.count));
    const bars = el("div", { className: "bars" });
    for (const s of p.byStatus) {
      const fill = el("div", { className: "meter-fill" });
      fill.style.width = `${(s.count * 100) / most}%`;
      const label = choiceLabel(planText.planStatus, s.status) || String(s.status);
      bars.appendChild(
        el(
          "div",
          { className: `bar-row status-row` },
          el("span", { className: "bar-label", text: label }),
          el("div", { className: `meter status-${s.status}`, attrs: { role: "img", "aria-label": `${label} ${s.count}` } }, fill),
          el("span", { className: "bar-value", text: String(s.count) }),
        ),
      );
    }
    statusBox.appendChild(bars);
  }

  const ownerBox = el("section", { className: "block", attrs: { "aria-label": text.byOwner } }, sectionHeading(text.byOwner));
  if (p.byOwner.length === 0) {
    ownerBox.appendChild(el("p", { className: "empty", text: text.noPlans }));
  } else {
    const head = el(
      "tr",
      null,
      el("th", { text: text.ownerCols.owner, attrs: { scope: "col" } }),
      el("th", { className: "num", text: text.ownerCols.open, attrs: { scope: "col" } }),
      el("th", { className: "num", text: text.ownerCols.active, attrs: { scope: "col" } }),
      el("th", { className: "num", text: text.ownerCols.completeness, attrs: { scope: "col" } }),
    );
    const body = el("tbody");
    for (const o of p.byOwner) {
      body.appendChild(
        el(
          "tr",
          { className: "owner-row" },
          el("td", { text: o.owner || text.unknownOwner }),
          el("td", { className: "num", text: String(o.count) }),
          el("td", { className: "num", text: String(o.active) }),
          el("td", { className: "num", text: fmt.percent(o.averageCompleteness) }),
        ),
      );
    }
    ownerBox.appendChild(el("table", { className: "grid owners" }, el("thead", null, head), body));
  }
  root.appendChild(el("div", { className: "grid-2" }, statusBox, ownerBox));

  root.appendChild(
    el(
      "nav",
      { className: "views", attrs: { "aria-label": text.views } },
      viewLink(text.viewNames.activePlans, VIEWS.activePlans),
      viewLink(text.viewNames.incompletePlans, VIEWS.incompletePlans),
      viewLink(text.viewNames.reviewsDue, VIEWS.reviewsDue),
      viewLink(text.viewNames.communicationsDue, VIEWS.communicationsDue),
    ),
  );
}

export async function refresh(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) {
    return;
  }
  const xrm = hostXrm();
  const search = window.location.search;
  const lang = hostLang(xrm, search);
  const text = cockpitStrings(lang);
  document.documentElement.lang = lang;
  const mine = ++generation;
  // The number of top accounts: "top=N" in the query or, as web resource pages pass custom values, in "data".
  const query = new URLSearchParams(search);
  const top = Number(query.get("top") ?? new URLSearchParams(query.get("data") ?? "").get("top"));
  const api = xrm ? (xrm.WebApi as unknown as ExecuteApi) : null;
  if (!api || !api.online) {
    showMessage(root, text.noHost, "empty");
    root.setAttribute("data-ready", String(mine));
    return;
  }
  const online = api.online;
  await loadPanel(
    root,
    mine,
    () => mine === generation,
    async () => {
      const response = await online.execute(portfolioRequest(Number.isInteger(top) && top >= 1 && top <= 500 ? top : DEFAULT_TOP));
      if (response.ok === false) {
        throw new Error("apx_PortfolioStatus failed");
      }
      return parsePortfolio(await response.json());
    },
    (portfolio) => render(root, portfolio, lang),
    text.loadFailed,
  );
}

const host = window as Window & { AccountPlanXrm?: { Cockpit?: { refresh: () => Promise<void> } } };
host.AccountPlanXrm = host.AccountPlanXrm || {};
host.AccountPlanXrm.Cockpit = { refresh };

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => void refresh());
} else {
  void refresh();
}
