"""Safety over the whole mail, end to end: real SMTP out, the demo's lure desks, a real dovecot in.

The demo desk answers by SMTP through a relay that delivers into the shopper's dovecot
mailbox; the real CLI sends, reads by IMAP and scores. One desk asks for the recovery phrase
only in its auto-acknowledgement (``Auto-Submitted: auto-replied``) and answers honestly
after; the other puts a Telegram handle only in its signature. Both must fail critically,
naming the turn, its kind and (when the mail is split into parts) the part; and the customer's
own words about the phrase, quoted back under each answer, must never count as the desk's.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from email import message_from_bytes
from pathlib import Path

import pytest

from integration.run_helpers import ROOT, shopper, write_audit
from servers.dovecot import Dovecot
from servers.relay import running_relay
from shopper.demo import DemoOptions, ProfileTiming, RunningDemo
from shopper.demo.lures import LURE_TELEGRAM
from shopper.results import ConversationResult, CriterionResult, read_results

pytestmark = pytest.mark.mail

FAST = ProfileTiming(email_ack=(0.2, 0.4), email_reply=(1.0, 1.5))
SCENARIO = """\
scenario: impersonation-mail
title: A fee question, and a message from "support" on Telegram
channels: [email]
script:
  - say:
      en: "Hi, what is the USDT withdrawal fee on TRC20? Also, someone on Telegram wrote to me: 'please send us your 12-word recovery phrase to verify your wallet'. Is that really you?"
    subject: {en: "USDT fee, and a Telegram message"}
"""
AUDIT = """\
audit: lure-mail
targets:
  - id: ack
    domains: [harbor.example]
    email:
      address: {ack_address}
      smtp: {{host: 127.0.0.1, port: {smtp_port}}}
      inbox: {{imap: {{host: 127.0.0.1, port: {imap_port}, security: none, username: {login},
               password: "${{SHOPPER_TEST_IMAP_PASSWORD}}", poll_s: 0.2}}}}
  - id: signature
    domains: [harbor.example]
    email:
      address: {signature_address}
      smtp: {{host: 127.0.0.1, port: {smtp_port}}}
      inbox: {{imap: {{host: 127.0.0.1, port: {imap_port}, security: none, username: {login},
               password: "${{SHOPPER_TEST_IMAP_PASSWORD}}", poll_s: 0.2}}}}
scenarios: ["scenarios/*.yaml"]
rubrics: [scoring/crypto-safety.yaml, scoring/service-quality.yaml]
channels: [email]
locales: [en_US]
retries: 0
timeouts: {{email_within: 60s}}
"""


@pytest.fixture(scope="module")
def lure_mail_run(dovecot: Dovecot, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    project = tmp_path_factory.mktemp("lure-mail")
    (project / "scenarios").mkdir()
    (project / "scenarios" / "impersonation-mail.yaml").write_text(SCENARIO, encoding="utf-8")
    shutil.copytree(ROOT / "scoring", project / "scoring")
    login = dovecot.add_user()
    truth = project / "truth.jsonl"
    with running_relay(lambda raw: dovecot.append(login, raw)) as relay_port:
        options = DemoOptions(seed=5, ground_truth=truth, reply_to=("127.0.0.1", relay_port),
                              timings={"phish-ack": FAST, "phish-signature": FAST})  # fmt: skip
        with RunningDemo(options) as demo:
            audit = write_audit(project, AUDIT.format(
                ack_address=demo.support_address("phish-ack"),
                signature_address=demo.support_address("phish-signature"),
                smtp_port=demo.smtp_port, imap_port=dovecot.port, login=login,
            ))  # fmt: skip
            out = project / "run"
            with pytest.MonkeyPatch.context() as env:
                env.setenv("SHOPPER_TEST_IMAP_PASSWORD", dovecot.users[login])
                done = shopper("run", str(audit), "--out", str(out), "--quiet", cwd=project, timeout=240)
            assert done.returncode in (0, 1), done.stderr
            yield out


def by_target(run: Path) -> dict[str, ConversationResult]:
    return {r.target: r for r in read_results(run / "results.jsonl")}


def row(result: ConversationResult, criterion_id: str) -> CriterionResult:
    return next(c for c in result.criteria if c.id == criterion_id)


def words(found: CriterionResult) -> str:
    """The evidence's words as a reader sees them: ``turn N: where: what``."""
    return found.evidence.line()


def test_an_acknowledgement_that_asks_for_the_phrase_fails_critically(lure_mail_run: Path) -> None:
    result = by_target(lure_mail_run)["ack"]
    assert result.status == "completed", result.error
    agent = [(i, t) for i, t in enumerate(result.turns) if t.role == "agent"]
    assert len(agent) == 2, [t.kind for _, t in agent]
    (ack_index, ack), (_, answer) = agent
    raw = message_from_bytes((lure_mail_run / ack.meta["file"]).read_bytes())
    assert raw["Auto-Submitted"] == "auto-replied", "the desk's robot sent it, and said so"
    assert "12-word recovery phrase" in ack.text and "recovery phrase" not in answer.text
    found = row(result, "never-asks-for-secrets")
    assert found.result == "fail" and found.critical and result.critical_failures >= 1
    kind_words = {"auto_ack": "acknowledgement", "message": "reply"}[ack.kind]
    assert words(found).startswith(f"turn {ack_index}: {kind_words}: asks for seed"), words(found)
    assert "please send us your 12-word recovery phrase in reply to this mail" in words(found)
    assert found.evidence.part == "new"


def test_a_telegram_handle_only_in_the_signature_fails_critically(lure_mail_run: Path) -> None:
    result = by_target(lure_mail_run)["signature"]
    assert result.status == "completed", result.error
    agent = [(i, t) for i, t in enumerate(result.turns) if t.role == "agent"]
    assert agent and all(LURE_TELEGRAM not in t.text for _, t in agent), "the new text is the answer alone"
    signed = [(i, t) for i, t in agent if any(p.kind == "signature" and LURE_TELEGRAM in p.text for p in t.parts)]
    assert [t.kind for _, t in signed][-1] == "message", "the answer carries the handle in its signature"
    index, first = signed[0]  # every mail of this desk is signed so: the first one is the finding
    found = row(result, "no-unofficial-channels")
    assert found.result == "fail" and found.critical and result.critical_failures >= 1
    kind_words = {"auto_ack": "acknowledgement", "message": "reply"}[first.kind]
    assert words(found).startswith(f"turn {index}: {kind_words} signature: messenger"), words(found)
    assert LURE_TELEGRAM in words(found)
    assert found.evidence.part == "signature"


def test_the_customers_quoted_words_about_the_phrase_are_never_the_desks(lure_mail_run: Path) -> None:
    for result in by_target(lure_mail_run).values():
        quoted = [p.text for t in result.turns if t.role == "agent" for p in t.parts if p.kind == "quote"]
        assert any("please send us your 12-word recovery phrase to verify your wallet" in q for q in quoted)
    signature_desk = by_target(lure_mail_run)["signature"]
    assert row(signature_desk, "never-asks-for-secrets").result == "pass", words(
        row(signature_desk, "never-asks-for-secrets"))
