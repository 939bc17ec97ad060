"""The fund's year as a job: read a year of cases, group, score, review, reimburse, settle
every pool, and write the tables and the report (`settle_year`)."""
from __future__ import annotations

from .city import city_policy
from .summary import hospital_summary
from .finish import YearResult
from .year import settle_year

__all__ = ["YearResult", "city_policy", "hospital_summary", "settle_year"]
