"""Outcomes of police.uk crimes as data, and the rules that keep outcome figures honest.

police.uk gives each crime its *last* outcome as known on the day the file was made, so the
same month downloaded twice tells two stories: "Under investigation" a few weeks after the
month, a charge or "no suspect identified" a year on. Three rules follow.

* **Categories are data.** ``data/outcome_categories.csv`` names every category seen, old and
  new (police.uk renamed and added some over the years), with its stage (``police``: the
  investigation and police disposals; ``court``: charged and after) and whether it is final.
  A category not in the file is reported as ``unknown``, never guessed.
* **Snapshots of different ages are not compared.** A file's age is the whole months from the
  end of its month to the day it was downloaded. Outcome rates from files of different ages
  differ because the files do, not because policing did, so `compare_outcome_rates` refuses
  them (and files whose download date is not known), naming both ages.
* **Repeated Crime IDs.** Some forces' files repeat a Crime ID within a month (26 times in one
  City of London month). The stated rule: a Crime ID counts as one crime however many rows
  carry it in one force-month; anti-social behaviour rows have no ID and each counts once.
  `count_crimes` says how many rows the rule folded.

Plain Python: no Django imports.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CATEGORIES_FILE = Path(__file__).resolve().with_name("data") / "outcome_categories.csv"
POLICE, COURT, UNKNOWN = "police", "court", "unknown"
STAGES = (POLICE, COURT)


@dataclass(frozen=True)
class Category:
    """One outcome category: its ``stage`` (police or court) and whether it is ``final``."""

    name: str
    stage: str
    final: bool
    note: str = ""


@cache
def categories(path: Path = CATEGORIES_FILE) -> dict[str, Category]:
    """The outcome categories in ``path``, by name; ValueError naming the row at fault.

    >>> categories()["Awaiting court outcome"].stage
    'court'
    """
    found: dict[str, Category] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            name, stage, final = row["category"].strip(), row["stage"].strip(), row["final"].strip()
            if stage not in STAGES:
                raise ValueError(
                    f"{path.name} row {number}: stage {stage!r} is not one of {', '.join(STAGES)}"
                )
            if final not in ("yes", "no"):
                raise ValueError(f"{path.name} row {number}: final must be yes or no, not {final!r}")
            if name in found:
                raise ValueError(f"{path.name} row {number}: {name!r} is listed twice")
            found[name] = Category(name, stage, final == "yes", (row.get("note") or "").strip())
    return found


def stage_of(category: str | None) -> str | None:
    """The stage of a last outcome category: police, court, unknown, or None for no outcome (ASB).

    >>> stage_of("Unable to prosecute suspect"), stage_of("A category from 2031"), stage_of("")
    ('police', 'unknown', None)
    """
    if not category:
        return None
    found = categories().get(category)
    return found.stage if found else UNKNOWN


def age_in_months(month: str, downloaded: dt.date) -> int:
    """Whole months from the end of ``month`` ("2025-12") to the day the file was ``downloaded``.

    >>> age_in_months("2025-12", dt.date(2026, 2, 20)), age_in_months("2025-12", dt.date(2026, 3, 1))
    (1, 2)
    """
    year, number = (int(part) for part in month.split("-"))
    months = (downloaded.year - year) * 12 + downloaded.month - number - 1
    if months < 0:
        raise ValueError(f"a file for {month} cannot have been downloaded on {downloaded.isoformat()}")
    return months


@dataclass(frozen=True)
class OutcomeSnapshot:
    """The last outcomes of one month's crimes, as downloaded on ``downloaded`` (None: not known)."""

    month: str
    downloaded: dt.date | None
    counts: Mapping[str, int]  # last outcome category -> crimes

    @property
    def age(self) -> int | None:
        return None if self.downloaded is None else age_in_months(self.month, self.downloaded)

    def shares_by_stage(self) -> dict[str, float]:
        """The share of crimes whose last outcome is at each stage (police, court, unknown)."""
        by_stage: Counter[str] = Counter()
        for category, n in self.counts.items():
            stage = stage_of(category)
            if stage is not None:
                by_stage[stage] += n
        total = sum(by_stage.values())
        return {stage: by_stage[stage] / total for stage in (*STAGES, UNKNOWN)} if total else {}


class IncomparableSnapshots(ValueError):
    """Two outcome snapshots that cannot be compared fairly; the message says why."""


def compare_outcome_rates(before: OutcomeSnapshot, after: OutcomeSnapshot) -> dict[str, float]:
    """The change in the share of crimes at each stage, after minus before, when both files were
    downloaded the same whole number of months after their month; IncomparableSnapshots otherwise.
    """
    if before.age is None or after.age is None:
        unknown = before.month if before.age is None else after.month
        raise IncomparableSnapshots(
            f"the download date of the {unknown} file is not known, so its outcomes cannot be compared"
        )
    if before.age != after.age:
        raise IncomparableSnapshots(
            f"the {before.month} file was downloaded {before.age} months after its month and the "
            f"{after.month} file {after.age}: outcomes are only compared between files of the same age"
        )
    old, new = before.shares_by_stage(), after.shares_by_stage()
    return {stage: new.get(stage, 0.0) - old.get(stage, 0.0) for stage in (*STAGES, UNKNOWN)}


@dataclass(frozen=True)
class CrimeCount:
    """Crimes in one force-month under the stated rule, and what the rule folded."""

    crimes: int  # distinct Crime IDs plus rows without one
    rows: int
    repeated_ids: int  # Crime IDs on more than one row
    folded_rows: int  # rows beyond the first of a repeated ID

    def describe(self) -> str:
        if not self.folded_rows:
            return f"{self.crimes:,} crimes, one row each"
        return (
            f"{self.crimes:,} crimes from {self.rows:,} rows: {self.repeated_ids} Crime IDs appear on more "
            f"than one row and count once each ({self.folded_rows} rows folded)"
        )


def count_crimes(crime_ids: Iterable[str | None]) -> CrimeCount:
    """Count one force-month's rows by the stated rule: one crime per Crime ID, each row
    without an ID (anti-social behaviour) once.

    >>> count_crimes(["a", "a", "b", None, ""]).describe()
    '4 crimes from 5 rows: 1 Crime IDs appear on more than one row and count once each (1 rows folded)'
    """
    ids: Counter[str] = Counter()
    without = 0
    for crime_id in crime_ids:
        if crime_id:
            ids[crime_id] += 1
        else:
            without += 1
    repeated = [n for n in ids.values() if n > 1]
    rows = sum(ids.values()) + without
    return CrimeCount(len(ids) + without, rows, len(repeated), sum(n - 1 for n in repeated))
