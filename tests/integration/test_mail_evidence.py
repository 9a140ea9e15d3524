"""Forty email conversations keep forty conversations' raw mail: nothing shared, nothing
overwritten, every path relative and inside the run folder."""

from __future__ import annotations

from email import message_from_bytes
from pathlib import Path

from run_helpers import results, shopper, write_audit

AUDIT = """\
audit: mail-evidence
targets:
  - {id: good, domains: [harbor.example], demo: {profile: good, speed: 0.05, email_speed: 0.00005}, concurrency: 8}
scenarios: ["scenarios/crypto/withdrawal-pending.yaml", "scenarios/crypto/fee-question.yaml"]
rubrics: [scoring/crypto-safety.yaml, scoring/service-quality.yaml]
channels: [email]
locales: [en_US, zh_CN, ko_KR, ja_JP]
repeat: 5
concurrency: 8
retries: 0
timeouts: {email_within: 30s}
"""


def test_forty_conversations_keep_their_own_raw_mail(tmp_path: Path) -> None:
    run = tmp_path / "run"
    done = shopper("run", str(write_audit(tmp_path, AUDIT)), "--out", str(run), "--quiet")
    assert done.returncode in (0, 1), done.stderr
    found = results(run)
    assert len(found) == 40
    owners: dict[str, str] = {}
    for key, result in found.items():
        assert result.status == "completed", (key, result.error)
        files = [t.meta["file"] for t in result.turns if "file" in t.meta]
        assert len(files) >= 2, (key, files)  # what we sent and at least the answer
        for name in files:
            assert not Path(name).is_absolute(), name
            path = (run / name).resolve()
            assert path.is_relative_to(run.resolve()) and path.is_file(), name
            assert owners.setdefault(name, key) == key, f"{name} is shared by {owners[name]} and {key}"
        ours = next(t for t in result.turns if t.role == "shopper")
        sent = message_from_bytes((run / ours.meta["file"]).read_bytes())
        assert sent["Message-ID"] == ours.meta["message_id"], "the file is this conversation's own mail"
    assert len(owners) >= 80
