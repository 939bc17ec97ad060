"""Optional dependencies: each is an extra of the package (``pip install 'dipdrg[report]'``);
a command that needs a missing one stops with a message naming the extra."""
from __future__ import annotations

import importlib
from types import ModuleType

# module → the extra that installs it (pyproject.toml [project.optional-dependencies])
EXTRAS = {"matplotlib": "report", "pyspark": "spark", "dask": "dask", "polars": "polars"}


class MissingExtra(ImportError):
    """An optional dependency is not installed; the message says which extra installs it."""


def require(module: str, purpose: str) -> ModuleType:
    """Imports `module` or raises MissingExtra naming the extra to install for `purpose`."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        extra = EXTRAS.get(module.split(".")[0], "")
        how = f"pip install 'dipdrg[{extra}]'" if extra else f"pip install {module.split('.')[0]}"
        raise MissingExtra(f"{purpose} needs {module.split('.')[0]}, which is not installed: {how}") from exc


def available(module: str) -> bool:
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True
