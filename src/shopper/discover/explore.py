"""``shopper discover URL``: open the page, find the chat, propose a target block.

Steps, each bounded by ``timeout_s``: load the page; scan every frame until widgets stop
appearing; open the chat with the best launcher (or ``--click TEXT``) when no composer or
pre-chat form shows yet; pick the parts; recognise a known widget. Without ``--try`` nothing is
typed, submitted or sent. With ``--try`` the pre-chat form is filled with a harmless persona and
one harmless message is sent, and what appears is watched to confirm the message selectors.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page
from playwright.async_api import TimeoutError as PlaywrightTimeout

from shopper.discover import messages, parts
from shopper.discover.outline import Mark, outlined_screenshot
from shopper.discover.page import PageScan, settled_scan
from shopper.discover.proposal import Proposal
from shopper.discover.ranking import Choice
from shopper.discover.recognise import Recognised, catalogue, closest, recognise
from shopper.discover.trial import HARMLESS_MESSAGE, TrialFindings, classify
from shopper.probes.chat.config import BrowserSettings
from shopper.probes.chat.runtime import ChatBrowser
from shopper.probes.preset import WidgetPreset

HARMLESS_PERSONA = {"name": "Shopper Discover", "email": "discover@example.invalid"}
TRIAL_POLL_S = 0.25
MESSAGE_PARTS = {"agent reply": "agent_message", "our message": "shopper_message"}


class DiscoverError(Exception):
    """Discover could not propose anything; the message is the one line the user sees."""


@dataclass(frozen=True)
class DiscoverRequest:
    url: str
    click: str | None = None
    trial: bool = False
    screenshot: Path | None = None
    timeout_s: float = 20.0  # page load, widget scan, launcher
    reply_timeout_s: float = 30.0  # --try: how long to wait for the reply
    settle_s: float = 1.5  # --try: quiet that ends the reply
    project: Path | None = None  # whose probes/ join the catalogue
    browser: BrowserSettings = field(default_factory=BrowserSettings)


@dataclass
class Discovery:
    proposal: Proposal
    candidates: list[str]  # the numbered list printed, as the screenshot numbers it
    screenshot: Path | None = None
    trial: str | None = None  # what --try saw, in one line
    sent: bool = False


async def discover(request: DiscoverRequest, env: Mapping[str, str]) -> Discovery:
    presets = catalogue(request.project, env)
    async with ChatBrowser(request.browser) as browser:
        context = await browser.browser.new_context(viewport={"width": 1280, "height": 800})
        try:
            page = await context.new_page()
            return await _discover(page, request, presets)
        finally:
            await context.close()


async def _load(page: Page, request: DiscoverRequest) -> None:
    try:
        response = await page.goto(request.url, wait_until="domcontentloaded", timeout=request.timeout_s * 1000)
    except PlaywrightTimeout:
        raise DiscoverError(f"{request.url}: the page did not load within {request.timeout_s:g} s") from None
    except PlaywrightError as exc:
        raise DiscoverError(f"{request.url}: unreachable ({_first_line(exc)})") from None
    if response is not None and response.status >= 400:
        raise DiscoverError(f"{request.url}: the page answered HTTP {response.status}")


def _nothing_found(request: DiscoverRequest, scan: PageScan) -> DiscoverError:
    shadow = sum(int(f.data["markup_roots"]) - 1 for f in scan.frames)
    return DiscoverError(f"{request.url}: no chat widget found (no chat input, no pre-chat form and no launcher "
                         f"in {len(scan.frames)} frames and {shadow} open shadow roots); "
                         "name the button that opens it with --click TEXT")  # fmt: skip


async def _open_chat(page: Page, request: DiscoverRequest, scan: PageScan) -> tuple[PageScan, parts.Found | None]:
    """Click a launcher when the chat is not showing yet; returns the scan after it and the launcher."""
    composer = parts.chat_input(scan)
    showing = (composer is not None and composer.visible) or parts.prechat_form(scan, composer) is not None
    if showing and request.click is None:
        return scan, None
    if request.click is not None:
        launcher = parts.clickable_with_text(scan, request.click)
        if launcher is None:
            raise DiscoverError(f"{request.url}: --click {request.click!r}: no visible button or link with that text")
    else:
        found = parts.launcher_candidates(scan)
        if not found:
            raise _nothing_found(request, scan)
        launcher = found[0]
    handle = await launcher.scan.handle(int(launcher.element["i"]))
    named = launcher.choice()
    what = named.selector if named else launcher.element.get("text") or launcher.element["tag"]
    if handle is None:
        raise DiscoverError(f"{request.url}: the launcher {what!r} went away before it could be clicked")
    try:
        await handle.click(timeout=request.timeout_s * 1000)
    except PlaywrightError as exc:
        raise DiscoverError(f"{request.url}: could not click the launcher {what!r} ({_first_line(exc)})") from None
    deadline = time.monotonic() + request.timeout_s
    while True:
        after = await settled_scan(page, max(0.5, deadline - time.monotonic()))
        composer = parts.chat_input(after)
        if (composer is not None and composer.visible) or parts.prechat_form(after, composer) is not None:
            return after, launcher
        if time.monotonic() >= deadline:
            raise DiscoverError(f"{request.url}: the launcher {what!r} opened nothing (no chat input or pre-chat "
                                f"form showed within {request.timeout_s:g} s)")  # fmt: skip


async def _discover(page: Page, request: DiscoverRequest, presets: Mapping[str, WidgetPreset]) -> Discovery:
    await _load(page, request)
    scan = await settled_scan(page, request.timeout_s)
    scan, launcher = await _open_chat(page, request, scan)
    composer = parts.chat_input(scan)
    if composer is None:
        raise _nothing_found(request, scan)
    prechat = parts.prechat_form(scan, composer)
    send = parts.send_button(composer)
    hit = closest(await recognise(scan, presets), composer.scan)

    proposal = Proposal(url=request.url, title=str(scan.frames[0].data.get("title", "")))
    if launcher is not None:
        proposal.launcher = launcher.choice()
        proposal.launcher_frames = launcher.scan.chain_choices
        if proposal.launcher is None:
            proposal.notes.append("the launcher has no selector of its own that is unique; set chat.selectors.launcher")
    proposal.frames = composer.scan.chain_choices
    proposal.shadow_host = composer.shadow_host()
    proposal.input = composer.choice()
    if proposal.input is None:
        raise DiscoverError(f"{request.url}: found a chat input in {composer.scan.where} but no selector names it alone")
    proposal.send = send.choice() if send else None
    if prechat is not None:
        proposal.prechat_fields = {k: c for k, f in prechat.fields.items() if (c := f.choice()) is not None}
        proposal.prechat_submit = prechat.submit.choice() if prechat.submit else None
    if hit is not None:
        proposal.widget, proposal.recognised_by = hit.preset.preset, hit.evidence

    discovery = Discovery(proposal, candidates=[])
    findings: TrialFindings | None = None
    if request.trial:
        findings = await _trial(page, request, composer, prechat, send, discovery)
        await _confirm_messages(composer, findings, proposal)
    await _fill_unconfirmed(composer, hit, proposal)
    await _marks_and_screenshot(page, request, scan, composer, launcher, findings, discovery)
    return discovery


async def _trial(
    page: Page, request: DiscoverRequest, composer: parts.Found, prechat: parts.Prechat | None,
    send: parts.Found | None, discovery: Discovery,
) -> TrialFindings:  # fmt: skip
    """Send one harmless message and watch what the widget shows until the reply settles."""
    timeout_ms = request.timeout_s * 1000
    if prechat is not None:
        for kind, field_found in prechat.fields.items():
            box = await field_found.scan.handle(int(field_found.element["i"]))
            if box is not None:
                await box.fill(HARMLESS_PERSONA[kind], timeout=timeout_ms)
        if prechat.submit is not None:
            button = await prechat.submit.scan.handle(int(prechat.submit.element["i"]))
            if button is not None:
                await button.click(timeout=timeout_ms)
    box = await composer.scan.handle(int(composer.element["i"]))
    if box is None:
        raise DiscoverError(f"{request.url}: the chat input went away before --try could type")
    try:
        await box.wait_for_element_state("editable", timeout=timeout_ms)
        await box.wait_for_element_state("visible", timeout=timeout_ms)
    except PlaywrightError:
        raise DiscoverError(f"{request.url}: --try: the chat input never became editable "
                            f"(a pre-chat form discover could not fill?)") from None  # fmt: skip
    sent_at = float(await composer.scan.call("watch"))
    await box.fill(HARMLESS_MESSAGE, timeout=timeout_ms)
    button = await send.scan.handle(int(send.element["i"])) if send is not None else None
    if button is not None:
        await button.click(timeout=timeout_ms)
    else:
        await box.press("Enter", timeout=timeout_ms)
    discovery.sent = True
    deadline = time.monotonic() + request.reply_timeout_s
    findings = TrialFindings()
    while time.monotonic() < deadline:
        await asyncio.sleep(TRIAL_POLL_S)
        records = await composer.scan.call("report")
        findings = classify(records, HARMLESS_MESSAGE, sent_at)
        now = float(await composer.scan.call("now"))
        last = max((max(float(r["at"]), float(r.get("removed_at") or 0)) for r in records), default=sent_at)
        if findings.replied and now - last >= request.settle_s * 1000:
            break
    discovery.trial = (f"--try sent {HARMLESS_MESSAGE!r}; saw {len(findings.shopper)} echo, "
                       f"{len(findings.typing)} typing indicator, {len(findings.agent)} reply element(s)"
                       + ("" if findings.replied else f": no reply within {request.reply_timeout_s:g} s"))  # fmt: skip
    return findings


async def _confirm_messages(composer: parts.Found, findings: TrialFindings, proposal: Proposal) -> None:
    scan, number = composer.scan, int(composer.element["i"])
    if findings.agent:
        proposal.agent_message = await messages.confirmed(
            scan, findings.agent, list(findings.shopper) + list(findings.typing), part="agent_message",
            sent=HARMLESS_MESSAGE, composer=number)  # fmt: skip
    if findings.shopper:
        proposal.shopper_message = await messages.confirmed(
            scan, findings.shopper, list(findings.agent) + list(findings.typing), part="shopper_message",
            sent=HARMLESS_MESSAGE, composer=number, avoid_texts=[str(a["text"]) for a in findings.agent])  # fmt: skip
    if findings.typing:
        proposal.typing = await messages.typing_choice(scan, findings)
    proposal.message_list = await messages.list_choice(scan, findings)


async def _fill_unconfirmed(composer: parts.Found, hit: Recognised | None, proposal: Proposal) -> None:
    """Message parts nothing confirmed: the recognised preset's, else a guess from the stylesheets."""
    preset = hit.preset.chat if hit is not None else None
    hints: list[str] | None = None
    for part, words in (("agent_message", messages.AGENT_WORDS), ("shopper_message", messages.SHOPPER_WORDS)):
        if getattr(proposal, part) is not None:
            continue
        from_preset = getattr(preset, part) if preset is not None else None
        if from_preset:
            setattr(proposal, part, Choice(from_preset, 0.5, f"from the {hit.preset.preset if hit else ''} preset; "
                                           "not seen (use --try to confirm)"))  # fmt: skip
            continue
        if hints is None:
            hints = list(await composer.scan.call("classHints"))
        guess = messages.guessed(hints, words)
        if guess:
            shown = await composer.scan.call("inspect", guess, int(composer.element["i"]))
            if shown and not any(m["holds"] for m in shown):
                why = f"guessed from the widget's stylesheet class names; matches {len(shown)} message(s) already shown"
                setattr(proposal, part, Choice(guess, 0.5, why + " (use --try to confirm)"))
            else:
                setattr(proposal, part, Choice(guess, 0.3, "guessed from the widget's stylesheet class names; "
                                               "not seen (use --try to confirm)"))  # fmt: skip
    for part in ("typing", "message_list"):
        from_preset = getattr(preset, part) if preset is not None else None
        if getattr(proposal, part) is None and from_preset:
            setattr(proposal, part, Choice(from_preset, 0.5, "from the preset; not seen"))
    if proposal.agent_message is None:
        proposal.notes.append("no agent message selector: run with --try, or set chat.selectors.agent_message")


async def _marks_and_screenshot(
    page: Page, request: DiscoverRequest, scan: PageScan, composer: parts.Found,
    launcher: parts.Found | None, findings: TrialFindings | None, discovery: Discovery,
) -> None:  # fmt: skip
    """Number every candidate (chosen ones first) and outline them in the screenshot."""
    proposal = discovery.proposal
    found: list[tuple[str, parts.Found | None, int | None, bool]] = []
    if launcher is not None:
        found.append(("launcher", launcher, None, True))
    found.append(("input", composer, None, True))
    send = parts.send_button(composer)
    if send is not None:
        found.append(("send", send, None, True))
    if findings is not None:
        found += [("agent reply", None, int(r["i"]), True) for r in findings.agent]
        found += [("our message", None, int(r["i"]), True) for r in findings.shopper]
    taken = {(f.scan.frame, f.element["i"]) for _, f, _, _ in found if f is not None}
    for other in parts.launcher_candidates(scan):
        if (other.scan.frame, other.element["i"]) not in taken:
            found.append(("launcher candidate", other, None, False))
    marks: list[Mark] = []
    for number, (label, where, record, chosen) in enumerate(found, start=1):
        frame_scan = where.scan if where is not None else composer.scan
        index = int(where.element["i"]) if where is not None else record
        assert index is not None
        handle = await frame_scan.handle(index)
        named = where.choice() if where is not None else MESSAGE_PARTS.get(label)
        selector = named.selector if isinstance(named, Choice) else getattr(proposal, str(named), None)
        shown = selector.selector if isinstance(selector, Choice) else (selector or "(no unique selector)")
        text = f"{number:>2}. {label:<18} {shown} ({frame_scan.where})"
        discovery.candidates.append(text + ("" if chosen else " [not chosen]"))
        if handle is not None:
            marks.append(Mark(number, label, handle, chosen))
    if request.screenshot is not None:
        await outlined_screenshot(page, marks, request.screenshot)
        discovery.screenshot = request.screenshot


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
