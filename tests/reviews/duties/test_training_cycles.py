"""Mandatory training that repeats shows in the statutory calendar when its next cycle is due."""

from __future__ import annotations

import datetime as dt

from cspmonitor.activity.models import TrainingCompliance
from cspmonitor.reviews.duties import services
from tests.reviews.duties.conftest import TODAY


def _training_items(demo):
    items = services.obligations_for(demo.partnership, services.EVERYTHING, TODAY)
    return {item.title: item for item in items if item.key.startswith("training-")}


def test_each_repeating_module_is_due_its_cycle_after_the_latest_completions_recorded(demo):
    latest = TrainingCompliance.objects.for_partnership(demo.partnership).get(module="Prevent e-learning")
    assert latest.cycle_months == 24
    items = _training_items(demo)
    [prevent] = [item for title, item in items.items() if title.startswith("Prevent e-learning")]
    cycles_later = [latest.period_end.replace(year=latest.period_end.year + 2 * n) for n in range(1, 4)]
    in_calendar = [due for due in cycles_later if dt.date(2026, 4, 1) <= due <= dt.date(2028, 3, 31)]
    assert prevent.due == in_calendar[0]
    assert prevent.responsible == str(latest.organisation)


def test_training_with_no_cycle_is_not_in_the_calendar(demo):
    TrainingCompliance.objects.for_partnership(demo.partnership).update(cycle_months=None)
    assert _training_items(demo) == {}
