// Stub of the hosting form's Xrm: serves window.__APX_FIXTURE__ through Xrm.WebApi and logs each call.
(function () {
  "use strict";
  var fixture = window.__APX_FIXTURE__;
  if (!fixture) {
    return;
  }
  var calls = [];
  window.__apxCalls = calls;
  function clone(value) {
    return JSON.parse(JSON.stringify(value));
  }
  function later(value) {
    return new Promise(function (resolve) {
      setTimeout(function () { resolve(clone(value)); }, 5);
    });
  }
  window.Xrm = {
    WebApi: {
      retrieveRecord: function (entity, id, options) {
        calls.push({ op: "retrieveRecord", entity: entity, id: id, options: options });
        if (entity === "apx_accountplan" && fixture.plan && id === fixture.planId) {
          return later(fixture.plan);
        }
        return Promise.reject({ errorCode: 404, message: "Record not found" });
      },
      retrieveMultipleRecords: function (entity, options, maxPageSize) {
        calls.push({ op: "retrieveMultipleRecords", entity: entity, options: options, maxPageSize: maxPageSize });
        return later({ entities: fixture[entity] || [] });
      },
      online: {
        execute: function (request) {
          var metadata = request && typeof request.getMetadata === "function" ? request.getMetadata() : {};
          calls.push({ op: "execute", operationName: metadata.operationName, operationType: metadata.operationType, top: request ? request.Top : undefined });
          if (metadata.operationName !== "apx_PortfolioStatus" || fixture.portfolio === undefined) {
            return Promise.reject({ errorCode: 404, message: "Resource not found for the segment" });
          }
          return later(fixture.portfolio).then(function (body) {
            return { ok: true, status: 200, json: function () { return Promise.resolve(body); } };
          });
        }
      }
    },
    Utility: {
      getGlobalContext: function () {
        return { userSettings: { languageId: fixture.lcid || 1033 } };
      }
    }
  };
})();
