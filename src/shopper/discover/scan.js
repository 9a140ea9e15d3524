// shopper discover's in-page scanner. Evaluated in every frame of the page; it only reads the
// page (and, for `--try`, watches it): it never clicks, types or changes an element.
//
//   scan()          -> what this frame holds: editable boxes, buttons, iframes, scripts, forms,
//                      open shadow hosts; for each element the selectors that could name it, each
//                      with how many elements it matches here (the document and every open
//                      shadow root, as Playwright's CSS engine sees them).
//   watch()         -> starts recording every element added or removed from now on.
//   report()        -> what watch() saw: each added element with its text, when it came and
//                      whether it went again, and its selectors.
//   element(i)      -> the element numbered i by scan() or report() (for boxes and clicks).
// A bounded walk: at most MAX_ELEMENTS elements per scan, MAX_RECORDS watched additions.
(function () {
  "use strict";
  if (window.__shopperDiscover) { return window.__shopperDiscover; }
  var MAX_ELEMENTS = 6000;
  var MAX_RECORDS = 400;
  var TEST_IDS = ["data-testid", "data-test-id", "data-test", "data-qa", "data-cy", "data-id"];
  var registry = [];

  function number(el) {
    var at = registry.indexOf(el);
    if (at === -1) { registry.push(el); at = registry.length - 1; }
    return at;
  }

  function roots() {
    var found = [document];
    for (var i = 0; i < found.length && i < 200; i++) {
      var all = found[i].querySelectorAll("*");
      for (var j = 0; j < all.length && j < MAX_ELEMENTS; j++) {
        if (all[j].shadowRoot && found.indexOf(all[j].shadowRoot) === -1) { found.push(all[j].shadowRoot); }
      }
    }
    return found;
  }

  function count(selector, within) {
    var total = 0;
    var list = within || roots();
    for (var i = 0; i < list.length; i++) {
      try { total += list[i].querySelectorAll(selector).length; } catch (e) { return -1; }
    }
    return total;
  }

  function quote(value) { return '"' + String(value).replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"'; }

  function cssIdent(value) {
    return (window.CSS && CSS.escape) ? CSS.escape(value) : String(value).replace(/[^a-zA-Z0-9_-]/g, "\\$&");
  }

  function visible(el) {
    var box = el.getBoundingClientRect();
    if (box.width <= 0 || box.height <= 0) { return false; }
    var style = window.getComputedStyle(el);
    return style.visibility !== "hidden" && style.display !== "none" && Number(style.opacity) > 0.05;
  }

  function fixedAncestor(el) {
    for (var node = el; node && node.nodeType === 1; node = node.parentElement || (node.getRootNode() && node.getRootNode().host)) {
      var pos = window.getComputedStyle(node).position;
      if (pos === "fixed" || pos === "sticky") { return true; }
    }
    return false;
  }

  function hosts(el) {
    var chain = [];
    var root = el.getRootNode();
    while (root && root !== document && root.host) {
      chain.unshift(root.host);
      root = root.host.getRootNode();
    }
    return chain;
  }

  function label(el) {
    var own = el.getAttribute("aria-label") || el.getAttribute("title") || el.getAttribute("placeholder") || "";
    if (!own && el.id) {
      var root = el.getRootNode();
      try {
        var lab = root.querySelector && root.querySelector('label[for="' + el.id + '"]');
        if (lab) { own = lab.textContent; }
      } catch (e) { /* odd id */ }
    }
    if (!own && el.closest && el.closest("label")) { own = el.closest("label").textContent; }
    return (own || "").replace(/\s+/g, " ").trim().slice(0, 80);
  }

  function text(el) { return (el.innerText !== undefined && el.isConnected ? el.innerText : el.textContent || "").replace(/\s+/g, " ").trim(); }

  // Every selector that could name ``el`` on its own (one compound selector: no combinators, so
  // it means the same inside a shadow root as outside), with the kind the ranking weighs.
  function candidates(el) {
    var tag = el.tagName.toLowerCase();
    var out = [];
    var add = function (selector, kind) { out.push({ selector: selector, kind: kind }); };
    TEST_IDS.forEach(function (name) {
      var value = el.getAttribute(name);
      if (value) { add("[" + name + "=" + quote(value) + "]", "testid"); }
    });
    if (el.id) { add(tag + "#" + cssIdent(el.id), "id"); }
    var aria = el.getAttribute("aria-label");
    if (aria) { add(tag + "[aria-label=" + quote(aria) + "]", "aria"); }
    var name = el.getAttribute("name");
    if (name) { add(tag + "[name=" + quote(name) + "]", "name"); }
    var role = el.getAttribute("role");
    if (role) { add(tag + "[role=" + quote(role) + "]", "role"); }
    var title = el.getAttribute("title");
    if (title) { add(tag + "[title=" + quote(title) + "]", "title"); }
    var placeholder = el.getAttribute("placeholder");
    if (placeholder) { add(tag + "[placeholder=" + quote(placeholder) + "]", "placeholder"); }
    var type = el.getAttribute("type");
    if (type && (tag === "input" || tag === "button")) { add(tag + "[type=" + quote(type) + "]", "type"); }
    var classes = Array.prototype.slice.call(el.classList || []).filter(function (c) { return c.length < 60; });
    if (classes.length) {
      if (classes.length > 1) { add("." + classes.map(cssIdent).join("."), "classes"); }
      classes.forEach(function (c) { add("." + cssIdent(c), "class"); });
      add(tag + "." + classes.map(cssIdent).join("."), "classes");
    }
    ["data-author", "data-role", "data-sender", "data-from"].forEach(function (attr) {
      if (el.getAttribute(attr)) { add("[" + attr + "=" + quote(el.getAttribute(attr)) + "]", "data"); }
    });
    add(tag, "tag");
    var list = roots();
    out.forEach(function (c) { c.count = count(c.selector, list); });
    return out;
  }

  function describe(el) {
    var box = el.getBoundingClientRect();
    var chain = hosts(el);
    return {
      i: number(el),
      tag: el.tagName.toLowerCase(),
      id: el.id || "",
      classes: Array.prototype.slice.call(el.classList || []),
      type: el.getAttribute("type") || "",
      role: el.getAttribute("role") || "",
      name: el.getAttribute("name") || "",
      autocomplete: el.getAttribute("autocomplete") || "",
      label: label(el),
      text: text(el).slice(0, 120),
      visible: visible(el),
      disabled: Boolean(el.disabled) || el.getAttribute("aria-disabled") === "true",
      fixed: fixedAncestor(el),
      pointer: window.getComputedStyle(el).cursor === "pointer",
      rect: { x: box.x, y: box.y, width: box.width, height: box.height },
      viewport: { width: window.innerWidth, height: window.innerHeight },
      in_form: el.form ? number(el.form) : (el.closest && el.closest("form") ? number(el.closest("form")) : null),
      search: Boolean(el.closest && el.closest("[role=search], form[role=search]")) || el.getAttribute("type") === "search",
      hosts: chain.map(function (h) { return { i: number(h), candidates: candidates(h) }; }),
      candidates: candidates(el)
    };
  }

  function collect(selector) {
    var found = [];
    roots().forEach(function (root) {
      var all = root.querySelectorAll(selector);
      for (var i = 0; i < all.length && found.length < 300; i++) { found.push(all[i]); }
    });
    return found;
  }

  var EDITABLE = "textarea, input:not([type]), input[type=text], input[type=search], input[type=email], input[type=tel], " +
    "[contenteditable=''], [contenteditable=true], [contenteditable=plaintext-only], [role=textbox]";
  var BUTTONS = "button, [role=button], a[href], input[type=submit], input[type=button], [aria-haspopup=dialog]";

  function scan() {
    var scripts = Array.prototype.slice.call(document.scripts).map(function (s) { return s.src; }).filter(Boolean);
    var buttons = collect(BUTTONS);
    // Fixed-position corner elements that are not buttons (a div with a click handler).
    collect("div, span, img, svg").forEach(function (el) {
      if (buttons.length < 300 && fixedAncestor(el) && el.childElementCount <= 3 && visible(el)) {
        var box = el.getBoundingClientRect();
        var corner = box.bottom > window.innerHeight * 0.6 && (box.right > window.innerWidth * 0.6 || box.left < window.innerWidth * 0.4);
        if (corner && box.width <= 160 && box.height <= 160 && box.width >= 24) { buttons.push(el); }
      }
    });
    return {
      url: location.href,
      title: document.title,
      scripts: scripts,
      markup_roots: roots().length,
      inputs: collect(EDITABLE).map(describe),
      buttons: buttons.map(describe),
      iframes: collect("iframe").map(function (f) { var d = describe(f); d.src = f.src || ""; return d; }),
      forms: collect("form").map(function (f) { return { i: number(f), visible: visible(f), inputs: Array.prototype.slice.call(f.querySelectorAll("input, textarea, select")).map(number) }; })
    };
  }

  function matches(selector) { return count(selector); }

  // What ``selector`` matches here: each element's text, and whether it holds the element
  // numbered ``inside`` (a message selector that matches the composer's container is too wide).
  function inspect(selector, inside) {
    var target = registry[inside] || null;
    var out = [];
    roots().forEach(function (root) {
      var all;
      try { all = root.querySelectorAll(selector); } catch (e) { return; }
      for (var i = 0; i < all.length && out.length < 200; i++) {
        out.push({ text: (all[i].textContent || "").replace(/\s+/g, " ").trim().slice(0, 400),
                   holds: Boolean(target) && (all[i] === target || all[i].contains(target)) });
      }
    });
    return out;
  }

  // --- watching (for --try) ---------------------------------------------------------------------
  var records = [];
  var observed = [];
  var observer = null;

  function now() { return performance.timeOrigin + performance.now(); }

  function parentOf(el) {  // taken when the element comes: a removed one has no parent any more
    return el.parentElement || (el.getRootNode() && el.getRootNode().host) || null;
  }

  function note(node, at) {
    if (node.nodeType !== 1 || records.length >= MAX_RECORDS) { return; }
    records.push({ el: node, at: at, removed: null, parent: parentOf(node) });
    if (node.shadowRoot) { observeRoot(node.shadowRoot); }
    var inner = node.querySelectorAll("*");
    for (var i = 0; i < inner.length && records.length < MAX_RECORDS; i++) {
      records.push({ el: inner[i], at: at, removed: null, parent: parentOf(inner[i]) });
      if (inner[i].shadowRoot) { observeRoot(inner[i].shadowRoot); }
    }
  }

  function gone(node, at) {
    records.forEach(function (r) {
      if (r.removed === null && (r.el === node || (node.contains && node.contains(r.el)))) { r.removed = at; }
    });
  }

  function observeRoot(root) {
    if (observed.indexOf(root) !== -1) { return; }
    observed.push(root);
    observer.observe(root, { childList: true, subtree: true });
  }

  function watch() {
    records = [];
    if (observer === null) {
      observer = new MutationObserver(function (list) {
        var at = now();
        list.forEach(function (m) {
          m.addedNodes.forEach(function (n) { note(n, at); });
          m.removedNodes.forEach(function (n) { if (n.nodeType === 1) { gone(n, at); } });
        });
      });
    }
    roots().forEach(observeRoot);
    return now();
  }

  function report() {
    var added = records.map(function (r) { return r.el; });
    return records.map(function (r) {
      var parent = r.parent;
      return {
        i: number(r.el),
        at: r.at,
        removed_at: r.removed,
        attached: r.el.isConnected,
        top: added.indexOf(parent) === -1,
        parent: parent ? number(parent) : null,
        tag: r.el.tagName.toLowerCase(),
        classes: Array.prototype.slice.call(r.el.classList || []),
        text: (r.el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 400),
        visible: r.el.isConnected && visible(r.el),
        candidates: candidates(r.el),  // from its attributes: a gone element (typing) still has them
        hosts: hosts(r.el).map(function (h) { return { i: number(h), candidates: candidates(h) }; })
      };
    });
  }

  // Class-only compound selectors the widget's stylesheets style but the page may not show yet (a reply's bubble
  // before any reply): hints for the message selectors when nothing was sent.
  function classHints() {
    var names = {};
    var sheets = [];
    roots().forEach(function (root) {
      Array.prototype.forEach.call(root.styleSheets || [], function (s) { sheets.push(s); });
      Array.prototype.forEach.call(root.adoptedStyleSheets || [], function (s) { sheets.push(s); });
    });
    sheets.forEach(function (sheet) {
      var rules;
      try { rules = sheet.cssRules; } catch (e) { return; }  // a cross-origin sheet
      for (var i = 0; rules && i < rules.length && i < 5000; i++) {
        var selector = rules[i].selectorText || "";
        selector.split(",").forEach(function (one) {
          var last = one.trim().split(/[\s>+~]+/).pop().replace(/:.*$/, "");
          if (last.charAt(0) === ".") { names[last] = true; }
        });
      }
    });
    return Object.keys(names).slice(0, 2000);
  }

  function element(i) { return registry[i] || null; }

  function describeNumber(i) { return registry[i] ? describe(registry[i]) : null; }

  window.__shopperDiscover = { scan: scan, matches: matches, watch: watch, report: report, element: element, describe: describeNumber, describeElement: describe, inspect: inspect, classHints: classHints, now: now };
  return window.__shopperDiscover;
})();
