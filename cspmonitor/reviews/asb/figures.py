"""The four ASB Case Review figures a partnership publishes every year, and their CSV.

Schedule 4 of the Anti-social Behaviour, Crime and Policing Act 2014 requires the partnership
to publish, each year: the number of applications, the number of times the threshold was not
met, the number of reviews carried out and the number that resulted in recommendations. Each
figure counts events *in* the financial year, by the date of the event:

* applications received: received in the year;
* threshold not met: decided as not met in the year;
* reviews carried out: review meetings held in the year (threshold met, by the rules or by
  discretion, and the meeting date reached);
* reviews resulting in recommendations: those reviews with at least one recommendation.

So an application received in March and reviewed in April counts once in each year, and the
counts need not add up within a year. The figures are counts with no personal data; no
breakdown (by district, say) is published, because small numbers could identify people.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from django.utils import timezone

from cspmonitor.periods import FinancialYear, PeriodError
from cspmonitor.reviews.asb.models import CaseReviewApplication

COUNTING_RULES = [
    ("Applications received", "Applications received in the year, by the date received."),
    ("Threshold not met", "Applications decided in the year as not meeting the threshold."),
    (
        "Reviews carried out",
        "Review meetings held in the year, where the threshold was met by the rules or by discretion.",
    ),
    (
        "Reviews resulting in recommendations",
        "Of those reviews, the ones that made at least one recommendation.",
    ),
]


@dataclass(frozen=True)
class AnnualFigures:
    year: FinancialYear
    applications: int
    threshold_not_met: int
    reviews: int
    reviews_with_recommendations: int

    def rows(self) -> list[tuple[str, int]]:
        """(label, count) in the order they are published."""
        values = [self.applications, self.threshold_not_met, self.reviews, self.reviews_with_recommendations]
        return [(label, value) for (label, _rule), value in zip(COUNTING_RULES, values, strict=True)]


def annual_figures(partnership, year: FinancialYear, today: dt.date | None = None) -> AnnualFigures:
    """Every application counts, whatever its classification: the figures are public counts."""
    applications = CaseReviewApplication.objects.for_partnership(partnership)
    return AnnualFigures(
        year=year,
        applications=applications.received_in(year).count(),
        threshold_not_met=applications.threshold_not_met_in(year).count(),
        reviews=applications.reviews_in(year, today).count(),
        reviews_with_recommendations=applications.reviews_with_recommendations_in(year, today).count(),
    )


def years_with_applications(partnership) -> list[FinancialYear]:
    """Financial years with any recorded event, newest first; always includes this year."""
    applications = CaseReviewApplication.objects.for_partnership(partnership)
    days: set[dt.date | None] = set()
    for name in ("received_on", "decided_on", "meeting_on"):
        days.update(applications.values_list(name, flat=True))
    years = {FinancialYear.containing(day) for day in days if day is not None}
    years.add(FinancialYear.containing(timezone.localdate()))
    return sorted(years, reverse=True)


def chosen_year(partnership, text: str | None) -> FinancialYear:
    """The year asked for, or the latest year with an application received in it."""
    if text:
        try:
            return FinancialYear.parse(text)
        except PeriodError:
            pass
    latest = (
        CaseReviewApplication.objects.for_partnership(partnership)
        .order_by("-received_on")
        .values_list("received_on", flat=True)
        .first()
    )
    return FinancialYear.containing(latest or timezone.localdate())


class FiguresTable:
    """The figures as a CSV table: one row per figure, so it reads as the published list."""

    def __init__(self, partnership, figures: AnnualFigures) -> None:
        self.partnership = partnership
        self.figures = figures

    def filename(self) -> str:
        return f"{self.partnership.slug}-{self.figures.year.label}-asb-case-reviews.csv"

    def headers(self) -> list[str]:
        return ["Partnership", "Financial year", "Figure", "Count"]

    def rows(self) -> Iterator[list[str]]:
        for label, value in self.figures.rows():
            yield [self.partnership.name, self.figures.year.label, label, str(value)]


def write_csv(table: FiguresTable, file: IO[str]) -> None:
    writer = csv.writer(file)
    writer.writerow(table.headers())
    writer.writerows(table.rows())
