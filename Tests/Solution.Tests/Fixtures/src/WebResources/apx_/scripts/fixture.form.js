"use strict";
var AccountPlanXrm = AccountPlanXrm || {};
