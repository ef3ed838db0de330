// Bundle entry of apx_/scripts/accountplan.form.js: the members of the AccountPlanXrm.Form namespace.
export { onLoad, onSave, onSectionChange, onStatusChange, openReviewReport, rollForward } from "./accountplan.form";
