"""Coverage check: which force-months are missing or short, before any comparison.

Some forces miss whole months on police.uk, or publish a month with far fewer rows than
usual. Comparing a year with a gap against a full year would report a fall that is only a
hole in the data, so the assessment checks coverage first and names what is wrong.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Coverage:
    """Coverage of one force over a range of months.

    `short` holds the months whose row count is below `short_fraction` of the median month.

    >>> c = check_coverage({"2023-01": 600, "2023-03": 200, "2023-04": 610},
    ...                    "2023-01", "2023-04")
    >>> c.missing, c.short, c.complete
    (('2023-02',), ('2023-03',), False)
    """

    first_month: str
    last_month: str
    rows_by_month: dict[str, int]
    missing: tuple[str, ...]
    short: tuple[str, ...]
    short_fraction: float

    @property
    def complete(self) -> bool:
        return not self.missing and not self.short

    def describe(self) -> str:
        """A plain-English sentence for a page or a log."""
        if self.complete:
            return f"All months from {self.first_month} to {self.last_month} are present."
        parts = []
        if self.missing:
            parts.append("missing: " + ", ".join(self.missing))
        if self.short:
            parts.append(f"fewer than {self.short_fraction:.0%} of the usual rows: " + ", ".join(self.short))
        return "Coverage is incomplete (" + "; ".join(parts) + ")."


def month_range(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` inclusive, as 'YYYY-MM'.

    >>> month_range("2022-11", "2023-02")
    ['2022-11', '2022-12', '2023-01', '2023-02']
    """
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def check_coverage(
    rows_by_month: dict[str, int], first_month: str, last_month: str, short_fraction: float = 0.5
) -> Coverage:
    """Flag missing months, and months with fewer than ``short_fraction`` × the median rows."""
    wanted = month_range(first_month, last_month)
    present = {m: rows_by_month[m] for m in wanted if rows_by_month.get(m, 0) > 0}
    missing = tuple(m for m in wanted if m not in present)
    median = statistics.median(present.values()) if present else 0
    short = tuple(m for m, rows in present.items() if rows < short_fraction * median)
    return Coverage(first_month, last_month, present, missing, short, short_fraction)
