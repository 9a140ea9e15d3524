// The Harbor chat widget. Renders every message with textContent, never as HTML.
(function () {
  "use strict";
  var host = document.getElementById("chat-widget");
  var cfg = host.dataset;
  var root = host;
  host.replaceChildren();
  if (cfg.shadow === "1") {
    root = host.attachShadow({ mode: "open" });
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = cfg.stylesheet;
    root.appendChild(link);
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  var panel = el("div", { id: "chat-panel", "class": "chat-panel" });
  var header = el("header", { "class": "chat-header" });
  header.appendChild(el("span", { "class": "chat-title" }, "Harbor Support"));
  var agentLabel = el("span", { id: "chat-agent", "class": "chat-agent" }, "");
  header.appendChild(agentLabel);

  var prechat = el("form", { id: "prechat", "class": "prechat", novalidate: "" });
  prechat.appendChild(el("p", { "class": "prechat-intro" }, "Please tell us who you are before we start."));
  prechat.appendChild(el("label", { "for": "prechat-name" }, "Name"));
  var nameInput = el("input", { id: "prechat-name", name: "name", autocomplete: "name", required: "" });
  prechat.appendChild(nameInput);
  prechat.appendChild(el("label", { "for": "prechat-email" }, "Email"));
  var emailInput = el("input", { id: "prechat-email", name: "email", type: "email", autocomplete: "email", required: "" });
  prechat.appendChild(emailInput);
  prechat.appendChild(el("button", { id: "prechat-submit", type: "submit" }, "Start chat"));
  var prechatError = el("p", { id: "prechat-error", "class": "prechat-error", role: "alert" }, "");
  prechat.appendChild(prechatError);

  var main = el("div", { id: "chat-main", "class": "chat-main", hidden: "" });
  var list = el("ol", { id: "messages", "class": "messages", "aria-live": "polite" });
  var typingSlot = el("div", { id: "typing-slot", "class": "typing-slot" });
  var composer = el("form", { id: "composer", "class": "composer" });
  var input = el("textarea", { id: "chat-input", "class": "chat-input", rows: "2", placeholder: "Type a message", "aria-label": "Message" });
  var send = el("button", { id: "chat-send", "class": "chat-send", type: "submit" }, "Send");
  composer.appendChild(input);
  composer.appendChild(send);
  main.appendChild(list);
  main.appendChild(typingSlot);
  main.appendChild(composer);

  var status = el("p", { id: "chat-status", "class": "chat-status", role: "status" }, "");
  panel.appendChild(header);
  panel.appendChild(prechat);
  panel.appendChild(main);
  panel.appendChild(status);
  root.appendChild(panel);
  host.setAttribute("data-state", "prechat");

  var socket = null;
  var conversation = null;
  var attempts = 0;
  var MAX_RECONNECTS = 3;

  function setStatus(text, level) {
    status.textContent = text;
    status.className = "chat-status" + (level ? " " + level : "");
  }

  function setTyping(on, author) {
    var current = typingSlot.querySelector(".typing");
    if (on && !current) {
      typingSlot.appendChild(el("div", { id: "typing", "class": "typing" }, (author || "Agent") + " is typing…"));
    } else if (!on && current) {
      current.remove();
    }
  }

  function addMessage(cls, text, data) {
    var item = el("li", { "class": "msg " + cls }, text);
    Object.keys(data || {}).forEach(function (key) { item.setAttribute("data-" + key, data[key]); });
    list.appendChild(item);
    list.scrollTop = list.scrollHeight;
    return item;
  }

  function pageNow() { return performance.timeOrigin + performance.now(); }

  function markVisible(item) { item.setAttribute("data-visible-at-ms", pageNow().toFixed(3)); }

  // The render variants (?render=, see shopper.demo.options.RENDERS): real widgets rarely show a
  // reply inside the socket handler. Each stamps when its text becomes visible (ground truth).
  var TYPING_DELAY_MS = 120;
  var STREAM_STEP_MS = 60;
  function render(cls, text, meta, after) {
    var variant = cfg.render || "direct";
    if (variant === "placeholder") {
      var holder = addMessage(cls, "", meta);
      holder.hidden = true;
      holder.setAttribute("aria-hidden", "true");
      window.setTimeout(function () {
        holder.textContent = text;
        holder.hidden = false;
        holder.removeAttribute("aria-hidden");
        markVisible(holder);
        after();
      }, TYPING_DELAY_MS);
    } else if (variant === "raf") {
      window.requestAnimationFrame(function () { markVisible(addMessage(cls, text, meta)); after(); });
    } else if (variant === "delay") {
      window.setTimeout(function () { markVisible(addMessage(cls, text, meta)); after(); }, TYPING_DELAY_MS);
    } else if (variant === "stream") {
      var words = text.split(/(\s+)/);
      var step = Math.max(1, Math.ceil(words.length / 16));  // about 16 steps: ~1 s in all
      var bubble = addMessage(cls, "", meta);
      var shown = 0;
      var grow = function () {
        shown = Math.min(words.length, shown + step);
        bubble.textContent = words.slice(0, shown).join("");
        if (!bubble.hasAttribute("data-visible-at-ms") && bubble.textContent.trim()) { markVisible(bubble); }
        if (shown < words.length) { window.setTimeout(grow, STREAM_STEP_MS); return; }
        bubble.setAttribute("data-final-at-ms", pageNow().toFixed(3));
        after();
      };
      window.setTimeout(grow, STREAM_STEP_MS);
    } else {
      markVisible(addMessage(cls, text, meta));
      after();
    }
  }

  // Quick replies: a row of buttons under an agent message (as Intercom and Zendesk show them);
  // a click sends the label as the customer's message.
  function addQuickReplies(labels) {
    var row = el("li", { "class": "quick-replies" });
    labels.forEach(function (label) {
      var button = el("button", { type: "button", "class": "quick-reply" }, String(label));
      button.addEventListener("click", function () {
        input.value = String(label);
        composer.requestSubmit();
      });
      row.appendChild(button);
    });
    list.appendChild(row);
  }

  function onFrame(event) {
    var data;
    try { data = JSON.parse(event.data); } catch (e) { return; }
    if (data.type === "ready") {
      attempts = 0;
      setStatus("", "");
      host.setAttribute("data-state", "open");
    } else if (data.type === "typing") {
      setTyping(Boolean(data.on), agentLabel.textContent);
    } else if (data.type === "message") {
      var cls = data.role === "system" ? "system" : "agent" + (data.kind === "welcome" ? " welcome" : "");
      var meta = { "message-id": data.id, author: data.author, kind: data.kind, "server-at-ms": data.at_ms };
      var buttons = Array.isArray(data.buttons) && data.buttons.length ? data.buttons : null;
      render(cls, String(data.text), meta, function () { if (buttons) { addQuickReplies(buttons); } });
      if (data.role !== "system") { agentLabel.textContent = data.author; }
    }
  }

  function connect() {
    var url = new URL(cfg.socket, window.location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    url.searchParams.set("conversation", conversation);
    host.setAttribute("data-state", attempts ? "reconnecting" : "connecting");
    socket = new WebSocket(url.toString());
    socket.addEventListener("message", onFrame);
    socket.addEventListener("close", function () {
      setTyping(false);
      socket = null;
      if (attempts < MAX_RECONNECTS) {
        attempts += 1;
        host.setAttribute("data-state", "reconnecting");
        setStatus("Connection lost. Reconnecting…", "warning");
        window.setTimeout(connect, 500 * attempts);
      } else {
        host.setAttribute("data-state", "closed");
        setStatus("Disconnected. Please reload the page.", "error");
      }
    });
  }

  prechat.addEventListener("submit", function (event) {
    event.preventDefault();
    var name = nameInput.value.trim();
    var email = emailInput.value.trim();
    if (!name || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
      prechatError.textContent = "Please enter your name and a valid email.";
      return;
    }
    prechatError.textContent = "";
    fetch(cfg.api, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: name, email: email, locale: navigator.language || "en" })
    }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    }).then(function (body) {
      conversation = body.conversation;
      host.setAttribute("data-conversation-id", conversation);
      prechat.hidden = true;
      main.hidden = false;
      connect();
      input.focus();
    }).catch(function (error) {
      host.setAttribute("data-state", "error");
      setStatus("Chat is unavailable right now (" + error.message + "). Please try again later.", "error");
    });
  });

  composer.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      setStatus("Not connected. Your message was not sent.", "warning");
      return;
    }
    addMessage("visitor", text, { "sent-at-ms": String(performance.timeOrigin + performance.now()) });
    socket.send(JSON.stringify({ type: "message", text: text }));
    input.value = "";
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
})();
