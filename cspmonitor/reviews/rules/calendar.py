"""The statutory calendar: a partnership's recurring obligations for a financial year.

The rules for when each obligation falls due live in ``sets/obligations.toml`` (configuration,
with the law each comes from); `annual_obligations` applies them to one April-March year and to
what is known about the partnership (``facts``):

* ``last_scrutiny``: the date the crime and disorder committee last reviewed the partnership;
* ``last_asb_publication``: the date the ASB Case Review figures were last published;
* ``svd_strategy_ends``: the last day of the current Serious Violence Duty strategy;
* ``training``: mandatory training cycles, each a mapping with ``key``, ``title``,
  ``every_months`` and ``last`` (the date last done, or None when never), and optionally
  ``responsible`` and ``legal_basis``. Training never done is due on the first day of the year.

Each rule carries its legal status (`LegalStatus`): an in-force obligation is due only from
its commencement; a prospective one never, until the partnership's `Configuration` records its
commencement (`prospective_rules` lists the rest, to show as coming). Where a partnership holds
itself to a stricter date than the law, the obligation is due on the stricter local date and
keeps the law's date beside it (``statutory_due``).

`to_ics` writes the obligations as an iCalendar file of all-day events whose UIDs are made from
the obligation's key and due date, so a calendar that subscribes sees the same event again, not
a new one; `to_csv_rows` gives the rows of a CSV file, headers first.

Plain Python: no Django imports.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NoReturn

import icalendar
from dateutil.relativedelta import relativedelta

from cspmonitor.periods import FinancialYear
from cspmonitor.reviews.rules.legal import DEFAULT, Configuration, LegalStatus, read_status
from cspmonitor.reviews.rules.rulesets import SETS_DIR, RuleSetError
from cspmonitor.reviews.rules.workdays import add_months

OBLIGATIONS_FILE = SETS_DIR / "obligations.toml"
#: The facts `annual_obligations` reads besides those named by the rules' ``fact`` keys.
TRAINING = "training"
#: "Due" is the date the partnership works to; "Due by law" the statutory date, side by side.
CSV_HEADERS: tuple[str, ...] = (
    "Due", "Due by law", "Obligation", "Legal basis", "Legal status", "Responsible", "Recurrence", "Key",
)  # fmt: skip
_RULES = ("fixed", "quarterly", "since_fact", "on_fact")
_PRODID = "-//CSP Monitor//Statutory calendar//EN"


@dataclass(frozen=True)
class Obligation:
    """One statutory obligation due on one date."""

    key: str
    title: str
    legal_basis: str
    due: dt.date
    responsible: str
    recurrence: str
    #: The law's date, when the partnership works to a stricter local one (``due``).
    statutory_due: dt.date | None = None
    local_basis: str = ""
    status: str = ""  # the legal status in words

    @property
    def due_by_law(self) -> dt.date:
        return self.statutory_due or self.due


@dataclass(frozen=True)
class ObligationRule:
    """One entry of ``obligations.toml``: an obligation and the rule for when it falls due."""

    key: str
    title: str
    legal_basis: str
    responsible: str
    recurrence: str
    rule: str
    month: int = 0
    day: int = 0
    months_after: int = 0
    fact: str = ""
    months: int = 0
    first_year: FinancialYear | None = None
    status: LegalStatus = LegalStatus("in_force", "not given")
    local_months_after: int = 0
    local_basis: str = ""

    @property
    def commencement_key(self) -> str:
        """How the partnership's `Configuration.commenced` names this obligation."""
        return f"obligations.{self.key}"


_FIELDS = {
    "key": str,
    "title": str,
    "legal_basis": str,
    "responsible": str,
    "recurrence": str,
    "rule": str,
    "month": int,
    "day": int,
    "months_after": int,
    "fact": str,
    "months": int,
    "first_year": str,
    "status": dict,
    "local_months_after": int,
    "local_basis": str,
}
_NEEDS = {
    "fixed": ("month", "day"),
    "quarterly": ("months_after",),
    "since_fact": ("fact", "months", "month", "day"),
    "on_fact": ("fact", "month", "day"),
}


def obligation_rules(path: Path = OBLIGATIONS_FILE) -> tuple[ObligationRule, ...]:
    """The obligation rules in ``path``, checked; `RuleSetError` names the file and key at fault.

    Read once and kept until the file changes.
    """
    try:
        stat = path.stat()
    except OSError as error:
        raise RuleSetError(f"{path.name}: cannot be read: {error.strerror}") from None
    return _obligation_rules(path, stat.st_mtime_ns, stat.st_size)


@cache
def _obligation_rules(path: Path, _mtime_ns: int, _size: int) -> tuple[ObligationRule, ...]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise RuleSetError(f"{path.name}: cannot be read: {error}") from None
    entries = data.get("obligations")
    if not isinstance(entries, list) or not entries:
        raise RuleSetError(f"{path.name}: obligations: missing (a list of [[obligations]] tables)")
    rules, seen = [], set()
    for index, entry in enumerate(entries):
        rule = _rule(path.name, f"obligations[{index}]", entry)
        if rule.key in seen:
            raise RuleSetError(f"{path.name}: obligations[{index}].key: {rule.key!r} is used twice")
        seen.add(rule.key)
        rules.append(rule)
    return tuple(rules)


def _rule(name: str, where: str, entry: Any) -> ObligationRule:
    def fail(key: str, message: str) -> RuleSetError:
        return RuleSetError(f"{name}: {where}.{key}: {message}")

    if not isinstance(entry, dict):
        raise RuleSetError(f"{name}: {where}: must be a table")
    for key, value in entry.items():
        kind = _FIELDS.get(key)
        if kind is None:
            raise fail(key, f"unknown key (expected one of: {', '.join(_FIELDS)})")
        if not isinstance(value, kind) or isinstance(value, bool):
            words = {int: "a whole number", str: "text", dict: "a table"}[kind]
            raise fail(key, f"must be {words}, not {value!r}")
    for key in ("key", "title", "legal_basis", "responsible", "recurrence", "rule"):
        if not str(entry.get(key, "")).strip():
            raise fail(key, "missing")
    if entry["rule"] not in _RULES:
        raise fail("rule", f"{entry['rule']!r} is not one of {', '.join(_RULES)}")
    for key in _NEEDS[entry["rule"]]:
        if key not in entry:
            raise fail(key, f"missing (a {entry['rule']} rule needs {', '.join(_NEEDS[entry['rule']])})")
    values = dict(entry)

    def status_fail(key: str, message: str) -> NoReturn:
        raise fail(f"status.{key}" if key else "status", message)

    values["status"] = read_status(entry.get("status"), status_fail)
    if "local_months_after" in values:
        if entry["rule"] != "quarterly":
            raise fail("local_months_after", "only a quarterly rule can have a local date")
        if not 0 <= values["local_months_after"] < entry["months_after"]:
            raise fail(
                "local_months_after",
                "must be sooner than months_after: a local date is stricter than the law",
            )
        if not str(entry.get("local_basis", "")).strip():
            raise fail("local_basis", "missing (the local agreement behind the stricter date)")
    elif "local_basis" in values:
        raise fail("local_basis", "given without local_months_after, the stricter local date")
    if "month" in values:
        try:
            dt.date(2024, values["month"], values.get("day", 1))  # 2024: a leap year allows 29 February
        except ValueError:
            raise fail("day", f"{values['month']}/{values.get('day')} is not a day of the year") from None
    if "first_year" in values:
        try:
            values["first_year"] = FinancialYear.parse(values["first_year"])
        except ValueError as error:
            raise fail("first_year", str(error)) from None
    return ObligationRule(**values)


def _in_year(year: FinancialYear, month: int, day: int) -> dt.date:
    calendar_year = year.first_year if month >= 4 else year.first_year + 1
    # 29 February in a year without one falls on 28 February.
    return dt.date(calendar_year, month, 1) + relativedelta(day=day)


def _since(last: dt.date, months: int, year: FinancialYear) -> list[dt.date]:
    """Due dates every ``months`` months after ``last`` that fall in ``year``, and the first
    one if it was already overdue when the year began."""
    dues, k = [], 1
    while (due := add_months(last, k * months)) <= year.end:
        if due >= year.start or k == 1:
            dues.append(due)
        k += 1
    return dues


def _fact_date(facts: Mapping[str, Any], name: str) -> dt.date | None:
    value = facts.get(name)
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        raise ValueError(f"fact {name!r} must be a date, not {value!r}")
    return value


def _obligations(
    rule: ObligationRule, year: FinancialYear, facts: Mapping[str, Any], config: Configuration
) -> list[Obligation]:
    def make(
        due: dt.date, key: str = rule.key, title: str = rule.title, statutory: dt.date | None = None
    ) -> Obligation:
        return Obligation(
            key,
            config.words(title),
            rule.legal_basis,
            due,
            rule.responsible,
            rule.recurrence,
            statutory_due=statutory,
            local_basis=rule.local_basis if statutory else "",
            status=rule.status.label,
        )

    if rule.first_year and year < rule.first_year:
        return []
    if rule.rule == "quarterly":
        # relativedelta's day=31 lands on the last day of whichever month it reaches.
        def last_day(quarter_end: dt.date, months: int) -> dt.date:
            return quarter_end + relativedelta(months=months, day=31)

        found = []
        for q in year.quarters():
            by_law = last_day(q.end, rule.months_after)
            if rule.local_basis:  # a stricter local date, checked when the file was read
                found.append(make(last_day(q.end, rule.local_months_after), f"{rule.key}_q{q.number}",
                                  f"{rule.title}: {q.long_label}", statutory=by_law))  # fmt: skip
            else:
                found.append(make(by_law, f"{rule.key}_q{q.number}", f"{rule.title}: {q.long_label}"))
        return found
    if rule.rule == "since_fact":
        last = _fact_date(facts, rule.fact)
        if last is not None:
            return [make(due) for due in _since(last, rule.months, year)]
    if rule.rule == "on_fact":
        day = _fact_date(facts, rule.fact)
        if day is not None:
            return [make(day)] if year.start <= day <= year.end else []
        if rule.first_year != year:
            return []
    return [make(_in_year(year, rule.month, rule.day))]


def _applies(rule: ObligationRule, due: dt.date, config: Configuration) -> bool:
    """Whether an obligation of ``rule`` falling due on ``due`` is owed: in force (or adopted) by
    then, or prospective with its commencement recorded by then."""
    commenced = config.commenced.get(rule.commencement_key)
    start = rule.status.starts(commenced)
    if rule.status.is_prospective and start is None:
        return False
    return start is None or due >= start


def prospective_rules(config: Configuration = DEFAULT) -> list[ObligationRule]:
    """The obligations passed but not commenced for this partnership: shown as coming, never due."""
    return [
        rule
        for rule in obligation_rules()
        if rule.status.is_prospective and rule.commencement_key not in config.commenced
    ]


def _training(entry: Any, year: FinancialYear) -> list[Obligation]:
    if not isinstance(entry, Mapping):
        raise ValueError(f"each training cycle must be a mapping, not {entry!r}")
    missing = [key for key in ("key", "title", "every_months") if key not in entry]
    if missing:
        raise ValueError(f"training cycle {entry!r} has no {', '.join(missing)}")
    every = entry["every_months"]
    if not isinstance(every, int) or every < 1:
        raise ValueError(f"training cycle {entry['key']!r}: every_months must be a whole number of months")
    last = _fact_date(entry, "last")
    dues = [year.start] if last is None else _since(last, every, year)
    return [
        Obligation(
            entry["key"],
            entry["title"],
            entry.get("legal_basis", "Mandatory training required by the partnership"),
            due,
            entry.get("responsible", "Partnership manager"),
            f"Every {every} months",
        )
        for due in dues
    ]


def annual_obligations(
    year_start: dt.date, *, facts: Mapping[str, Any], config: Configuration = DEFAULT
) -> list[Obligation]:
    """The statutory obligations falling due in the financial year beginning ``year_start`` (1 April).

    Sorted by due date. ``facts`` are described in the module docstring; an unknown fact
    raises ValueError rather than being ignored.

    >>> obligations = annual_obligations(dt.date(2022, 4, 1), facts={"last_scrutiny": dt.date(2021, 11, 10)})
    >>> [(str(o.due), o.key) for o in obligations][:2]
    [('2022-04-30', 'plan_to_pcc'), ('2022-06-30', 'asb_case_review_figures')]
    >>> [str(o.due) for o in obligations if o.key == "scrutiny"]
    ['2022-11-10']
    """
    year = FinancialYear.containing(year_start)
    if year_start != year.start:
        raise ValueError(f"a financial year starts on 1 April, not {year_start.isoformat()}")
    rules = obligation_rules()
    known = {rule.fact for rule in rules if rule.fact} | {TRAINING}
    unknown = sorted(set(facts) - known)
    if unknown:
        raise ValueError(f"unknown facts {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    found = [
        obligation
        for rule in rules
        for obligation in _obligations(rule, year, facts, config)
        if _applies(rule, obligation.due_by_law, config)
    ]
    for entry in facts.get(TRAINING) or ():
        found.extend(_training(entry, year))
    return sorted(found, key=lambda o: (o.due, o.key))


def _uid(obligation: Obligation, namespace: str) -> str:
    return f"{obligation.key}-{obligation.due:%Y%m%d}@{namespace}"


def to_ics(
    obligations: Iterable[Obligation],
    calendar_name: str,
    *,
    uid_namespace: str = "cspmonitor",
    stamp: dt.datetime | None = None,
) -> bytes:
    """An iCalendar file with one all-day event for each obligation.

    UIDs are ``<key>-<YYYYMMDD>@<uid_namespace>``: give each partnership its own namespace (its
    slug, say) so two partnerships' calendars in one app do not overwrite each other's events.
    ``stamp`` is the DTSTAMP of every event (default: now, in UTC).

    >>> ics = to_ics(annual_obligations(dt.date(2022, 4, 1), facts={}), "Obligations 2022-23")
    >>> len(icalendar.Calendar.from_ical(ics).walk("VEVENT"))
    10
    """
    stamp = stamp or dt.datetime.now(dt.UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", _PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", calendar_name)
    for obligation in obligations:
        event = icalendar.Event()
        event.add("uid", _uid(obligation, uid_namespace))
        event.add("dtstamp", stamp)
        event.add("dtstart", obligation.due)
        event.add("dtend", obligation.due + dt.timedelta(days=1))  # all-day: DTEND is exclusive
        event.add("summary", obligation.title)
        by_law = ""
        if obligation.statutory_due:
            by_law = (
                f"\nDue by law: {obligation.statutory_due:%-d %B %Y} (local date: {obligation.local_basis})"
            )
        event.add(
            "description",
            f"{obligation.legal_basis}{by_law}\nResponsible: {obligation.responsible}\n"
            f"Recurrence: {obligation.recurrence}",
        )
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()


def to_csv_rows(obligations: Iterable[Obligation]) -> list[list[str]]:
    """Rows for a CSV file: `CSV_HEADERS` first, then one row per obligation with ISO dates.

    >>> to_csv_rows([])[0][:3]
    ['Due', 'Due by law', 'Obligation']
    """
    rows = [list(CSV_HEADERS)]
    for o in obligations:
        basis = f"{o.legal_basis}; stricter local date: {o.local_basis}" if o.local_basis else o.legal_basis
        dates = [o.due.isoformat(), o.due_by_law.isoformat()]
        rows.append([*dates, o.title, basis, o.status, o.responsible, o.recurrence, o.key])
    return rows
