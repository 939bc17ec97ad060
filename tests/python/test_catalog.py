"""Catalogs: manifests, snapshots (cache, corruption, format version), tables, layering."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import dipdrg
from dipdrg import _core
from dipdrg.catalog import CatalogError, write_manifest

DEMO = Path(__file__).resolve().parents[2] / "catalogs" / "chs-drg" / "000000" / "1.1-demo"


def test_available_and_manifest() -> None:
    assert "demo" in dipdrg.Catalog.available()
    cat = dipdrg.Catalog("demo")
    m = cat.manifest
    assert m["scheme"] == "chs-drg" and m["region"] == "000000" and m["effective_from"] == "2021-01-01"
    assert set(m["tables"]) >= {"adrg.csv", "drg.csv", "mdc.csv"}
    assert cat.table("drg").shape[0] == cat.counts["drg"] == 98
    with pytest.raises(ValueError, match="unknown catalog table"):
        cat.table("nope")


def test_snapshot_cached_then_reused(tmp_path: Path) -> None:
    first = dipdrg.Catalog("demo", cache_dir=tmp_path)
    assert not first.from_snapshot and Path(first.snapshot_path).exists()
    second = dipdrg.Catalog("demo", cache_dir=tmp_path)
    assert second.from_snapshot and second.digest == first.digest


def test_corrupt_snapshot_refused_and_rebuilt(tmp_path: Path) -> None:
    snap = Path(dipdrg.Catalog("demo", cache_dir=tmp_path).snapshot_path)
    data = bytearray(snap.read_bytes())
    data[len(data) // 2] ^= 0xFF
    snap.write_bytes(bytes(data))
    cat = dipdrg.Catalog("demo", cache_dir=tmp_path)
    assert not cat.from_snapshot
    assert any("checksum" in n and "rebuilding" in n for n in cat.notes)
    assert dipdrg.Catalog("demo", cache_dir=tmp_path).from_snapshot  # the rebuilt one is good


def test_snapshot_format_version_refused(tmp_path: Path) -> None:
    path = tmp_path / "demo.snap"
    dipdrg.Catalog("demo").save_snapshot(path)
    data = bytearray(path.read_bytes())
    data[8] = 99  # format version field after the 8-byte magic
    path.write_bytes(bytes(data))
    with pytest.raises(CatalogError, match="format version 99"):
        dipdrg.Catalog(path)


def test_explicit_snapshot_loads_and_groups(tmp_path: Path) -> None:
    path = tmp_path / "demo.snap"
    dipdrg.Catalog("demo").save_snapshot(path)
    g = dipdrg.Grouper(dipdrg.Catalog(path))
    assert g.group_one(sex=2, age=0, age_days=3, weight_g=1200, dx_codes="P07.200").adrg == "PS1"


def test_truncated_snapshot_is_clear(tmp_path: Path) -> None:
    path = tmp_path / "t.snap"
    path.write_bytes(b"DIPDRGS1\x01\x00\x00\x00")
    with pytest.raises(CatalogError, match="truncated|corrupt"):
        dipdrg.Catalog(path)
    path.write_bytes(b"hello world")
    with pytest.raises(CatalogError, match="not a dipdrg catalog snapshot"):
        dipdrg.Catalog(path)


def test_manifest_checksum_mismatch_is_refused(tmp_path: Path) -> None:
    cat_dir = tmp_path / "cat"
    shutil.copytree(DEMO, cat_dir)
    with (cat_dir / "drg.csv").open("a", encoding="utf-8") as f:
        f.write("\n")
    with pytest.raises(CatalogError, match="checksum of drg.csv does not match"):
        dipdrg.Catalog(cat_dir, cache=False)


def test_unknown_catalog_name() -> None:
    with pytest.raises(CatalogError, match="not found"):
        dipdrg.Catalog("no-such-catalog")


def test_describe_codes() -> None:
    cat = dipdrg.Catalog("demo")
    assert cat.describe("MDCP")["kind"] == "mdc"
    assert cat.describe("PS1")["rule_kind"] == "any_dx+birth_weight+age_days<=28"
    drg = cat.describe("GB11")
    assert drg["kind"] == "drg" and drg["adrg"] == "GB1"
    assert cat.describe("nothing")["kind"] == "unknown"


def test_regional_layer_overrides_base(tmp_path: Path) -> None:
    """A regional catalog names its parent and adds/removes rows; grouping follows."""
    base = tmp_path / "base"
    shutil.copytree(DEMO, base)
    region = tmp_path / "region"
    region.mkdir()
    # Move P07.200 out of PS1's list; put it nowhere else: the neonate falls to PV1.
    (region / "adrg_dx.remove.csv").write_text("adrg,code\nPS1,P07.200\n", encoding="utf-8")
    manifest = {"scheme": "chs-drg", "version": "1.1-demo-r1", "region": "370100", "parent": "../base",
                "effective_from": "2024-01-01"}
    (region / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    write_manifest(region)
    fields = dict(sex=2, age=0, age_days=3, weight_g=1200, dx_codes="P07.200")
    assert dipdrg.Grouper(dipdrg.Catalog(base, cache=False)).group_one(**fields).adrg == "PS1"
    regional = dipdrg.Catalog(region, cache=False)
    assert regional.manifest["region"] == "370100"
    assert dipdrg.Grouper(regional).group_one(**fields).adrg == "PV1"
    # An added row puts a term-infant diagnosis (PU1) on PS4's list in this region only.
    term = dict(fields, weight_g=3000, dx_codes="A04.000x001")
    assert dipdrg.Grouper(dipdrg.Catalog(base, cache=False)).group_one(**term).adrg == "PU1"
    (region / "adrg_dx.add.csv").write_text("adrg,code\nPS4,A04.000x001\n", encoding="utf-8")
    write_manifest(region)
    assert dipdrg.Grouper(dipdrg.Catalog(region, cache=False)).group_one(**term).adrg == "PS4"


def test_core_default_cache_dir_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DIPDRG_CACHE_DIR", str(tmp_path))
    assert _core.default_cache_dir() == str(tmp_path)
