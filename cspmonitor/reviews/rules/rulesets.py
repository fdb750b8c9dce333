"""Statutory review rule sets: the stages, timescales and thresholds of a review, as configuration.

Timescales change with guidance (the Domestic Homicide Review guidance of 2016 was revised in
2024) and ASB Case Review rules are set locally, so they live in versioned TOML files in
``sets/``, named ``<kind>-<version>.toml``, not in code. A review keeps the version it started
under; `current_ruleset` finds the version that applies to a case starting on a date.

Each file carries its legal status (``[status]``, see ``legal.py``): in force from a
commencement date, prospective (shown, never applied to a new case until an officer records its
commencement) or a local choice. Labels may name ``{qa_body}`` and ``{local_policing_body}``,
filled in from the partnership's `Configuration` by `configured`, which also moves a stage's
clock to another start event where the stage allows it (``starts_from_options``).

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
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any, NoReturn

from cspmonitor.reviews.rules.legal import DEFAULT, Configuration, LegalStatus, read_status
from cspmonitor.reviews.rules.tables import RuleSetError
from cspmonitor.reviews.rules.tables import Table as _Table
from cspmonitor.reviews.rules.workdays import DAY_KINDS, MONTHS, WORKING, add_months

#: Where the shipped rule sets live.
SETS_DIR = Path(__file__).resolve().with_name("sets")


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
    #: The events a partnership may choose to start this clock from (``starts_from`` is the default).
    starts_from_options: tuple[str, ...] = ()

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
    status: LegalStatus | None = None


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
    #: Open a review as soon as the threshold is met, without waiting for an application
    #: (a local choice the 2023 ASB action plan encourages).
    open_automatically: bool = False

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
class Provision:
    """A statutory right or duty that bears on a review without a clock of its own, such as a
    victim's route to ask the local policing body to review a decision; shown with its status."""

    key: str
    label: str
    detail: str
    status: LegalStatus


@dataclass(frozen=True)
class RuleSet:
    """One version of the rules for one kind of review ("dhr" or "asb")."""

    kind: str
    version: str
    title: str
    source: str
    status: LegalStatus
    stages: tuple[Stage, ...]
    pausable: bool
    threshold: Threshold | None
    events: tuple[Event, ...] = ()
    pause_reasons: tuple[PauseReason, ...] = ()
    provisions: tuple[Provision, ...] = ()

    @property
    def key(self) -> str:
        """How commencements and settings name this rule set: ``"<kind>-<version>"``."""
        return f"{self.kind}-{self.version}"

    @property
    def effective_from(self) -> dt.date | None:
        """The date the rules came into force or were adopted; None for prospective rules."""
        return self.status.since

    def provision_key(self, provision: Provision) -> str:
        return f"{self.key}.{provision.key}"

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
    table.only("key", "label", "starts_from", "target", "day_kind", "done_by", "skipped_by", "pausable",
               "starts_from_options")  # fmt: skip
    for key in ("starts_from", "done_by", "skipped_by"):
        value = table.optional_text(key) if key == "skipped_by" else table.text(key)
        if value is not None and value not in events:
            table.fail(key, f"{value!r} is not one of the events ({', '.join(sorted(events))})")
    options = table.get("starts_from_options", list, [], "a list of event keys")
    for option in options:
        if option not in events:
            table.fail(
                "starts_from_options", f"{option!r} is not one of the events ({', '.join(sorted(events))})"
            )
    if options and table.text("starts_from") not in options:
        table.fail("starts_from_options", "must include the default, starts_from")
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
        starts_from_options=tuple(options),
    )


def _status(table: _Table, default: LegalStatus | None = None) -> LegalStatus:
    def fail(key: str, message: str) -> NoReturn:
        table.fail(f"status.{key}" if key else "status", message)

    return read_status(table.data.get("status"), fail, default)


def _provision(table: _Table) -> Provision:
    table.only("key", "label", "detail", "status")
    return Provision(
        table.text("key"), table.text("label"), " ".join(table.text("detail").split()), _status(table)
    )


def _threshold(table: _Table) -> Threshold:
    table.only(
        "complaints", "months", "qualifying_months", "qualifying_days", "alternatives", "open_automatically"
    )
    has_months, has_days = "qualifying_months" in table.data, "qualifying_days" in table.data
    if has_months == has_days:
        table.fail("qualifying_months", "give exactly one of qualifying_months and qualifying_days")
    alternatives = []
    for alt in table.tables("alternatives", required=False):
        alt.only("key", "label", "complaints", "months", "distinct_complainants", "hate_related", "status")
        alternatives.append(
            Alternative(
                key=alt.text("key"),
                label=alt.text("label"),
                complaints=alt.number("complaints"),
                months=alt.number("months", default=0, least=0),
                distinct_complainants=alt.number("distinct_complainants", default=0, least=0),
                hate_related=alt.flag("hate_related", default=False),
                status=_status(alt),
            )
        )
    return Threshold(
        complaints=table.number("complaints"),
        months=table.number("months"),
        qualifying_days=table.number("qualifying_days") if has_days else 0,
        alternatives=tuple(alternatives),
        qualifying_months=table.number("qualifying_months") if has_months else 0,
        open_automatically=table.flag("open_automatically", default=False),
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
    top.only("kind", "version", "title", "source", "status", "pausable", "events", "pause_reasons",
             "stages", "threshold", "provisions")  # fmt: skip
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
    provisions = tuple(_provision(table) for table in top.tables("provisions", required=False))
    return RuleSet(
        kind=kind,
        version=version,
        title=top.text("title"),
        source=top.text("source").strip(),
        status=_status(top),
        stages=stages,
        pausable=pausable,
        threshold=threshold,
        events=events,
        pause_reasons=pause_reasons,
        provisions=provisions,
    )


def load_ruleset(kind: str, version: str, *, directory: Path = SETS_DIR) -> RuleSet:
    """Version ``version`` of the rules for ``kind`` ("dhr", "asb"), from ``sets/<kind>-<version>.toml``.

    >>> ruleset = load_ruleset("asb", "default")
    >>> [(stage.key, stage.target_label) for stage in ruleset.stages]
    [('acknowledge', '10 working days'), ('decide', '15 working days'), ('meet', '20 working days')]
    """
    return read_ruleset(directory / f"{kind}-{version}.toml")


def rulesets(kind: str, *, directory: Path = SETS_DIR) -> list[RuleSet]:
    """Every version of the rules for ``kind``: those with a start date oldest first, then the
    prospective ones (no commencement assumed).

    >>> [(r.version, r.status.kind) for r in rulesets("dhr")]
    [('2016', 'in_force'), ('2024', 'prospective')]
    """
    found = [read_ruleset(path) for path in sorted(directory.glob(f"{kind}-*.toml"))]
    return sorted(
        (r for r in found if r.kind == kind), key=lambda r: (r.effective_from or dt.date.max, r.version)
    )


def applicable_rulesets(
    kind: str, on: dt.date, config: Configuration = DEFAULT, *, directory: Path = SETS_DIR
) -> list[RuleSet]:
    """The versions of ``kind`` that may apply to a case starting on ``on``, oldest first: those
    in force or adopted by then, and prospective ones whose commencement an officer recorded
    (in ``config.commenced``) on or before it."""
    found = [
        r for r in rulesets(kind, directory=directory)
        if r.status.applies_on(on, config.commenced.get(r.key))
    ]  # fmt: skip
    return sorted(
        found, key=lambda r: (r.status.starts(config.commenced.get(r.key)) or dt.date.min, r.version)
    )


def current_ruleset(
    kind: str, on: dt.date, config: Configuration = DEFAULT, *, directory: Path = SETS_DIR
) -> RuleSet:
    """The version of the rules for ``kind`` that applies to a case starting on ``on``: of those
    `applicable_rulesets`, the one that started last. A prospective version never applies until
    its commencement is recorded in ``config``, however late ``on`` is.

    >>> current_ruleset("dhr", dt.date(2026, 12, 3)).version
    '2016'
    >>> recorded = Configuration(commenced={"dhr-2024": dt.date(2026, 12, 1)})
    >>> current_ruleset("dhr", dt.date(2026, 12, 3), recorded).version
    '2024'
    """
    found = applicable_rulesets(kind, on, config, directory=directory)
    if not found:
        raise RuleSetError(f"no {kind} rule set was in effect on {on.isoformat()}")
    return found[-1]


def configured(ruleset: RuleSet, config: Configuration) -> RuleSet:
    """``ruleset`` as one partnership reads it: body names filled into the labels, and each
    stage's clock started from the event the partnership chose (``config.clock_starts``).

    A start event the stage does not allow raises `RuleSetError`, so a bad setting is never
    silently ignored.
    """
    stages = []
    for stage in ruleset.stages:
        start = config.clock_starts.get(f"{ruleset.kind}.{stage.key}", stage.starts_from)
        if start != stage.starts_from and start not in stage.starts_from_options:
            allowed = ", ".join(stage.starts_from_options) or stage.starts_from
            raise RuleSetError(
                f"{ruleset.key}: the {stage.key} clock cannot start from {start!r} "
                f"(it may start from: {allowed})"
            )
        stages.append(replace(stage, label=config.words(stage.label), starts_from=start))
    return replace(
        ruleset,
        title=config.words(ruleset.title),
        stages=tuple(stages),
        events=tuple(replace(event, label=config.words(event.label)) for event in ruleset.events),
        provisions=tuple(
            replace(p, label=config.words(p.label), detail=config.words(p.detail)) for p in ruleset.provisions
        ),
    )
