"""`shopper run`: a plan (or an unfinished run folder) in, a run folder out."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

from shopper import __version__
from shopper.audits.channels import Channels
from shopper.audits.concurrency import Concurrency, resolve_concurrency
from shopper.audits.gate import GateVerdict, evaluate_gate, nothing_reached
from shopper.audits.matrix import ConversationSpec, expand
from shopper.audits.plan import Plan, load_plan
from shopper.audits.progress import ConsoleProgress
from shopper.audits.runfolder import (
    Manifest,
    ResultsWriter,
    default_run_dir,
    finished_keys,
    iso,
    utc_now,
)
from shopper.audits.runner import Runner, RunnerSettings, RunSummary
from shopper.audits.scoring_bridge import scorer_for
from shopper.audits.shard import Shard, ShardInfo
from shopper.audits.warmup import warm_up
from shopper.log_redaction import protect_logs
from shopper.results import ConversationResult, read_results
from shopper.runfiles import ARTIFACTS, RESULTS


@dataclass(frozen=True)
class RunRequest:
    audit: Path | None = None
    resume: Path | None = None
    out: Path | None = None
    concurrency: Concurrency | None = None
    quiet: bool = False
    shard: Shard | None = None  # run only this stable slice of the matrix (shopper.audits.shard)
    baseline: Path | None = None  # a known-good run folder the gate compares against


@dataclass(frozen=True)
class RunOutcome:
    run_dir: Path
    plan: Plan
    summary: RunSummary
    verdict: GateVerdict | None = None  # None for a shard: the gate is judged after `shopper merge`
    unreached: str | None = None  # set when no conversation reached its platform (exit 3); None for a shard


class RunSetupError(Exception):
    """The run cannot start (browser, demo, listener): exit code 3."""


def prepare(request: RunRequest) -> tuple[Plan, Path, Manifest, list[ConversationSpec]]:
    """Load the plan and the run folder; with ``resume``, only what is not finished yet."""
    if request.resume is not None:
        manifest = Manifest.read(request.resume)
        plan = load_plan(Path(manifest.audit_path))
        done = finished_keys(request.resume / RESULTS)
        specs = [s for s in expand(plan) if s.key in set(manifest.keys) and s.key not in done]
        return plan, request.resume, manifest, specs
    assert request.audit is not None
    plan = load_plan(request.audit)
    started = utc_now()
    run_dir = request.out or default_run_dir(plan.root / "reports", plan.audit.audit, started)
    run_dir.mkdir(parents=True, exist_ok=True)
    all_specs = expand(plan)
    specs = request.shard.select(all_specs) if request.shard is not None else all_specs
    manifest = Manifest(
        run=f"{plan.audit.audit}-{started.strftime('%Y%m%dT%H%M%SZ')}",
        audit=plan.audit.audit,
        audit_path=str(plan.path.resolve()),
        started_at=iso(started),
        keys=[s.key for s in specs],
        shard=str(request.shard) if request.shard is not None else None,
        version=__version__,
    )
    manifest.write(run_dir)
    if request.shard is not None:
        gate = plan.audit.gate.model_dump(mode="json")
        ShardInfo(str(request.shard), plan.audit.audit, [s.key for s in all_specs], gate).write(run_dir)
    return plan, run_dir, manifest, specs


async def execute(request: RunRequest) -> RunOutcome:
    plan, run_dir, manifest, specs = prepare(request)
    with protect_logs(plan.secrets):
        return await _execute(request, plan, run_dir, manifest, specs)


async def _execute(request: RunRequest, plan: Plan, run_dir: Path, manifest: Manifest,
                   specs: list[ConversationSpec]) -> RunOutcome:
    (run_dir / ARTIFACTS).mkdir(exist_ok=True)
    writer = ResultsWriter(run_dir / RESULTS)
    try:
        with ConsoleProgress(len(specs), quiet=request.quiet) as progress:
            try:
                channels = Channels(plan, specs, run_dir)
                await channels.__aenter__()
            except Exception as exc:
                raise RunSetupError(f"cannot start the run: {type(exc).__name__}: {exc}") from exc
            try:
                concurrency = await resolve_concurrency(request.concurrency or plan.audit.concurrency,
                                                        channels.chat_browser)  # fmt: skip
                settings = RunnerSettings(run_id=manifest.run, run_dir=run_dir, concurrency=concurrency,
                                          retries=plan.audit.retries, secrets=plan.secrets)  # fmt: skip
                scorer = scorer_for(plan)
                if any(spec.channel == "api" for spec in specs):
                    await asyncio.to_thread(warm_up, scorer, list(specs))
                runner = Runner(plan, settings, channels.session, channels.pace, scorer, progress)
                summary = await runner.run(specs, writer)
            finally:
                await channels.__aexit__(None, None, None)
    finally:
        writer.close()
    summary.skipped = len(manifest.keys) - len(specs)
    results = list(read_results(run_dir / RESULTS)) if (run_dir / RESULTS).exists() else []  # resumed ones too
    verdict = judge(plan, run_dir, manifest, results, request.baseline)  # before render: summary.md may show gate.md
    from shopper.reports import render_run

    render_run(run_dir)
    unreached = nothing_reached(results) if manifest.shard is None else None  # a shard's run is judged at merge
    return RunOutcome(run_dir, plan, summary, verdict, unreached)


def judge(plan: Plan, run_dir: Path, manifest: Manifest, results: list[ConversationResult],
          baseline: Path | None) -> GateVerdict | None:
    """The gate over every record of the run, written to gate.md."""
    if manifest.shard is not None:
        return None
    before = list(read_results(baseline / RESULTS)) if baseline is not None else None
    verdict = evaluate_gate(plan, results, before)
    verdict.write(run_dir)
    return verdict
