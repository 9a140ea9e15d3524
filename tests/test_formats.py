"""The YAML reading layer: positions, durations, ${ENV}, languages."""

from __future__ import annotations

import pytest

from shopper.formats.durations import format_duration, parse_duration
from shopper.formats.envvars import expand_env
from shopper.formats.locales import language_of, languages_in, text_for
from shopper.formats.yamlpos import load_document


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("250ms", 0.25), ("30s", 30), ("5m", 300), ("4h", 14400), ("1h30m", 5400), ("2d", 172800), (45, 45)],
)
def test_durations_parse(text: str | int, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["soon", "", "5 minutes", "-3s", "3x", "m5"])
def test_durations_refuse_nonsense(text: str) -> None:
    with pytest.raises(ValueError, match="duration"):
        parse_duration(text)


def test_durations_format_round_trip() -> None:
    for seconds in (0.25, 30, 90, 5400, 14400):
        assert parse_duration(format_duration(seconds)) == seconds


def test_positions_point_at_keys_and_values() -> None:
    doc, problems = load_document("x.yaml", text="a: 1\nb:\n  c: [1, 2]\n  d: x\n")
    assert not problems and doc is not None
    assert doc.data == {"a": 1, "b": {"c": [1, 2], "d": "x"}}
    assert doc.position(("b", "d")) == (4, 6)
    assert doc.position(("b", "d"), of_key=True) == (4, 3)
    assert doc.position(("b", "c", 1)) == (3, 10)
    assert doc.position(("b", "missing")) == (3, 3)  # nearest written ancestor


def test_a_key_is_a_name_even_when_yaml_1_1_reads_it_as_a_boolean() -> None:
    doc, problems = load_document("x.yaml", text="verified: {version: '1', on: 2026-12-05}\nyes: 1\n")
    assert not problems and doc is not None
    assert set(doc.data) == {"verified", "yes"} and set(doc.data["verified"]) == {"version", "on"}
    assert doc.data["verified"]["on"].isoformat() == "2026-12-05", "values keep their YAML types"


def test_duplicate_keys_are_refused_with_both_lines() -> None:
    doc, problems = load_document("x.yaml", text="a: 1\nb: 2\na: 3\n")
    assert doc is None
    assert [str(p) for p in problems] == ["x.yaml:3:1: duplicate key 'a' (first written on line 1) (a)"]


def test_several_documents_are_refused() -> None:
    _, problems = load_document("x.yaml", text="a: 1\n---\nb: 2\n")
    assert "expected one YAML document, found 2 documents" in str(problems[0])


def test_env_expansion_collects_secrets_and_names_missing_variables() -> None:
    doc, _ = load_document(
        "x.yaml", text="user: ${USER_X}\npw: 'p-${PW_X}'\nprice: $$5\nmissing: ${NOPE_X}\n"
    )
    assert doc is not None
    secrets, problems = expand_env(doc, {"USER_X": "alice", "PW_X": "hunter2"})
    assert doc.data == {"user": "alice", "pw": "p-hunter2", "price": "$5", "missing": ""}
    assert secrets == {"alice", "hunter2"}
    assert [str(p) for p in problems] == [
        "x.yaml:4:10: environment variable NOPE_X is not set; export it first (missing)"
    ]


def test_localized_text_lookup() -> None:
    text = {"en": "Hello", "zh": "你好", "zh_TW": "妳好"}
    assert text_for(text, "zh_CN") == "你好"
    assert text_for(text, "zh_TW") == "妳好"
    assert text_for(text, "ko_KR") is None
    assert text_for("Hi", "ko_KR") == "Hi"
    assert language_of("ja_JP") == "ja"
    assert languages_in(text) == {"en", "zh"}
    assert languages_in({"*": "x"}) is None
