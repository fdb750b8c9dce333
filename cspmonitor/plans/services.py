"""What the plan pages show, worked out from the models: the action plan at a glance, a
priority with its work, and what changed in a quarter."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from cspmonitor.activity.models import OUTPUT_KINDS, Output
from cspmonitor.periods import FinancialYear, PeriodError, Quarter
from cspmonitor.plans import standing
from cspmonitor.plans.models import Action, Objective, Priority, ProgressUpdate, Rag

#: Columns of the RAG summary; "not rated" counts actions with no rating yet.
RAG_COLUMNS = [(Rag.RED, "Red"), (Rag.AMBER, "Amber"), (Rag.GREEN, "Green"), ("", "Not rated")]


def default_year(partnership) -> FinancialYear:
    """The partnership's year in view: every page opens on it."""
    return partnership.year()


def chosen_year(partnership, text: str | None) -> FinancialYear:
    """The year asked for in the query string, or the default when none (or nonsense) is given."""
    if text:
        try:
            return FinancialYear.parse(text)
        except PeriodError:
            pass
    return default_year(partnership)


def plan_years(partnership) -> list[FinancialYear]:
    years = {y for plan in partnership.plans.all() for y in plan.financial_years()}
    return sorted(years, reverse=True)


@dataclass
class PriorityRow:
    priority: Priority
    counts: list[int]
    total: int
    retired: bool = False  # retired by the end of the year (a later retirement does not count)


@dataclass
class ActionPlan:
    """The action plan at a glance for one year, as it stood in that year (see ``standing``)."""

    year: FinancialYear
    rows: list[PriorityRow]
    attention: list[standing.ActionInYear]  # overdue, off track, at risk or red: worst first
    totals: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.totals)


def action_plan(partnership, year: FinancialYear, access) -> ActionPlan:
    priorities = list(
        Priority.objects.for_partnership(partnership).in_year(year).select_related("lead_organisation")
    )
    actions = (
        Action.objects.for_partnership(partnership)
        .in_year(year)
        .visible_to(access)
        .select_related("objective__priority", "lead_organisation")
        .order_by("reference", "pk")
    )
    standings = standing.in_year(actions, year)
    by_priority: dict[int, Counter] = {p.pk: Counter() for p in priorities}
    for found in standings:
        by_priority.setdefault(found.action.objective.priority_id, Counter())[found.rag] += 1
    rows = []
    for priority in priorities:
        counts = [by_priority[priority.pk][key] for key, _label in RAG_COLUMNS]
        retired = bool(priority.retired_on and priority.retired_on <= year.end)
        rows.append(PriorityRow(priority, counts, sum(counts), retired))
    totals = [sum(row.counts[i] for row in rows) for i in range(len(RAG_COLUMNS))]
    attention = [found for found in standing.worst_first(standings) if found.needs_attention]
    return ActionPlan(year, rows, attention, totals)


@dataclass
class OutputGroup:
    model: type[Output]
    items: list[Output]


def outputs_for(priority: Priority, access, year: FinancialYear | None = None) -> list[OutputGroup]:
    """The outputs of a priority that ``access`` may see, grouped by kind (empty kinds left out)."""
    groups = []
    for model in OUTPUT_KINDS:
        items = (
            model.objects.filter(priority=priority)
            .visible_to(access)
            .select_related("organisation", "action")
        )
        if year is not None:
            items = items.in_year(year)
        if items:
            groups.append(OutputGroup(model, list(items)))
    return groups


def objectives_with_actions(priority: Priority, access) -> list[Objective]:
    updates = ProgressUpdate.objects.select_related("written_by").order_by("-period", "-written_at")
    return list(
        priority.objectives.visible_to(access).prefetch_related(
            Prefetch(
                "actions",
                queryset=Action.objects.visible_to(access)
                .select_related("lead_organisation")
                .prefetch_related(Prefetch("updates", queryset=updates)),
            )
        )
    )


@dataclass
class RagChange:
    action: Action
    before: str  # RAG label the quarter before ("" when there was no update)
    after: str
    update: ProgressUpdate


@dataclass
class QuarterChanges:
    """What changed in a quarter: for the partnership meeting."""

    quarter: Quarter
    updates: list[ProgressUpdate]
    rag_changes: list[RagChange]
    completed: list[Action]
    adopted: list[Priority]
    retired: list[Priority]
    outputs: list[OutputGroup]
    missing: list[Action]  # running this quarter with no update yet


def quarter_changes(partnership, quarter: Quarter, access) -> QuarterChanges:
    # An update follows its action's classification (plans.classification).
    updates = list(
        ProgressUpdate.objects.filter(
            action__objective__priority__plan__partnership=partnership,
            period=quarter.label,
            action__classification__in=access.visible_classifications(),
        ).select_related("action__lead_organisation", "action__objective__priority", "written_by")
    )
    before = {
        u.action_id: u
        for u in ProgressUpdate.objects.filter(
            action__in=[u.action_id for u in updates], period=quarter.previous().label
        )
    }
    rag_changes = []
    for update in updates:
        earlier = before.get(update.action_id)
        if earlier is None or earlier.rag != update.rag:
            rag_changes.append(
                RagChange(
                    update.action,
                    earlier.get_rag_display() if earlier else "",
                    update.get_rag_display(),
                    update,
                )
            )
    priorities = Priority.objects.for_partnership(partnership)
    running = list(
        Action.objects.for_partnership(partnership)
        .visible_to(access)
        .running(quarter.start, quarter.end)
        .select_related("lead_organisation")
    )
    # Finished work is judged by the updates before the quarter, not the action's latest status,
    # so a later quarter's "complete" does not take an action off this quarter's missing list.
    finished = {Action.Status.COMPLETE, Action.Status.WITHDRAWN}
    status_then = standing.status_before(running, quarter)
    updated_ids = {u.action_id for u in updates}
    outputs = []
    for model in OUTPUT_KINDS:
        items = list(
            model.objects.for_partnership(partnership)
            .visible_to(access)
            .in_quarter(quarter)
            .select_related("priority", "organisation")
        )
        if items:
            outputs.append(OutputGroup(model, items))
    return QuarterChanges(
        quarter=quarter,
        updates=updates,
        rag_changes=rag_changes,
        completed=[u.action for u in updates if u.status == Action.Status.COMPLETE],
        adopted=list(priorities.filter(adopted_on__range=(quarter.start, quarter.end))),
        retired=list(priorities.filter(retired_on__range=(quarter.start, quarter.end))),
        outputs=outputs,
        missing=[a for a in running if a.pk not in updated_ids and status_then.get(a.pk) not in finished],
    )


def chosen_quarter(partnership, text: str | None) -> Quarter:
    if text:
        try:
            return Quarter.parse(text.replace("-Q", " Q"))
        except PeriodError:
            pass
    return quarter_in_view(partnership)


def quarter_in_view(partnership) -> Quarter:
    """The quarter pages open on: the latest with updates in the year in view; else, in that
    year, the quarter just ended (or its last quarter, for a past year, or its first)."""
    year = partnership.year()
    periods = ProgressUpdate.objects.filter(
        action__objective__priority__plan__partnership=partnership, period__startswith=year.label
    ).values_list("period", flat=True)
    latest = max(periods, default=None)
    if latest:
        return Quarter.parse(latest)
    ended = Quarter.containing(timezone.localdate()).previous()
    if ended.year == year:
        return ended
    return year.quarters()[-1] if year.end < timezone.localdate() else year.quarters()[0]
