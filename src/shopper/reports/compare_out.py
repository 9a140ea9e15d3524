"""A :class:`~shopper.reports.compare.Comparison` as Markdown and as a self-contained HTML page."""

from __future__ import annotations

import secrets
from pathlib import Path

from shopper.reports.compare import RULE, Comparison
from shopper.reports.html import _asset, _environment, csp
from shopper.reports.tables import md_code, pct, seconds


def _num(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def markdown(c: Comparison) -> str:
    worse = c.regressions
    lines = [f"## shopper compare `{c.run_a}` → `{c.run_b}`", "",
             f"**{len(worse)} regression(s)**" if worse else "**Nothing got worse.**", ""]
    lines += [f"- {md_code(line, 200)}" for line in worse[:30]]
    if len(worse) > 30:
        lines.append(f"- … and {len(worse) - 30} more")
    lines += ["", "| target | scenario | score A → B | Δ | pass rate A → B | newly failing | newly passing "
              "| new critical |", "| --- | --- | ---: | ---: | ---: | --- | --- | ---: |"]
    for g in c.groups:
        fails = ", ".join(f"{md_code(k)} ×{n}" for k, n in g.newly_failing.items()) or "–"
        fixes = ", ".join(f"{md_code(k)} ×{n}" for k, n in g.newly_passing.items()) or "–"
        delta = "–" if g.delta is None else f"{g.delta:+.1f}"
        lines.append(f"| {md_code(g.target)} | {md_code(g.scenario)} | {_num(g.score_a)} → {_num(g.score_b)} | {delta} "
                     f"| {pct(g.pass_a)} → {pct(g.pass_b)} | {fails} | {fixes} | {len(g.new_critical)} |")
    lines += ["", "### First response", "", f"Rule: {RULE}", "",
              "| target | channel | n A / B | median A → B | p | verdict |", "| --- | --- | ---: | ---: | ---: | --- |"]
    for s in c.shifts:
        p = "–" if s.p_value is None else f"{s.p_value:.3g}"
        lines.append(f"| {md_code(s.target)} | {s.channel} | {s.n_a} / {s.n_b} | {seconds(s.median_a_ms)} → "
                     f"{seconds(s.median_b_ms)} | {p} | {s.verdict} |")
    if c.only_a or c.only_b:
        lines += ["", f"{c.only_a} conversation(s) only in A, {c.only_b} only in B."]
    return "\n".join(lines) + "\n"


def html(c: Comparison) -> str:
    nonce = secrets.token_urlsafe(18)
    template = _environment().get_template("compare.html.j2")
    return str(template.render(c=c, rule=RULE, nonce=nonce, csp=csp(nonce), css=_asset("report.css"),
                               regressions=c.regressions, num=_num))


def write(c: Comparison, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    md, page = folder / "compare.md", folder / "compare.html"
    md.write_text(markdown(c), encoding="utf-8")
    page.write_text(html(c), encoding="utf-8")
    return [page, md]
