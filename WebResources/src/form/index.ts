// Bundle entry of apx_/scripts/accountplan.form.js: the members of the AccountPlanXrm.Form namespace (the plan
// form's events and the command bar functions of the plan and its stakeholders).
export { onLoad, onSave, onSectionChange, onStatusChange, openReviewReport, rollForward } from "./accountplan.form";
export { logStakeholderContact, logStakeholderContactForSelection } from "./stakeholder.commands";
