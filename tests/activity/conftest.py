"""A small plan of our own for the activity tests, so they hold whatever demo plan data exists.

References start TST- and titles "Test", so they never clash with the demo's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from cspmonitor.accounts.models import Classification
from cspmonitor.activity.models import TrainingSession
from cspmonitor.partnership.models import Organisation, Partnership
from cspmonitor.periods import Quarter
from cspmonitor.plans.models import Action, Objective, Plan, Priority

QUARTER = Quarter.parse("2022-23 Q2")


@dataclass
class Work:
    partnership: Partnership
    police: Organisation
    council: Organisation
    priority: Priority
    police_action: Action
    other_police_action: Action
    council_action: Action

    def training(self, organisation=None, *, classification=Classification.OFFICIAL, **fields):
        values = {
            "priority": self.priority,
            "organisation": organisation or self.police,
            "period_start": QUARTER.start,
            "period_end": QUARTER.end,
            "topic": "Test topic: spotting exploitation",
            "delivered_by": "Test trainer",
            "format": "in_person",
            "audience": "staff",
            "sessions": 3,
            "people_reached": 45,
            "classification": classification,
        } | fields
        return TrainingSession.objects.create(**values)


def _action(objective, reference, organisation) -> Action:
    return Action.objects.create(
        objective=objective,
        reference=reference,
        title=f"Test action {reference}",
        lead_organisation=organisation,
        owner="Test owner",
        start_date=dt.date(2022, 4, 1),
        due_date=dt.date(2023, 3, 31),
    )


def make_work(partnership: Partnership) -> Work:
    """A test plan with one priority and three actions: two led by the police, one by the council."""
    police = Organisation.objects.get(partnership=partnership, name="Suffolk Constabulary")
    council = Organisation.objects.get(partnership=partnership, name="West Suffolk Council")
    plan = Plan.objects.create(partnership=partnership, title="Test plan 2022–25", first_year=2022, years=3)
    priority = Priority.objects.create(plan=plan, title="Test priority: shop theft", lead_organisation=police)
    objective = Objective.objects.create(priority=priority, title="Test objective")
    return Work(
        partnership=partnership,
        police=police,
        council=council,
        priority=priority,
        police_action=_action(objective, "TST-1", police),
        other_police_action=_action(objective, "TST-2", police),
        council_action=_action(objective, "TST-9", council),
    )


@pytest.fixture
def work(demo) -> Work:
    return make_work(demo.partnership)
