"""Background work of the panels, on Django's Tasks framework (django-tasks-db)."""

from __future__ import annotations

import datetime as dt

from django.tasks import task
from django.utils import timezone

from cspmonitor.panels.retention import erase_due


@task
def erase_expired_personal_details(today: str = "") -> list[str]:
    """Erase the personal details of every closed case past its panel's retention period (as on
    ``today``, YYYY-MM-DD, or today). Enqueue it daily; a case is erased once."""
    return erase_due(dt.date.fromisoformat(today) if today else timezone.localdate())


@task
def send_panel_action_reminders(today: str = "") -> list[str]:
    """Email the panel action reminders due today (or on ``today``, YYYY-MM-DD); enqueue it
    daily beside the statutory reminders. A reminder is never sent twice."""
    from cspmonitor.panels.reminders import send

    return send(dt.date.fromisoformat(today) if today else timezone.localdate())
