"""A small plan of our own, for tests of rules that should not depend on the demo's content."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from cspmonitor.plans.models import Action, Objective, Plan, Priority


@dataclass
class SmallPlan:
    plan: Plan
    priority: Priority
    objective: Objective
    police_action: Action  # led by Suffolk Constabulary, the demo partner lead's organisation
    council_action: Action  # led by West Suffolk Council


@pytest.fixture
def small_plan(demo) -> SmallPlan:
    partnership = demo.partnership
    police = partnership.organisations.get(name="Suffolk Constabulary")
    council = partnership.organisations.get(name="West Suffolk Council")
    plan = Plan.objects.create(partnership=partnership, title="Test plan 2030–33", first_year=2030)
    priority = Priority.objects.create(
        plan=plan, title="Test priority", lead_organisation=council, adopted_on=dt.date(2030, 4, 1)
    )
    objective = Objective.objects.create(priority=priority, title="Test objective")

    def action(reference, lead):
        return Action.objects.create(
            objective=objective,
            reference=reference,
            title=f"Action {reference}",
            lead_organisation=lead,
            owner="Someone accountable",
            start_date=dt.date(2030, 4, 1),
            due_date=dt.date(2031, 3, 31),
        )

    return SmallPlan(plan, priority, objective, action("T-1", police), action("T-2", council))
