"""Widget presets (``probes/*.yaml``): where a chat widget's parts sit in a page.

A target's ``chat.widget`` names a preset; its ``chat.selectors`` override single keys.
``generic`` means every selector comes from the target itself.
"""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator

TAPS: dict[str, str] = {"deep-chat": "shown", "rasa-webchat": "arrived", "ms-webchat": "arrived"}
"""Event taps the chat probe ships (``probes/chat/taps/<name>.js``): a widget's own JavaScript
event API, subscribed before the widget loads, stamping its messages with the page clock; each
with the moment of a message its event marks (``arrived``: the socket delivered it, ``shown``:
the widget put it on screen), so it is compared with the page's stamp of that same moment."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PrechatForm(_Strict):
    """A form to fill before chatting: persona field -> selector, and the submit button."""

    fields: dict[str, str] = Field(default_factory=dict)
    submit: str | None = None


class ChatSelectors(_Strict):
    """Every part of a widget the chat probe needs; all optional so overrides can be partial."""

    cookie_banner: str | None = None  # a button that dismisses a consent banner
    launcher: str | None = None
    launcher_frames: tuple[str, ...] = ()  # iframe chain holding the launcher (Intercom, Zendesk)
    frames: tuple[str, ...] = ()  # iframe chain, outermost first
    shadow_host: str | None = None  # element whose open shadow root holds the widget
    prechat: PrechatForm | None = None
    message_list: str | None = None
    input: str | None = None
    send: str | None = None  # None: press Enter
    agent_message: str | None = None
    shopper_message: str | None = None
    system_message: str | None = None
    typing: str | None = None
    # Buttons a widget shows next to an agent message (quick replies), when they sit outside
    # the message element: the element right after the message, or inside it, matching this.
    quick_replies: str | None = None
    # The widget's event API to listen to beside the DOM (one of TAPS): its message events are
    # stamped too, and each agent turn records when its event fired (``Turn.tap_ms``).
    tap: str | None = None

    @field_validator("tap")
    @classmethod
    def _known_tap(cls, value: str | None) -> str | None:
        if value is not None and value not in TAPS:
            raise ValueError(f"no event tap {value!r}; known taps: {', '.join(TAPS)}")
        return value

    def merged(self, override: ChatSelectors | None) -> ChatSelectors:
        """These selectors with every key set in ``override`` replacing ours."""
        if override is None:
            return self
        # the fields themselves, not model_dump(): a dumped prechat would come back as a plain dict
        return self.model_copy(update={key: getattr(override, key) for key in override.model_fields_set})

    def missing(self) -> list[str]:
        """Keys a conversation cannot do without."""
        return [key for key in ("input", "agent_message") if getattr(self, key) is None]


class Recognise(_Strict):
    """How ``shopper discover`` knows this widget in a page (any one sign is enough)."""

    scripts: tuple[str, ...] = ()  # regular expressions searched in the page's script and iframe URLs
    markup: tuple[str, ...] = ()  # CSS selectors; one present in any frame (or open shadow root)

    @field_validator("scripts")
    @classmethod
    def _patterns(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"not a regular expression: {pattern!r} ({exc})") from None
        return value


class Verified(_Strict):
    """The widget release a preset was proven on: a full conversation through the real bundle."""

    version: str = Field(min_length=1, pattern=r"^\S+$")  # the npm version the tests pin
    on: date  # when the proof last passed
    package: str = ""  # the npm package, when it is not the preset's name
    by: str = ""  # the test that proves it (path::name)


class WidgetPreset(_Strict):
    preset: str
    title: str = ""
    vendor_docs: str | None = None
    confidence: str = ""  # how sure the selectors are: H vendor docs/source, M seen twice, L guessed
    # ``false`` (read as None): never driven against the widget it names (a SaaS widget cannot
    # run offline); ``selectors_from`` then says where the selectors come from.
    verified: Verified | None = None
    selectors_from: str = ""
    notes: str = ""
    recognise: Recognise | None = None
    chat: ChatSelectors

    @field_validator("verified", mode="before")
    @classmethod
    def _false_or_proof(cls, value: object) -> object:
        if value is False or value is None:
            return None
        if isinstance(value, dict | Verified):
            return value
        raise ValueError("expected false, or {version: X, on: YYYY-MM-DD}")
