"""The structured explanation of one grouping decision, in Chinese and English."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TraceEvent:
    """One step of a grouping decision."""

    step: str          # validation / codes / mdc / adrg / split / result
    rule: str          # rule id: V1, principal_dx_in_mdc_list, principal_px, ...
    table: str         # catalog table consulted
    subject: str       # the code, MDC, ADRG or DRG concerned
    detail: str
    codes: tuple[str, ...]
    outcome: bool
    reference: bool    # part of the reference grouper's message list
    text_zh: str
    text_en: str


@dataclass(frozen=True)
class Trace:
    """The explanation of one case: structured events that render in Chinese or English."""

    events: tuple[TraceEvent, ...]

    def to_text(self, language: str = "zh", *, reference: bool | None = None) -> list[str]:
        """Lines of text. Chinese defaults to the reference message list; English to all events."""
        if language not in ("zh", "en"):
            raise ValueError("language must be 'zh' or 'en'")
        only_reference = (language == "zh") if reference is None else reference
        return [e.text_zh if language == "zh" else e.text_en for e in self.events
                if e.reference or not only_reference]

    def __str__(self) -> str:
        return "\n".join(self.to_text("zh"))
