"""Service-quality criteria against the frozen labelled test split, beside the phrase lists they replace.

Runs ``acknowledges-problem`` and ``gives-next-steps`` of the shipped rubric (structural reading:
no judge) and the phrase lists of the previous rubric over ``corpus/service/test.jsonl`` (the
families never seen while tuning; ``--split train`` shows the tuning split), and prints
precision, recall and Cohen's kappa per language. Exits 1 when a shipped criterion misses its
target on the test split: kappa >= 0.85 overall and >= 0.75 in every language, recall >= 0.9.
Run: .venv/bin/python benchmarks/bench_service.py [--split test|train]
"""

from __future__ import annotations

import sys
from pathlib import Path

from shopper.scoring.calibration import Agreement, calibrate
from shopper.scoring.context import ScoringContext
from shopper.scoring.labelled import load_labelled
from shopper.scoring.loading import load_rubric
from shopper.scoring.model import Criterion

ROOT = Path(__file__).resolve().parents[1]
TARGET_KAPPA, TARGET_KAPPA_PER_LANGUAGE, TARGET_RECALL = 0.85, 0.75, 0.9
LABELS = {"acknowledges-problem": "acknowledges_problem", "gives-next-steps": "gives_next_steps"}
PHRASE_LISTS = {  # the criteria as shipped before (a baseline, never a target)
    "acknowledges-problem": {"mentions_any": {
        "en": ["sorry", "apologi", "understand", "thank you for", "thanks for", "i see", "we have received",
               "we've received", "looking into", "i can help", "happy to help"],
        "zh": ["抱歉", "对不起", "理解", "感谢", "谢谢", "收到", "已收到", "正在查", "为您查询", "帮您"],
        "ko": ["죄송", "불편", "이해", "감사", "확인해 드리", "접수", "도와드리"],
        "ja": ["申し訳", "ご不便", "承知", "ありがとう", "確認いたし", "受け付け", "お調べ", "お手伝い"]}},
    "gives-next-steps": {"mentions_any": {
        "en": ["please", "next step", "within", "we will", "we'll", "i will", "i'll", "escalat", "you can", "once",
               "follow"],
        "zh": ["请", "下一步", "以内", "内", "我们会", "将会", "我会", "升级", "您可以", "之后"],
        "ko": ["주세요", "이내", "드리겠습니다", "드릴게요", "예정", "전달", "하시면", "후에"],
        "ja": ["ください", "以内", "いたします", "します", "予定", "エスカレーション", "いただけ", "後に"]}},
}


def _f(value: float | None) -> str:
    return "  —  " if value is None else f"{value:.3f}"


def _line(name: str, lang: str, a: Agreement) -> str:
    return f"{name:<38}{lang:<5}{a.n:>4}  P {_f(a.precision)}  R {_f(a.recall)}  kappa {_f(a.kappa)}"


def main() -> int:
    split = sys.argv[sys.argv.index("--split") + 1] if "--split" in sys.argv else "test"
    rows = load_labelled(ROOT / "corpus" / "service" / f"{split}.jsonl")
    shipped = {c.id: c for c in load_rubric(ROOT / "scoring/service-quality.yaml").criteria}
    missed: list[str] = []
    print(f"service-quality criteria on corpus/service/{split}.jsonl ({len(rows)} replies)")
    for criterion_id, label in LABELS.items():
        baseline = Criterion.model_validate({"id": criterion_id, "check": PHRASE_LISTS[criterion_id]})
        for name, criterion in ((f"{criterion_id} (phrase lists)", baseline), (f"{criterion_id} (shipped)",
                                                                                shipped[criterion_id])):
            report = calibrate(rows, criterion, label, "pass", ScoringContext())
            for lang, agreement in sorted(report.by_language.items()):
                print(_line(name, lang, agreement))
            print(_line(name, "all", report.overall))
            if name.endswith("(shipped)") and split == "test":
                overall = report.overall
                if (overall.kappa or 0) < TARGET_KAPPA or (overall.recall or 0) < TARGET_RECALL:
                    missed.append(f"{criterion_id}: kappa {_f(overall.kappa)}, recall {_f(overall.recall)} overall")
                missed += [f"{criterion_id}: kappa {_f(a.kappa)} in {lang}" for lang, a in report.by_language.items()
                           if (a.kappa or 0) < TARGET_KAPPA_PER_LANGUAGE]
                if report.disagreements:
                    print(f"  disagreements: {', '.join(d.id for d in report.disagreements)}")
    if split != "test":
        print("targets are judged on the test split only")
        return 0
    for miss in missed:
        print(f"MISSED {miss}")
    print("targets: kappa >= 0.85 overall and >= 0.75 per language, recall >= 0.9:", "missed" if missed else "ok")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
