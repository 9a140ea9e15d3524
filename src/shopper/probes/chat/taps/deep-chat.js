// Event tap for deep-chat: every message fires a `message` CustomEvent on the <deep-chat>
// element (the twin of its onMessage callback). It does not bubble, so it is heard in the
// capture phase on window; history replays are skipped.
(function () {
  "use strict";
  var tap = window.__shopperTap;
  if (typeof tap !== "function") { return; }
  window.addEventListener("message", function (event) {
    var host = event.target;
    if (!host || host === window || !host.tagName || host.tagName.toLowerCase() !== "deep-chat") { return; }
    var detail = event.detail || {};
    var message = detail.message || {};
    if (detail.isHistory || typeof message.text !== "string") { return; }
    tap({ source: "deep-chat", role: message.role === "user" ? "shopper" : "agent", text: message.text });
  }, true);
})();
