"""Catalogs: versioned directories of tables plus a manifest, compiled to cached snapshots."""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import _core

if TYPE_CHECKING:
    import pandas as pd

from ._paths import CATALOG_ROOTS as _CATALOG_ROOTS
from .policy import policy_text, presets

_ALIASES = {"demo": "chs-drg/000000/1.1-demo", "dip-demo": "dip/000000/3.0-demo"}


class CatalogError(RuntimeError):
    """A catalog cannot be found, read or used."""


@dataclass(frozen=True)
class Finding:
    """One result of `Catalog.check`: severity is "error" or "warning"."""

    severity: str
    check: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: [{self.check}] {self.where}: {self.message}"


def resolve_catalog_path(name_or_path: str | os.PathLike[str]) -> Path:
    """A catalog directory or snapshot file, or the name of a shipped catalog ("demo")."""
    text = os.fspath(name_or_path)
    candidate = Path(text)
    if candidate.exists() and text not in _ALIASES:  # the shipped names win over same-named folders
        return candidate
    relative = _ALIASES.get(text, text)
    for root in _CATALOG_ROOTS:
        if (root / relative).exists():
            return root / relative
    raise CatalogError(
        f"catalog {text!r} not found: give a catalog directory, a snapshot file, "
        f"or one of {sorted(Catalog.available())}"
    )


class Catalog:
    """A compiled CHS-DRG catalog, loaded once and shared read-only.

    >>> cat = Catalog("demo")
    >>> cat.manifest["scheme"], cat.version
    ('chs-drg', '1.1-demo')
    >>> cat.describe("GB1")["kind"]
    'adrg'
    """

    def __init__(self, path: str | os.PathLike[str] = "demo", *, cache_dir: str | os.PathLike[str] | None = None,
                 cache: bool = True) -> None:
        self._path = resolve_catalog_path(path)
        cache_text = "" if not cache else os.fspath(cache_dir) if cache_dir is not None else _core.default_cache_dir()
        try:
            self.scheme: str = _core.catalog_scheme(str(self._path))
            load = _core.load_dip_catalog if self.scheme == "dip" else _core.load_catalog
            core, from_snapshot, snapshot_path, notes = load(str(self._path), cache_text)
        except RuntimeError as exc:
            raise CatalogError(str(exc)) from exc
        self._core: Any = core  # _core.DrgCatalog or _core.DipCatalog, by self.scheme
        self.from_snapshot: bool = from_snapshot
        self.snapshot_path: str = snapshot_path
        self.notes: list[str] = list(notes)

    @staticmethod
    def available() -> list[str]:
        """Names of the catalogs shipped with the package."""
        names = set(_ALIASES)
        for root in _CATALOG_ROOTS:
            for manifest in root.glob("*/*/*/manifest.json"):
                names.add(str(manifest.parent.relative_to(root)))
        return sorted(names)

    @property
    def path(self) -> Path:
        return self._path

    @property
    def manifest(self) -> dict[str, Any]:
        return dict(self._core.manifest)

    @property
    def version(self) -> str:
        return str(self._core.manifest["version"])

    @property
    def digest(self) -> str:
        """sha256 identity of the catalog's sources and options."""
        return str(self._core.manifest["digest"])

    @property
    def options(self) -> dict[str, Any]:
        return dict(self._core.options)

    @property
    def counts(self) -> dict[str, int]:
        return dict(self._core.counts)

    def describe(self, code: str) -> dict[str, Any]:
        """What the catalog knows of a diagnosis, procedure, MDC, ADRG or DRG code."""
        return dict(self._core.describe(code))

    def table(self, name: str) -> pd.DataFrame:
        """A catalog table as a pandas DataFrame: "mdc", "adrg", "drg" (CHS-DRG) or "groups",
        "rules" (DIP)."""
        import pandas as pd

        return pd.DataFrame(self._core.table(name))

    def check(self) -> list[Finding]:
        """Consistency checks over the compiled structure (see `dipdrg catalog check`)."""
        return [Finding(*f) for f in self._core.check()]

    def dot(self) -> str:
        """The MDC → ADRG → DRG structure as Graphviz DOT (CHS-DRG catalogs)."""
        if self.scheme != "chs-drg":
            raise CatalogError("DOT output is for CHS-DRG catalogs; DIP catalogs have no decision tree")
        return str(self._core.dot())

    def save_snapshot(self, path: str | os.PathLike[str]) -> None:
        self._core.save_snapshot(os.fspath(path))

    def __repr__(self) -> str:
        m = self.manifest
        size = f"{self.counts['drg']} DRGs" if self.scheme == "chs-drg" else f"{self.counts['groups']} groups"
        return f"Catalog({m['scheme']} {m['version']}, region {m['region']}, {size})"

    # Pickled by identity: workers reload from the path and verify the digest.
    def __reduce__(self) -> tuple[Any, ...]:
        return (_load_by_identity, (str(self._path), self.digest))


def _load_by_identity(path: str, digest: str) -> Catalog:
    cat = Catalog(path)
    if cat.digest != digest:
        raise CatalogError(f"catalog at {path} changed since it was pickled (digest {cat.digest[:12]} != {digest[:12]})")
    return cat


def check_catalog(path: str | os.PathLike[str]) -> list[Finding]:
    """Compiles a catalog directory and returns every import and structure finding."""
    resolved = resolve_catalog_path(path)
    try:
        compile_and_check = (_core.compile_and_check_dip if _core.catalog_scheme(str(resolved)) == "dip"
                             else _core.compile_and_check)
        _, findings = compile_and_check(str(resolved))
    except RuntimeError as exc:
        return [Finding("error", "load", str(resolved), str(exc))]
    return [Finding(*f) for f in findings]


def write_manifest(directory: str | os.PathLike[str], **fields: str) -> Path:
    """Creates or refreshes manifest.json with the sha256 of every table in the directory."""
    d = Path(directory)
    path = d / "manifest.json"
    manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {
        "scheme": "chs-drg", "version": "", "region": "000000", "effective_from": "", "effective_to": "",
        "source": "", "licence": "",
    }
    manifest.update({k: v for k, v in fields.items() if v is not None})
    manifest["tables"] = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(d.glob("*.csv"))}
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def resolve_policy(policy: str | os.PathLike[str] | dict[str, Any]) -> str:
    """A DIP tie-break policy as JSON text: a preset name (see `policies()`), a JSON file, or
    a dict with the policy fields (validated by the core)."""
    return policy_text("tiebreak", policy)


def policies() -> list[str]:
    """Names of the shipped DIP tie-break policy presets."""
    return presets("tiebreak")
