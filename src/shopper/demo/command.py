"""``shopper demo``: serve the demo platform in the foreground until Ctrl-C or SIGTERM."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import click

from shopper.demo.options import PROFILES, DemoOptions


def _host_port(value: str | None) -> tuple[str, int] | None:
    if value is None:
        return None
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise click.BadParameter(f"expected HOST:PORT, got {value!r}")
    return host, int(port)


async def _serve(options: DemoOptions) -> None:
    from shopper.demo.platform import DemoPlatform  # aiohttp, jinja2: only when serving

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with DemoPlatform(options) as demo:
        click.echo(f"Harbor Exchange demo platform on {demo.base_url}/")
        width = max(len(p) for p in PROFILES)
        for profile in PROFILES:
            click.echo(f"  {profile:{width}} chat  {demo.site_url(profile)}   (shadow root: "
                       f"{demo.site_url(profile, shadow=True)})")  # fmt: skip
        click.echo(f"  bot APIs of each profile: Direct Line {demo.api_url('good', 'directline')}, Rasa REST "
                   f"{demo.api_url('good', 'rasa-rest')}, Rasa socket.io {demo.base_url} (path good/socket.io), "
                   f"OpenAI-compatible {demo.api_url('good', 'openai')} (good: any profile)")  # fmt: skip
        click.echo(f"  email desk smtp://{demo.smtp_host}:{demo.smtp_port}  "
                   f"(to {demo.support_address('good')}, …)")  # fmt: skip
        if options.reply_to is None:
            click.echo("  email answers are not delivered: pass --reply-to HOST:PORT", err=True)
        if demo.ground_truth_path is not None:
            click.echo(f"  ground truth  {demo.ground_truth_path}")
        click.echo("Press Ctrl-C to stop.", err=True)
        await stop.wait()
    click.echo("stopped", err=True)


@click.command("demo")
@click.option("--port", type=int, default=0, show_default=True, help="HTTP port (0: a free one).")
@click.option("--smtp-port", type=int, default=0, show_default=True, help="SMTP port of the desk.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of every bot.")
@click.option("--speed", type=float, default=1.0, show_default=True,
              help="Factor applied to every scripted delay (0.01: 100x faster).")  # fmt: skip
@click.option("--reply-to", metavar="HOST:PORT", help="Where the email desk delivers answers.")
@click.option("--hostile", is_flag=True, help="Agents reply with HTML/script-looking text.")
@click.option("--ground-truth", type=click.Path(dir_okay=False, path_type=Path),
              help="Append the ground truth (JSON lines) to this file.")  # fmt: skip
def demo(
    port: int, smtp_port: int, seed: int, speed: float, reply_to: str | None, hostile: bool,
    ground_truth: Path | None,
) -> None:  # fmt: skip
    """Serve the embedded demo support site and email desk on 127.0.0.1."""
    if speed <= 0:
        raise click.BadParameter("must be > 0", param_hint="--speed")
    options = DemoOptions(
        seed=seed, speed=speed, reply_to=_host_port(reply_to), hostile=hostile,
        ground_truth=ground_truth, http_port=port, smtp_port=smtp_port,
    )  # fmt: skip
    asyncio.run(_serve(options))
