"""What the panels' pages do: the agenda, and every change to a case, each logged with its
before and after values through `cspmonitor.panels.log.record`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from cspmonitor.panels.log import What, record, snapshot
from cspmonitor.panels.models import (
    Case,
    CaseAction,
    CaseLocation,
    Disclosure,
    Minute,
    Panel,
    PanelMeeting,
    RiskAssessment,
    Subject,
)


@dataclass(frozen=True)
class AgendaItem:
    case: Case
    is_new: bool  # not yet discussed at any meeting
    overdue: int  # actions past their due date

    @property
    def why(self) -> str:
        reasons = []
        if self.is_new:
            reasons.append("New referral")
        reasons.append(f"{self.case.get_risk_display()} risk")
        if self.overdue:
            reasons.append(f"{self.overdue} overdue action{'s' if self.overdue != 1 else ''}")
        return "; ".join(reasons)


def agenda(panel: Panel, meeting: PanelMeeting) -> list[AgendaItem]:
    """The open cases in the order the panel takes them: new referrals first, then the highest
    risk, then those with the most overdue actions, then the oldest referral."""
    cases = panel.cases.open().filter(referred_on__lte=meeting.date).prefetch_related("actions", "minutes")
    items = []
    for case in cases:
        discussed = any(
            m.meeting_id != meeting.pk and m.meeting.date < meeting.date for m in case.minutes.all()
        )
        overdue = sum(1 for a in case.actions.all() if a.is_overdue(meeting.date))
        items.append(AgendaItem(case=case, is_new=not discussed, overdue=overdue))
    items.sort(
        key=lambda i: (not i.is_new, -i.case.risk_rank(), -i.overdue, i.case.referred_on, i.case.reference)
    )
    return items


@transaction.atomic
def refer(case: Case, user, *, risk_reasons: str, subject: dict, location: str) -> Case:
    """Save a new referral with its first risk assessment, and its personal details and location
    when given (the panel decides whether it needs them)."""
    case.save()
    RiskAssessment.objects.create(
        case=case, level=case.risk, reasons=risk_reasons, assessed_on=case.referred_on, assessed_by=user
    )
    if subject.get("name"):
        Subject.objects.create(case=case, **subject)
    if location:
        CaseLocation.objects.create(case=case, description=location)
    record(user, case.panel, What.CHANGED, "referral", case=case, after=snapshot(case))
    return case


@transaction.atomic
def assess_risk(case: Case, user, *, level: str, reasons: str, on: dt.date) -> RiskAssessment:
    before = snapshot(case, ["risk"])
    assessment = RiskAssessment.objects.create(
        case=case, level=level, reasons=reasons, assessed_on=on, assessed_by=user
    )
    case.risk = level
    case.save(update_fields=["risk"])
    record(user, case.panel, What.CHANGED, "risk", case=case, before=before, after=snapshot(assessment))
    return assessment


@transaction.atomic
def record_minute(
    meeting: PanelMeeting, case: Case, user, *, discussion: str, decision: str, action: dict | None
):
    """Write (or rewrite) the meeting's minute for ``case``, and add the action agreed, if any."""
    minute = Minute.objects.filter(meeting=meeting, case=case).first()
    before = snapshot(minute)
    minute = minute or Minute(meeting=meeting, case=case)
    minute.discussion, minute.decision = discussion, decision
    minute.save()
    record(user, case.panel, What.CHANGED, "minute", case=case, before=before, after=snapshot(minute))
    if action:
        created = CaseAction.objects.create(case=case, meeting=meeting, **action)
        record(user, case.panel, What.CHANGED, "action", case=case, after=snapshot(created))
    return minute


def complete_action(action: CaseAction, user, on: dt.date | None = None) -> None:
    before = snapshot(action)
    action.completed_on = on or timezone.localdate()
    action.save(update_fields=["completed_on"])
    record(
        user,
        action.case.panel,
        What.CHANGED,
        "action",
        case=action.case,
        before=before,
        after=snapshot(action),
    )


def close(case: Case, user, *, closed_on: dt.date, outcome: str, note: str) -> None:
    # Before, as stored: a model form has already written the new values onto ``case``.
    before = snapshot(Case.objects.get(pk=case.pk), ["closed_on", "outcome", "closure_note"])
    case.closed_on, case.outcome, case.closure_note = closed_on, outcome, note
    case.save(update_fields=["closed_on", "outcome", "closure_note"])
    after = snapshot(case, ["closed_on", "outcome", "closure_note"])
    record(user, case.panel, What.CHANGED, "closure", case=case, before=before, after=after)


def record_disclosure(disclosure: Disclosure, user) -> Disclosure:
    disclosure.disclosed_by = user
    disclosure.save()
    record(
        user,
        disclosure.case.panel,
        What.CHANGED,
        "disclosure",
        case=disclosure.case,
        after=snapshot(disclosure),
    )
    return disclosure
