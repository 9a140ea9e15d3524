// Event tap for rasa-webchat: its init function (window.WebChat.default) takes an onSocketEvent
// prop whose handlers the widget binds on its socket. The tap catches the UMD bundle assigning
// window.WebChat and hands the page a copy whose init adds a bot_uttered handler beside the
// page's own (which still runs). Each bot_uttered is stamped when the socket delivers it.
(function () {
  "use strict";
  var tap = window.__shopperTap;
  if (typeof tap !== "function") { return; }
  var current;

  function withTap(props) {
    var handlers = Object.assign({}, (props && props.onSocketEvent) || {});
    var theirs = handlers.bot_uttered;
    handlers.bot_uttered = function (message) {
      var text = message && typeof message.text === "string" ? message.text : "";
      if (text) { tap({ source: "rasa-webchat", role: "agent", text: text }); }
      if (typeof theirs === "function") { return theirs.apply(this, arguments); }
    };
    return Object.assign({}, props || {}, { onSocketEvent: handlers });
  }

  function tapped(module) {
    if (!module || (typeof module !== "object" && typeof module !== "function")) { return module; }
    var copy = {};
    Object.keys(module).forEach(function (key) { copy[key] = module[key]; });
    ["default", "init"].forEach(function (name) {
      var original = module[name];
      if (typeof original === "function") {
        copy[name] = function (props) {
          var args = Array.prototype.slice.call(arguments);
          args[0] = withTap(props);
          return original.apply(this, args);
        };
      }
    });
    return copy;
  }

  try {
    Object.defineProperty(window, "WebChat", {
      configurable: true, enumerable: true,
      get: function () { return current; },
      set: function (value) { current = tapped(value); }
    });
  } catch (e) { /* the page defined WebChat first: no tap */ }
})();
