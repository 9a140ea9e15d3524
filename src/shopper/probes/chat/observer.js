// shopper's in-page observer. Injected as an init script, so it runs in every frame before the
// page's own scripts. It stamps, with the page's clock (performance.timeOrigin + now()):
//   - every new agent / system / shopper message element (and its text until it stops changing),
//     with the labels of its buttons and the targets of its links (and of the quick-reply row the
//     widget shows right after it, when the preset names one):
//     when the element is shown (non-empty text, not hidden, a non-zero box: a placeholder bubble
//     is not stamped at insertion) and, beside it, when the WebSocket or EventSource message
//     that carried its text reached the page (the widget's own rendering work is then not
//     counted), with a bound of how late the page's main thread was running around those moments,
//   - the typing indicator's shown / hidden transitions,
//   - the shopper's send (capture-phase Enter on the input, click on the send button, submit),
//   - WebSocket opens and closes (a dropped socket mid-reply),
// and pushes the records to Python through an exposed binding. It never changes the page.
(function (cfg) {
  "use strict";
  if (window.__shopperObserverInstalled) { return; }
  Object.defineProperty(window, "__shopperObserverInstalled", { value: true });

  var sel = cfg.selectors;
  var MESSAGE_KINDS = ["system", "agent", "shopper"];
  var seq = 0;
  var pending = [];
  var flushTimer = null;
  var tracked = new WeakMap();
  var lastText = new WeakMap();  // record -> its text as last pushed
  var live = [];
  var roots = [];
  var typingOn = false;
  var conversation = "";

  function now() { return performance.timeOrigin + performance.now(); }

  // The main thread's lag: a self-rescheduling timer notes how late it ran, and long tasks are
  // collected, so each stamp carries a bound of how late the page itself was around it.
  // The timer starts in a frame once the widget's input or a message shows up in it: every
  // frame gets this script, and a timer every 16 ms in each of them (the site's page, its
  // analytics frames) cost 15 % of a core with sixteen demo pages open and idle.
  var LAG_TICK_MS = 16;
  var LAG_WINDOW_MS = 250;
  var lags = [];  // [at, how late (ms)]
  var longTasks = [];  // [start, end]
  var ticking = false;
  var expected = 0;
  function lagTick() {
    var at = now();
    lags.push([at, Math.max(0, at - expected)]);
    while (lags.length && lags[0][0] < at - 4 * LAG_WINDOW_MS) { lags.shift(); }
    expected = at + LAG_TICK_MS;
    setTimeout(lagTick, LAG_TICK_MS);
  }
  function startLagTimer() {
    if (ticking) { return; }
    ticking = true;
    expected = now() + LAG_TICK_MS;
    setTimeout(lagTick, LAG_TICK_MS);
  }
  try {
    new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (entry) {
        var start = performance.timeOrigin + entry.startTime;
        longTasks.push([start, start + entry.duration]);
      });
      if (longTasks.length > 50) { longTasks.splice(0, longTasks.length - 50); }
    }).observe({ entryTypes: ["longtask"] });
  } catch (e) { /* no long-task timing in this browser */ }

  function lagBound(at) {  // how late the main thread ran around ``at`` (ms), as far as seen yet
    var bound = ticking ? Math.max(0, now() - expected) : 0;  // the timer is overdue right now
    lags.forEach(function (lag) { if (Math.abs(lag[0] - at) <= LAG_WINDOW_MS) { bound = Math.max(bound, lag[1]); } });
    longTasks.forEach(function (task) {
      if (task[0] <= at + LAG_WINDOW_MS && task[1] >= at - LAG_WINDOW_MS) { bound = Math.max(bound, task[1] - task[0]); }
    });
    return Math.round(bound * 1000) / 1000;
  }

  // Recent socket / EventSource payloads with when they reached the page: a message shown later
  // (a timer, a frame, a stream) is matched to the first unused frame whose payload holds its text.
  var MAX_FRAMES = 64;
  var frames = [];  // {at, strings, used}
  function stringsOf(payload) {
    var out = [];
    var walk = function (value, depth) {
      if (depth > 6 || out.length > 50) { return; }
      if (typeof value === "string") { out.push(value.replace(/\s+/g, " ").trim()); }
      else if (value && typeof value === "object") { Object.keys(value).forEach(function (k) { walk(value[k], depth + 1); }); }
    };
    try { walk(JSON.parse(payload), 0); } catch (e) { if (typeof payload === "string") { out.push(payload.replace(/\s+/g, " ").trim()); } }
    return out;
  }
  function noteFrame(event) {
    if (typeof event.data !== "string") { return; }
    frames.push({ at: now(), strings: stringsOf(event.data.slice(0, 20000)), used: false });
    if (frames.length > MAX_FRAMES) { frames.shift(); }
  }
  function arrivalOf(text) {
    if (!text) { return null; }
    // An exact match first: a short message is also inside longer earlier ones; then a prefix
    // (a streamed bubble shows its first words before the rest).
    for (var pass = 0; pass < 2; pass++) {
      for (var i = 0; i < frames.length; i++) {
        var frame = frames[i];
        if (frame.used) { continue; }
        for (var j = 0; j < frame.strings.length; j++) {
          var s = frame.strings[j];
          if (s && (pass === 0 ? s === text : s.indexOf(text) !== -1)) { frame.used = true; return frame.at; }
        }
      }
    }
    return null;
  }

  // When the socket message being handled in the current task reached the page, or null. Our
  // listener is added in the constructor, so it runs before the widget's own; a mutation the
  // widget makes while handling the message is observed in the same task, and a posted task
  // clears the stamp once that task is over.
  var deliveredAt = null;
  var clearer = window.MessageChannel ? new MessageChannel() : null;
  if (clearer) { clearer.port1.onmessage = function () { deliveredAt = null; }; }
  function delivered(event) {
    noteFrame(event);
    if (!clearer) { return; }
    deliveredAt = now();
    clearer.port2.postMessage(0);
  }

  function flush() {
    flushTimer = null;
    var fn = window[cfg.binding];
    if (typeof fn !== "function") { flushTimer = setTimeout(flush, 50); return; }
    var batch = pending;
    pending = [];
    try { Promise.resolve(fn(batch)).catch(function () {}); } catch (e) { /* page closing */ }
  }

  // The last time a message or the typing indicator changed in this frame: a settle that has
  // run out asks it, since the records saying so may still be on their way to the shopper.
  var ACTIVITY = { message: true, text: true, parts: true, typing: true };
  var lastActivity = 0;
  Object.defineProperty(window, "__shopperLastActivity", { value: function () { return lastActivity; } });

  function push(record) {
    seq += 1;
    record.seq = seq;
    if (ACTIVITY[record.type] && typeof record.at_ms === "number") { lastActivity = Math.max(lastActivity, record.at_ms); }
    pending.push(record);
    if (flushTimer === null) { flushTimer = setTimeout(flush, 0); }
  }

  function textOf(el) { return (el.textContent || "").replace(/\s+/g, " ").trim(); }

  // Buttons and link targets: what a customer can click is something the platform says too.
  var MAX_PARTS = 20;
  var BUTTONS = "button, [role=button], input[type=button], input[type=submit]";
  var partsKey = new WeakMap();  // record -> its parts as last pushed (JSON)

  function labelOf(el) {
    var label = el.textContent || el.value || el.getAttribute("aria-label") || "";
    return String(label).replace(/\s+/g, " ").trim().slice(0, 300);
  }

  function collect(container, out) {
    try {
      container.querySelectorAll(BUTTONS).forEach(function (b) {
        var label = labelOf(b);
        if (label && out.buttons.length < MAX_PARTS && out.buttons.indexOf(label) === -1) { out.buttons.push(label); }
      });
      container.querySelectorAll("a[href]").forEach(function (a) {
        var raw = (a.getAttribute("href") || "").trim();
        if (!raw || raw.charAt(0) === "#") { return; }  // a jump inside the page goes nowhere
        var href = String(a.href || raw).slice(0, 500);
        if (href && out.links.length < MAX_PARTS && out.links.indexOf(href) === -1) { out.links.push(href); }
      });
    } catch (e) { /* detached or odd markup */ }
  }

  function quickRepliesAfter(el) {  // the widget's quick-reply rows between this message and the next
    var rows = [];
    if (!sel.quick_replies) { return rows; }
    var next = el.nextElementSibling;
    for (var i = 0; next && i < 3 && !tracked.has(next); i++, next = next.nextElementSibling) {
      if (matches(next, sel.quick_replies)) { rows.push(next); }
    }
    return rows;
  }

  function ownerOfRow(row) {  // the message a quick-reply row belongs to
    var prev = row.previousElementSibling;
    for (var i = 0; prev && i < 3; i++, prev = prev.previousElementSibling) {
      if (tracked.has(prev)) { return prev; }
    }
    return null;
  }

  function partsOf(el) {
    var out = { buttons: [], links: [] };
    collect(el, out);
    quickRepliesAfter(el).forEach(function (row) {
      var before = out.buttons.length + out.links.length;
      collect(row, out);
      var label = labelOf(row);
      if (out.buttons.length + out.links.length === before && label) { out.buttons.push(label); }
    });
    return out;
  }

  function matches(el, selector) {
    try { return Boolean(selector) && el.matches(selector); } catch (e) { return false; }
  }

  function inList(el) {
    if (!sel.message_list) { return true; }
    try { return el.closest(sel.message_list) !== null; } catch (e) { return true; }
  }

  function dataAttrs(el) {
    var out = {};
    for (var i = 0; i < el.attributes.length && i < 20; i++) {
      var attr = el.attributes[i];
      if (attr.name.indexOf("data-") === 0) { out[attr.name.slice(5)] = attr.value.slice(0, 200); }
    }
    return out;
  }

  var rerendered = {};  // kind + text -> records of messages removed in this mutation batch
  var inside = new Set();  // messages a mutation of this batch touched: only their text is re-read

  // Elements that match a message selector but are not shown yet (empty, hidden, no box): they
  // are stamped when they become visible with text, not when they were inserted.
  var waiting = [];
  var MAX_WAITING = 40;
  var waitFrame = null;

  function shownNow(el) {
    if (!el.isConnected || !textOf(el)) { return false; }
    try { if (el.closest("[hidden], [aria-hidden=true]")) { return false; } } catch (e) { /* odd markup */ }
    if (el.checkVisibility && !el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) { return false; }
    var box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) { return false; }
    if (!el.checkVisibility) {
      for (var node = el; node && node.nodeType === 1; node = node.parentElement) {
        var style = getComputedStyle(node);
        if (style.visibility === "hidden" || style.display === "none" || style.opacity === "0") { return false; }
      }
    }
    return true;
  }

  function recheckWaiting() {  // also run on animation frames while anything waits (CSS changes)
    waitFrame = null;
    waiting = waiting.filter(function (item) { return item.el.isConnected && !tracked.has(item.el); });
    var still = [];
    waiting.forEach(function (item) {
      if (shownNow(item.el)) { track(item.el, item.kind, now(), "dom"); } else { still.push(item); }
    });
    waiting = still;
    if (waiting.length && waitFrame === null) { waitFrame = requestAnimationFrame(recheckWaiting); }
  }

  function wait(el, kind) {
    if (waiting.some(function (item) { return item.el === el; })) { return; }
    waiting.push({ el: el, kind: kind });
    if (waiting.length > MAX_WAITING) { waiting.shift(); }
    if (waitFrame === null) { waitFrame = requestAnimationFrame(recheckWaiting); }
  }

  function hasInside(node, selector) {
    try { return node.querySelector(selector) !== null; } catch (e) { return false; }
  }

  function track(el, kind, at, via) {
    startLagTimer();
    if (tracked.has(el) || !inList(el)) { return; }
    var text = textOf(el);
    if (kind !== "shopper" && !shownNow(el)) { wait(el, kind); return; }
    var again = rerendered[kind + "\u0000" + text];
    if (again && again.length) {  // the widget re-rendered a message it already showed
      var old = again.shift();
      tracked.set(el, old);
      live.push({ el: el, text: lastText.get(old) });  // a changed text is pushed just below
      inside.add(el);
      return;
    }
    var parts = partsOf(el);
    var shown = now();
    var arrived = via === "socket" ? at : arrivalOf(text);
    var record = { type: "message", kind: kind, at_ms: arrived !== null ? arrived : shown,
                   via: arrived !== null ? "socket" : "dom", text: text, data: dataAttrs(el),
                   buttons: parts.buttons, links: parts.links, arrived_ms: arrived, shown_ms: shown,
                   bound_ms: Math.max(lagBound(shown), arrived !== null ? lagBound(arrived) : 0) };
    tracked.set(el, record);
    lastText.set(record, text);
    partsKey.set(record, JSON.stringify(parts));
    live.push({ el: el, text: text });
    if (live.length > 40) { live.shift(); }
    push(record);
  }

  function scan(node, at, via) {
    if (node.nodeType !== 1) { return; }
    if (!ticking && sel.input && (matches(node, sel.input) || hasInside(node, sel.input))) { startLagTimer(); }
    MESSAGE_KINDS.forEach(function (kind) {
      var selector = sel[kind];
      if (!selector) { return; }
      if (matches(node, selector)) { track(node, kind, at, via); }
      try { node.querySelectorAll(selector).forEach(function (el) { track(el, kind, at, via); }); } catch (e) { /* bad selector */ }
    });
    if (node.shadowRoot) { observe(node.shadowRoot); }
  }

  function visible(el) {
    if (!el.isConnected) { return false; }
    // checkVisibility needs styles only; getClientRects would force a layout on every batch.
    if (el.checkVisibility) { return el.checkVisibility({ visibilityProperty: true }); }
    if (el.getClientRects().length === 0) { return false; }
    var style = getComputedStyle(el);
    return style.visibility !== "hidden" && style.display !== "none";
  }

  function typingVisible() {
    if (!sel.typing) { return false; }
    for (var i = 0; i < roots.length; i++) {
      var found;
      try { found = roots[i].querySelectorAll(sel.typing); } catch (e) { return false; }
      for (var j = 0; j < found.length; j++) { if (visible(found[j])) { return true; } }
    }
    return false;
  }

  function noteRemoved(node) {
    if (node.nodeType !== 1) { return; }
    var found = [node];
    try { found = found.concat(Array.prototype.slice.call(node.querySelectorAll("*"))); } catch (e) { /* detached */ }
    found.forEach(function (el) {
      var old = tracked.get(el);
      if (!old) { return; }
      var key = old.kind + "\u0000" + textOf(el);
      (rerendered[key] = rerendered[key] || []).push(old);
    });
  }

  function trackedAround(node) {  // the message element a mutated node is in, if any
    for (var depth = 0; node && depth < 40; depth++, node = node.parentNode) {
      if (tracked.has(node)) { return node; }
    }
    return null;
  }

  function afterMutations(records) {
    var at = deliveredAt !== null ? deliveredAt : now();
    var via = deliveredAt !== null ? "socket" : "dom";
    var idChanged = false;
    var rowsOf = new Set();  // messages whose quick-reply row changed in this batch
    inside = new Set();
    rerendered = {};
    records.forEach(function (m) {
      if (m.type === "childList") { m.removedNodes.forEach(noteRemoved); }
      if (sel.quick_replies && m.type === "childList") {
        var rows = [];
        m.addedNodes.forEach(function (n) { if (n.nodeType === 1 && matches(n, sel.quick_replies)) { rows.push(n); } });
        var holder = m.target.nodeType === 1 && m.target.closest ? m.target : null;
        try { holder = holder && holder.closest(sel.quick_replies); } catch (e) { holder = null; }
        if (holder) { rows.push(holder); }
        rows.forEach(function (row) { var owner = ownerOfRow(row); if (owner) { rowsOf.add(owner); } });
      }
      if (m.type === "childList" || m.attributeName === "data-conversation-id") { idChanged = true; }
      var around = m.type === "attributes" ? null : trackedAround(m.target);
      if (around) { inside.add(around); }
    });
    records.forEach(function (m) {
      if (m.type === "childList") { m.addedNodes.forEach(function (n) { scan(n, at, via); }); }
    });
    rerendered = {};
    if (waiting.length) { recheckWaiting(); }
    live = live.filter(function (item) { return item.el.isConnected; });
    live.forEach(function (item) {
      if (!inside.has(item.el) && !rowsOf.has(item.el)) { return; }
      var record = tracked.get(item.el);
      var text = textOf(item.el);
      if (text !== item.text) {
        item.text = text;
        lastText.set(record, text);
        push({ type: "text", ref: record.seq, at_ms: at, text: text });
      }
      var parts = partsOf(item.el);
      var key = JSON.stringify(parts);
      if (key !== partsKey.get(record)) {
        partsKey.set(record, key);
        push({ type: "parts", ref: record.seq, at_ms: at, buttons: parts.buttons, links: parts.links });
      }
    });
    var shown = typingVisible();
    if (shown !== typingOn) {
      typingOn = shown;
      push({ type: "typing", on: shown, at_ms: at });
    }
    if (!idChanged) { return; }
    var holder = document.querySelector("[data-conversation-id]:not([data-conversation-id=''])");
    var id = holder ? holder.getAttribute("data-conversation-id") : "";
    if (id && id !== conversation) {
      conversation = id;
      push({ type: "conversation", id: id.slice(0, 200), at_ms: at });
    }
  }

  function observe(root) {
    if (roots.indexOf(root) !== -1) { return; }
    roots.push(root);
    new MutationObserver(afterMutations).observe(root, {
      childList: true, subtree: true, characterData: true, attributes: true,
      attributeFilter: ["class", "style", "hidden", "aria-hidden", "data-conversation-id"]
    });
    root.addEventListener("submit", onSubmit, true);
    if (root !== document) { scan(root.host, now(), "dom"); Array.prototype.forEach.call(root.children, function (c) { scan(c, now(), "dom"); }); }
  }

  function origin(event) {
    var path = event.composedPath ? event.composedPath() : [];
    return path.length && path[0].nodeType === 1 ? path[0] : event.target;
  }

  function closest(el, selector) {
    try { return Boolean(selector) && el && el.closest && el.closest(selector) !== null; } catch (e) { return false; }
  }

  function onKeydown(event) {
    if (event.key !== "Enter" || event.shiftKey || event.isComposing) { return; }
    if (closest(origin(event), sel.input)) { push({ type: "send", how: "enter", at_ms: now() }); }
  }

  function onClick(event) {
    if (closest(origin(event), sel.send)) { push({ type: "send", how: "click", at_ms: now() }); }
  }

  function onSubmit(event) {
    var form = origin(event);
    try {
      if (sel.input && form.querySelector && form.querySelector(sel.input)) {
        push({ type: "send", how: "submit", at_ms: now() });
      }
    } catch (e) { /* bad selector */ }
  }

  var attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function () {
    var root = attach.apply(this, arguments);
    observe(root);
    return root;
  };

  if (window.WebSocket) {
    var Native = window.WebSocket;
    var Watched = class WebSocket extends Native {
      constructor(url, protocols) {
        super(url, protocols);
        var opened = false;
        var where = String(url).slice(0, 300);
        this.addEventListener("message", delivered);
        this.addEventListener("open", function () {
          opened = true;
          push({ type: "socket", event: "open", url: where, at_ms: now() });
        });
        this.addEventListener("close", function (event) {
          push({ type: "socket", event: "close", url: where, code: event.code,
                 reason: String(event.reason || "").slice(0, 200), opened: opened, at_ms: now() });
        });
      }
    };
    window.WebSocket = Watched;
  }

  if (window.EventSource) {
    var NativeSource = window.EventSource;
    window.EventSource = class EventSource extends NativeSource {
      constructor(url, init) {
        super(url, init);
        this.addEventListener("message", delivered);
      }
    };
  }

  // An event tap (taps/<name>.js, injected after this script) reports a widget's own message
  // events here; they are stamped with the same page clock and pushed with the other records.
  Object.defineProperty(window, "__shopperTap", { value: function (event) {
    push({ type: "tap", at_ms: now(), source: String(event.source || "").slice(0, 40),
           role: event.role === "shopper" ? "shopper" : "agent", text: String(event.text || "").slice(0, 4000) });
  } });

  window.addEventListener("keydown", onKeydown, true);
  window.addEventListener("click", onClick, true);
  observe(document);
})
