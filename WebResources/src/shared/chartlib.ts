// Bundle entry of apx_/scripts/chart.js: the parts of Chart.js that the plan health panel and the review report
// draw with, published once as the global AccountPlanXrm.ChartLib. Both pages load this web resource before their
// own script; the pages import Chart.js through this module, which their bundles read from that global instead of
// carrying a copy each (scripts/build.mjs).
export {
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
