"""Where each action stood in a financial year, read only from the records dated in that year.

An action's own ``status`` and ``rag`` follow its latest update whatever the year, so a Q1 2023/24
update would otherwise rewrite the 2022/23 dashboard. Every page, export and report that speaks
for a year reads this instead: the RAG rating of the action's last update *in that year* (none
means "not rated"), the status of its last update up to the year's end, and whether it was
overdue at the year's end (or today, for the year still running).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from cspmonitor.periods import FinancialYear, Quarter
from cspmonitor.plans.models import OPEN_STATUSES, Action, ProgressUpdate, Rag, Status

#: Order of the statuses in "needs attention", worst first, after the overdue ones.
_RANK = {status: rank for rank, status in enumerate([*OPEN_STATUSES, Status.COMPLETE, Status.WITHDRAWN])}


@dataclass
class ActionInYear:
    """One action as it stood in one year."""

    action: Action
    status: str
    rag: str
    rag_reason: str
    update: ProgressUpdate | None  # its last update in the year, if any
    due: dt.date  # the due date that applied in the year (an extension counts from the next year)
    overdue: bool

    def get_status_display(self) -> str:
        return str(Status(self.status).label)

    def get_rag_display(self) -> str:
        return str(Rag(self.rag).label) if self.rag else ""

    @property
    def needs_attention(self) -> bool:
        return self.overdue or self.status in (Status.OFF_TRACK, Status.AT_RISK) or self.rag == Rag.RED


def as_of(year: FinancialYear) -> dt.date:
    """The day a year's figures describe: its last day, or today while it is still running."""
    return min(timezone.localdate(), year.end)


def in_year(actions, year: FinancialYear) -> list[ActionInYear]:
    """Each of ``actions`` as it stood in ``year``, in the order given."""
    actions = list(actions)
    last_quarter = year.quarters()[-1].label
    in_the_year = {q.label for q in year.quarters()}
    latest: dict[int, ProgressUpdate] = {}
    latest_in_year: dict[int, ProgressUpdate] = {}
    # Oldest first, so the last one seen for an action is its latest (by quarter, then time written).
    updates = ProgressUpdate.objects.filter(action__in=actions, period__lte=last_quarter).order_by(
        "period", "written_at", "pk"
    )
    for update in updates:
        latest[update.action_id] = update
        if update.period in in_the_year:
            latest_in_year[update.action_id] = update
    day = as_of(year)
    found = []
    for action in actions:
        status = latest[action.pk].status if action.pk in latest else Status.NOT_STARTED
        rated = latest_in_year.get(action.pk)
        due = action.due_in(year)
        found.append(
            ActionInYear(
                action=action,
                status=status,
                rag=rated.rag if rated else "",
                rag_reason=rated.rag_reason if rated else "",
                update=rated,
                due=due,
                overdue=due < day and status in OPEN_STATUSES,
            )
        )
    return found


def worst_first(standings: list[ActionInYear]) -> list[ActionInYear]:
    """Overdue first, then off track, at risk, not started, on track, complete, withdrawn."""
    return sorted(standings, key=lambda s: (not s.overdue, _RANK[Status(s.status)], s.due, s.action.pk))


def status_before(actions, quarter: Quarter) -> dict[int, str]:
    """Each action's status from its latest update before ``quarter`` (actions never updated are
    left out): what a quarter's "what changed" compares with, whatever came later."""
    found: dict[int, str] = {}
    earlier = ProgressUpdate.objects.filter(action__in=actions, period__lt=quarter.label).order_by(
        "period", "written_at", "pk"
    )
    for update in earlier:
        found[update.action_id] = update.status
    return found
