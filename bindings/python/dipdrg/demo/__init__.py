"""The demo city: a seeded year of cases (60 hospitals, DIP and CHS-DRG pools) and its history,
for trying the main job without real data, and the demo files shipped with the package."""
from __future__ import annotations

from .city import Hospital, generate_year, hospitals, write_history, write_year
from .files import demo_file

__all__ = ["Hospital", "demo_file", "generate_year", "hospitals", "write_history", "write_year"]
