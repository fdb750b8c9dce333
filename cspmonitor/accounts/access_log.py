"""The partnership's one access log of restricted reads, for its administrators: every look at an
OFFICIAL-SENSITIVE record (homicide and ASB case reviews, outputs, actions following a review,
report editions, assessments), filtered by person, record and date."""

from __future__ import annotations

import datetime as dt

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from cspmonitor.accounts.models import AccessRecord
from cspmonitor.forms import DateField
from cspmonitor.partnership.access import partnership_view

#: Rows shown at most: the filter narrows a long log down.
SHOWN = 500


class AccessLogFilter(forms.Form):
    person = forms.CharField(label="Person", required=False, help_text="All or part of their email address.")
    kind = forms.ChoiceField(label="Kind of record", required=False)
    record = forms.CharField(
        label="Record", required=False, help_text="All or part of its name or case reference."
    )
    start = DateField(label="From", what="the first day to show", required=False)
    end = DateField(label="To", what="the last day to show", required=False)

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = ContentType.objects.filter(
            pk__in=AccessRecord.objects.filter(partnership=partnership).values("record_type")
        )
        self.fields["kind"].choices = [("", "Every kind")] + sorted(
            (str(kind.pk), str(kind.model_class()._meta.verbose_name).capitalize())  # type: ignore[union-attr]
            for kind in kinds
            if kind.model_class() is not None
        )
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.layout = Layout(
            Field.text("person"), Field.select("kind"), Field.text("record"), Field("start"), Field("end")
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "The last day to show must be on or after the first")
        return cleaned


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def filtered(partnership, data: dict):
    """The partnership's log rows matching the filter's cleaned ``data``, newest first."""
    rows = AccessRecord.objects.filter(partnership=partnership)
    if data.get("person"):
        rows = rows.filter(email__icontains=data["person"].strip())
    if data.get("kind"):
        rows = rows.filter(record_type_id=int(data["kind"]))
    if data.get("record"):
        rows = rows.filter(record__icontains=data["record"].strip())
    if data.get("start"):
        rows = rows.filter(at__gte=_day_start(data["start"]))
    if data.get("end"):
        rows = rows.filter(at__lt=_day_start(data["end"] + dt.timedelta(days=1)))
    return rows.select_related("record_type")


@partnership_view("can_read_access_log")
@require_safe
def access_log(request, partnership, access):
    form = AccessLogFilter(request.GET or None, partnership=partnership)
    valid = form.is_valid() if request.GET else True
    rows = filtered(partnership, form.cleaned_data if request.GET and valid else {}) if valid else None
    context = {
        "partnership": partnership,
        "access": access,
        "form": form,
        "rows": rows[:SHOWN] if rows is not None else [],
        "count": rows.count() if rows is not None else 0,
        "shown": SHOWN,
    }
    return render(request, "accounts/access_log.html", context, status=200 if valid else 400)
