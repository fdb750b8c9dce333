"""Is the ASB Case Review threshold met? Plain Python: no Django imports.

The Anti-social Behaviour, Crime and Policing Act 2014 (s104 and Schedule 4) says a review
must be carried out when the threshold is met, and the statutory guidance fixes the least a
partnership may set: **three qualifying complaints in the six months before the application**,
a complaint *qualifying* when it was made within one month of the behaviour it describes.
Partnerships may add local alternatives (in the rule set: five reports by several people, read
as at least two different people; one hate-related incident) and may use discretion, for a
vulnerable victim say; the officer records discretion, this module never decides it.

How the engine reads the rules, rule by rule (each choice is tested at its boundary):

* **Months are calendar months.** "Within one month of the behaviour" means on or before the
  same day of the next month; when that month is shorter the last day of the month is used, so
  behaviour on 31 January qualifies up to 28 February (29 in a leap year). This is the
  "corresponding date" rule of ``rules.workdays.add_months`` (``relativedelta(months=1)``), the
  same arithmetic the partnership's clocks use.
* **"In the six months before the application"** is the period of six months ending with the
  day the application was received: for an application on 15 July it runs from 16 January to
  15 July inclusive. A complaint reported on 15 January is outside it by one day. Complaints
  reported after the application do not count towards it.
* **One incident counts once.** Complaints with the same incident reference (ignoring case
  and spaces) are one incident; so are complaints about behaviour on the same day made to
  *different* agencies, which cannot share a reference. Two complaints to the same agency
  about the same day are two incidents unless that agency gave them one reference: the agency
  that took both calls is the best judge. Of an incident's complaints the first reported is
  counted and the rest are shown as "counted once".
* **Alternatives** are tried, in the rule set's order, only when the standard rule is not met.
  Their complaints must qualify in the same way (made within one month of the behaviour); an
  alternative may set its own window, otherwise the standard one applies.
  "Five reports by several people" counts *reports*, not incidents: a person's reports
  of one incident count once however many agencies they told, but another person's report of
  the same incident counts again, because the point of the rule is that several people
  complained (people are told apart by their labels, "A", "B", never names). Otherwise it
  could never be met before the standard rule, five incidents being more than three.
  "One hate incident" counts an incident as hate-related when any report of it says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from cspmonitor.reviews.rules.rulesets import Alternative, Threshold
from cspmonitor.reviews.rules.workdays import add_months

STANDARD = "standard"


@dataclass(frozen=True)
class Complaint:
    """One complaint as the engine needs it: no names, just dates, the agency and a label."""

    behaviour_on: dt.date
    reported_on: dt.date
    agency: str
    incident_reference: str = ""
    hate_related: bool = False
    complainant: str = ""


@dataclass(frozen=True)
class Assessment:
    """What the engine made of one complaint."""

    number: int  # 1-based, in the order given
    complaint: Complaint
    in_window: bool
    qualifies: bool  # made within one month of the behaviour
    duplicate_of: int | None  # the number of the complaint that counts for this incident
    explanation: str

    @property
    def counted(self) -> bool:
        """True when this complaint counts towards the standard rule."""
        return self.in_window and self.qualifies and self.duplicate_of is None


@dataclass(frozen=True)
class Result:
    """Whether the threshold is met, by which rule, and why, complaint by complaint."""

    met: bool
    rule: str | None  # "standard", an alternative's key, or None when not met
    rule_label: str
    summary: str
    qualifying: list[Complaint]
    assessments: list[Assessment] = field(default_factory=list)

    @property
    def explanations(self) -> list[str]:
        return [assessment.explanation for assessment in self.assessments]


def window_start(application_on: dt.date, months: int) -> dt.date:
    """The first day of the ``months`` months ending with ``application_on``.

    >>> window_start(dt.date(2023, 7, 15), 6)
    datetime.date(2023, 1, 16)
    """
    return add_months(application_on, -months) + dt.timedelta(days=1)


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _months(n: int) -> str:
    words = {1: "one", 2: "two", 3: "three", 6: "six", 12: "twelve"}
    return f"{words.get(n, str(n))} month{'s' if n != 1 else ''}"


def _limit(rule: Threshold) -> str:
    return _months(rule.qualifying_months) if rule.qualifying_months else _days(rule.qualifying_days)


def _reference(text: str) -> str:
    return "".join(text.split()).upper()


def _incidents(complaints: Sequence[Complaint], eligible: list[int]) -> dict[int, int]:
    """Map each eligible complaint's index to the index of the first-reported complaint of its
    incident (itself when it is the first). Union-find over the two "same incident" links."""
    parent = {i: i for i in eligible}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def first(i: int) -> tuple[dt.date, int]:
        return (complaints[i].reported_on, i)

    for a_pos, a in enumerate(eligible):
        for b in eligible[a_pos + 1 :]:
            one, other = complaints[a], complaints[b]
            same_reference = bool(_reference(one.incident_reference)) and _reference(
                one.incident_reference
            ) == _reference(other.incident_reference)
            same_day_elsewhere = one.behaviour_on == other.behaviour_on and one.agency != other.agency
            if same_reference or same_day_elsewhere:
                ra, rb = root(a), root(b)
                if ra != rb:
                    keep, drop = sorted((ra, rb), key=first)
                    parent[drop] = keep
    return {i: root(i) for i in eligible}


def _duplicate_reason(later: Complaint, counted: Complaint, counted_number: int) -> str:
    ref = _reference(later.incident_reference)
    if ref and ref == _reference(counted.incident_reference):
        incident = later.incident_reference.strip()
        if later.agency != counted.agency:
            return f"incident {incident} was also reported to {counted.agency}"
        return f"incident {incident} was already reported (complaint {counted_number})"
    return (
        f"the behaviour on {long_date(later.behaviour_on)} was also reported to {counted.agency} "
        f"(complaint {counted_number})"
    )


def assess(
    complaints: Sequence[Complaint], application_on: dt.date, rule: Threshold, months: int | None = None
) -> list[Assessment]:
    """Each complaint judged against ``rule``, in the window of ``months`` months (the rule's own
    by default) ending with ``application_on``."""
    months = months or rule.months
    start = window_start(application_on, months)
    in_window = [start <= c.reported_on <= application_on for c in complaints]
    qualifies = [
        c.behaviour_on <= c.reported_on <= rule.last_qualifying_day(c.behaviour_on) for c in complaints
    ]
    eligible = [i for i in range(len(complaints)) if in_window[i] and qualifies[i]]
    incident = _incidents(complaints, eligible)
    counts_people = any(alternative.distinct_complainants for alternative in rule.alternatives)
    assessments = []
    for i, complaint in enumerate(complaints):
        head = f"Complaint {i + 1} (reported {long_date(complaint.reported_on)})"
        gap = (complaint.reported_on - complaint.behaviour_on).days
        duplicate_of = None
        if complaint.reported_on > application_on:
            why = "does not count: made after the application"
        elif not in_window[i]:
            why = (
                f"does not count: made before the {_months(months)} ending with the application "
                f"(which began on {long_date(start)})"
            )
        elif gap < 0:
            why = "does not qualify: the date reported is before the behaviour; check the dates"
        elif not qualifies[i]:
            why = (
                f"does not qualify: reported {_days(gap)} after the behaviour, more than {_limit(rule)} "
                f"(the last day to qualify was {long_date(rule.last_qualifying_day(complaint.behaviour_on))})"
            )
        elif incident[i] != i:
            duplicate_of = incident[i] + 1
            first = complaints[incident[i]]
            why = "counted once: " + _duplicate_reason(complaint, first, duplicate_of)
            if counts_people and _person(complaint) != _person(first):
                person = _person(complaint)
                why += f"; but as another person's report ({person}) it counts for rules counting people"
        else:
            made = "on the day of the behaviour" if gap == 0 else f"{_days(gap)} after the behaviour"
            why = f"qualifies: made {made}"
            if complaint.hate_related:
                why += "; hate-related"
        assessments.append(
            Assessment(i + 1, complaint, in_window[i], qualifies[i], duplicate_of, f"{head} {why}.")
        )
    return assessments


def _person(complaint: Complaint) -> str:
    return complaint.complainant.strip().upper()


def _alternative_met(alternative: Alternative, assessments: list[Assessment]) -> list[Complaint] | None:
    """The complaints that meet ``alternative``, or None when it is not met."""
    eligible = [a for a in assessments if a.in_window and a.qualifies]
    by_number = {a.number: a for a in eligible}

    def incident(a: Assessment) -> int:
        return a.duplicate_of or a.number

    if alternative.hate_related:
        # An incident is hate-related when any report of it says so.
        hate = {incident(a) for a in eligible if a.complaint.hate_related}
        found = [by_number[number].complaint for number in sorted(hate)]
    elif alternative.distinct_complainants:
        # Reports, not incidents: each person's report of an incident counts once, however many
        # agencies they told, but another person's report of the same incident counts again.
        firsts: dict[tuple[str, int], Complaint] = {}
        for a in eligible:
            firsts.setdefault((_person(a.complaint), incident(a)), a.complaint)
        found = list(firsts.values())
        people = {person for person, _incident in firsts if person}
        if len(people) < alternative.distinct_complainants:
            return None
    else:
        found = [a.complaint for a in eligible if a.counted]
    return found if len(found) >= alternative.complaints else None


def evaluate(complaints: Sequence[Complaint], application_on: dt.date, rule: Threshold) -> Result:
    """Judge ``complaints`` against ``rule`` for an application received on ``application_on``.

    >>> rule = Threshold(complaints=3, months=6, qualifying_days=0, alternatives=(), qualifying_months=1)
    >>> day = dt.date(2023, 3, 1)
    >>> same_night = [Complaint(day, day, "Police"), Complaint(day, day, "Council")]
    >>> result = evaluate(same_night, dt.date(2023, 3, 10), rule)
    >>> result.met, result.rule, len(result.qualifying)
    (False, None, 1)
    """
    assessments = assess(complaints, application_on, rule)
    counted = [a.complaint for a in assessments if a.counted]
    if len(counted) >= rule.complaints:
        return Result(
            True,
            STANDARD,
            f"{rule.complaints} qualifying complaints in {_months(rule.months)}",
            f"Threshold met: {len(counted)} qualifying complaints in the {_months(rule.months)} "
            f"ending with the application ({rule.complaints} are needed).",
            counted,
            assessments,
        )
    for alternative in rule.alternatives:
        found = _alternative_met(alternative, assess(complaints, application_on, rule, alternative.months))
        if found is not None:
            return Result(
                True,
                alternative.key,
                alternative.label,
                f"Threshold met by a local rule: {alternative.label}. The standard rule is not met: "
                f"{len(counted)} qualifying complaint{'s' if len(counted) != 1 else ''} found, "
                f"{rule.complaints} needed.",
                found,
                assessments,
            )
    return Result(
        False,
        None,
        "",
        f"Threshold not met: {len(counted)} qualifying complaint{'s' if len(counted) != 1 else ''} in "
        f"the {_months(rule.months)} ending with the application; {rule.complaints} are needed, and "
        "no local alternative applies. The officer may still use discretion.",
        counted,
        assessments,
    )
