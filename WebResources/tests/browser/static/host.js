// Test host: embeds a web resource like a form's web resource control, or opens it as a new window.
(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);
  var src = params.get("src") || "";
  if (params.get("mode") === "popup") {
    window.__openReport = function () {
      return window.open(src, "_blank", "width=1024,height=900");
    };
    return;
  }
  var frame = document.createElement("iframe");
  frame.id = "webresource";
  frame.width = params.get("width") || "760";
  frame.height = params.get("height") || "1200";
  frame.src = src;
  document.body.appendChild(frame);
})();
