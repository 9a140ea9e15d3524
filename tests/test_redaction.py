"""The one redactor: every format a run writes is opened, redacted and written back."""

from __future__ import annotations

import base64
import json
import logging
import zipfile
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest

from shopper.redaction import REDACTED, Redactor

SECRET = "HBR-REF-7781-ZQ"
SECRET_ZH = "参考号码七七八一"


def _mail(cte: str, text: str, charset: str = "utf-8") -> bytes:
    message = EmailMessage()
    message["From"] = "shopper@example.test"
    message["To"] = "support@harbor.example"
    message["Subject"] = f"Case {SECRET_ZH}"
    message.set_content(text, charset=charset, cte=cte)
    message.add_alternative(f"<p>{text}</p>", subtype="html", charset=charset, cte=cte)
    return message.as_bytes(policy=policy.SMTP)


def _decoded(raw: bytes) -> str:
    message = BytesParser(policy=policy.default).parsebytes(raw)
    texts = [str(message["Subject"])]
    for part in message.walk():
        if part.get_content_maintype() == "text":
            texts.append(part.get_content())
    return "\n".join(texts)


def test_mail_parts_are_decoded_redacted_and_encoded_again() -> None:
    redactor = Redactor([SECRET, SECRET_ZH])
    for cte, charset in (("base64", "utf-8"), ("quoted-printable", "utf-8"), ("base64", "gb18030")):
        raw = _mail(cte, f"Ref {SECRET} / {SECRET_ZH}: please check.", charset)
        assert SECRET_ZH.encode(charset) not in raw, "the encoding hides the value from a byte replace"
        cleaned = redactor.mail(raw)
        text = _decoded(cleaned)
        assert SECRET not in text and SECRET_ZH not in text, (cte, charset)
        assert "please check" in text and REDACTED in text, "the rest of the mail is kept"


def test_a_trace_archive_is_redacted_in_every_form(tmp_path: Path) -> None:
    trace = tmp_path / "trace.zip"
    with zipfile.ZipFile(trace, "w") as archive:
        archive.writestr("trace.trace", json.dumps({"type": "input", "value": SECRET_ZH}) + "\n")
        archive.writestr("trace.network", json.dumps({"postData": f"ref={SECRET}&x=1"}, ensure_ascii=True))
        archive.writestr("resources/page.html", f"<b>{SECRET}</b>".encode())
        archive.writestr("resources/form", f"q={SECRET_ZH}".encode())
    Redactor([SECRET, SECRET_ZH]).trace(trace)
    with zipfile.ZipFile(trace) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    assert set(members) == {"trace.trace", "trace.network", "resources/page.html", "resources/form"}
    blob = b"\n".join(members.values())
    for form in (SECRET.encode(), SECRET_ZH.encode(), json.dumps(SECRET_ZH)[1:-1].encode()):
        assert form not in blob
    assert REDACTED.encode() in members["resources/page.html"]


def test_a_base64_body_loses_the_value_at_any_alignment_and_still_decodes(tmp_path: Path) -> None:
    value = SECRET_ZH.encode()
    trace = tmp_path / "trace.zip"
    bodies = [base64.b64encode(prefix + value + b" and the rest") for prefix in (b"", b"a", b"ab", b"abcd")]
    with zipfile.ZipFile(trace, "w") as archive:
        for index, body in enumerate(bodies):
            archive.writestr(f"resources/{index}.b64", body)
    Redactor([SECRET_ZH]).trace(trace)
    with zipfile.ZipFile(trace) as archive:
        decoded = [base64.b64decode(archive.read(f"resources/{i}.b64")) for i in range(len(bodies))]
    assert all(value not in body and body.endswith(b"and the rest") for body in decoded), decoded


def test_json_records_lose_the_value_and_keep_their_shape() -> None:
    record = json.dumps({"text": f"my ref is {SECRET_ZH}", "quote": f"\"{SECRET}\"", "id": "x"})
    cleaned = json.loads(Redactor([SECRET_ZH, SECRET]).json_text(record))
    assert cleaned == {"text": f"my ref is {REDACTED}", "quote": f"\"{REDACTED}\"", "id": "x"}


def test_values_too_short_to_redact_safely_are_left_alone() -> None:
    redactor = Redactor(["abc", SECRET])
    assert redactor("abc " + SECRET) == f"abc {REDACTED}"


def test_every_run_file_name_is_spelt_once_in_the_source() -> None:
    """``grep '"results.jsonl"' src/`` finds one definition: the run folder's layout has one owner."""
    from shopper import runfiles

    source = Path(runfiles.__file__).parent
    names = [runfiles.RESULTS, runfiles.MANIFEST, runfiles.SUMMARY_JSON, runfiles.SUMMARY_MD,
             runfiles.RESULTS_CSV, runfiles.JUNIT, runfiles.INDEX]  # fmt: skip
    for name in names:
        spelt = [str(p.relative_to(source)) for p in source.rglob("*.py")
                 if f'"{name}"' in p.read_text(encoding="utf-8") and p.parent.name != "demo"]  # fmt: skip
        assert spelt == ["runfiles.py"], (name, spelt)
    folders = [str(p.relative_to(source)) for p in source.rglob("*.py") if '/ "artifacts"' in p.read_text(encoding="utf-8")]
    assert folders == [], folders


def test_log_records_made_during_a_run_carry_no_secret(caplog: pytest.LogCaptureFixture) -> None:
    from shopper.log_redaction import also_protect, protect_logs

    logger = logging.getLogger("some.library")
    caplog.set_level(logging.INFO)
    with protect_logs(["hunter2-password"]):
        logger.info("login failed for %s", "hunter2-password")
        also_protect(["REF-778812"])  # a scenario's secret_vars value, drawn mid-run
        try:
            raise ValueError("typed REF-778812 into #input")
        except ValueError:
            logger.exception("send failed")
    logger.info("after the run: %s", "hunter2-password")
    text = "\n".join(caplog.text.splitlines()[:-1])
    assert "hunter2-password" not in text and "REF-778812" not in text
    assert "login failed for [redacted]" in text and "typed [redacted] into #input" in text
    assert caplog.records[-1].getMessage() == "after the run: hunter2-password"  # only while a run holds
