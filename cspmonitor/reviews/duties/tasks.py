"""Background work of the statutory calendar, on Django's Tasks framework (django-tasks-db)."""

from __future__ import annotations

import datetime as dt

from django.tasks import task
from django.utils import timezone

from cspmonitor.reviews.duties.reminders import run


@task
def send_due_reminders(partnership: str = "", today: str = "") -> list[str]:
    """Email the reminders due today (or on ``today``, YYYY-MM-DD) for one partnership (its slug)
    or every partnership. Enqueue it once a day; a second run the same day sends nothing new.
    Returns the lines `manage.py send_reminders` would print."""
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    return run(day, partnership or None)
