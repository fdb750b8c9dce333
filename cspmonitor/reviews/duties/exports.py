"""The statutory calendar as files: iCalendar for Outlook and other calendars, CSV for
spreadsheets. Each writes only the items it is given, so the caller decides what may go in
(`services.obligations_for` with a person's access, or a command's clearance)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from cspmonitor.accounts.models import Classification
from cspmonitor.reviews.duties.services import CalendarItem
from cspmonitor.reviews.rules.calendar import CSV_HEADERS, to_csv_rows, to_ics

CSV_EXTRA_HEADERS = ("Status", "Responsible officer", "Classification")
# Spreadsheets run a cell that starts with one of these as a formula (as in the plan's exports).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def ics(partnership, items: Iterable[CalendarItem]) -> bytes:
    """An iCalendar file with an all-day event per item; UIDs are kept to the partnership, so
    one person's calendars of two partnerships do not overwrite each other's events."""
    return to_ics(
        [item.as_obligation() for item in items],
        f"{partnership.short_name or partnership.name}: statutory calendar",
        uid_namespace=f"{partnership.slug}.cspmonitor",
    )


def csv_rows(items: Iterable[CalendarItem]) -> list[list[str]]:
    """The rows of a CSV file: the rules' obligation columns, then status, responsible officer
    and classification; headers first."""
    items = list(items)
    rows = to_csv_rows(item.as_obligation() for item in items)
    rows[0] = list(CSV_HEADERS + CSV_EXTRA_HEADERS)
    for row, item in zip(rows[1:], items, strict=True):
        row += [
            item.status_label,
            str(item.owner) if item.owner else "",
            Classification(item.classification).label,
        ]
    return [[_safe(cell) for cell in row] for row in rows]


def _safe(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def file_name(partnership, today: dt.date, extension: str) -> str:
    return f"{partnership.slug}-statutory-calendar-{today.isoformat()}.{extension}"
