global using AccountPlanXrm.TestSupport;
