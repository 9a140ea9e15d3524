"""``shopper merge``: shard run folders joined into one run, rendered, and gated.

Refuses (exit 2) folders that are not shards, shards of different audits or plans (the audit
id, the full key list and the gate must be the same), the same shard twice, a conversation in
two folders, and, unless ``--partial``, a missing shard. The merged folder is an ordinary run:
``run.json``, ``results.jsonl`` (in the plan's order, every record's ``run`` set to the merged
run's id), ``artifacts/`` (copied; paths in the records rewritten), ``gate.md``, and the
report. ``shopper run --resume MERGED`` finishes anything a shard left unfinished.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import click

from shopper import __version__
from shopper.audits.gate import GateVerdict, evaluate_gate, nothing_reached
from shopper.audits.model import Gate
from shopper.audits.runfolder import Manifest, ResultsWriter
from shopper.audits.shard import ShardInfo
from shopper.exitcodes import ExitCode
from shopper.results import ConversationResult, read_results
from shopper.runfiles import ARTIFACTS, RESULTS


class MergeError(Exception):
    """Shards that cannot be merged (exit code 2)."""


@dataclass(frozen=True)
class MergeOutcome:
    out: Path
    manifest: Manifest
    results: list[ConversationResult]
    gate: Gate
    missing_shards: list[int]


@dataclass(frozen=True)
class _Part:
    folder: Path
    info: ShardInfo
    manifest: Manifest
    results: list[ConversationResult]


def _read(folder: Path) -> _Part:
    info = ShardInfo.read(folder)
    if info is None:
        raise MergeError(f"{folder}: not a shard run (no shard.json; run it with `shopper run --shard I/N`)")
    if not (folder / RESULTS).is_file():
        raise MergeError(f"{folder}: no {RESULTS}")
    return _Part(folder, info, Manifest.read(folder), list(read_results(folder / RESULTS)))


def merge_runs(folders: Sequence[Path], out: Path, *, partial: bool = False) -> MergeOutcome:
    """Join shard folders into the run folder ``out`` (which must not hold a run already)."""
    if not folders:
        raise MergeError("no run folders given")
    parts = [_read(folder) for folder in folders]
    first = parts[0]
    total = first.info.parsed.total
    seen_shards: dict[int, Path] = {}
    owner: dict[str, Path] = {}
    for part in parts:
        shard = part.info.parsed
        if part.info.audit != first.info.audit:
            raise MergeError(f"{part.folder}: audit '{part.info.audit}', not '{first.info.audit}' ({first.folder})")
        if shard.total != total:
            raise MergeError(f"{part.folder}: shard {shard} of a {shard.total}-way split, not {total}-way")
        if part.info.all_keys != first.info.all_keys or part.info.gate != first.info.gate:
            raise MergeError(f"{part.folder}: a different plan of audit '{part.info.audit}' than {first.folder} "
                             "(its matrix or gate differs)")
        if shard.index in seen_shards:
            raise MergeError(f"{part.folder}: shard {shard} is also in {seen_shards[shard.index]}")
        seen_shards[shard.index] = part.folder
        for result in part.results:
            if not shard.owns(result.key) or result.key not in part.manifest.keys:
                raise MergeError(f"{part.folder}: {result.key} does not belong to shard {shard}")
            if result.key in owner:
                raise MergeError(f"{part.folder}: {result.key} is also in {owner[result.key]}")
            owner[result.key] = part.folder
    missing = sorted(set(range(1, total + 1)) - set(seen_shards))
    if missing and not partial:
        raise MergeError(f"missing shard(s) {', '.join(f'{i}/{total}' for i in missing)} (or pass --partial)")
    if out.exists() and any(out.iterdir()):
        raise MergeError(f"{out}: exists and is not empty")
    return _write(parts, out, missing)


def _write(parts: list[_Part], out: Path, missing: list[int]) -> MergeOutcome:
    out.mkdir(parents=True, exist_ok=True)
    order = {key: index for index, key in enumerate(parts[0].info.all_keys)}
    started = min(p.manifest.started_at for p in parts)
    audit = parts[0].info.audit
    run_id = f"{audit}-merged-{started.replace('-', '').replace(':', '')[:15]}Z"
    keys = sorted({k for p in parts for k in p.manifest.keys}, key=lambda k: order.get(k, len(order)))
    manifest = Manifest(run=run_id, audit=audit, audit_path=parts[0].manifest.audit_path, started_at=started,
                        keys=keys, version=__version__)
    manifest.write(out)
    merged: list[ConversationResult] = []
    for part in sorted(parts, key=lambda p: p.info.parsed.index):
        renamed = _copy_artifacts(part, out / ARTIFACTS)
        for result in part.results:
            merged.append(_relocated(result, run_id, renamed))
    merged.sort(key=lambda r: order.get(r.key, len(order)))
    writer = ResultsWriter(out / RESULTS)
    try:
        for result in merged:
            writer.append(result)
    finally:
        writer.close()
    return MergeOutcome(out, manifest, merged, Gate.model_validate(parts[0].info.gate), missing)


def _copy_artifacts(part: _Part, dest: Path) -> dict[str, str]:
    """Copy a shard's artifacts; a name taken by another shard (e.g. demo ground truth) gets a
    suffix. Returns each copied file's old path (as a record may name it: relative to the shard's
    folder, or absolute) mapped to its path relative to the merged run."""
    source = part.folder / ARTIFACTS
    renamed: dict[str, str] = {}
    if not source.is_dir():
        return renamed
    dest.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        target = dest / path.relative_to(source)
        if target.exists():
            target = target.with_name(f"{target.stem}.shard-{part.info.parsed.index}{target.suffix}")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        new = target.relative_to(dest.parent).as_posix()
        renamed[path.relative_to(part.folder).as_posix()] = new
        renamed[str(path.resolve())] = new
    return renamed


def _relocated(result: ConversationResult, run_id: str, renamed: dict[str, str]) -> ConversationResult:
    def moved(value: object) -> object:
        if isinstance(value, str):
            return renamed.get(value, value)
        if isinstance(value, list):
            return [moved(item) for item in value]
        return value

    artifacts = {name: moved(value) for name, value in result.artifacts.model_dump().items()}
    return result.model_copy(update={"run": run_id, "artifacts": type(result.artifacts).model_validate(artifacts)})


def judge(outcome: MergeOutcome, baseline: Path | None) -> GateVerdict:
    before = list(read_results(baseline / RESULTS)) if baseline is not None else None
    verdict = evaluate_gate(outcome.gate, outcome.results, before)
    verdict.write(outcome.out)
    return verdict


@click.command()
@click.argument("run_dirs", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--out", required=True, type=click.Path(path_type=Path, file_okay=False), help="The merged run folder.")
@click.option("--partial", is_flag=True, help="Merge even if some shards are missing (the gate sees only these).")
@click.option("--baseline", type=click.Path(path_type=Path, exists=True, file_okay=False),
              help="A known-good run folder: the gate also fails on regressions against it.")
def merge(run_dirs: tuple[Path, ...], out: Path, partial: bool, baseline: Path | None) -> None:
    """Join shard run folders (`shopper run --shard I/N`) into one run at --out, render and gate it.

    Exit codes: 0 the gate passed, 1 it failed, 2 the folders cannot be merged (different
    audits or plans, a shard twice, a conversation twice, a shard missing without --partial),
    3 no conversation of any shard reached its platform.
    """
    if baseline is not None and not (baseline / RESULTS).is_file():
        raise click.UsageError(f"--baseline {baseline}: no {RESULTS} there")
    try:
        outcome = merge_runs(list(run_dirs), out, partial=partial)
    except MergeError as exc:
        click.echo(f"shopper merge: {exc}", err=True)
        raise SystemExit(ExitCode.INVALID_INPUT) from None
    verdict = judge(outcome, baseline)  # before the report: summary.md may show gate.md
    from shopper.reports import render_run

    render_run(out)
    note = f"; missing shards {outcome.missing_shards}" if outcome.missing_shards else ""
    click.echo(f"merged {len(run_dirs)} shard(s): {len(outcome.results)} conversations{note}", err=True)
    click.echo(verdict.block(), err=True, nl=False)
    click.echo(str(out))
    unreached = nothing_reached(outcome.results)
    if unreached is not None:
        click.echo(f"shopper merge: {unreached}", err=True)
        raise SystemExit(ExitCode.INFRASTRUCTURE)
    if not verdict.passed:
        raise SystemExit(ExitCode.GATE_FAILED)
