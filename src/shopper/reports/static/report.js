/* shopper report: filters, sorting, pagination, lazy transcripts. Platform text only ever
   reaches the DOM through textContent; only http(s) URLs become links. */
(function () {
  "use strict";
  var NONCE = document.currentScript ? document.currentScript.nonce : "";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var C = {};
  data.columns.forEach(function (name, i) { C[name] = i; });
  var rows = data.rows;
  var PAGE = 50, FPAGE = 20;
  var SLA_MS = data.default_sla_ms;  /* colour only, for records without kpis.sla_ms (results.DEFAULT_SLA_S) */
  var state = { filters: {}, sort: null, dir: 1, page: 0, fpage: 0 };
  var chunks = {}, waiting = {};

  window.shopperReport = Object.freeze({
    addChunk: function (n, items) {
      chunks[n] = items;
      (waiting[n] || []).forEach(function (fn) { fn(items); });
      delete waiting[n];
    }
  });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function isRelative(path) { return typeof path === "string" && !/^[a-z][a-z0-9+.-]*:/i.test(path) && path.indexOf("//") !== 0; }
  function safeLink(href, label) {
    var u;
    try { u = new URL(href); } catch (e) { return null; }
    if (u.protocol !== "http:" && u.protocol !== "https:") { return null; }
    var a = el("a", "ext", label);
    a.href = u.href; a.rel = "noopener noreferrer"; a.target = "_blank";
    return a;
  }
  var URL_RE = /https?:\/\/[^\s<>"'`\u3000-\u303f\uff00-\uffef]+/gi;
  function richText(parent, text) {
    var last = 0;
    text = String(text);
    text.replace(URL_RE, function (match, offset) {
      var url = match.replace(/[.,;:!?)\]]+$/, "");
      parent.appendChild(document.createTextNode(text.slice(last, offset)));
      parent.appendChild(safeLink(url, url) || document.createTextNode(url));
      last = offset + url.length;
      return match;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
    return parent;
  }
  function secs(ms) {
    if (ms === null || ms === undefined) { return "–"; }
    var s = ms / 1000;
    return s < 120 ? s.toFixed(1) + " s" : (s < 7200 ? (s / 60).toFixed(0) + " min" : (s / 3600).toFixed(1) + " h");
  }
  function clock(ms) { return ms ? new Date(ms).toISOString().slice(11, 23) : ""; }

  /* ---------- overview sorting (server-rendered rows) ---------- */
  function sortTable(th) {
    var table = th.closest("table"), body = table.tBodies[0];
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var dir = th.getAttribute("aria-sort") === "descending" ? 1 : -1;
    if (!th.hasAttribute("aria-sort") && th.dataset.sort === "text") { dir = 1; }
    var numeric = th.dataset.sort === "num";
    var items = Array.prototype.slice.call(body.rows);
    items.sort(function (a, b) {
      var x = a.cells[index].dataset.value, y = b.cells[index].dataset.value;
      if (x === "" && y === "") { return 0; }
      if (x === "") { return 1; }
      if (y === "") { return -1; }
      if (numeric) { return dir * (parseFloat(x) - parseFloat(y)); }
      return dir * x.localeCompare(y);
    });
    table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    items.forEach(function (r) { body.appendChild(r); });
  }
  function onActivate(node, fn) {
    node.addEventListener("click", fn);
    node.addEventListener("keydown", function (ev) { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); fn(); } });
  }
  document.querySelectorAll("table.sortable th[data-sort]").forEach(function (th) {
    onActivate(th, function () { sortTable(th); });
  });

  /* ---------- filters ---------- */
  function matches(row) {
    for (var name in state.filters) {
      if (state.filters[name] && String(row[C[name]]) !== state.filters[name]) { return false; }
    }
    return true;
  }
  function filtered() {
    var out = [];
    for (var i = 0; i < rows.length; i++) { if (matches(rows[i])) { out.push(i); } }
    if (state.sort) {
      var c = C[state.sort], dir = state.dir;
      out.sort(function (a, b) {
        var x = rows[a][c], y = rows[b][c];
        if (x === y) { return a - b; }
        if (x === null) { return 1; }
        if (y === null) { return -1; }
        return (x < y ? -1 : 1) * dir;
      });
    }
    return out;
  }
  function setFilter(name, value) {
    state.filters[name] = value;
    var select = document.getElementById("filter-" + name);
    if (select) { select.value = value; }
    state.page = 0; state.fpage = 0;
    render();
  }
  document.querySelectorAll("select[data-filter]").forEach(function (select) {
    select.addEventListener("change", function () { setFilter(select.dataset.filter, select.value); });
  });
  document.getElementById("filter-reset").addEventListener("click", function () {
    document.querySelectorAll("select[data-filter]").forEach(function (s) { s.value = ""; });
    state.filters = {}; state.page = 0; state.fpage = 0; render();
  });
  document.querySelectorAll("a[data-filter-target]").forEach(function (a) {
    a.addEventListener("click", function () { setFilter("target", a.dataset.filterTarget); });
  });

  /* ---------- pagers ---------- */
  function pager(node, page, total, size, go) {
    node.textContent = "";
    var pages = Math.max(1, Math.ceil(total / size));
    var prev = el("button", "prev", "‹ previous"), next = el("button", "next", "next ›");
    prev.type = next.type = "button";
    prev.disabled = page <= 0; next.disabled = page >= pages - 1;
    prev.addEventListener("click", function () { go(page - 1); });
    next.addEventListener("click", function () { go(page + 1); });
    node.appendChild(prev);
    node.appendChild(el("span", "sub page-info", "page " + (page + 1) + " of " + pages + " · " + total + " items"));
    node.appendChild(next);
  }

  /* ---------- conversation list ---------- */
  function renderConversations(list) {
    var body = document.getElementById("conversation-rows");
    body.textContent = "";
    var start = state.page * PAGE;
    list.slice(start, start + PAGE).forEach(function (i) {
      var r = rows[i], tr = el("tr", r[C.passed] ? "passed" : "failed");
      tr.dataset.index = String(i);
      [r[C.key], r[C.target], r[C.channel], r[C.locale], r[C.status],
       r[C.score] === null ? "–" : Math.round(r[C.score]), r[C.critical], secs(r[C.first_response_ms]),
       String(r[C.started_at]).replace("T", " ").slice(0, 19)].forEach(function (v, n) {
        tr.appendChild(el("td", n === 0 ? "mono" : "", v));
      });
      tr.addEventListener("click", function () { openConversation(i); });
      body.appendChild(tr);
    });
    pager(document.getElementById("conversation-pager"), state.page, list.length, PAGE,
      function (p) { state.page = p; renderConversations(list); });
    document.getElementById("filter-count").textContent = list.length + " of " + rows.length + " conversations";
  }
  document.querySelectorAll("#conversation-table th[data-col]").forEach(function (th) {
    onActivate(th, function () {
      var col = th.dataset.col;
      state.dir = state.sort === col ? -state.dir : 1;
      state.sort = col; state.page = 0;
      document.querySelectorAll("#conversation-table th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", state.dir === 1 ? "ascending" : "descending");
      renderConversations(filtered());
    });
  });

  /* ---------- findings ---------- */
  function renderFindings() {
    var list = data.findings.filter(function (f) { return matches(rows[f[0]]); });
    var node = document.getElementById("findings-list");
    node.textContent = "";
    var start = state.fpage * FPAGE;
    node.start = start + 1;
    list.slice(start, start + FPAGE).forEach(function (f) {
      var r = rows[f[0]], li = el("li", "finding"), body = el("div", "body");
      var head = el("div");
      head.appendChild(el("span", "crit", f[1]));
      head.appendChild(document.createTextNode(" · " + r[C.target] + " · " + r[C.scenario] + " · " + r[C.channel] + " · " + r[C.locale] + " "));
      var open = el("button", "open", "transcript");
      open.type = "button";
      open.addEventListener("click", function () { openConversation(f[0]); });
      head.appendChild(open);
      body.appendChild(head);
      (f[3].length ? f[3] : [f[2]]).forEach(function (q) { body.appendChild(el("q", "", q)); });
      f[4].forEach(function (link) {
        var line = el("div", "sub", "link: ");
        line.appendChild(el("code", "link", link));
        body.appendChild(line);
      });
      li.appendChild(body);
      if (isRelative(f[5])) {
        var a = el("a", "shot"), img = el("img");
        a.href = f[5]; img.src = f[5]; img.alt = "screenshot"; img.loading = "lazy";
        a.appendChild(img); li.appendChild(a);
      }
      node.appendChild(li);
    });
    if (!list.length) { node.appendChild(el("li", "sub", "No critical finding for this selection.")); }
    pager(document.getElementById("findings-pager"), state.fpage, list.length, FPAGE,
      function (p) { state.fpage = p; renderFindings(); });
  }

  /* ---------- transcripts (lazy) ---------- */
  function loadChunk(n, fn) {
    if (chunks[n]) { fn(chunks[n]); return; }
    if (waiting[n]) { waiting[n].push(fn); return; }
    waiting[n] = [fn];
    var s = document.createElement("script");
    s.nonce = NONCE;
    s.charset = "utf-8";
    s.src = data.transcripts + "/chunk-" + String(n).padStart(4, "0") + ".js";
    s.onerror = function () { showError("transcript file " + s.src + " is missing"); };
    document.body.appendChild(s);
  }
  function showError(message) {
    var d = document.getElementById("detail");
    d.hidden = false; d.textContent = ""; d.appendChild(el("p", "bad", message));
  }
  function openConversation(i) {
    loadChunk(Math.floor(i / data.chunk), function (items) { renderDetail(i, items[i % data.chunk]); });
  }
  function renderDetail(i, t) {
    var r = rows[i], d = document.getElementById("detail");
    d.textContent = ""; d.hidden = false; d.dataset.index = String(i);
    d.appendChild(el("h3", "mono", r[C.key]));
    d.appendChild(el("p", "sub", r[C.status] + " · score " + (r[C.score] === null ? "–" : r[C.score]) +
      " · " + (r[C.passed] ? "passed" : "did not pass") + " · persona " + t.persona + " · " + r[C.started_at] + " → " + t.ended_at));
    if (r[C.error]) { d.appendChild(el("p", "res-fail", "error: " + r[C.error])); }
    var ol = el("ol", "timeline");
    var t0 = t.turns.length && t.turns[0][3] ? t.turns[0][3] : null;
    t.turns.forEach(function (turn) {
      var li = el("li", "turn " + turn[0] + " " + turn[1]);
      var when = el("div", "when", clock(turn[3]));
      if (t0 !== null && turn[3]) { when.appendChild(el("div", "", "+" + secs(turn[3] - t0))); }
      li.appendChild(when);
      var text = el("div", "text");
      text.appendChild(el("span", "who", turn[0] + (turn[1] !== "message" ? " · " + turn[1] : "") + (turn[7] ? " · bot" : "")));
      if (turn[4] !== null) { text.appendChild(el("span", "latency" + (turn[4] > (t.kpis.sla_ms || SLA_MS[r[C.channel]] || 60000) ? " slow" : ""), "replied after " + secs(turn[4]))); }
      text.appendChild(document.createElement("br"));
      richText(text, turn[2]);
      (turn[6] || []).forEach(function (part) {  /* quote, signature, footer…: folded, as text */
        var fold = el("details", "part " + part[0]);
        fold.appendChild(el("summary", "", part[0]));
        fold.appendChild(el("div", "", part[1]));
        text.appendChild(fold);
      });
      turn[5].forEach(function (span) {
        text.appendChild(el("div", "typing", "typing shown " + clock(span[0]) + " for " + secs(span[1] - span[0])));
      });
      li.appendChild(text);
      ol.appendChild(li);
    });
    d.appendChild(ol);
    var table = el("table", "criteria"), head = el("tr");
    ["criterion", "result", "critical", "weight", "evidence"].forEach(function (h) { head.appendChild(el("th", "", h)); });
    table.appendChild(head);
    t.criteria.forEach(function (c) {
      var tr = el("tr");
      tr.appendChild(el("td", "mono", c[0] + "/" + c[1]));
      tr.appendChild(el("td", "res-" + c[2], c[2]));
      tr.appendChild(el("td", "", c[3] ? "critical" : ""));
      tr.appendChild(el("td", "", c[4]));
      tr.appendChild(richText(el("td", "evidence"), c[5]));
      table.appendChild(tr);
    });
    d.appendChild(table);
    var links = el("p", "shot");
    if (isRelative(t.screenshot)) {
      var img = el("img"); img.src = t.screenshot; img.alt = "screenshot at the end of the conversation";
      var a = el("a"); a.href = t.screenshot; a.appendChild(img); links.appendChild(a);
    }
    if (isRelative(t.trace)) {
      var tr2 = el("a", "", "Playwright trace"); tr2.href = t.trace; tr2.download = "";
      links.appendChild(document.createTextNode(" ")); links.appendChild(tr2);
      links.appendChild(el("span", "sub", " (open with: playwright show-trace)"));
    }
    d.appendChild(links);
    d.scrollIntoView({ block: "start" });
  }

  function render() {
    renderConversations(filtered());
    renderFindings();
  }
  render();
  window.__shopperReadyAt = performance.now();
  document.body.dataset.ready = "1";
})();
