"""Reply language: offline detection (lingua), with script shortcuts for CJK and Hangul.

Chinese, Japanese and Korean are told apart by script (kana means Japanese, Hangul Korean, Han
alone Chinese), which is exact even for a two-character reply; short Latin text is n/a rather
than a guess.

Latin text goes to lingua's low-accuracy detector (trigram models only, ~16 MiB resident),
not its high-accuracy one (all n-gram models of our twelve Latin languages, ~240 MiB in every
run). The trigram detector is sure of English far more often than of anything else, and on
short text it is confidently wrong about the rest (it reads "Check your mail, there is code, send
me here." as German by 0.998), so it is trusted in two cases only:

- English first by at least ``ENGLISH_MARGIN`` of confidence: "en";
- at least ``LONG_LATIN_LETTERS`` letters and the winner ahead by ``LONG_MARGIN``: the winner.

Short English it is unsure of ("Sorry for the wait, we will check it.") is English when at least
``MIN_FUNCTION_WORDS`` words and ``FUNCTION_WORD_SHARE`` of all are English function words that are
no word in our other Latin languages (``ENGLISH_WORDS``: no "in", "is", "we", "will", "me", "do",
"has", "or", "can"…). Anything else is too short or mixed to tell: None, as for text under
``MIN_LATIN_LETTERS``. Over every Latin text of corpus/judgement and corpus/mail and generated
text in six other Latin languages, every answer given is the high-accuracy detector's, and the
English texts left unanswered are mostly MIME boilerplate (tests/scoring/test_language_detection.py).
A short reply in another Latin language is told the same way, by that language's function words
(``OTHER_WORDS``), and only when the trigram detector also puts that language first; what none of
these rules tells is n/a rather than a guess.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, ClassVar

from shopper.scoring.checks.base import Check, CheckSpecError, Outcome, View, failed, not_applicable, passed
from shopper.scoring.text import snippet

_HANGUL = re.compile(r"[\uac00-\ud7af]")
_KANA = re.compile(r"[\u3040-\u309f\u30a0-\u30fa\u30fc-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_NOISE = re.compile(r"https?://\S+|\S+@\S+|\b\S*\d\S*\b|\b[\w-]+\.(com|io|net|org|example)\S*")
MIN_LATIN_LETTERS = 20

# The languages lingua chooses among (ISO 639-1), besides the script-detected CJK ones.
LATIN_LANGUAGES = ("en", "de", "fr", "es", "pt", "it", "nl", "tr", "vi", "id", "ru", "uk")
# Confidence by which the trigram detector must put English ahead of the runner-up. Over the
# Latin texts of corpus/judgement and corpus/mail, a German quoted-mail header ("Von: ...
# Gesendet: ...") got English first by 0.27; 0.5 leaves room.
ENGLISH_MARGIN = 0.5
# Below about 80 letters the trigram detector put English text first in French or German by up to
# 0.99 of confidence; from 80 on it agreed with the high-accuracy detector wherever its winner led
# by 0.2 or more. 100 leaves room. (Chosen on the corpora; the generated sentences are not tuned on.)
LONG_LATIN_LETTERS = 100
LONG_MARGIN = 0.2
_ENGLISH_WORD_LIST = """
    the you your you're you'll our we're we'll they their them she it its it's this that that's these
    those there's are were been being have had does did don't can't could would should won't i'm i'll
    i've to of and but with for from about into than then there here where when what which who why how
    not yes please thank thanks sorry hello just only very any some all each every my get got let need
    want know check received account
"""
ENGLISH_WORDS = frozenset(_ENGLISH_WORD_LIST.split())
# The same test for a short reply in another Latin language ("Sí, podemos restaurarla para usted."):
# its function words, and the trigram detector putting that language first, however unsure.
OTHER_WORDS = {code: frozenset(words.split()) for code, words in {
    "de": "der die das und ist nicht ich sie wir ihr ihre ihnen mit für auf bitte danke sehr wird werden haben hat "
          "sind kein keine noch auch schon wie was wenn dass oder aber nur ein eine einen dem den des zum zur vom "
          "bei nach über unser unsere uns melden prüfen",
    "fr": "le la les et est pas je vous nous votre vos avec pour sur merci très sera sont avons avez une des du au "
          "aux ce cette qui que mais où ne plus bonjour déjà aussi dans",
    "es": "el los las y es yo usted ustedes nosotros su sus con para por gracias muy será son hemos una unos del al "
          "este esta que pero ya también hola podemos sí está",
    "pt": "os as é não eu você nós seu sua com para por obrigado obrigada muito será são temos uma um do da dos das "
          "ao este esta que mas já também em olá podemos sim está",
    "it": "il lo gli è non io lei noi suo sua con per grazie molto sarà sono abbiamo una un del della dei al questo "
          "questa che ma già anche ciao possiamo sì",
    "nl": "het een en niet ik u wij uw jouw met voor op bedankt dank zeer zal zijn hebben heeft geen nog ook hoe "
          "wat als dat maar alleen van naar bij",
    "tr": "bir ve bu için ile değil ben siz biz sizin lütfen teşekkürler çok olacak var yok ama veya hesabınız",
    "vi": "và là không tôi bạn chúng của với cho cảm ơn rất sẽ có được này đã cũng trong",
    "id": "dan adalah tidak saya anda kami kita dengan untuk terima kasih sangat akan ada sudah ini itu juga di ke "
          "dari yang",
}.items()}  # fmt: skip
MIN_FUNCTION_WORDS = 2
FUNCTION_WORD_SHARE = 0.3
_WORD = re.compile(r"[a-z\u00c0-\u024f']+")


@lru_cache(maxsize=1)
def _trigram_detector() -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in LATIN_LANGUAGES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()


def latin_language(clean: str, letters: int) -> str | None:
    """The language of Latin text with ``letters`` letters, or None where the trigram detector
    cannot be trusted with it (see the module doc)."""
    ranked = _trigram_detector().compute_language_confidence_values(clean)
    if not ranked:
        return None
    best = str(ranked[0].language.iso_code_639_1.name).lower()
    lead = ranked[0].value - (ranked[1].value if len(ranked) > 1 else 0.0)
    if best == "en" and lead >= ENGLISH_MARGIN:
        return "en"
    if letters >= LONG_LATIN_LETTERS and lead >= LONG_MARGIN:
        return best
    words = _words(clean)
    if _made_of(words, ENGLISH_WORDS):
        return "en"
    return best if _language_by_words(words) == best else None


def _words(clean: str) -> list[str]:
    return _WORD.findall(clean.lower().replace("\u2019", "'"))


def _made_of(words: list[str], listed: frozenset[str]) -> bool:
    """Whether enough of ``words`` are function words of one language (``listed``) to name it."""
    hits = sum(word in listed for word in words)
    return hits >= MIN_FUNCTION_WORDS and hits >= FUNCTION_WORD_SHARE * len(words)


def _language_by_words(words: list[str]) -> str | None:
    """The one other Latin language whose function words make up the text as English's would,
    or None. Only trusted where the trigram detector names the same language first."""
    counts = {code: sum(word in listed for word in words) for code, listed in OTHER_WORDS.items()}
    most = max(counts.values(), default=0)
    leaders = [code for code, hits in counts.items() if hits == most]
    return leaders[0] if len(leaders) == 1 and _made_of(words, OTHER_WORDS[leaders[0]]) else None


def clean_text(text: str) -> str:
    """``text`` without links, addresses and words with digits (they are no language's)."""
    return _NOISE.sub(" ", text)


@lru_cache(maxsize=8192)
def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``, or None when it is too short or mixed to tell."""
    clean = clean_text(text)
    hangul, kana, han = len(_HANGUL.findall(clean)), len(_KANA.findall(clean)), len(_HAN.findall(clean))
    latin = len(_LATIN.findall(clean))
    cjk = hangul + kana + han
    if cjk and cjk >= latin / 4:
        if hangul >= max(kana, 1) and hangul * 2 >= cjk:
            return "ko"
        if kana:
            return "ja"
        return "zh" if han else None
    if latin < MIN_LATIN_LETTERS:
        return None
    return latin_language(clean, latin)


class Language(Check):
    """Agent replies are in the customer's language (or the given one)."""

    name = "language"
    family = "language"
    example: ClassVar[Any] = "customer"

    def __init__(self, params: Any, path: str) -> None:
        super().__init__(params, path)
        if not isinstance(params, str) or not re.fullmatch(r"customer|[a-z]{2,3}(_[A-Z]{2})?", params):
            raise CheckSpecError(f"{path}.{self.name}", "expected customer or a locale like en or zh_CN")
        self.wanted = None if params == "customer" else params.split("_")[0]

    def evaluate(self, view: View) -> Outcome:
        wanted = self.wanted or view.language
        judged = 0
        for reply in view.replies:
            found = detect_language(reply.text)
            if found is None:
                continue
            judged += 1
            if found != wanted:
                quote = snippet(reply.text, 80)
                return failed(f'reply in {found}, expected {wanted}: "{quote}"', reply.index, quote=quote)
        if not judged:
            return not_applicable("no reply long enough to tell its language")
        return passed(f"{judged} repl{'y' if judged == 1 else 'ies'} in {wanted}")
