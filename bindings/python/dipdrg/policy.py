"""Policies as objects: a DIP tie-break policy, a DIP scoring policy or a CHS-DRG payment
policy, loaded from a shipped preset or a JSON file, validated by the C++ core, and accepted
wherever a ``policy=`` is."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any

from . import _core

KINDS = ("tiebreak", "scoring", "payment")


@dataclass(frozen=True)
class Policy:
    """``Policy.load("jining-370800", kind="scoring")``; ``.data`` is the policy as a dict.

    >>> p = Policy.load("jining-370800", kind="scoring")
    >>> p.name, p.data["ungrouped_factor"]
    ('jining-370800', 0.7)
    """

    kind: str
    data: dict[str, Any] = field(hash=False)

    @property
    def name(self) -> str:
        return str(self.data.get("name", ""))

    @classmethod
    def load(cls, name_or_path: str | os.PathLike[str], *, kind: str) -> Policy:
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        from .catalog import resolve_policy
        from .scoring import _policy_json

        if kind == "tiebreak":
            text = resolve_policy(name_or_path)
        else:
            text = _policy_json(name_or_path, scheme="dip" if kind == "scoring" else "chs-drg")
        return cls.from_dict(json.loads(text), kind=kind)

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, kind: str) -> Policy:
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        text = json.dumps(data, ensure_ascii=False)
        try:
            if kind == "tiebreak":
                _core.parse_dip_policy(text)
            elif kind == "scoring":
                _core.score_dip_case(text, 1.0, 1.0, 1.0, False, False, "1", 1.0, "")
            else:
                _core.score_drg_case(str(data.get("method", "points")), 0.3, [], 1.0, False, 0.5, 1.0, 1.0,
                                     False, "1", "1", 1.0, 0, False, False, 0, False)
        except RuntimeError as exc:
            raise ValueError(str(exc)) from exc
        return cls(kind=kind, data=dict(data))

    def __repr__(self) -> str:
        return f"Policy({self.kind} {self.name!r})"
