// Event tap for Microsoft Bot Framework Web Chat: a Redux store middleware that sees each
// DIRECT_LINE/INCOMING_ACTIVITY, the moment Direct Line delivered a bot's activity. The tap
// catches the bundle assigning window.WebChat (it does so several times, spreading the previous
// value) and hands the page a copy whose createStore appends this middleware to the page's own,
// and whose renderWebChat makes such a store when the page passes none.
(function () {
  "use strict";
  var tap = window.__shopperTap;
  if (typeof tap !== "function") { return; }
  var ours = new WeakSet();
  var current;

  function middleware() {
    return function (next) {
      return function (action) {
        try {
          var activity = action && action.type === "DIRECT_LINE/INCOMING_ACTIVITY" && action.payload
            ? action.payload.activity : null;
          if (activity && activity.type === "message" && typeof activity.text === "string" && activity.text
              && !(activity.from && activity.from.role === "user")) {
            tap({ source: "ms-webchat", role: "agent", text: activity.text });
          }
        } catch (e) { /* never break the page's store */ }
        return next(action);
      };
    };
  }

  function tappedCreateStore(original) {
    var wrapped = function () {
      var args = Array.prototype.slice.call(arguments);
      if (args.length === 0) { args.push({}); }
      args.push(middleware);
      return original.apply(this, args);
    };
    ours.add(wrapped);
    return wrapped;
  }

  function tappedRender(original) {
    var wrapped = function (props) {
      var args = Array.prototype.slice.call(arguments);
      var create = current && current.createStore;
      if (props && !props.store && typeof create === "function") {
        args[0] = Object.assign({}, props, { store: create({}) });
      }
      return original.apply(this, args);
    };
    ours.add(wrapped);
    return wrapped;
  }

  function tapped(value) {
    if (!value || typeof value !== "object") { return value; }
    var copy = Object.assign({}, value);
    if (typeof copy.createStore === "function" && !ours.has(copy.createStore)) {
      copy.createStore = tappedCreateStore(copy.createStore);
    }
    if (typeof copy.renderWebChat === "function" && !ours.has(copy.renderWebChat)) {
      copy.renderWebChat = tappedRender(copy.renderWebChat);
    }
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
