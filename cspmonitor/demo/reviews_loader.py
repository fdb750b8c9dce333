"""Load the Western Suffolk statutory reviews and Serious Violence Duty work. Idempotent.

Reviews are found by case reference, pauses by reason and start date, recommendations by
their text, milestones by title and updates by quarter, so a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from cspmonitor.accounts.models import Membership, Role
from cspmonitor.demo import western_suffolk_reviews as data
from cspmonitor.plans.classification import declassifications, declassify, reclassify_review
from cspmonitor.plans.models import Action
from cspmonitor.reviews.models import (
    DomesticHomicideReview,
    ReviewActionItem,
    ReviewPause,
    SvdMilestone,
    SvdUpdate,
)

# Updates are stamped at 10am on the day written, in the partnership's own time zone.
_LONDON = ZoneInfo("Europe/London")

_DATE_FIELDS = [
    "died_on",
    "notified_on",
    "decided_on",
    "home_office_informed_on",
    "terms_agreed_on",
    "first_panel_on",
    "report_completed_on",
    "submitted_on",
    "qa_feedback_on",
    "approved_on",
    "published_on",
]


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def load_reviews(partnership) -> None:
    organisations = {o.name: o for o in partnership.organisations.all()}
    # Declassified first, so the outputs of a declassified action never follow it into restriction.
    _declassify(partnership)
    for spec in data.HOMICIDE_REVIEWS:
        _load_review(partnership, spec, organisations)
    _load_svd(partnership)


def _declassify(partnership) -> None:
    """The officer's recorded decisions that some actions following a review may be OFFICIAL."""
    officer = (
        Membership.objects.filter(partnership=partnership, role=Role.OFFICER).select_related("user").first()
    )
    if officer is None:
        return
    for reference, reason in data.DECLASSIFIED_ACTIONS:
        action = Action.objects.for_partnership(partnership).get(reference=reference)
        if not declassifications(action).exists():
            declassify(action, officer.user, reason, partnership)


def _load_review(partnership, spec: dict[str, Any], organisations) -> DomesticHomicideReview:
    defaults = {
        "ruleset": spec["ruleset"],
        "notified_by": organisations[spec["notified_by"]],
        "decision": spec["decision"],
        "decision_reasons": spec["decision_reasons"],
        "chair": spec["chair"],
        "stage": spec["stage"],
        **{name: _date(spec.get(name)) for name in _DATE_FIELDS},
    }
    review, _ = DomesticHomicideReview.objects.update_or_create(
        partnership=partnership, reference=spec["reference"], defaults=defaults
    )
    review.panel_organisations.set([organisations[name] for name in spec["panel"]])
    for reason, detail, started, ended in spec["pauses"]:
        ReviewPause.objects.update_or_create(
            review=review,
            reason=reason,
            started_on=_day(started),
            defaults={"detail": detail, "ended_on": _date(ended)},
        )
    for recommendation, owner, due, done, reference in spec["actions"]:
        action = Action.objects.for_partnership(partnership).filter(reference=reference).first()
        ReviewActionItem.objects.update_or_create(
            review=review,
            recommendation=recommendation,
            defaults={
                "owner": organisations[owner],
                "due_on": _day(due),
                "completed_on": _date(done),
                "action": action if reference else None,
            },
        )
    for reference in spec.get("plan_actions", []):
        Action.objects.for_partnership(partnership).filter(reference=reference).update(review=review)
        reclassify_review(review)
    return review


def _load_svd(partnership) -> None:
    for key, title, due, done, evidence in data.SVD_MILESTONES:
        SvdMilestone.objects.update_or_create(
            partnership=partnership,
            title=title,
            defaults={"key": key, "due_on": _day(due), "completed_on": _date(done), "evidence": evidence},
        )
    officer = (
        Membership.objects.filter(partnership=partnership, role=Role.OFFICER).select_related("user").first()
    )
    for period, narrative, written in data.SVD_UPDATES:
        written_at = dt.datetime.combine(_day(written), dt.time(10), tzinfo=_LONDON)
        SvdUpdate.objects.update_or_create(
            partnership=partnership,
            period=period,
            defaults={
                "narrative": narrative,
                "written_at": written_at,
                "written_by": officer.user if officer else None,
            },
        )
