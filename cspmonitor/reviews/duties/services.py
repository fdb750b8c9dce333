"""The statutory calendar of one partnership: every obligation due this financial year and next,
and every open deadline of its statutory reviews, each with its status and responsible officer.

Three sources make the calendar:

* the recurring obligations of ``cspmonitor/reviews/rules/sets/obligations.toml``, worked out
  by `annual_obligations` from the partnership's `CalendarSettings` facts; done when an
  officer marks them so (`ObligationDone`);
* the stage deadlines of Domestic Homicide Reviews and ASB Case Reviews, from each review's
  clocks. These are OFFICIAL-SENSITIVE casework: they appear only for someone who may see the
  review's classification, so never for a viewer or a partner lead, nor in a file made for
  them;
* the Serious Violence Duty's milestones, with their statutory due dates.

An item is "done" when known to be, "overdue" after its due date, "due soon" from its lead time
(the reminder's days before; today and the due date itself included) and otherwise "upcoming".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from django.utils import timezone
from django.utils.text import slugify

from cspmonitor.accounts.models import Classification

# The calendar's callers (commands, reminders) name these through this module.
from cspmonitor.accounts.permissions import EVERYTHING, OFFICIAL_ONLY, Clearance  # noqa: F401
from cspmonitor.activity.models import TrainingCompliance
from cspmonitor.periods import FinancialYear
from cspmonitor.reviews import services as dhr_services
from cspmonitor.reviews.asb import services as asb_services
from cspmonitor.reviews.asb.models import CaseReviewApplication
from cspmonitor.reviews.duties.models import CalendarSettings, ObligationDone, ObligationOwner
from cspmonitor.reviews.models import DomesticHomicideReview, SvdMilestone
from cspmonitor.reviews.rules import clocks
from cspmonitor.reviews.rules.calendar import (
    Obligation,
    ObligationRule,
    annual_obligations,
    obligation_rules,
    prospective_rules,
)
from cspmonitor.reviews.rules.legal import DEFAULT, Configuration
from cspmonitor.reviews.statutory import configuration

DONE, OVERDUE, DUE_SOON, UPCOMING = "done", "overdue", "due_soon", "upcoming"
#: Each status in the order the calendar shows them, with its words and tag colour.
STATUSES = {
    OVERDUE: ("Overdue", "red"),
    DUE_SOON: ("Due soon", "orange"),
    UPCOMING: ("Upcoming", "blue"),
    DONE: ("Done", "green"),
}
#: Where an item comes from: the recurring obligations, or a review's record.
OBLIGATION, DHR, ASB, SVD = "obligation", "dhr", "asb", "svd"
#: How many financial years the calendar covers: this one and the next.
YEARS = 2

_QUARTER_SUFFIX = re.compile(r"_q[1-4]$")
_REVIEW_DONE = frozenset({clocks.MET, clocks.LATE})
_REVIEW_SHOWN = frozenset({clocks.RUNNING, clocks.PAUSED, clocks.OVERDUE, clocks.MET, clocks.LATE})


@dataclass(frozen=True)
class Duty:
    """Something one officer can be made responsible for: a rule of the calendar (every due
    date it makes) or one kind of review (every deadline of every such review)."""

    key: str
    title: str
    legal_basis: str
    restricted: bool = False


#: The reviews' duties; their deadlines' keys start with the duty key.
REVIEW_DUTIES = (
    Duty(
        DHR,
        "Domestic Homicide Review deadlines",
        "Domestic Violence, Crime and Victims Act 2004 s9",
        restricted=True,
    ),
    Duty(
        ASB,
        "ASB Case Review deadlines",
        "Anti-social Behaviour, Crime and Policing Act 2014 s104 and Schedule 4",
        restricted=True,
    ),
    Duty(SVD, "Serious Violence Duty milestones", "Police, Crime, Sentencing and Courts Act 2022 Part 2"),
)


def duties(config: Configuration = DEFAULT) -> list[Duty]:
    """Every duty an officer can be responsible for, the calendar's rules first."""
    found = [Duty(rule.key, config.words(rule.title), rule.legal_basis) for rule in obligation_rules()]
    return found + list(REVIEW_DUTIES)


def duty(key: str) -> Duty:
    """The duty called ``key``; LookupError when there is none."""
    for candidate in duties():
        if candidate.key == key:
            return candidate
    raise LookupError(key)


@dataclass(frozen=True)
class CalendarItem:
    """One obligation or deadline on one due date."""

    key: str  # unique in the partnership's calendar, like "scrutiny" or "dhr-3-complete"
    duty: str  # the `Duty` whose officer is responsible
    title: str
    legal_basis: str
    due: dt.date
    responsible: str  # who the law or the rules make responsible
    recurrence: str
    source: str
    classification: str = Classification.OFFICIAL
    done_on: dt.date | None = None
    status: str = UPCOMING
    owner: Any = None  # the responsible officer (a User), when one is named
    lead_days: int = 0
    days_left: int = 0  # calendar days from today to the due date, negative once overdue
    url: str = ""
    record: Any = None  # the review or milestone the deadline belongs to
    #: The law's date where the partnership works to a stricter local one (``due``).
    statutory_due: dt.date | None = None
    local_basis: str = ""
    legal_status: str = ""

    @property
    def restricted(self) -> bool:
        return self.classification != Classification.OFFICIAL

    @property
    def status_label(self) -> str:
        return STATUSES[self.status][0]

    @property
    def colour(self) -> str:
        return STATUSES[self.status][1]

    @property
    def can_mark_done(self) -> bool:
        """Reviews and milestones record their own progress; only obligations are marked here."""
        return self.source == OBLIGATION

    @property
    def when(self) -> str:
        """The due date from today in words: "in 3 days", "due today" or "2 days overdue"."""
        left = self.days_left
        if left < 0:
            return f"{-left} day{'' if left == -1 else 's'} overdue"
        if left == 0:
            return "due today"
        return f"in {left} day{'' if left == 1 else 's'}"

    def as_obligation(self) -> Obligation:
        """The item for the calendar's file writers, its handling caveat in the title."""
        title = (
            f"{Classification(self.classification).label}: {self.title}" if self.restricted else self.title
        )
        responsible = self.responsible
        if self.owner is not None:
            responsible += f"; responsible officer: {self.owner}"
        return Obligation(
            self.key,
            title,
            self.legal_basis,
            self.due,
            responsible,
            self.recurrence,
            statutory_due=self.statutory_due,
            local_basis=self.local_basis,
            status=self.legal_status,
        )


def status_on(due: dt.date, done_on: dt.date | None, today: dt.date, lead_days: int) -> str:
    """Done, overdue (after the due date), due soon (``lead_days`` before it up to the day
    itself) or upcoming.

    >>> due = dt.date(2026, 4, 30)
    >>> [status_on(due, None, dt.date(2026, 4, d), 14) for d in (15, 16, 30)]
    ['upcoming', 'due_soon', 'due_soon']
    >>> status_on(due, None, dt.date(2026, 5, 1), 14), status_on(due, due, dt.date(2026, 5, 1), 14)
    ('overdue', 'done')
    """
    if done_on is not None:
        return DONE
    left = (due - today).days
    if left < 0:
        return OVERDUE
    return DUE_SOON if left <= lead_days else UPCOMING


def today() -> dt.date:
    return timezone.localdate()


def calendar_years(today: dt.date, years: int = YEARS) -> list[FinancialYear]:
    first = FinancialYear.containing(today)
    return [FinancialYear(first.first_year + n) for n in range(years)]


def duty_of(obligation_key: str) -> str:
    """The duty of a calendar obligation: its rule, so a quarter's obligation belongs to the
    rule of all four quarters."""
    return _QUARTER_SUFFIX.sub("", obligation_key)


def obligations_for(partnership, access, today: dt.date, years: int = YEARS) -> list[CalendarItem]:
    """The partnership's calendar as ``access`` may see it, in due-date order.

    Everything due in this financial year and the next ``years - 1``, and any review deadline or
    milestone still open from before; ``access`` is a person's `Access` or a `Clearance`.
    """
    chosen = calendar_years(today, years)
    start, end = chosen[0].start, chosen[-1].end
    config = CalendarSettings.for_partnership(partnership)
    rules_config = configuration(partnership)
    items = _obligations(partnership, config, chosen, rules_config)
    items += _homicide_review_deadlines(partnership, access, today, rules_config)
    items += _asb_case_review_deadlines(partnership, access, today)
    items += _milestones(partnership, access)
    owners = {
        o.key: o for o in ObligationOwner.objects.filter(partnership=partnership).select_related("user")
    }
    shown = []
    for item in items:
        if not access.can_see(item.classification):
            continue  # the review queries filter already; this is the last guard
        owner = owners.get(item.duty)
        lead = config.reminder_lead_days
        if owner is not None and owner.remind_days_before is not None:
            lead = owner.remind_days_before
        status = status_on(item.due, item.done_on, today, lead)
        if item.due > end or (item.due < start and status != OVERDUE):
            continue
        shown.append(
            replace(
                item,
                status=status,
                lead_days=lead,
                days_left=(item.due - today).days,
                owner=owner.user if owner else None,
            )
        )
    return sorted(shown, key=lambda item: (item.due, item.key))


def training_cycles(partnership) -> list[dict]:
    """Mandatory training that repeats (``TrainingCompliance.cycle_months``), as the calendar's
    ``training`` facts: each module is next due its cycle after the latest period recorded."""
    latest: dict[str, TrainingCompliance] = {}
    for row in (
        TrainingCompliance.objects.for_partnership(partnership)
        .filter(cycle_months__isnull=False)
        .select_related("organisation")
        .order_by("period_end")
    ):
        latest[row.module] = row
    return [
        {
            "key": f"training-{slugify(module)}",
            "title": f"{module}: the next cycle for {row.audience.lower()}",
            "every_months": row.cycle_months,
            "last": row.period_end,
            "responsible": str(row.organisation),
            "legal_basis": f"The partnership's mandatory training ({row.cycle.lower()})",
        }
        for module, row in latest.items()
    ]


def _obligations(
    partnership, config: CalendarSettings, chosen: list[FinancialYear], rules_config: Configuration
) -> list[CalendarItem]:
    done = {(d.key, d.due): d.done_on for d in ObligationDone.objects.filter(partnership=partnership)}
    facts = {**config.facts(), "training": training_cycles(partnership)}
    found: dict[tuple[str, dt.date], Obligation] = {}
    # Last year's obligations falling due in the calendar's years (the last quarter's
    # information sharing is due in May), then the calendar's own.
    last_year = FinancialYear(chosen[0].first_year - 1)
    for o in annual_obligations(last_year.start, facts=facts, config=rules_config):
        if o.due >= chosen[0].start:
            found[(o.key, o.due)] = o
    for year in chosen:
        for o in annual_obligations(year.start, facts=facts, config=rules_config):
            # An obligation overdue when a year starts is listed in that year and the next.
            found.setdefault((o.key, o.due), o)
    return [
        CalendarItem(
            key=o.key,
            duty=duty_of(o.key),
            title=o.title,
            legal_basis=o.legal_basis,
            due=o.due,
            responsible=o.responsible,
            recurrence=o.recurrence,
            source=OBLIGATION,
            done_on=done.get((o.key, o.due)),
            statutory_due=o.statutory_due,
            local_basis=o.local_basis,
            legal_status=o.status,
        )
        for o in found.values()
    ]


def _review_items(
    source: str, record, deadlines: Iterable[clocks.Deadline], legal_basis: str, responsible: str
) -> list[CalendarItem]:
    return [
        CalendarItem(
            key=f"{source}-{record.pk}-{d.stage.key}",
            duty=source,
            title=f"{record.reference}: {d.stage.label}",
            legal_basis=legal_basis,
            due=d.due,
            responsible=responsible,
            recurrence="Once",
            source=source,
            classification=record.classification,
            done_on=d.done if d.status in _REVIEW_DONE else None,
            url=record.get_absolute_url(),
            record=record,
        )
        for d in deadlines
        # A stage not started, not required, or paused with no due date yet has no date to show.
        if d.due is not None and d.status in _REVIEW_SHOWN
    ]


def _homicide_review_deadlines(
    partnership, access, today: dt.date, config: Configuration
) -> list[CalendarItem]:
    reviews = (
        DomesticHomicideReview.objects.for_partnership(partnership)
        .visible_to(access)
        .select_related("partnership")
        .prefetch_related("pauses")
    )
    items = []
    for review in reviews:
        review_clock = dhr_services.clock(review, today, config)
        items += _review_items(
            DHR,
            review,
            (row.deadline for row in review_clock.rows),
            f"Domestic Violence, Crime and Victims Act 2004 s9; {review_clock.ruleset.title}",
            "The partnership's review panel",
        )
    return items


def _asb_case_review_deadlines(partnership, access, today: dt.date) -> list[CalendarItem]:
    applications = (
        CaseReviewApplication.objects.for_partnership(partnership)
        .visible_to(access)
        .select_related("partnership")
    )
    items = []
    for application in applications:
        ruleset = asb_services.rule_set_for(application)
        items += _review_items(
            ASB,
            application,
            asb_services.clocks(application, ruleset, today),
            f"Anti-social Behaviour, Crime and Policing Act 2014 s104; {ruleset.title}",
            "Relevant bodies (council, police, health, social housing providers)",
        )
    return items


_SVD_LAW = "Police, Crime, Sentencing and Courts Act 2022 Part 2 Chapter 1 (Serious Violence Duty)"


def _milestones(partnership, access) -> list[CalendarItem]:
    milestones = SvdMilestone.objects.filter(partnership=partnership).visible_to(access)
    milestones = milestones.select_related("partnership")
    return [
        CalendarItem(
            key=f"{SVD}-{m.pk}",
            duty=SVD,
            title=m.title,
            legal_basis=_SVD_LAW,
            due=m.due_on,
            responsible="Specified authorities under the Serious Violence Duty",
            recurrence="Once",
            source=SVD,
            classification=m.classification,
            done_on=m.completed_on,
            url=m.get_absolute_url(),
            record=m,
        )
        for m in milestones
    ]


def not_yet_in_force(partnership) -> list[ObligationRule]:
    """Obligations passed into law but not commenced for the partnership: shown, never due."""
    config = configuration(partnership)
    return [replace(rule, title=config.words(rule.title)) for rule in prospective_rules(config)]


def by_status(items: Iterable[CalendarItem]) -> dict[str, list[CalendarItem]]:
    """The items under each status, in the order of `STATUSES`."""
    grouped: dict[str, list[CalendarItem]] = {status: [] for status in STATUSES}
    for item in items:
        grouped[item.status].append(item)
    return grouped


def find_item(items: Iterable[CalendarItem], key: str, due: dt.date) -> CalendarItem:
    """The item with ``key`` due on ``due``; LookupError when there is none."""
    for item in items:
        if item.key == key and item.due == due:
            return item
    raise LookupError(f"{key} due {due}")


def record_done(partnership, item: CalendarItem, done_on: dt.date, user) -> None:
    """Record ``item`` done on ``done_on``. An obligation due a set time after the last one
    (scrutiny, the ASB figures) moves its fact on too, so the next falls due from this one."""
    ObligationDone.objects.update_or_create(
        partnership=partnership,
        key=item.key,
        due=item.due,
        defaults={"done_on": done_on, "recorded_by": user, "recorded_at": timezone.now()},
    )
    rule = next((r for r in obligation_rules() if r.key == item.duty and r.rule == "since_fact"), None)
    if rule is None:
        return
    config = CalendarSettings.for_partnership(partnership)
    last = getattr(config, rule.fact)
    if last is None or done_on > last:
        setattr(config, rule.fact, done_on)
        config.save()


def owner_rows(partnership, access) -> list[tuple[Duty, ObligationOwner | None]]:
    """Each duty ``access`` may see with its owner (None when nobody is named yet)."""
    owners = {
        o.key: o for o in ObligationOwner.objects.filter(partnership=partnership).select_related("user")
    }
    restricted_ok = access.can_see(Classification.OFFICIAL_SENSITIVE)
    found = duties(configuration(partnership))
    return [(d, owners.get(d.key)) for d in found if restricted_ok or not d.restricted]
