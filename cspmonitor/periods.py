"""Financial years and their quarters, as partnerships report them.

Public bodies in England and Wales run April to March: "2022-23" is 1 April 2022 to
31 March 2023, and its first quarter (Q1) is April to June 2022. Plain Python, shared by
every app.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_YEAR = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4}-\d{2}) Q([1-4])$")


class PeriodError(ValueError):
    """A year or quarter written in a way we cannot read."""


@dataclass(frozen=True, order=True)
class FinancialYear:
    """An April–March year, named by its first calendar year.

    >>> FinancialYear.parse("2022-23").start, FinancialYear.parse("2022-23").end
    (datetime.date(2022, 4, 1), datetime.date(2023, 3, 31))
    >>> FinancialYear.containing(dt.date(2023, 2, 14)).label
    '2022-23'
    """

    first_year: int

    @classmethod
    def parse(cls, text: str) -> FinancialYear:
        match = _YEAR.match(text.strip())
        if not match or (int(match[1]) + 1) % 100 != int(match[2]):
            raise PeriodError(f"{text!r} is not a financial year written like 2022-23")
        return cls(int(match[1]))

    @classmethod
    def containing(cls, day: dt.date) -> FinancialYear:
        return cls(day.year if day.month >= 4 else day.year - 1)

    @property
    def label(self) -> str:
        return f"{self.first_year}-{(self.first_year + 1) % 100:02d}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.first_year, 4, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.first_year + 1, 3, 31)

    def quarters(self) -> list[Quarter]:
        return [Quarter(self, number) for number in (1, 2, 3, 4)]

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True, order=True)
class Quarter:
    """A quarter of a financial year, written "2022-23 Q1".

    >>> q = Quarter.parse("2022-23 Q4")
    >>> q.start, q.end, q.long_label
    (datetime.date(2023, 1, 1), datetime.date(2023, 3, 31), 'Q4 2022-23 (January to March 2023)')
    """

    year: FinancialYear
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        match = _QUARTER.match(text.strip())
        if not match:
            raise PeriodError(f"{text!r} is not a quarter written like 2022-23 Q1")
        return cls(FinancialYear.parse(match[1]), int(match[2]))

    @classmethod
    def containing(cls, day: dt.date) -> Quarter:
        year = FinancialYear.containing(day)
        months_in = (day.month - 4) % 12
        return cls(year, months_in // 3 + 1)

    @property
    def label(self) -> str:
        return f"{self.year.label} Q{self.number}"

    @property
    def start(self) -> dt.date:
        month = 4 + 3 * (self.number - 1)
        year = self.year.first_year
        if month > 12:
            month, year = month - 12, year + 1
        return dt.date(year, month, 1)

    @property
    def end(self) -> dt.date:
        following = self.next().start
        return following - dt.timedelta(days=1)

    @property
    def long_label(self) -> str:
        return f"Q{self.number} {self.year.label} ({self.start:%B} to {self.end:%B %Y})"

    def next(self) -> Quarter:
        if self.number == 4:
            return Quarter(FinancialYear(self.year.first_year + 1), 1)
        return Quarter(self.year, self.number + 1)

    def previous(self) -> Quarter:
        if self.number == 1:
            return Quarter(FinancialYear(self.year.first_year - 1), 4)
        return Quarter(self.year, self.number - 1)

    def __str__(self) -> str:
        return self.label


def quarter_choices(first: FinancialYear, last: FinancialYear) -> list[tuple[str, str]]:
    """Every quarter from ``first`` to ``last`` inclusive, as form choices."""
    choices = []
    for start in range(first.first_year, last.first_year + 1):
        for quarter in FinancialYear(start).quarters():
            choices.append((quarter.label, quarter.long_label))
    return choices
