"""The ``shopper discover`` command: a thin wrapper over :func:`shopper.discover.explore.discover`."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import click

from shopper.exitcodes import ExitCode


@click.command()
@click.argument("url")
@click.option("--click", "click_text", metavar="TEXT", help="Open the chat by clicking the button or link with this text.")
@click.option("--try", "trial", is_flag=True,
              help="Send one harmless message (and fill a pre-chat form with a harmless persona) to confirm "
                   "which elements are the reply and the typing indicator. Without it nothing is sent.")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=Path("discovered.yaml"),
              show_default=True, help="Where to write the proposed audit (the screenshot goes beside it, .png).")
@click.option("--timeout", "timeout_s", type=click.FloatRange(min=1), default=20.0, show_default=True,
              help="Seconds for the page, the widget and the launcher.")
@click.option("--reply-timeout", "reply_timeout_s", type=click.FloatRange(min=1), default=30.0, show_default=True,
              help="With --try: seconds to wait for the reply.")
def discover(url: str, click_text: str | None, trial: bool, out: Path, timeout_s: float, reply_timeout_s: float) -> None:
    """Find the chat widget on URL and propose a target block for it.

    Opens URL in Chromium, finds chat launchers, iframes (any origin) and open shadow roots,
    recognises known widgets (the presets' recognise: blocks), and writes an audit file with the
    proposed target (valid for `shopper validate`, runnable with `shopper run`) and a screenshot
    with every candidate outlined and numbered. Each selector is printed with how sure discover
    is and why.
    """
    from shopper.discover.explore import DiscoverError, DiscoverRequest
    from shopper.discover.explore import discover as run_discover
    from shopper.probes.base import ProbeError

    screenshot = out.with_suffix(".png")
    request = DiscoverRequest(url=url, click=click_text, trial=trial, screenshot=screenshot, timeout_s=timeout_s,
                              reply_timeout_s=reply_timeout_s, project=Path.cwd())
    try:
        found = asyncio.run(run_discover(request, os.environ))
    except (DiscoverError, ProbeError) as exc:
        click.echo(f"shopper discover: {exc}", err=True)
        raise SystemExit(ExitCode.INFRASTRUCTURE) from None
    proposal = found.proposal
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(proposal.audit_yaml(), encoding="utf-8")
    if proposal.recognised_by:
        click.echo(f"recognised: {proposal.widget} ({proposal.recognised_by})")
    click.echo("candidates (numbered as in the screenshot):")
    for line in found.candidates:
        click.echo(f"  {line}")
    click.echo("proposed selectors (confidence 0-1, and why):")
    for line in proposal.confidence_lines():
        click.echo(f"  {line}")
    for note in proposal.notes:
        click.echo(f"note: {note}")
    click.echo(found.trial or "nothing was sent (use --try to send one harmless message and confirm the replies)")
    click.echo(f"wrote {out} and {screenshot}; next: shopper validate {out} && shopper run {out}")
