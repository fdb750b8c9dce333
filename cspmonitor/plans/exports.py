"""The plan and its monitoring as CSV tables, one per kind of record, for a financial year.

Each table is a small formatter object with ``filename()``, ``headers()`` and ``rows()``;
``write_csv`` writes any of them. Outputs are filtered to the classifications asked for, so
the caller decides who may see OFFICIAL-SENSITIVE rows.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.db import models
from django.utils import timezone

from cspmonitor.activity.models import OUTPUT_KINDS, Output
from cspmonitor.periods import FinancialYear
from cspmonitor.plans import standing
from cspmonitor.plans.models import Action, Objective, Priority, ProgressUpdate

Column = tuple[str, Callable[[Any], Any]]

# Spreadsheets run a cell that starts with one of these as a formula; free text typed by
# partners must not become one when an administrator opens the file.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        value = str(value)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return str(value)


class Table:
    """One CSV table: a query for a partnership and year, and its columns."""

    slug = ""
    columns: list[Column] = []

    def __init__(self, partnership, year: FinancialYear, classifications: list[str]) -> None:
        self.partnership = partnership
        self.year = year
        self.classifications = classifications

    def filename(self) -> str:
        return f"{self.partnership.slug}-{self.year.label}-{self.slug}.csv"

    def headers(self) -> list[str]:
        return [header for header, _value in self.columns]

    def rows(self) -> Iterator[list[str]]:
        for record in self.records():
            yield [_cell(value(record)) for _header, value in self.columns]

    def records(self) -> Iterable[Any]:
        raise NotImplementedError


def _display(name: str) -> Callable[[Any], str]:
    """A choice field's label, such as "On track" for on_track."""
    return lambda record: getattr(record, f"get_{name}_display")()


@dataclass
class _PriorityInYear:
    """A priority as it stood in the year: one retired in a later year was still active then."""

    priority: Priority
    retired_on: dt.date | None

    @property
    def status(self) -> str:
        return "Retired" if self.retired_on else "Active"


class PriorityTable(Table):
    slug = "priorities"
    columns = [
        ("Order", lambda p: p.priority.order),
        ("Priority", lambda p: p.priority.title),
        ("Kind", lambda p: p.priority.get_kind_display()),
        ("Description", lambda p: p.priority.description),
        ("Lead organisation", lambda p: p.priority.lead_organisation),
        ("Adopted on", lambda p: p.priority.adopted_on),
        ("Adopted by", lambda p: p.priority.adopted_by),
        ("Evidence", lambda p: p.priority.get_evidence_display()),
        ("Evidence detail", lambda p: p.priority.evidence_detail),
        ("Status", lambda p: p.status),
        ("Retired on", lambda p: p.retired_on),
        ("Plan", lambda p: p.priority.plan),
    ]

    def records(self):
        priorities = (
            Priority.objects.for_partnership(self.partnership)
            .in_year(self.year)
            .select_related("plan", "lead_organisation", "adopted_by")
            .order_by("plan__first_year", "order", "title")
        )
        for priority in priorities:
            retired = priority.retired_on
            yield _PriorityInYear(priority, retired if retired and retired <= self.year.end else None)


class ObjectiveTable(Table):
    slug = "objectives"
    columns = [
        ("Priority", lambda o: o.priority),
        ("Order", lambda o: o.order),
        ("Objective", lambda o: o.title),
        ("Description", lambda o: o.description),
    ]

    def records(self):
        priorities = Priority.objects.for_partnership(self.partnership).in_year(self.year)
        return (
            Objective.objects.filter(priority__in=priorities)
            .select_related("priority")
            .order_by("priority__order", "order", "title")
        )


class ActionTable(Table):
    """Actions as they stood in the year (``standing``), not as the latest update left them."""

    slug = "actions"
    columns = [
        ("Reference", lambda s: s.action.reference),
        ("Action", lambda s: s.action.title),
        ("Priority", lambda s: s.action.objective.priority),
        ("Objective", lambda s: s.action.objective),
        ("Description", lambda s: s.action.description),
        ("Lead organisation", lambda s: s.action.lead_organisation),
        ("Owner", lambda s: s.action.owner),
        ("Start date", lambda s: s.action.start_date),
        ("Due date", lambda s: s.due),
        ("Status", _display("status")),
        ("RAG rating", _display("rag")),
        ("Reason for the RAG rating", lambda s: s.rag_reason),
    ]

    def records(self):
        actions = (
            Action.objects.for_partnership(self.partnership)
            .in_year(self.year)
            .filter(classification__in=self.classifications)
            .select_related("objective__priority", "lead_organisation")
            .order_by("objective__priority__order", "objective__order", "reference")
        )
        return standing.in_year(actions, self.year)


class UpdateTable(Table):
    slug = "updates"
    columns = [
        ("Reference", lambda u: u.action.reference),
        ("Action", lambda u: u.action.title),
        ("Lead organisation", lambda u: u.action.lead_organisation),
        ("Quarter", lambda u: u.period),
        ("Status", _display("status")),
        ("RAG rating", _display("rag")),
        ("Reason for the RAG rating", lambda u: u.rag_reason),
        ("Progress this quarter", lambda u: u.narrative),
        ("Evidence links", lambda u: " ".join(u.evidence_list())),
        ("Written by", lambda u: u.written_by.get_full_name() if u.written_by else ""),
        ("Written at", lambda u: u.written_at),
    ]

    def records(self):
        quarters = [quarter.label for quarter in self.year.quarters()]
        return (
            ProgressUpdate.objects.filter(
                action__objective__priority__plan__partnership=self.partnership,
                period__in=quarters,
                action__classification__in=self.classifications,  # an update follows its action
            )
            .select_related("action__objective__priority", "action__lead_organisation", "written_by")
            .order_by("action__objective__priority__order", "action__reference", "period")
        )


_SHARED_OUTPUT_FIELDS = {field.name for field in Output._meta.get_fields()} | {"id"}


class OutputTable(Table):
    """Any kind of output: the shared columns, then the kind's own fields."""

    model: type[Output]  # set by for_kind

    @classmethod
    def for_kind(cls, model: type[Output]) -> type[OutputTable]:
        own = [field for field in model._meta.concrete_fields if field.name not in _SHARED_OUTPUT_FIELDS]
        columns: list[Column] = [
            ("Priority", lambda o: o.priority),
            ("Action reference", lambda o: o.action.reference if o.action else ""),
            ("Organisation", lambda o: o.organisation),
            *[(_header(field), _field_value(field)) for field in own],
            ("From", lambda o: o.period_start),
            ("To", lambda o: o.period_end),
            ("Classification", _display("classification")),
            ("Notes", lambda o: o.notes),
        ]
        return type(
            f"{model.__name__}Table", (cls,), {"slug": model.kind_slug, "model": model, "columns": columns}
        )

    def records(self):
        return (
            self.model.objects.for_partnership(self.partnership)
            .in_year(self.year)
            .filter(classification__in=self.classifications)
            .select_related("priority", "action", "organisation")
            .order_by("priority__order", "period_start", "pk")
        )


def _header(field) -> str:
    name = str(field.verbose_name)
    return name[:1].upper() + name[1:]


def _field_value(field) -> Callable[[Any], Any]:
    if field.choices:
        return _display(field.name)
    return lambda record: getattr(record, field.name)


_TABLES: list[type[Table]] = [
    PriorityTable,
    ObjectiveTable,
    ActionTable,
    UpdateTable,
    *[OutputTable.for_kind(model) for model in OUTPUT_KINDS],
]
TABLE_SLUGS: list[str] = [kind.slug for kind in _TABLES]


def table(slug: str, partnership, year: FinancialYear, classifications: list[str]) -> Table:
    """The table called ``slug``; LookupError when there is none."""
    for kind in _TABLES:
        if kind.slug == slug:
            return kind(partnership, year, classifications)
    raise LookupError(f"There is no table called {slug!r}; the tables are {', '.join(TABLE_SLUGS)}.")


def tables(partnership, year: FinancialYear, classifications: list[str]) -> list[Table]:
    return [kind(partnership, year, classifications) for kind in _TABLES]


def write_csv(table: Table, file: IO[str]) -> int:
    """Write ``table`` with a header row to ``file`` (opened with newline=""); return the rows written."""
    writer = csv.writer(file)
    writer.writerow(table.headers())
    count = 0
    for row in table.rows():
        writer.writerow(row)
        count += 1
    return count
