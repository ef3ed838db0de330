// Building blocks shared by the plan health panel and the review report.
import type { ChartDataset } from "chart.js";
import { CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from "./chartlib";
import { el, type Child } from "./dom";
import type { Formatter } from "./format";
import { choiceLabel, type Strings } from "./i18n";
import { attainmentPercent, contactState, elapsedPercent, isOverdue, missingLines, pace, type Pace } from "./kpi";
import { date, formatted, num, str, type PlanModel, type Row } from "./plandata";
import { COMPLETENESS_COLUMN, MeasureStatus, ReviewRating, SECTION_KEYS } from "./schema";

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip, Filler);

export const COLORS = {
  brand: "#0f6cbd",
  brandLight: "#b4d6fa",
  good: "#107c10",
  warn: "#bc4b09",
  bad: "#c50f1f",
  grey: "#8a8886",
  ink: "#242424",
  teal: "#038387",
};

export interface Context {
  model: PlanModel;
  text: Strings;
  fmt: Formatter;
  now: Date;
}

function paceLabel(text: Strings, p: Pace): string {
  switch (p) {
    case "onpace":
      return text.onPace;
    case "slightly":
      return text.slightlyBehind;
    case "behind":
      return text.behind;
    default:
      return text.noTarget;
  }
}

export function periodText(ctx: Context): string {
  const plan = ctx.model.plan;
  return `${ctx.fmt.date(date(plan, "apx_periodstart"))} \u2013 ${ctx.fmt.date(date(plan, "apx_periodend"))}`;
}

export function statusPill(ctx: Context): HTMLElement {
  const code = num(ctx.model.plan, "statuscode");
  const label = choiceLabel(ctx.text.planStatus, code, formatted(ctx.model.plan, "statuscode"));
  return el("span", { className: `pill pill-status-${code === null ? "none" : String(code)}`, text: label || "\u2013" });
}

function card(title: string, value: string, sub: Child, extra?: Child, className?: string): HTMLElement {
  return el(
    "div",
    { className: `kpi${className ? " " + className : ""}` },
    el("div", { className: "kpi-title", text: title }),
    el("div", { className: "kpi-value", text: value }),
    extra,
    sub ? el("div", { className: "kpi-sub" }, sub) : null,
  );
}

function meter(valuePct: number, markerPct: number | null, className: string, label: string): HTMLElement {
  const fill = el("div", { className: "meter-fill" });
  fill.style.width = `${Math.max(0, Math.min(100, valuePct))}%`;
  const bar = el("div", { className: `meter ${className}`, attrs: { role: "img", "aria-label": label } }, fill);
  if (markerPct !== null) {
    const marker = el("div", { className: "meter-marker" });
    marker.style.left = `${Math.max(0, Math.min(100, markerPct))}%`;
    bar.appendChild(marker);
  }
  return bar;
}

/** KPI cards: target, won, open and weighted pipeline, attainment against the time elapsed. */
export function kpiCards(ctx: Context): HTMLElement {
  const { text, fmt } = ctx;
  const plan = ctx.model.plan;
  const target = num(plan, "apx_revenuetarget");
  const won = num(plan, "apx_wonrevenue");
  const open = num(plan, "apx_openpipeline");
  const weighted = num(plan, "apx_weightedpipeline");
  const attainment = attainmentPercent(plan);
  const elapsed = elapsedPercent(date(plan, "apx_periodstart"), date(plan, "apx_periodend"), ctx.now);
  const p = target !== null && target > 0 ? pace(attainment, elapsed) : "none";
  const gap = target !== null && won !== null && target > won ? text.gap(fmt.money(target - won, true)) : "";
  return el(
    "div",
    { className: "kpis" },
    card(text.target, fmt.money(target), periodText(ctx)),
    card(text.won, fmt.money(won), attainment === null ? "" : text.ofTarget(fmt.percent(attainment, 1)), null, "kpi-won"),
    card(text.openPipeline, fmt.money(open), gap),
    card(text.weightedPipeline, fmt.money(weighted), open !== null && open > 0 && weighted !== null ? fmt.percent((weighted * 100) / open) : ""),
    card(
      text.attainment,
      fmt.percent(attainment, 1),
      `${text.timeElapsed} ${fmt.percent(elapsed)}`,
      el(
        "div",
        null,
        meter(attainment === null ? 0 : attainment, elapsed, `meter-${p}`, `${text.attainment} ${fmt.percent(attainment, 1)}, ${text.timeElapsed} ${fmt.percent(elapsed)}`),
        el("span", { className: `chip chip-${p}`, text: paceLabel(text, p) }),
      ),
      `kpi-attainment kpi-${p}`,
    ),
  );
}

/** Revenue bar: won and weighted pipeline stacked against the target. */
export function revenueBar(ctx: Context): HTMLElement | null {
  const plan = ctx.model.plan;
  const target = num(plan, "apx_revenuetarget");
  if (target === null || target <= 0) {
    return null;
  }
  const won = Math.max(0, num(plan, "apx_wonrevenue") || 0);
  const weighted = Math.max(0, num(plan, "apx_weightedpipeline") || 0);
  const scale = Math.max(target, won + weighted) * 1.02;
  const wonPart = el("div", { className: "stack-won" });
  wonPart.style.width = `${(won * 100) / scale}%`;
  const weightedPart = el("div", { className: "stack-weighted" });
  weightedPart.style.width = `${(weighted * 100) / scale}%`;
  const marker = el("div", { className: "stack-target", title: ctx.text.target });
  marker.style.left = `${(target * 100) / scale}%`;
  const { text, fmt } = ctx;
  return el(
    "div",
    { className: "stack-wrap" },
    el(
      "div",
      {
        className: "stack",
        attrs: {
          role: "img",
          "aria-label": `${text.won} ${fmt.money(won)}, ${text.weightedPipeline} ${fmt.money(weighted)}, ${text.target} ${fmt.money(target)}`,
        },
      },
      wonPart,
      weightedPart,
      marker,
    ),
    el(
      "div",
      { className: "legend" },
      el("span", { className: "key key-won" }),
      `${text.won} ${fmt.money(won, true)}`,
      el("span", { className: "key key-weighted" }),
      `${text.weightedPipeline} ${fmt.money(weighted, true)}`,
      el("span", { className: "key key-target" }),
      `${text.target} ${fmt.money(target, true)}`,
    ),
  );
}

/** Completeness per section (the plugin's figures) and the missing items it reported. */
export function completeness(ctx: Context, showMissing: boolean): HTMLElement {
  const { text, fmt } = ctx;
  const plan = ctx.model.plan;
  const rows = el("div", { className: "bars" });
  for (const key of SECTION_KEYS) {
    const value = num(plan, COMPLETENESS_COLUMN[key]);
    const level = value === null ? "none" : value >= 100 ? "full" : value >= 50 ? "part" : "low";
    rows.appendChild(
      el(
        "div",
        { className: `bar-row bar-${level}` },
        el("span", { className: "bar-label", text: text.sections[key] }),
        meter(value === null ? 0 : value, null, `meter-${level}`, `${text.sections[key]} ${fmt.percent(value)}`),
        el("span", { className: "bar-value", text: fmt.percent(value) }),
      ),
    );
  }
  const overall = num(plan, "apx_completenesspct");
  const box = el(
    "div",
    { className: "completeness" },
    el("div", { className: "overall" }, el("span", { className: "overall-value", text: fmt.percent(overall) }), el("span", { className: "overall-label", text: text.overall })),
    rows,
  );
  if (showMissing) {
    const lines = missingLines(plan);
    box.appendChild(
      lines.length === 0
        ? el("p", { className: "missing-none", text: text.nothingMissing })
        : el("ul", { className: "missing", attrs: { "aria-label": text.missing } }, ...lines.map((line) => el("li", { text: line }))),
    );
  }
  return box;
}

function measureStatusClass(measure: Row, now: Date): string {
  if (isOverdue(measure, now)) {
    return "m-overdue";
  }
  switch (num(measure, "statuscode")) {
    case MeasureStatus.Done:
      return "m-done";
    case MeasureStatus.InProgress:
      return "m-progress";
    case MeasureStatus.Cancelled:
      return "m-cancelled";
    default:
      return "m-planned";
  }
}

/** Measures on a timeline across the plan period, overdue ones marked. */
export function measuresTimeline(ctx: Context): HTMLElement {
  const { text, fmt, now } = ctx;
  const measures = ctx.model.measures;
  if (measures.length === 0) {
    return el("p", { className: "empty", text: text.noMeasures });
  }
  const times: number[] = [];
  for (const m of measures) {
    for (const column of ["apx_startdate", "apx_duedate"]) {
      const d = date(m, column);
      if (d) {
        times.push(d.getTime());
      }
    }
  }
  const planStart = date(ctx.model.plan, "apx_periodstart");
  const planEnd = date(ctx.model.plan, "apx_periodend");
  let min = planStart ? planStart.getTime() : Math.min(...times, now.getTime());
  let max = planEnd ? planEnd.getTime() : Math.max(...times, now.getTime());
  if (times.length > 0) {
    min = Math.min(min, ...times);
    max = Math.max(max, ...times);
  }
  if (max <= min) {
    max = min + 24 * 3600 * 1000;
  }
  const pos = (t: number): number => ((t - min) * 100) / (max - min);

  const axis = el("div", { className: "tl-axis" });
  const first = new Date(min);
  for (let d = new Date(first.getFullYear(), first.getMonth() - (first.getMonth() % 3), 1); d.getTime() <= max; d = new Date(d.getFullYear(), d.getMonth() + 3, 1)) {
    if (d.getTime() < min) {
      continue;
    }
    const tick = el("span", { className: "tl-tick", text: fmt.shortDate(d) });
    tick.style.left = `${pos(d.getTime())}%`;
    axis.appendChild(tick);
  }
  const list = el("ol", { className: "timeline" });
  for (const m of measures) {
    const start = date(m, "apx_startdate");
    const due = date(m, "apx_duedate");
    const cls = measureStatusClass(m, now);
    const overdue = cls === "m-overdue";
    const track = el("div", { className: "tl-track" });
    if (start || due) {
      const from = (start || due) as Date;
      const to = (due || start) as Date;
      const bar = el("div", { className: `tl-bar ${cls}` });
      bar.style.left = `${pos(from.getTime())}%`;
      bar.style.width = `${Math.max(1.2, pos(to.getTime()) - pos(from.getTime()))}%`;
      track.appendChild(bar);
    }
    if (now.getTime() >= min && now.getTime() <= max) {
      const today = el("div", { className: "tl-today", title: text.today });
      today.style.left = `${pos(now.getTime())}%`;
      track.appendChild(today);
    }
    const status = choiceLabel(text.measureStatus, num(m, "statuscode"), formatted(m, "statuscode"));
    const who = formatted(m, "_apx_responsibleid_value");
    const meta = [who, `${text.due} ${fmt.date(due)}`, status].filter((s) => s !== "").join(" \u00b7 ");
    list.appendChild(
      el(
        "li",
        { className: `tl-row ${cls}` },
        el(
          "div",
          { className: "tl-label" },
          el("span", { className: "tl-name", text: str(m, "apx_name") }),
          overdue ? el("span", { className: "chip chip-behind", text: text.overdue }) : null,
          m.apx_businesscritical === true ? el("span", { className: "chip chip-critical", text: text.businessCritical }) : null,
          el("span", { className: "tl-meta", text: meta }),
        ),
        track,
      ),
    );
  }
  const overdueCount = measures.filter((m) => isOverdue(m, now)).length;
  return el(
    "div",
    { className: "tl" },
    overdueCount > 0 ? el("div", { className: "tl-summary" }, el("span", { className: "chip chip-behind", text: `${text.overdue}: ${overdueCount}` })) : null,
    axis,
    list,
  );
}

function ratingColor(rating: number | null): string {
  switch (rating) {
    case ReviewRating.OnTrack:
      return COLORS.good;
    case ReviewRating.AtRisk:
      return COLORS.warn;
    case ReviewRating.OffTrack:
      return COLORS.bad;
    default:
      return COLORS.brand;
  }
}

export interface TrendChart {
  element: HTMLElement;
  /** Draws the chart; call once the element is in the document. */
  draw(): Chart | null;
}

/** The trend across the frozen review snapshots, plus today's values. */
export function trend(ctx: Context, options: { height: number; devicePixelRatio?: number }): TrendChart {
  const { text, fmt, now, model } = ctx;
  if (model.reviews.length === 0) {
    return { element: el("p", { className: "empty", text: text.noReviews }), draw: () => null };
  }
  const start = date(model.plan, "apx_periodstart");
  const end = date(model.plan, "apx_periodend");
  const points = model.reviews.map((r) => ({
    label: fmt.date(date(r, "apx_reviewdate")),
    attainment: num(r, "apx_attainmentpct"),
    completeness: num(r, "apx_completenesspct"),
    done: num(r, "apx_measuredonepct"),
    elapsed: elapsedPercent(start, end, date(r, "apx_reviewdate") || now),
    color: ratingColor(num(r, "apx_rating")),
  }));
  points.push({
    label: text.now,
    attainment: attainmentPercent(model.plan),
    completeness: num(model.plan, "apx_completenesspct"),
    done: num(model.plan, "apx_measuredonepct"),
    elapsed: elapsedPercent(start, end, now),
    color: COLORS.brand,
  });
  const canvas = el("canvas", { attrs: { role: "img", "aria-label": text.trend } });
  const holder = el("div", { className: "chart" }, canvas);
  holder.style.height = `${options.height}px`;
  const series = (label: string, values: (number | null)[], color: string, extra: Partial<ChartDataset<"line">>): ChartDataset<"line"> => ({
    label,
    data: values,
    borderColor: color,
    backgroundColor: color,
    borderWidth: 2,
    pointRadius: 3,
    tension: 0.25,
    spanGaps: true,
    ...extra,
  });
  const draw = (): Chart => {
    const maxValue = Math.max(100, ...points.map((p) => Math.max(p.attainment || 0, p.completeness || 0)));
    return new Chart(canvas, {
      type: "line",
      data: {
        labels: points.map((p) => p.label),
        datasets: [
          series(text.attainment, points.map((p) => p.attainment), COLORS.brand, {
            pointRadius: 5,
            pointBackgroundColor: points.map((p) => p.color),
            pointBorderColor: "#ffffff",
            borderWidth: 3,
            fill: { target: "origin" },
            backgroundColor: "rgba(15,108,189,0.08)",
          }),
          series(text.timeElapsed, points.map((p) => p.elapsed), COLORS.grey, { borderDash: [6, 4], pointRadius: 0, borderWidth: 1.5 }),
          series(text.completeness, points.map((p) => p.completeness), COLORS.teal, {}),
          series(text.measuresDone, points.map((p) => p.done), COLORS.warn, {}),
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        devicePixelRatio: options.devicePixelRatio,
        interaction: { mode: "index", intersect: false },
        scales: {
          y: {
            min: 0,
            suggestedMax: Math.ceil(maxValue / 10) * 10,
            ticks: { callback: (v) => `${v}\u00a0%`, maxTicksLimit: 6 },
            grid: { color: "#edebe9" },
          },
          x: { grid: { display: false } },
        },
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 12, boxHeight: 2, padding: 12 } },
          tooltip: {
            callbacks: { label: (item) => `${item.dataset.label || ""}: ${fmt.percent(item.parsed.y, 1)}` },
          },
        },
      },
    });
  };
  return { element: holder, draw };
}

/** Stakeholders whose next contact is overdue or due within 7 days, most urgent first. */
export function dueContacts(ctx: Context): Row[] {
  return ctx.model.stakeholders
    .filter((s) => {
      const state = contactState(s, ctx.now);
      return state === "overdue" || state === "due";
    })
    .sort((a, b) => (date(a, "apx_nextcontacton")?.getTime() || 0) - (date(b, "apx_nextcontacton")?.getTime() || 0));
}

/** The chip of a stakeholder's next contact: overdue or due (nothing for later or none). */
export function contactChip(ctx: Context, stakeholder: Row): HTMLElement | null {
  const state = contactState(stakeholder, ctx.now);
  if (state !== "overdue" && state !== "due") {
    return null;
  }
  return el("span", { className: `chip chip-contact-${state}`, text: state === "overdue" ? ctx.text.contactOverdue : ctx.text.contactDue });
}

/** The communications due block of the panel: who to contact, when, through which channel. */
export function communications(ctx: Context): HTMLElement {
  const { text, fmt } = ctx;
  const due = dueContacts(ctx);
  if (due.length === 0) {
    return el("p", { className: "empty comm-none", text: text.noCommunicationsDue });
  }
  return el(
    "ul",
    { className: "comms", attrs: { "aria-label": text.communicationsDue } },
    ...due.map((s) =>
      el(
        "li",
        { className: `comm-row comm-${contactState(s, ctx.now)}` },
        el("span", { className: "comm-date", text: fmt.date(date(s, "apx_nextcontacton")) }),
        el("span", { className: "comm-name", text: str(s, "apx_name") }),
        el("span", { className: "comm-channel", text: choiceLabel(text.channel, num(s, "apx_channel"), formatted(s, "apx_channel")) }),
        contactChip(ctx, s),
      ),
    ),
  );
}

export function sectionHeading(title: string, level: "h2" | "h3" = "h2"): HTMLElement {
  return el(level, { className: "section-title", text: title });
}
