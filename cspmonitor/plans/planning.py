"""Making and renewing plans: a new three-year plan (from scratch or from the last one) and the
yearly refresh that carries unfinished actions on and adopts or retires priorities.

Nothing here rewrites an earlier year. A carried action keeps its due date and gains
``extended_to``, which only the later years read (``Action.due_in``); a retired priority keeps
its record and gains a retirement date, so the years before still show it in force.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from cspmonitor.partnership.models import Organisation
from cspmonitor.periods import FinancialYear
from cspmonitor.plans import standing
from cspmonitor.plans.models import Action, Objective, Plan, PlanRefresh, Priority, ProgressUpdate, Status

FINISHED = {Status.COMPLETE, Status.WITHDRAWN}


def plan_for_year(partnership, year: FinancialYear) -> Plan | None:
    """The partnership's plan covering ``year``, if any."""
    return next((plan for plan in partnership.plans.all() if plan.covers(year)), None)


def overlapping(partnership, first_year: int, years: int, exclude: Plan | None = None) -> Plan | None:
    """An existing plan sharing a year with the one described, if any: a year has one plan."""
    last = first_year + years - 1
    for plan in partnership.plans.all():
        if plan != exclude and plan.first_year <= last and first_year <= plan.last_year:
            return plan
    return None


def unfinished_actions(plan: Plan, year: FinancialYear) -> list[standing.ActionInYear]:
    """Actions of ``plan`` that end before ``year`` without being complete or withdrawn: the
    ones a refresh for ``year`` offers to carry on (as they stood at the end of the year before)."""
    before = FinancialYear(year.first_year - 1)
    ending = [
        action
        for action in Action.objects.filter(objective__priority__plan=plan)
        .in_year(before)
        .select_related("objective__priority", "lead_organisation")
        .order_by("reference", "pk")
        if action.runs_to < year.start
    ]
    return [found for found in standing.in_year(ending, before) if found.status not in FINISHED]


def priorities_in_force(plan: Plan, year: FinancialYear) -> list[Priority]:
    """Priorities of ``plan`` in force at the start of ``year``."""
    return [
        priority
        for priority in plan.priorities.select_related("lead_organisation").order_by("order", "title")
        if (priority.adopted_on is None or priority.adopted_on <= year.start)
        and (priority.retired_on is None or priority.retired_on > year.start)
    ]


@dataclass
class NewPriority:
    title: str
    lead_organisation: Organisation
    evidence: str
    evidence_detail: str


@transaction.atomic
def refresh(
    plan: Plan,
    year: FinancialYear,
    *,
    refreshed_on: dt.date,
    summary: str,
    carry: list[Action],
    retire: list[Priority],
    retirement_reason: str = "",
    adopt: NewPriority | None = None,
) -> PlanRefresh:
    """Record the refresh of ``plan`` for ``year``: carried actions run to the end of ``year``;
    priorities are retired, and a new one adopted, on the date of the refresh, or on the year's
    first day when the refresh is made before the year starts, so the year before stays as it
    was reported."""
    record = PlanRefresh.objects.create(
        plan=plan, year=year.label, refreshed_on=refreshed_on, summary=summary
    )
    effective = max(refreshed_on, year.start)
    for action in carry:
        action.extended_to = max(year.end, action.runs_to)
        action.save(update_fields=["extended_to"])
    record.carried.set(carry)
    for priority in retire:
        priority.status, priority.retired_on = Priority.Status.RETIRED, effective
        priority.retirement_reason = retirement_reason
        priority.save(update_fields=["status", "retired_on", "retirement_reason"])
    if adopt is not None:
        Priority.objects.create(
            plan=plan,
            title=adopt.title,
            lead_organisation=adopt.lead_organisation,
            evidence=adopt.evidence,
            evidence_detail=adopt.evidence_detail,
            adopted_on=effective,
            order=(max((p.order for p in plan.priorities.all()), default=0) + 1),
        )
    return record


@transaction.atomic
def start_from(new: Plan, last: Plan) -> None:
    """Give ``new`` (saved, empty) the priorities still in force at the end of ``last``, with their
    objectives and unfinished actions as new records from the new plan's first day. ``last`` is
    left exactly as it was."""
    first = FinancialYear(new.first_year)
    final = FinancialYear(last.last_year)
    for priority in priorities_in_force(last, final):
        if priority.retired_on and priority.retired_on <= final.end:
            continue  # retired during the last year of the old plan
        copy = Priority.objects.create(
            plan=new,
            kind=priority.kind,
            title=priority.title,
            description=priority.description,
            adopted_on=first.start,
            adopted_by=new.adopted_by,
            evidence=priority.evidence,
            evidence_detail=f"Continued from {last.title}.",
            assessment=new.assessment,
            lead_organisation=priority.lead_organisation,
            order=priority.order,
        )
        for objective in priority.objectives.all():
            objective_copy = Objective.objects.create(
                priority=copy, title=objective.title, description=objective.description, order=objective.order
            )
            actions = objective.actions.all()
            for found in standing.in_year(actions, final):
                if found.status in FINISHED:
                    continue
                action = found.action
                Action.objects.create(
                    objective=objective_copy,
                    reference=action.reference,
                    title=action.title,
                    description=action.description,
                    lead_organisation=action.lead_organisation,
                    owner=action.owner,
                    start_date=first.start,
                    due_date=max(action.runs_to, first.end),
                )


# The strategic assessment's regulation 5 checklist ---------------------------------------------


def regulation_5_for(assessment) -> list[dict]:
    """The assessment's regulation 5 checklist with the two elements only the plan can supply:
    the priorities resting on the assessment, and how far the plan of the assessment's year was
    delivered (from the quarterly updates on its actions)."""
    elements = [dict(element) for element in (assessment.result or {}).get("regulation_5", [])]
    year = FinancialYear.parse(assessment.year)
    priorities = Priority.objects.filter(assessment=assessment) | Priority.objects.filter(
        plan__assessment=assessment
    )
    titles = sorted(set(priorities.values_list("title", flat=True)))
    plan = plan_for_year(assessment.partnership, year)
    for element in elements:
        if element["key"] == "priorities" and titles:
            element["present"] = True
            element["note"] = f"From the partnership plan: {', '.join(titles)}."
        if element["key"] == "plan_delivery" and plan is not None:
            actions = Action.objects.filter(objective__priority__plan=plan).in_year(year)
            found = standing.in_year(actions, year)
            if ProgressUpdate.objects.filter(action__in=actions, period__startswith=year.label).exists():
                done = sum(1 for f in found if f.status == Status.COMPLETE)
                green = sum(1 for f in found if f.rag == "green")
                element["present"] = True
                element["note"] = (
                    f"From the {plan.title} updates for {year.label}: {done} of {len(found)} actions "
                    f"complete, {green} rated green at the year's last update."
                )
    return elements
