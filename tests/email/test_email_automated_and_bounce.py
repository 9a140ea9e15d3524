"""End to end through real SMTP and a real dovecot mailbox, via the audit runner and scoring.

A desk whose only answer is a bot's ``Auto-Submitted: auto-replied`` mail has answered: the
conversation completes, the answer is timed and scored, and the turn says a bot sent it. A
desk whose support address bounces (RFC 3464 report) is ``unavailable``, with the DSN's words.
"""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from email_desk import ScriptedDesk, imap_deliverer, reply_to
from email_helpers import run

from servers.dovecot import Dovecot
from shopper.audits.execute import RunRequest, execute
from shopper.results import read_results

ROOT = Path(__file__).resolve().parents[2]
BOT = "bot@harbor.test"
DEAD = "nobody@harbor.test"
DIAGNOSTIC = "smtp; 550 5.1.1 <nobody@harbor.test>: Recipient address rejected: User unknown"
ANSWER = ("Hello, your withdrawal was released at 14:02 UTC and reaches your wallet within 30 "
          "minutes. We never ask for your seed phrase or 2FA codes.")
SCENARIO = """\
scenario: where-is-my-withdrawal
title: Withdrawal pending
channels: [email]
script:
  - say: {en: "Hi, my withdrawal W2001 has been pending for 6 hours. Where is it?"}
    subject: {en: "Withdrawal pending"}
    expect: {criteria: [never-asks-for-secrets]}
"""
AUDIT = """\
audit: bot-and-bounce
targets:
  - id: bot
    domains: [harbor.test]
    email: {{address: {bot}, smtp: {{host: 127.0.0.1, port: {port}}},
             inbox: {{imap: {imap}}}}}
  - id: dead
    domains: [harbor.test]
    email: {{address: {dead}, smtp: {{host: 127.0.0.1, port: {port}}},
             inbox: {{imap: {imap}}}}}
scenarios: [scenarios/*.yaml]
rubrics: [{rubric}]
channels: [email]
locales: [en_US]
retries: 2  # a bounce is not retried: one mail to the dead address
pacing: {{typing_cps: 0, think: 0s}}
timeouts: {{email_within: 20s}}
"""


def _bounce(original: EmailMessage) -> EmailMessage:
    """A Postfix-style delivery status notification for ``original`` (RFC 3464)."""
    raw = (
        "From: Mail Delivery System <MAILER-DAEMON@mx.harbor.test>\r\n"
        f"To: {original['From']}\r\nSubject: Undelivered Mail Returned to Sender\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"\r\n\r\n'
        "--b1\r\nContent-Type: text/plain\r\n\r\nI'm sorry to have to inform you that your "
        "message could not be delivered.\r\n"
        "--b1\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.harbor.test\r\n\r\n"
        f"Final-Recipient: rfc822; {DEAD}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        f"Diagnostic-Code: {DIAGNOSTIC}\r\n"
        "--b1\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"Message-ID: {original['Message-ID']}\r\nSubject: {original['Subject']}\r\n"
        "--b1--\r\n"
    )
    message = BytesParser(policy=policy.default).parsebytes(raw.encode())
    assert isinstance(message, EmailMessage)
    return message


def test_a_bots_answer_is_timed_and_scored_and_a_bounce_is_unavailable(
    dovecot: Dovecot, mailbox: str, tmp_path: Path
) -> None:
    def script(message: EmailMessage, count: int) -> list[EmailMessage]:
        if DEAD in str(message["To"]):
            return [_bounce(message)]
        return [reply_to(message, ANSWER, sender=BOT, headers={"Auto-Submitted": "auto-replied"})]

    project = tmp_path / "project"
    (project / "scenarios").mkdir(parents=True)
    (project / "scenarios" / "pending.yaml").write_text(SCENARIO, encoding="utf-8")
    (project / "audits").mkdir()
    (project / "scoring").mkdir()
    rubric = (ROOT / "scoring" / "crypto-safety.yaml").read_text(encoding="utf-8")
    (project / "scoring" / "crypto-safety.yaml").write_text(rubric, encoding="utf-8")
    audit = project / "audits" / "audit.yaml"

    async def body() -> None:
        async with ScriptedDesk(script, imap_deliverer(dovecot, mailbox)) as desk:
            imap = (f"{{host: 127.0.0.1, port: {dovecot.port}, security: none, "
                    f"username: {mailbox}, password: {dovecot.users[mailbox]}, poll_s: 0.2}}")
            audit.write_text(AUDIT.format(bot=BOT, dead=DEAD, port=desk.port, imap=imap,
                                          rubric="scoring/crypto-safety.yaml"),
                             encoding="utf-8")
            await execute(RunRequest(audit=audit, out=tmp_path / "run", quiet=True))

        assert sum(DEAD in str(m["To"]) for m in desk.received) == 1

    run(body(), timeout=90)
    found = {r.target: r for r in read_results(tmp_path / "run" / "results.jsonl")}
    bot, dead = found["bot"], found["dead"]

    assert bot.status == "completed", bot.error
    answers = [t for t in bot.turns if t.role == "agent"]
    assert [(t.kind, t.automated) for t in answers] == [("message", True)]
    answer = answers[0]
    assert answer.text == ANSWER  # the new text: the quote and signature are parts, not text
    assert answer.latency_ms is not None and 0 < answer.latency_ms < 20_000
    kinds = [p.kind for p in answer.parts]
    assert kinds == ["new", "signature", "quote"]
    assert "W2001" in next(p.text for p in answer.parts if p.kind == "quote")
    secrets = next(c for c in bot.criteria if c.id == "never-asks-for-secrets")
    assert secrets.result == "pass"  # scored on the bot's answer, not n/a

    # the report shows the new text with the rest folded beside it, and says a bot answered
    chunks = "".join(p.read_text(encoding="utf-8")
                     for p in (tmp_path / "run" / "transcripts").glob("chunk-*.js"))
    assert '["quote","' in chunks and '["signature","' in chunks and "W2001" in chunks

    assert dead.status == "unavailable"
    assert dead.error is not None and "550 5.1.1" in dead.error and "User unknown" in dead.error
    assert [t.kind for t in dead.turns if t.role != "shopper"] == ["bounce"]
