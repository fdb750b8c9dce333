"""What the review pages show, worked out from the models and the statutory rules.

A Domestic Homicide Review's clocks come from the rule set it runs under
(``cspmonitor.reviews.rules``): the review's recorded dates become the rule set's events, its
pauses stop the clocks, and each stage gets a due date and a status. From those the review
gets one flag for the list (overdue, paused, due soon, on track) and a timeline.

Every look at a review goes through `record_access`, so the access log is complete.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from cspmonitor.accounts.audit import record_reads
from cspmonitor.plans.models import Priority
from cspmonitor.reviews.models import Decision, DomesticHomicideReview, ReviewAccess, Stage, SvdMilestone
from cspmonitor.reviews.rules import clocks
from cspmonitor.reviews.rules.clocks import Deadline, Pause
from cspmonitor.reviews.rules.legal import DEFAULT_QA_BODY, Configuration
from cspmonitor.reviews.rules.rulesets import (
    RuleSet,
    RuleSetError,
    configured,
    current_ruleset,
    load_ruleset,
    rulesets,
)
from cspmonitor.reviews.statutory import configuration

KIND = "dhr"
#: Calendar days ahead within which a deadline counts as "due soon".
DUE_SOON_DAYS = 14


def today() -> dt.date:
    return timezone.localdate()


def ruleset_choices(partnership, keep: str = "") -> list[tuple[str, str]]:
    """The versions of the guidance a review may be put under: those in force, and prospective
    ones only once their commencement is recorded (``keep``: the review's own, whatever it is)."""
    commenced = configuration(partnership).commenced
    return [
        (r.version, r.title)
        for r in rulesets(KIND)
        if not r.status.is_prospective or r.key in commenced or r.version == keep
    ]


def ruleset_for(review: DomesticHomicideReview, config: Configuration | None = None) -> RuleSet:
    """The rule set the review runs under, as its partnership reads it: its own choice, else the
    one that applied when the partnership was notified. A prospective regime (the 2024 Act's
    death reviews) applies only once an officer has recorded its commencement."""
    if config is None:
        config = configuration(review.partnership) if review.partnership_id else Configuration()
    if review.ruleset:
        return configured(load_ruleset(KIND, review.ruleset), config)
    try:
        found = current_ruleset(KIND, review.notified_on, config)
    except RuleSetError:
        # Notified before the oldest guidance we hold: its timescales are the nearest we have.
        found = rulesets(KIND)[0]
    return configured(found, config)


def events(review: DomesticHomicideReview, ruleset: RuleSet) -> dict[str, dt.date]:
    """The review's recorded dates as the rule set's events (those it knows, and only when set)."""
    decided = review.decided_on if review.decision != Decision.PENDING else None
    dates = {
        "died": review.died_on,
        "notified": review.notified_on,
        "decided": decided,
        "commissioned": decided if review.decision == Decision.COMMISSION else None,
        "not_commissioned": decided if review.decision == Decision.NOT_COMMISSION else None,
        "home_office_informed": review.home_office_informed_on,
        "report_completed": review.report_completed_on,
        "submitted": review.submitted_on,
        "qa_feedback": review.qa_feedback_on,
        "approved": review.approved_on,
        "published": review.published_on,
    }
    return {key: day for key, day in dates.items() if day is not None and key in ruleset.event_keys}


def pauses(review: DomesticHomicideReview) -> list[Pause]:
    return [Pause(p.started_on, p.ended_on, p.reason) for p in review.pauses.all()]


# The flag a review carries in the list, worst first; the order the list sorts by.
OVERDUE, PAUSED, DUE_SOON, ON_TRACK, WITH_HOME_OFFICE, NOTHING_DUE, CLOSED = (
    "overdue",
    "paused",
    "due_soon",
    "on_track",
    "with_home_office",
    "nothing_due",
    "closed",
)
FLAGS = {
    OVERDUE: ("Overdue", "red"),
    PAUSED: ("Paused", "yellow"),
    DUE_SOON: ("Due soon", "orange"),
    ON_TRACK: ("On track", "green"),
    WITH_HOME_OFFICE: ("With the Home Office", "blue"),
    NOTHING_DUE: ("Nothing due", "grey"),
    CLOSED: ("Closed", "grey"),
}
_ORDER = list(FLAGS)

#: How each clock status reads on the page, with its tag colour.
STATUS_TAGS = {
    clocks.NOT_STARTED: ("Not started", "grey"),
    clocks.NOT_REQUIRED: ("Not required", "grey"),
    clocks.RUNNING: ("Running", "blue"),
    clocks.PAUSED: ("Paused", "yellow"),
    clocks.MET: ("Met", "green"),
    clocks.LATE: ("Late", "orange"),
    clocks.OVERDUE: ("Overdue", "red"),
}


@dataclass(frozen=True)
class DeadlineRow:
    """A deadline with what the page needs to show it."""

    deadline: Deadline
    due_soon: bool

    @property
    def label(self) -> str:
        return self.deadline.stage.label

    @property
    def status_label(self) -> str:
        if self.due_soon:
            return "Due soon"
        return STATUS_TAGS[self.deadline.status][0]

    @property
    def colour(self) -> str:
        return "orange" if self.due_soon else STATUS_TAGS[self.deadline.status][1]


@dataclass(frozen=True)
class Clock:
    """A review's clocks on one day, and the one flag that sums them up."""

    review: DomesticHomicideReview
    ruleset: RuleSet
    rows: list[DeadlineRow]
    flag: str
    today: dt.date
    qa_body: str = DEFAULT_QA_BODY

    @property
    def stage_label(self) -> str:
        """Where the review has got to, naming the partnership's quality-assurance body."""
        if self.review.stage == Stage.SUBMITTED:
            return f"With the {self.qa_body}"
        if self.review.stage == Stage.QA_FEEDBACK:
            return f"Feedback received from the {self.qa_body}"
        return self.review.get_stage_display()

    @property
    def flag_label(self) -> str:
        return FLAGS[self.flag][0]

    @property
    def flag_colour(self) -> str:
        return FLAGS[self.flag][1]

    @property
    def next_deadline(self) -> DeadlineRow | None:
        """The stage to be done next: the earliest due of those still open (a paused one last)."""
        open_rows = [
            r for r in self.rows if r.deadline.status in (clocks.RUNNING, clocks.PAUSED, clocks.OVERDUE)
        ]
        open_rows.sort(key=lambda r: (r.deadline.due is None, r.deadline.due or dt.date.max))
        return open_rows[0] if open_rows else None

    @property
    def sort_key(self) -> tuple:
        following = self.next_deadline
        due = following.deadline.due if following and following.deadline.due else dt.date.max
        return (_ORDER.index(self.flag), due, self.review.reference)


def clock(
    review: DomesticHomicideReview, on: dt.date | None = None, config: Configuration | None = None
) -> Clock:
    on = on or today()
    if config is None:
        config = configuration(review.partnership) if review.partnership_id else Configuration()
    ruleset = ruleset_for(review, config)
    found = clocks.deadlines(ruleset, events(review, ruleset), pauses(review), on)
    rows = [DeadlineRow(d, clocks.is_due_soon(d, on, DUE_SOON_DAYS)) for d in found]
    return Clock(review, ruleset, rows, _flag(review, rows, on), on, config.qa_body)


def _flag(review: DomesticHomicideReview, rows: list[DeadlineRow], on: dt.date) -> str:
    statuses = {row.deadline.status for row in rows}
    if clocks.OVERDUE in statuses:
        return OVERDUE
    if review.is_closed:
        return CLOSED
    paused_now = any(
        p.started_on <= on and (p.ended_on is None or on < p.ended_on) for p in review.pauses.all()
    )
    if paused_now or clocks.PAUSED in statuses:
        return PAUSED
    if any(row.due_soon for row in rows):
        return DUE_SOON
    if clocks.RUNNING in statuses:
        return ON_TRACK
    if review.stage in (Stage.SUBMITTED, Stage.APPROVED):
        # The quality assurance body has the report: no statutory clock of ours runs.
        return WITH_HOME_OFFICE
    return NOTHING_DUE


def review_list(partnership, access, on: dt.date | None = None) -> list[Clock]:
    """The reviews ``access`` may see, overdue and paused first, each with its clocks."""
    reviews = (
        DomesticHomicideReview.objects.for_partnership(partnership)
        .visible_to(access)
        .prefetch_related("pauses")
    )
    config = configuration(partnership)
    return sorted((clock(review, on, config) for review in reviews), key=lambda c: c.sort_key)


# --- The timeline -------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One dated line of a review's timeline. ``kind`` is event, pause, deadline or today."""

    date: dt.date | None
    title: str
    kind: str
    detail: str = ""
    status: str = ""  # the deadline's status words, for a deadline
    colour: str = ""
    month_only: bool = False  # a date known to the month, like the date of death

    @property
    def is_future(self) -> bool:
        return self.kind == "deadline" and self.status in ("Running", "Due soon", "Paused")


#: Dates the review records that no rule set times, shown on the timeline all the same.
_EXTRA_EVENTS = [
    ("terms_agreed_on", "Terms of reference agreed"),
    ("first_panel_on", "First panel meeting"),
]
# Same-day entries read in this order: what happened, then a pause, then what fell due.
_KIND_ORDER = {"event": 0, "pause": 1, "deadline": 2, "today": 3}


def timeline(review_clock: Clock) -> list[Entry]:
    """Every event, pause and deadline of the review in date order, with today among them."""
    review, ruleset = review_clock.review, review_clock.ruleset
    entries = [
        Entry(day, ruleset.event(key).label, "event", month_only=key == "died")
        for key, day in events(review, ruleset).items()
    ]
    entries += [
        Entry(getattr(review, field), title, "event")
        for field, title in _EXTRA_EVENTS
        if getattr(review, field)
    ]
    for pause in review.pauses.all():
        days = pause.days(review_clock.today)
        if pause.reason == pause.Reason.OTHER:
            paused, restarted = "Paused", "Restarted"
        else:
            reason = pause.get_reason_display().lower()
            paused, restarted = f"Paused for {reason}", f"Restarted after {reason}"
        entries.append(Entry(pause.started_on, paused, "pause", pause.detail))
        if pause.ended_on:
            entries.append(Entry(pause.ended_on, restarted, "pause", f"Paused for {days} days."))
    for row in review_clock.rows:
        d = row.deadline
        if d.status in (clocks.NOT_STARTED, clocks.NOT_REQUIRED):
            continue
        detail = f"Due {d.stage.target_label} from {ruleset.event(d.stage.starts_from).label.lower()}"
        if d.paused_days:
            detail += f", plus {d.paused_days} days paused"
        if d.done:
            detail += f"; done on {d.done:%-d %B %Y}"
        if d.due is None:
            detail += "; the due date will be known when the review restarts"
        entries.append(
            Entry(
                d.due or review_clock.today, row.label, "deadline", detail + ".", row.status_label, row.colour
            )
        )
    if not review.is_closed:
        entries.append(Entry(review_clock.today, "Today", "today"))
    return sorted(entries, key=lambda e: (e.date or dt.date.max, _KIND_ORDER[e.kind]))


# --- The access log -----------------------------------------------------------------------


def record_access(reviews, user, what: str, page: str = "") -> None:
    """Write one access-log row per review: ``what`` is a `ReviewAccess.What` value."""
    if isinstance(reviews, DomesticHomicideReview):
        reviews = [reviews]
    reviews = list(reviews)
    ReviewAccess.objects.bulk_create(
        [ReviewAccess(review=review, user=user, email=user.email, what=what, page=page) for review in reviews]
    )
    # Also to the one access log of every restricted read (accounts.AccessRecord), so administrators
    # filter homicide reviews with everything else; the review's own log page reads ReviewAccess.
    by_partnership: dict[int, list] = {}
    for review in reviews:
        by_partnership.setdefault(review.partnership_id, []).append(review)
    for group in by_partnership.values():
        record_reads(user, group[0].partnership, group, what, page)


# --- The Serious Violence Duty --------------------------------------------------------------

#: How each milestone status reads, with its tag colour.
MILESTONE_TAGS = {
    "done": ("Done", "green"),
    "late": ("Done late", "orange"),
    "overdue": ("Overdue", "red"),
    "due soon": ("Due soon", "orange"),
    "not due": ("Not due yet", "grey"),
}


@dataclass(frozen=True)
class MilestoneRow:
    milestone: SvdMilestone
    status: str

    @property
    def label(self) -> str:
        return MILESTONE_TAGS[self.status][0]

    @property
    def colour(self) -> str:
        return MILESTONE_TAGS[self.status][1]


def milestones(partnership, access, on: dt.date | None = None) -> list[MilestoneRow]:
    on = on or today()
    found = SvdMilestone.objects.filter(partnership=partnership).visible_to(access)
    return [MilestoneRow(m, m.status(on)) for m in found]


def svd_priority(partnership):
    """The plan's Serious Violence Duty priority, when the plan has one, to link to."""
    return (
        Priority.objects.for_partnership(partnership)
        .filter(title__icontains="serious violence")
        .order_by("-plan__first_year")
        .first()
    )
