"""Policies as data, with one resolver: a DIP tie-break policy, a DIP scoring policy, a CHS-DRG
payment policy or the case rules, each a shipped preset (by name), a JSON file or a dict,
validated on load and accepted wherever a ``policy=`` or ``rules=`` is.

The case rules (``kind="rules"``, presets in catalogs/rules/) hold what the national texts fix
and a city may change: the 特例单议 criteria, the readmission rule, the discharge types of an
incomplete stay, the calibration's year weights and the data-quality ranges. A city's policy
overrides any of them in its ``rules`` object, layered over the national defaults.
"""
from __future__ import annotations

import copy
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from . import _core, _json
from ._paths import CATALOG_ROOTS

# kind → the folder of its presets under catalogs/
PRESET_DIRS = {"tiebreak": "dip/policies", "scoring": "dip/scoring", "payment": "chs-drg/payment", "rules": "rules"}
KINDS = tuple(PRESET_DIRS)
_NAMES = {"tiebreak": "DIP", "scoring": "DIP scoring", "payment": "CHS-DRG payment", "rules": "case rules"}


def presets(kind: str) -> list[str]:
    """Names of the shipped presets of one kind."""
    dirs = _dirs(kind)
    return sorted({p.stem for d in dirs if d.is_dir() for p in d.glob("*.json")})


def _dirs(kind: str) -> list[Path]:
    if kind not in PRESET_DIRS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    return [root / PRESET_DIRS[kind] for root in CATALOG_ROOTS]


def policy_text(kind: str, policy: str | os.PathLike[str] | Mapping[str, Any], *, validate: bool = True) -> str:
    """The one resolver: a policy of `kind` as JSON text, from a dict, a JSON file or a preset name."""
    if isinstance(policy, Policy):
        policy = policy.data
    if isinstance(policy, Mapping):
        text = json.dumps(dict(policy), ensure_ascii=False)
    else:
        name = os.fspath(policy)
        path = next((p for p in [Path(name)] + [d / f"{name}.json" for d in _dirs(kind)] if p.is_file()), None)
        if path is None:
            raise ValueError(f"unknown {_NAMES[kind]} policy {name!r}; presets are {presets(kind)}")
        text = path.read_text(encoding="utf-8")
    data = _json.loads(text, str(policy) if not isinstance(policy, Mapping) else "policy")
    if validate:
        _validate(kind, data)
    return text


def _validate(kind: str, data: Any) -> None:
    if not isinstance(data, dict):
        raise ValueError(f"a {_NAMES[kind]} policy must be a JSON object, not {type(data).__name__}")
    text = json.dumps(data, ensure_ascii=False)
    try:
        if kind == "tiebreak":
            _core.parse_dip_policy(text)
        elif kind == "scoring":
            _core.score_dip_case(text, 1.0, 1.0, 1.0, False, False, "1", 1.0, "")
        elif kind == "payment":
            _core.score_drg_case(str(data.get("method", "points")), 0.3, [], 1.0, False, 0.5, 1.0, 1.0,
                                 False, "1", "1", 1.0, 0, False, False, 0, False)
        else:
            check_rules(data)
    except RuntimeError as exc:
        raise ValueError(str(exc)) from exc


# The case rules' sections and fields, with the type each must have.
_RULE_FIELDS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "special_review": {"cap_rate": (int, float), "cost_ratio": (int, float), "long_stay_days": int,
                       "icu_days": int, "deaths": bool, "new_technology": bool},
    "readmission": {"window_days": int, "exempt_adrgs": list},
    "incomplete_stay": {"discharge_types": list},
    "calibration": {"year_weights": list},
    "data_quality": {"required": list, "genders": list, "age_years": list},
}


def check_rules(data: Mapping[str, Any], where: str = "rules") -> None:
    """Refuses unknown sections and fields and values of the wrong type, naming them."""
    if not isinstance(data, Mapping):
        raise ValueError(f"{where} must be a JSON object, not {type(data).__name__}")
    for section, body in data.items():
        if section in ("name", "description", "extends"):
            continue
        if section not in _RULE_FIELDS:
            raise ValueError(f"{where}: unknown section {section!r}; sections are {sorted(_RULE_FIELDS)}")
        if not isinstance(body, Mapping):
            raise ValueError(f"{where}.{section} must be an object")
        for key, value in body.items():
            want = _RULE_FIELDS[section].get(key)
            if want is None:
                raise ValueError(f"{where}.{section}: unknown field {key!r}; fields are {sorted(_RULE_FIELDS[section])}")
            if isinstance(value, bool) and want in (int, (int, float)) or not isinstance(value, want):
                raise ValueError(f"{where}.{section}.{key}: {value!r} has the wrong type")
    quality = data.get("data_quality", {})
    ages = quality.get("age_years")
    if ages is not None and (len(ages) != 2 or not all(isinstance(a, (int, float)) for a in ages) or ages[0] > ages[1]):
        raise ValueError(f"{where}.data_quality.age_years must be [lowest, highest]")
    weights = data.get("calibration", {}).get("year_weights")
    if weights is not None and (not weights or any(not isinstance(w, (int, float)) or w < 0 for w in weights)):
        raise ValueError(f"{where}.calibration.year_weights must be non-negative numbers")
    review = data.get("special_review", {})
    if "cap_rate" in review and not 0 <= review["cap_rate"] <= 1:
        raise ValueError(f"{where}.special_review.cap_rate must lie in 0–1")


def case_rules(overrides: Mapping[str, Any] | str | os.PathLike[str] | None = None,
               base: str | os.PathLike[str] = "national") -> dict[str, Any]:
    """The case rules in force: the `base` preset with a city's `overrides` laid over it section
    by section (a dict, a preset name or a JSON file).

    >>> case_rules({"readmission": {"window_days": 30}})["readmission"]
    {'window_days': 30, 'exempt_adrgs': ['RB1', 'RB2', 'RC1', 'RE1', 'RV1']}
    """
    rules = json.loads(policy_text("rules", base))
    if overrides is None:
        return rules
    if isinstance(overrides, (list, tuple, int, float, bool)):
        raise ValueError(f"rules override must be a JSON object, a preset name or a file, not {overrides!r}")
    layer = json.loads(policy_text("rules", overrides)) if not isinstance(overrides, Mapping) else dict(overrides)
    check_rules(layer, "rules override")
    merged = copy.deepcopy(rules)
    for section, body in layer.items():
        if isinstance(body, Mapping):
            merged.setdefault(section, {}).update(copy.deepcopy(dict(body)))
        else:
            merged[section] = body
    check_rules(merged)
    return merged


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
        return cls.from_dict(json.loads(policy_text(kind, name_or_path, validate=False)), kind=kind)

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, kind: str) -> Policy:
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        _validate(kind, data)
        return cls(kind=kind, data=dict(data))

    def __repr__(self) -> str:
        return f"Policy({self.kind} {self.name!r})"
