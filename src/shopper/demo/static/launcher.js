// The launcher: creates the chat iframe on first click (lazily, as real widgets do),
// then toggles it.
(function () {
  "use strict";
  var launcher = document.getElementById("chat-launcher");
  var container = document.getElementById("chat-container");
  if (!launcher || !container) { return; }
  launcher.addEventListener("click", function () {
    var frame = document.getElementById("chat-frame");
    if (!frame) {
      frame = document.createElement("iframe");
      frame.id = "chat-frame";
      frame.name = "harbor-chat";
      frame.title = "Harbor support chat";
      frame.className = "chat-frame";
      frame.src = launcher.getAttribute("data-widget-src");
      container.appendChild(frame);
      container.classList.add("open");
      launcher.setAttribute("aria-expanded", "true");
      return;
    }
    var open = container.classList.toggle("open");
    launcher.setAttribute("aria-expanded", open ? "true" : "false");
  });
})();
