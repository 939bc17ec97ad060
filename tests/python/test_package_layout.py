"""The Python package's layout: the public API modules at the top, the application in its own
subpackages (jobs/, cli/, demo/), and no import circles anywhere — function-local imports
included, so a circle cannot hide inside a function."""
from __future__ import annotations

import ast
from pathlib import Path

import dipdrg

PACKAGE = Path(dipdrg.__file__).resolve().parent
SOURCE = Path(__file__).resolve().parents[2] / "bindings" / "python" / "dipdrg"


def _modules(root: Path) -> dict[str, Path]:
    out = {}
    for path in root.rglob("*.py"):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(["dipdrg", *parts])] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package modules `name` imports, anywhere in its body."""
    is_package = path.name == "__init__.py"
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:  # `from . import x` may name a module
                if f"{target}.{alias.name}" in modules:
                    out.add(f"{target}.{alias.name}")
            if target in modules and not any(f"{target}.{a.name}" in modules for a in node.names):
                out.add(target)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name in modules)
    out.discard("dipdrg")  # every module lies below the package itself
    out.discard(name)
    return out


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_no_import_circles() -> None:
    root = SOURCE if SOURCE.is_dir() else PACKAGE
    modules = _modules(root)
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    assert not _cycle(graph), " → ".join(_cycle(graph))


def test_the_cycle_finder_finds_a_planted_circle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) == []


def test_application_lives_in_subpackages() -> None:
    root = SOURCE if SOURCE.is_dir() else PACKAGE
    for sub in ("jobs", "cli", "demo"):
        assert (root / sub / "__init__.py").is_file(), sub
    # The API modules do not reach into the application.
    for name, path in _modules(root).items():
        if name.count(".") == 1 and name.split(".")[1] not in ("__main__", "jobs", "cli", "demo"):
            imported = _imports(name, path, _modules(root))
            assert not {m for m in imported if m.split(".")[1] in ("jobs", "cli", "demo")}, name
