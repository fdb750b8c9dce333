"""Writing every read of an OFFICIAL-SENSITIVE record to the one access log (`AccessRecord`)."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models

from cspmonitor.accounts.models import AccessRecord, Classification


def record_reads(
    user, partnership, records: Iterable[models.Model], what: str, page: str = ""
) -> list[AccessRecord]:
    """One log row per restricted record in ``records`` read by ``user``; records marked
    OFFICIAL are not logged. ``what`` is an `AccessRecord.What` value."""
    rows = [
        AccessRecord(
            partnership=partnership,
            user=user,
            email=user.email,
            what=what,
            record_type=ContentType.objects.get_for_model(record),
            record_id=record.pk,
            record=str(record)[:200],
            page=page,
        )
        for record in records
        if getattr(record, "classification", None) != Classification.OFFICIAL
    ]
    return AccessRecord.objects.bulk_create(rows)
