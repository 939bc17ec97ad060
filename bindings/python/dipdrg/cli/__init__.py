"""The `dipdrg` command line."""
from __future__ import annotations

from .main import build_parser, main

__all__ = ["build_parser", "main"]
