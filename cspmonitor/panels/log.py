"""The panels' access log: every view, search, export and change, written by one function.

Changes carry their before and after values (`snapshot`), so the log shows what a change was.
(When the partnership-wide access log lands, `record` is the one function to move onto it.)
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from django.db import models

from cspmonitor.panels.models import Case, Panel, PanelAccessLog

What = PanelAccessLog.What


def snapshot(obj: models.Model | None, fields: list[str] | None = None) -> dict[str, Any] | None:
    """``obj``'s field values as JSON-safe data (dates as ISO text), for a log's before/after."""
    if obj is None:
        return None
    values: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        value = getattr(obj, field.attname)
        if isinstance(value, (dt.date, decimal.Decimal)):
            value = str(value)
        values[field.attname] = value
    return values


def record(
    user,
    panel: Panel,
    what: str,
    page: str = "",
    *,
    case: Case | None = None,
    before: dict | None = None,
    after: dict | None = None,
) -> PanelAccessLog:
    """Write one row of the access log. ``user`` is None for the background retention task."""
    return PanelAccessLog.objects.create(
        panel=panel,
        case=case,
        user=user,
        email=getattr(user, "email", "") or "",
        what=what,
        page=page,
        before=before,
        after=after,
    )
