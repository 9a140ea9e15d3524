"""A value from the environment is sent, and then never written: not in the record, the reports,
the traces, the screenshots' page, nor the raw mail.

A scenario says ``${SHOPPER_TEST_REF}`` (a customer reference the platform needs). The demo
runs outside shopper, so its ground truth (outside the run folder) proves the value reached the
platform. Then every byte of the run folder is read, traces unzipped and every MIME part of the
raw mail decoded, and neither the value nor its JSON-, URL-, base64- or quoted-printable-encoded
forms may be found. Traces and screenshots are on.
"""

from __future__ import annotations

import base64
import json
import quopri
import shutil
import zipfile
from collections.abc import Iterator
from email import policy
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import quote

import pytest

from integration.run_helpers import ROOT, shopper, write_audit
from servers.dovecot import Dovecot
from servers.relay import running_relay
from shopper.demo import DemoOptions, ProfileTiming, RunningDemo
from shopper.results import read_results

pytestmark = [pytest.mark.browser, pytest.mark.mail]

SECRET = "ZQ-7781-参考-HARBOR"
FAST = ProfileTiming(email_ack=(0.2, 0.4), email_reply=(0.8, 1.2))
SCENARIO = """\
scenario: reference-check
title: The customer gives a reference from the environment
channels: [chat, email]
script:
  - say:
      en: "Hi, my withdrawal is pending. My customer reference is ${SHOPPER_TEST_REF}, can you check it?"
    subject: {en: "Pending withdrawal, reference ${SHOPPER_TEST_REF}"}
"""
AUDIT = """\
audit: secrets-out
targets:
  - id: desk
    domains: [harbor.example]
    chat: {{url: "{chat_url}", widget: demo}}
    email:
      address: {address}
      smtp: {{host: 127.0.0.1, port: {smtp_port}}}
      inbox: {{imap: {{host: 127.0.0.1, port: {imap_port}, security: none, username: {login},
               password: "${{SHOPPER_TEST_IMAP_PASSWORD}}", poll_s: 0.2}}}}
scenarios: ["scenarios/*.yaml"]
rubrics: [scoring/crypto-safety.yaml, scoring/service-quality.yaml]
locales: [en_US]
retries: 0
pacing: {{typing_cps: 40, think: 0s}}
artifacts: {{screenshot: "on", trace: "on"}}
timeouts: {{chat_within: 20s, email_within: 60s}}
"""


def encoded_forms(value: str) -> list[bytes]:
    raw = value.encode()
    # base64 at each of the three byte alignments: the inner characters depend on the value alone
    inner = [base64.b64encode(pad + raw)[4:-4] for pad in (b"", b"\0", b"\0\0")]
    return [raw, json.dumps(value)[1:-1].encode(), quote(value, safe="").encode(), *inner,
            quopri.encodestring(raw).replace(b"=\n", b"")]  # fmt: skip


def every_readable_byte(run: Path) -> Iterator[tuple[str, bytes]]:
    """Each file of the run folder, each member of a zip, and each decoded part of a mail."""
    for path in sorted(run.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        name = path.relative_to(run).as_posix()
        yield name, data
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    yield f"{name}!{member}", archive.read(member)
        if path.suffix == ".eml":
            message = BytesParser(policy=policy.default).parsebytes(data)
            for header, value in message.items():
                yield f"{name}:{header}", str(value).encode()
            for part in message.walk():
                if not part.is_multipart():
                    payload = part.get_payload(decode=True)
                    if isinstance(payload, bytes):
                        yield f"{name}:{part.get_content_type()}", payload
                        if part.get_content_maintype() == "text":
                            yield f"{name}:{part.get_content_type()}:text", str(part.get_content()).encode()


@pytest.fixture(scope="module")
def secret_run(dovecot: Dovecot, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    project = tmp_path_factory.mktemp("secrets-out")
    (project / "scenarios").mkdir()
    (project / "scenarios" / "reference-check.yaml").write_text(SCENARIO, encoding="utf-8")
    shutil.copytree(ROOT / "scoring", project / "scoring")
    shutil.copytree(ROOT / "probes", project / "probes")
    login = dovecot.add_user()
    truth = project / "platform-truth.jsonl"
    with running_relay(lambda raw: dovecot.append(login, raw)) as relay_port:
        options = DemoOptions(seed=3, ground_truth=truth, reply_to=("127.0.0.1", relay_port),
                              timings={"good": FAST}, speed=0.2)  # fmt: skip
        with RunningDemo(options) as demo:
            audit = write_audit(project, AUDIT.format(
                chat_url=demo.site_url("good"), address=demo.support_address("good"),
                smtp_port=demo.smtp_port, imap_port=dovecot.port, login=login,
            ))  # fmt: skip
            out = project / "run"
            with pytest.MonkeyPatch.context() as env:
                env.setenv("SHOPPER_TEST_IMAP_PASSWORD", dovecot.users[login])
                env.setenv("SHOPPER_TEST_REF", SECRET)
                done = shopper("run", str(audit), "--out", str(out), "--quiet", cwd=project, timeout=300)
            assert done.returncode in (0, 1), done.stderr
            assert SECRET not in done.stdout + done.stderr, "the console is written too"
            yield out, truth


def test_the_value_reached_the_platform_on_both_channels(secret_run: tuple[Path, Path]) -> None:
    run, truth = secret_run
    records = [json.loads(line) for line in truth.read_text(encoding="utf-8").splitlines() if line.strip()]
    got = {r["channel"] for r in records if r.get("direction") == "in" and SECRET in r.get("text", "")}
    assert got == {"chat", "email"}, records[:4]
    results = list(read_results(run / "results.jsonl"))
    assert {r.channel for r in results} == {"chat", "email"}
    assert all(r.status == "completed" for r in results), [(r.channel, r.error) for r in results]
    said = [t.text for r in results for t in r.turns if t.role == "shopper"]
    assert said and all("[redacted]" in text for text in said), said


def test_no_byte_of_the_run_folder_holds_the_value(secret_run: tuple[Path, Path]) -> None:
    run, _ = secret_run
    names = [name for name, _ in every_readable_byte(run)]
    assert any(n.endswith(".eml") for n in names) and any(n.endswith("trace.zip") for n in names)
    assert any(n.endswith("screenshot.png") for n in names) and "index.html" in names
    leaks = [(name, form) for name, data in every_readable_byte(run)
             for form in encoded_forms(SECRET) if form in data]  # fmt: skip
    assert not leaks


def test_every_artifact_path_is_relative_and_inside_the_run(secret_run: tuple[Path, Path]) -> None:
    run, _ = secret_run
    for result in read_results(run / "results.jsonl"):
        named = [p for p in (result.artifacts.screenshot, result.artifacts.trace) if p]
        named += list(getattr(result.artifacts, "mail", None) or [])
        named += [t.meta["file"] for t in result.turns if "file" in t.meta]
        assert named, result.key
        for path in named:
            assert not Path(path).is_absolute(), path
            assert (run / path).resolve().is_relative_to(run.resolve()) and (run / path).is_file(), path
