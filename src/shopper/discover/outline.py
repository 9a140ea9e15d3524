"""The screenshot discover writes: every candidate outlined and numbered, as the printed list numbers it.

The outlines are drawn by a throw-away overlay in the top page (``pointer-events: none``),
removed again once the picture is taken. Boxes come from Playwright, in the top page's
coordinates, so elements inside iframes and shadow roots are outlined where they show.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from playwright.async_api import ElementHandle, Page
from playwright.async_api import Error as PlaywrightError

OVERLAY_ID = "__shopper_discover_overlay"
COLOURS = {"chosen": "#d9480f", "candidate": "#1c7ed6"}


@dataclass(frozen=True)
class Mark:
    number: int
    label: str  # "launcher", "input", "agent_message", "launcher candidate" ...
    handle: ElementHandle
    chosen: bool


DRAW = """(args) => {
  const [id, boxes] = args;
  const layer = document.createElement("div");
  layer.id = id;
  layer.style.cssText = "position:fixed;inset:0;pointer-events:none;z-index:2147483647";
  for (const b of boxes) {
    const frame = document.createElement("div");
    frame.style.cssText = `position:fixed;left:${b.x - 3}px;top:${b.y - 3}px;width:${b.width + 6}px;` +
      `height:${b.height + 6}px;border:3px solid ${b.colour};box-sizing:border-box;border-radius:4px`;
    const tag = document.createElement("span");
    tag.textContent = `${b.number} ${b.label}`;
    tag.style.cssText = `position:absolute;left:-3px;${b.y < 24 ? "bottom:-22px" : "top:-22px"};background:${b.colour};color:#fff;` +
      "font:bold 12px/18px sans-serif;padding:0 5px;border-radius:3px;white-space:nowrap";
    frame.appendChild(tag);
    layer.appendChild(frame);
  }
  document.documentElement.appendChild(layer);
}"""


async def outlined_screenshot(page: Page, marks: list[Mark], path: Path) -> int:
    """Write ``path`` with each mark outlined; returns how many marks were on screen."""
    boxes = []
    for mark in marks:
        try:
            box = await mark.handle.bounding_box()
        except PlaywrightError:
            box = None
        if box is None or box["width"] <= 0 or box["height"] <= 0:
            continue
        colour = COLOURS["chosen" if mark.chosen else "candidate"]
        boxes.append({**box, "number": mark.number, "label": mark.label, "colour": colour})
    path.parent.mkdir(parents=True, exist_ok=True)
    await page.evaluate(DRAW, [OVERLAY_ID, boxes])
    try:
        await page.screenshot(path=str(path))
    finally:
        await page.evaluate(f"() => document.getElementById({json.dumps(OVERLAY_ID)})?.remove()")
    return len(boxes)
