"""Statutory review rule sets: the stages, timescales and thresholds of a review, as configuration.

Timescales change with guidance (the Domestic Homicide Review guidance of 2016 was revised in
2024) and ASB Case Review rules are set locally, so they live in versioned TOML files in
``sets/``, named ``<kind>-<version>.toml``, not in code. A review keeps the version it started
under; `current_ruleset` finds the version in effect on a date.

A file declares the events a review records (``[[events]]``), the reasons its clock may stop
(``[[pause_reasons]]``), its stages (``[[stages]]``) and, for an ASB Case Review, its
threshold (``[threshold]``). Every stage's clock starts at one event and stops at another; a
stage may also be skipped by an event (no review meeting is due when the threshold is not met).
Anything that does not fit raises `RuleSetError` naming the file and the key.

Plain Python: no Django imports.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NoReturn

from cspmonitor.reviews.rules.workdays import DAY_KINDS, MONTHS, WORKING, add_months

#: Where the shipped rule sets live.
SETS_DIR = Path(__file__).resolve().with_name("sets")


class RuleSetError(ValueError):
    """A rule set that cannot be found or used; the message names the file and the key at fault."""


@dataclass(frozen=True)
class Event:
    """Something a review records the date of, such as "notified" or "decided"."""

    key: str
    label: str


@dataclass(frozen=True)
class PauseReason:
    """A reason a review's clock may stop, such as criminal proceedings or an inquest."""

    key: str
    label: str


@dataclass(frozen=True)
class Stage:
    """One timed step: done (``done_by``) within ``target`` days of ``day_kind`` of ``starts_from``.

    ``day_kind`` is "working", "calendar" or "months" (calendar months, for guidance that says
    "within one month"). A stage with ``skipped_by`` is not required once that event is
    recorded; a stage with ``pausable`` false keeps running while the review is paused.
    """

    key: str
    label: str
    starts_from: str
    target: int
    day_kind: str
    done_by: str
    skipped_by: str | None = None
    pausable: bool = True

    @property
    def target_label(self) -> str:
        """The target in words, like "10 working days", "30 calendar days" or "6 months".

        >>> Stage("s", "S", "a", 1, "months", "b").target_label
        '1 month'
        """
        unit = {WORKING: "working day", MONTHS: "month"}.get(self.day_kind, "calendar day")
        return f"{self.target} {unit}{'' if self.target == 1 else 's'}"


@dataclass(frozen=True)
class Alternative:
    """A local alternative way to meet the ASB Case Review threshold.

    ``months`` is its window (0: the threshold's own); ``distinct_complainants`` the least number
    of different people who must have complained (0: any); ``hate_related`` counts only
    hate-related complaints.
    """

    key: str
    label: str
    complaints: int
    months: int
    distinct_complainants: int
    hate_related: bool


@dataclass(frozen=True)
class Threshold:
    """The ASB Case Review threshold: ``complaints`` qualifying complaints in ``months`` months.

    A complaint qualifies when made within ``qualifying_months`` calendar months of the
    behaviour (the Act's words) or, for a local rule written in days, ``qualifying_days`` days.
    Exactly one of the two is non-zero; use `last_qualifying_day` rather than either.
    """

    complaints: int
    months: int
    qualifying_days: int
    alternatives: tuple[Alternative, ...]
    qualifying_months: int = 0

    def last_qualifying_day(self, behaviour_on: dt.date) -> dt.date:
        """The last day a complaint about behaviour on ``behaviour_on`` may be made and qualify.

        Months use the corresponding date, or the month's last day when it is shorter:

        >>> t = Threshold(3, 6, 0, (), qualifying_months=1)
        >>> t.last_qualifying_day(dt.date(2023, 5, 5)), t.last_qualifying_day(dt.date(2023, 1, 31))
        (datetime.date(2023, 6, 5), datetime.date(2023, 2, 28))
        """
        if self.qualifying_months:
            return add_months(behaviour_on, self.qualifying_months)
        return behaviour_on + dt.timedelta(days=self.qualifying_days)


@dataclass(frozen=True)
class RuleSet:
    """One version of the rules for one kind of review ("dhr" or "asb")."""

    kind: str
    version: str
    title: str
    source: str
    effective_from: dt.date
    stages: tuple[Stage, ...]
    pausable: bool
    threshold: Threshold | None
    events: tuple[Event, ...] = ()
    pause_reasons: tuple[PauseReason, ...] = ()

    @property
    def event_keys(self) -> frozenset[str]:
        """The keys of every event this rule set knows."""
        return frozenset(event.key for event in self.events)

    def event(self, key: str) -> Event:
        """The event called ``key``; KeyError when there is none."""
        for event in self.events:
            if event.key == key:
                return event
        raise KeyError(f"{self.kind}-{self.version} has no event {key!r}")

    def stage(self, key: str) -> Stage:
        """The stage called ``key``; KeyError when there is none."""
        for stage in self.stages:
            if stage.key == key:
                return stage
        raise KeyError(f"{self.kind}-{self.version} has no stage {key!r}")


# --- Reading --------------------------------------------------------------------------------


_REQUIRED = object()


class _Table:
    """One TOML table being read, remembering where it is so errors can name the key."""

    def __init__(self, path: Path, data: Any, where: str) -> None:
        self.path, self.where = path, where
        if not isinstance(data, dict):
            self.fail("", "must be a table")
        self.data: dict[str, Any] = data

    def fail(self, key: str, message: str) -> NoReturn:
        at = ".".join(part for part in (self.where, key) if part) or "(top level)"
        raise RuleSetError(f"{self.path.name}: {at}: {message}")

    def only(self, *allowed: str) -> None:
        unknown = sorted(set(self.data) - set(allowed))
        if unknown:
            self.fail(unknown[0], f"unknown key (expected one of: {', '.join(allowed)})")

    def _get(self, key: str, kind: type, default: Any, words: str) -> Any:
        if key not in self.data:
            if default is not _REQUIRED:
                return default
            self.fail(key, "missing")
        value = self.data[key]
        # bool is an int and datetime is a date in Python; neither is what a rule set means.
        wrong_int = kind is int and isinstance(value, bool)
        wrong_date = kind is dt.date and isinstance(value, dt.datetime)
        if not isinstance(value, kind) or wrong_int or wrong_date:
            self.fail(key, f"must be {words}, not {value!r}")
        return value

    def text(self, key: str) -> str:
        value = self._get(key, str, _REQUIRED, "text")
        if not value.strip():
            self.fail(key, "must not be empty")
        return value

    def optional_text(self, key: str) -> str | None:
        return self._get(key, str, None, "text")

    def number(self, key: str, *, default: Any = _REQUIRED, least: int = 1) -> int:
        value = self._get(key, int, default, "a whole number")
        if value < least:
            self.fail(key, f"must be at least {least}, not {value}")
        return value

    def flag(self, key: str, default: Any = _REQUIRED) -> bool:
        return self._get(key, bool, default, "true or false")

    def date(self, key: str) -> dt.date:
        return self._get(key, dt.date, _REQUIRED, "a date written like 2016-12-01")

    def tables(self, key: str, *, required: bool = True) -> list[_Table]:
        items = self._get(key, list, _REQUIRED if required else [], "a list of tables ([[...]])")
        if required and not items:
            self.fail(key, "must not be empty")
        return [
            _Table(self.path, item, f"{self.where + '.' if self.where else ''}{key}[{i}]")
            for i, item in enumerate(items)
        ]


def _keyed(tables: list[_Table], cls: type) -> tuple[Any, ...]:
    seen: set[str] = set()
    items = []
    for table in tables:
        table.only("key", "label")
        key = table.text("key")
        if key in seen:
            table.fail("key", f"{key!r} is used twice")
        seen.add(key)
        items.append(cls(key, table.text("label")))
    return tuple(items)


def _stage(table: _Table, events: frozenset[str]) -> Stage:
    table.only("key", "label", "starts_from", "target", "day_kind", "done_by", "skipped_by", "pausable")
    for key in ("starts_from", "done_by", "skipped_by"):
        value = table.optional_text(key) if key == "skipped_by" else table.text(key)
        if value is not None and value not in events:
            table.fail(key, f"{value!r} is not one of the events ({', '.join(sorted(events))})")
    day_kind = table.text("day_kind")
    if day_kind not in DAY_KINDS:
        table.fail("day_kind", f"{day_kind!r} is not one of {', '.join(DAY_KINDS)}")
    return Stage(
        key=table.text("key"),
        label=table.text("label"),
        starts_from=table.text("starts_from"),
        target=table.number("target"),
        day_kind=day_kind,
        done_by=table.text("done_by"),
        skipped_by=table.optional_text("skipped_by"),
        pausable=table.flag("pausable", default=True),
    )


def _threshold(table: _Table) -> Threshold:
    table.only("complaints", "months", "qualifying_months", "qualifying_days", "alternatives")
    has_months, has_days = "qualifying_months" in table.data, "qualifying_days" in table.data
    if has_months == has_days:
        table.fail("qualifying_months", "give exactly one of qualifying_months and qualifying_days")
    alternatives = []
    for alt in table.tables("alternatives", required=False):
        alt.only("key", "label", "complaints", "months", "distinct_complainants", "hate_related")
        alternatives.append(
            Alternative(
                key=alt.text("key"),
                label=alt.text("label"),
                complaints=alt.number("complaints"),
                months=alt.number("months", default=0, least=0),
                distinct_complainants=alt.number("distinct_complainants", default=0, least=0),
                hate_related=alt.flag("hate_related", default=False),
            )
        )
    return Threshold(
        complaints=table.number("complaints"),
        months=table.number("months"),
        qualifying_days=table.number("qualifying_days") if has_days else 0,
        alternatives=tuple(alternatives),
        qualifying_months=table.number("qualifying_months") if has_months else 0,
    )


def read_ruleset(path: Path) -> RuleSet:
    """The rule set in the TOML file at ``path``, checked; `RuleSetError` when it does not fit.

    Read once and kept until the file changes.
    """
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise RuleSetError(f"{path.name}: no such rule set file") from None
    return _read_ruleset(path, stat.st_mtime_ns, stat.st_size)


@cache
def _read_ruleset(path: Path, _mtime_ns: int, _size: int) -> RuleSet:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise RuleSetError(f"{path.name}: not valid TOML: {error}") from None
    top = _Table(path, data, "")
    top.only("kind", "version", "title", "source", "effective_from", "pausable", "events",
             "pause_reasons", "stages", "threshold")  # fmt: skip
    kind, version = top.text("kind"), top.text("version")
    if path.name != f"{kind}-{version}.toml":
        top.fail("version", f"a rule set for {kind} version {version} belongs in {kind}-{version}.toml")
    events = _keyed(top.tables("events"), Event)
    event_keys = frozenset(event.key for event in events)
    stages = tuple(_stage(table, event_keys) for table in top.tables("stages"))
    if len({stage.key for stage in stages}) != len(stages):
        top.fail("stages", "two stages have the same key")
    pausable = top.flag("pausable")
    pause_reasons = _keyed(top.tables("pause_reasons", required=pausable), PauseReason)
    threshold = _threshold(_Table(path, data["threshold"], "threshold")) if "threshold" in data else None
    return RuleSet(
        kind=kind,
        version=version,
        title=top.text("title"),
        source=top.text("source").strip(),
        effective_from=top.date("effective_from"),
        stages=stages,
        pausable=pausable,
        threshold=threshold,
        events=events,
        pause_reasons=pause_reasons,
    )


def load_ruleset(kind: str, version: str, *, directory: Path = SETS_DIR) -> RuleSet:
    """Version ``version`` of the rules for ``kind`` ("dhr", "asb"), from ``sets/<kind>-<version>.toml``.

    >>> ruleset = load_ruleset("asb", "default")
    >>> [(stage.key, stage.target_label) for stage in ruleset.stages]
    [('acknowledge', '10 working days'), ('decide', '15 working days'), ('meet', '20 working days')]
    """
    return read_ruleset(directory / f"{kind}-{version}.toml")


def rulesets(kind: str, *, directory: Path = SETS_DIR) -> list[RuleSet]:
    """Every version of the rules for ``kind``, oldest first (by ``effective_from``).

    >>> [(r.version, str(r.effective_from)) for r in rulesets("dhr")]
    [('2016', '2016-12-01'), ('2024', '2024-05-24')]
    """
    found = [read_ruleset(path) for path in sorted(directory.glob(f"{kind}-*.toml"))]
    return sorted((r for r in found if r.kind == kind), key=lambda r: (r.effective_from, r.version))


def current_ruleset(kind: str, on: dt.date, *, directory: Path = SETS_DIR) -> RuleSet:
    """The version of the rules for ``kind`` in effect on ``on``: the latest ``effective_from`` <= ``on``.

    >>> current_ruleset("dhr", dt.date(2023, 6, 1)).version
    '2016'
    """
    in_effect = [r for r in rulesets(kind, directory=directory) if r.effective_from <= on]
    if not in_effect:
        raise RuleSetError(f"no {kind} rule set was in effect on {on.isoformat()}")
    return in_effect[-1]
