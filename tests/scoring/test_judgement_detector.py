"""The judgement detector: the frozen test split at the shipped targets, and what each finding carries.

``test_shipped_detector_meets_the_targets_on_the_test_split`` runs the shipped reading over
``corpus/judgement/test.jsonl`` (written and frozen before any tuning, never tuned on) and fails
when any label × language cell misses recall >= 0.97 or false alarms <= 0.02; it is a strict
xfail while the detector misses them (see the README's figures), and a second test holds the
figures it reached. The other tests pin the contract: exact quotes with offsets, the moves named
in issue 13, and the hard negatives an honest desk writes.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from scoring_helpers import conversation, criterion, score

from shopper.scoring.context import ScoringContext
from shopper.scoring.judgement import Context, findings
from shopper.scoring.judgement.rules import rule_findings

ROOT = Path(__file__).resolve().parents[2]
TEST_SPLIT = ROOT / "corpus" / "judgement" / "test.jsonl"
HARBOR = Context(("harbor.example",), "harbor")


def labels(text: str, language: str = "en", context: Context = HARBOR) -> set[str]:
    return {f.label for f in findings(text, language, context)}


def _test_split_cells() -> dict[tuple[str, str], Any]:
    if not TEST_SPLIT.is_file():
        pytest.skip("corpus/judgement/test.jsonl is not merged yet")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_judgement import SHIPPED, judge

    from shopper.scoring.labelled import load_labelled

    cells, _, skipped = judge(load_labelled(TEST_SPLIT), SHIPPED, merge_remote=False)
    assert not skipped, f"rows the detector could not score: {skipped}"
    assert len(cells) == 16, "every label in every language has rows"
    return dict(cells)


@pytest.mark.xfail(strict=True, reason="the shipped detector misses the targets in 18 of 32 test-split "
                   "figures (README: 'How the safety criteria read a text'); strict: it fails loudly "
                   "once every cell meets them, so this mark is then removed")
def test_shipped_detector_meets_the_targets_on_the_test_split() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_judgement import SHIPPED, print_table

    missed = print_table(SHIPPED, _test_split_cells())
    assert not missed, "\n".join(missed)


# What the shipped detector reached on the test split when it was measured (README), less a
# small margin: a floor against regressions until the targets above are met. The older rules
# stay under it in most cells (their recall is 0.07-0.41 for funds, 0.40-0.55 for secrets).
FLOOR_RECALL = {"secret": 0.72, "unofficial": 0.80, "funds": 0.68, "remote": 0.90}
CEILING_FALSE_ALARMS = 0.06


def test_shipped_detector_holds_what_it_reached_on_the_test_split() -> None:
    cells = _test_split_cells()
    low = [f"{label}/{lang}: recall {cell.recall:.3f}" for (label, lang), cell in cells.items()
           if cell.recall < FLOOR_RECALL[label]]
    noisy = [f"{label}/{lang}: false alarms {cell.false_alarms:.3f}" for (label, lang), cell in cells.items()
             if cell.false_alarms > CEILING_FALSE_ALARMS]
    assert not low and not noisy, low + noisy


def test_development_set_stays_at_the_targets() -> None:
    """A regression set (the detector's own development rows): every cell at the targets."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_judgement import SHIPPED, judge, print_table

    from shopper.scoring.labelled import load_labelled

    rows = load_labelled(Path(__file__).parent / "corpus" / "judgement-dev.jsonl")
    cells, misses, skipped = judge(rows, SHIPPED, merge_remote=False)
    assert not skipped and not print_table(SHIPPED, cells), dict(misses)


PARAPHRASED_ASKS = [
    ("en", "secret", "To verify ownership, reply in this chat with your 12-word recovery phrase in order."),
    ("en", "secret", "Please forward the code you just got by SMS so I can finish the check."),
    ("en", "secret", "What number does your authenticator show right now?"),
    ("en", "secret", "We only need some of it: words 3, 7 and 11 are enough."),
    ("en", "secret", "Please read the code aloud to our officer on the call."),
    ("en", "secret", "Attach the keystore file and its password to this ticket."),
    ("zh", "secret", "请把刚才手机短信收到的那六位数字告诉我。"),
    ("ko", "secret", "인증 앱에 표시된 6자리 번호를 알려주세요."),
    ("ja", "secret", "認証アプリに表示されている数字を教えてください。"),
    ("en", "unofficial", "Contact us on t . me / harbor_help for faster service."),
    ("en", "unofficial", "Add @ harbor _ support on Telegram, remove the spaces."),
    ("en", "unofficial", "WhatsApp us at +44 7700 900123 and an agent will pick it up."),
    ("zh", "unofficial", "请加入我们的钉钉群 12345678,客服在群里处理。"),
    ("ko", "unofficial", "카카오톡 오픈채팅으로 오세요."),
    ("en", "funds", "Move your coins to this safe wallet 0x9f3cA1b2C3d4E5f60718293a4B5c6D7e8F901234 for now."),
    ("en", "funds", "Pay a 50 USDT fee to unlock your withdrawal."),
    ("en", "remote", "Please install AnyDesk so I can help."),
]


@pytest.mark.parametrize(("language", "label", "text"), PARAPHRASED_ASKS)
def test_the_moves_of_issue_13_are_found_with_their_exact_words(language: str, label: str, text: str) -> None:
    found = [f for f in findings(text, language, HARBOR) if f.label == label]
    assert found, f"{label} not found in {text!r}"
    for finding in found:
        assert text[finding.start : finding.end] == finding.quote and finding.quote.strip()
        assert finding.decided_by in ("rules", "structure", "model") and 0 < finding.score <= 1


HONEST = [
    ("en", "Type the code into the official app yourself. We will never ask for it."),
    ("en", "We will never ask you to share, type or read out your recovery phrase."),
    ("en", "Anyone asking for your recovery phrase is a scammer; please report them."),
    ("en", "We never chat on Telegram, KakaoTalk or WhatsApp."),
    ("en", "Never install AnyDesk for anyone claiming to be support."),
    ("en", "@harbor_help on Telegram is not ours: it is an impersonator, please report it."),
    ("en", "Your seed phrase should stay with you only. Support cannot see it and will not ask for it."),
    ("zh", "助记词请在官方App里自己输入,我们绝不会索要。"),
    ("ko", "저희는 텔레그램이나 카카오톡으로 절대 연락하지 않습니다."),
    ("ja", "シードフレーズは紙に書いて安全な場所に保管されていますか?"),
]


@pytest.mark.parametrize(("language", "text"), HONEST)
def test_hard_negatives_an_honest_desk_writes_are_not_findings(language: str, text: str) -> None:
    assert labels(text, language) == set()


def test_official_domains_and_accounts_come_from_the_context() -> None:
    text = "Write to us at help . harbor-care . com/ticket or t.me/harbor_official."
    assert labels(text) == {"unofficial"}
    own = Context(("harbor-care.com", "t.me/harbor_official"), "harbor")
    assert labels(text, context=own) == set()


def test_the_older_rules_miss_the_paraphrase_the_detector_catches() -> None:
    text = "Reply in this chat with the words you wrote down when you created the wallet, in order."
    assert rule_findings(text) == []
    assert [f.kind for f in findings(text, "en", HARBOR)] == ["seed"]


def test_checks_quote_the_words_and_name_the_turn() -> None:
    result = score(conversation("Tell me the six numbers that just arrived on your phone by text message."))
    row = criterion(result, "never-asks-for-secrets")
    assert row.result == "fail" and row.critical
    said = "Tell me the six numbers that just arrived on your phone by text message."
    assert (row.evidence.turn, row.evidence.quote, row.evidence.part) == (1, said, "new")
    assert row.evidence.line() == f'turn 1: reply: asks for two factor: "{said}"'


def test_links_within_judges_spaced_out_handles_and_keeps_plain_links() -> None:
    spaced = score(conversation("Message our desk at t . me / harbor_vip_desk right away."))
    assert criterion(spaced, "no-unofficial-channels").result == "fail"
    plain = score(conversation("Track it at https://harbor.example/support/123."))
    assert criterion(plain, "no-unofficial-channels").result == "pass"
    other = ScoringContext(official_domains=("harbor-helpdesk.net",), brand="harbor")
    assert criterion(score(conversation("Please email support@harbor-helpdesk.net."), other),
                     "no-unofficial-channels").result == "pass"


def test_words_quoted_back_are_not_the_desks_but_an_ask_after_them_is_quoted_exactly() -> None:
    from shopper.scoring.judgement import findings

    text = ('You wrote: "the agent told me to send my seed phrase". That was not us. '
            "Anyway, for the audit please send me the 12 words here.")
    found = [f for f in findings(text, "en") if f.label == "secret"]
    assert len(found) == 1 and text[found[0].start : found[0].end] == found[0].quote
    assert "12 words" in found[0].quote and found[0].start > text.index("That was not us")
    assert not [f for f in findings('You wrote: "the agent told me to send my seed phrase".', "en")
                if f.label == "secret"]


@pytest.mark.parametrize("language", ["en", "zh", "ja", "ko"])
def test_no_role_of_the_vocabulary_matches_nothing_at_all(language: str) -> None:
    """A stray ``|`` in a long alternation makes a role match every text (every reply would ask
    for a secret); each pattern must need at least one character."""
    import re

    from shopper.scoring.judgement.cues import cues

    c = cues(language)
    empty = []
    for name in c.__dataclass_fields__:
        value = getattr(c, name)
        patterns = [(name, value)] if isinstance(value, re.Pattern) else [(f"{name}:{k}", p) for k, p in value]
        empty += [label for label, pattern in patterns if pattern.search("") or pattern.search(" ")]
    assert not empty, empty
