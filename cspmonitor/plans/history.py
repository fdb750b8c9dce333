"""Change history of plan records, read from django-simple-history as "who changed what, when"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils.text import capfirst


@dataclass
class FieldChange:
    field: str  # the field's label, like "RAG rating"
    before: str
    after: str


@dataclass
class Change:
    when: dt.datetime
    who: str  # "" when the change was made outside a signed-in session (an import or the demo)
    kind: str  # "Created", "Changed" or "Deleted"
    fields: list[FieldChange]


_KINDS = {"+": "Created", "~": "Changed", "-": "Deleted"}


def _shown(model_field: models.Field, value) -> str:
    if value in (None, ""):
        return "(blank)"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        related = model_field.related_model._default_manager.filter(pk=value).first()  # type: ignore[union-attr]
        return str(related) if related is not None else f"(removed #{value})"
    if isinstance(value, dt.date):
        return f"{value:%-d %B %Y}"
    return str(value)


def changes(record: models.Model) -> list[Change]:
    """Every saved version of ``record``, newest first, with the fields each one changed."""
    versions = list(record.history.select_related("history_user").order_by("history_date", "history_id"))  # type: ignore[attr-defined]
    out = []
    previous = None
    for version in versions:
        fields: list[FieldChange] = []
        if previous is not None:
            delta = version.diff_against(previous)
            for change in delta.changes:
                model_field = record._meta.get_field(change.field)
                assert isinstance(model_field, models.Field)  # history diffs concrete fields only
                fields.append(
                    FieldChange(
                        capfirst(str(model_field.verbose_name)),
                        _shown(model_field, change.old),
                        _shown(model_field, change.new),
                    )
                )
        if previous is None or fields or version.history_type != "~":
            user = version.history_user
            out.append(
                Change(
                    when=version.history_date,
                    who=(user.get_full_name() or user.email) if user else "",
                    kind=_KINDS.get(version.history_type, "Changed"),
                    fields=fields,
                )
            )
        previous = version
    return out[::-1]
