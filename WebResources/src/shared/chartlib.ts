// Bundle entry of apx_/scripts/chart.js: the parts of Chart.js that the plan health panel and the review report
// draw with, published once as the global AccountPlanXrm.ChartLib. Both pages load this web resource before their
// own script, and their bundles read "chart.js" from that global instead of carrying a copy each
// (scripts/build.mjs). The build fails when a page imports a member from "chart.js" that is not exported here.
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
