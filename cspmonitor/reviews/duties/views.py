"""Pages of the statutory calendar: what is overdue, due soon and coming up, its downloads, and
the forms that name the responsible officers and set the facts the due dates follow.

Every member sees the calendar; review deadlines appear only for those cleared to see the
review, and each review shown is written to its access log like any other look at it.
"""

from __future__ import annotations

import csv
import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from cspmonitor.accounts.audit import record_reads
from cspmonitor.accounts.models import Classification
from cspmonitor.accounts.permissions import OFFICIAL_ONLY, download_clearance
from cspmonitor.partnership.access import partnership_view
from cspmonitor.reviews import services as review_services
from cspmonitor.reviews.duties import exports, services
from cspmonitor.reviews.duties.forms import CalendarSettingsForm, ObligationDoneForm, ObligationOwnerForm
from cspmonitor.reviews.duties.models import CalendarSettings, ObligationOwner
from cspmonitor.reviews.models import ReviewAccess


def _page(request, template, partnership, access, **context):
    return render(request, template, {"partnership": partnership, "access": access, **context})


def _items(request, partnership, access, what: str, page: str) -> list[services.CalendarItem]:
    """The calendar for this person today (``access`` may be a narrower `services.Clearance`),
    logging each homicide review it shows."""
    items = services.obligations_for(partnership, access, services.today())
    reviews = {item.record.pk: item.record for item in items if item.source == services.DHR}
    if reviews:
        review_services.record_access(list(reviews.values()), request.user, what, page)
    # Other restricted deadlines (ASB case reviews) go to the restricted-record access log.
    others = {
        item.record for item in items if item.restricted and item.source != services.DHR and item.record
    }
    record_reads(request.user, partnership, others, what, page)
    return items


@partnership_view()
@require_safe
def calendar(request, partnership, access):
    today = services.today()
    items = _items(request, partnership, access, ReviewAccess.What.LISTED, "calendar")
    return _page(
        request,
        "duties/calendar.html",
        partnership,
        access,
        today=today,
        years=services.calendar_years(today),
        sections=services.by_status(items),
        owners=services.owner_rows(partnership, access),
        facts=CalendarSettings.for_partnership(partnership),
        coming=services.not_yet_in_force(partnership),
        can_manage=access.can_manage_calendar,
        may_download_restricted=access.can_see(Classification.OFFICIAL_SENSITIVE),
    )


def _download(body: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # The file may hold OFFICIAL-SENSITIVE deadlines: no shared cache may keep it.
    add_never_cache_headers(response)
    return response


def _download_name(partnership, clearance, extension: str) -> str:
    name = exports.file_name(partnership, services.today(), extension)
    if clearance is OFFICIAL_ONLY:
        return name
    return name.replace(f".{extension}", f"-official-sensitive.{extension}")


@partnership_view()
@require_safe
def calendar_ics(request, partnership, access):
    clearance = download_clearance(request, access)
    items = _items(request, partnership, clearance, ReviewAccess.What.DOWNLOADED, "calendar.ics")
    filename = _download_name(partnership, clearance, "ics")
    return _download(exports.ics(partnership, items), "text/calendar; charset=utf-8", filename)


@partnership_view()
@require_safe
def calendar_csv(request, partnership, access):
    clearance = download_clearance(request, access)
    items = _items(request, partnership, clearance, ReviewAccess.What.DOWNLOADED, "calendar.csv")
    response = _download("", "text/csv; charset=utf-8", _download_name(partnership, clearance, "csv"))
    csv.writer(response).writerows(exports.csv_rows(items))
    return response


def _form_page(request, partnership, access, form, *, title: str, caption: str = "", intro: str = ""):
    return _page(
        request, "duties/form.html", partnership, access, form=form, title=title, caption=caption, intro=intro
    )


@partnership_view("can_manage_calendar")
def calendar_settings(request, partnership, access):
    form = CalendarSettingsForm(
        request.POST or None, instance=CalendarSettings.for_partnership(partnership), partnership=partnership
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "The calendar's settings were saved.")
        return redirect("duties:calendar", partnership.slug)
    return _form_page(request, partnership, access, form, title="Change the calendar's settings")


@partnership_view("can_manage_calendar")
def owner_edit(request, partnership, access, key):
    try:
        duty = services.duty(key)
    except LookupError:
        raise Http404("No such duty") from None
    if duty.restricted and not access.can_see(Classification.OFFICIAL_SENSITIVE):
        raise Http404("No such duty")
    owner = ObligationOwner.objects.filter(partnership=partnership, key=key).first()
    form = ObligationOwnerForm(request.POST or None, instance=owner, partnership=partnership, duty=duty)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, f"{saved.user} is now responsible for {duty.title.lower()}.")
        return redirect("duties:calendar", partnership.slug)
    return _form_page(
        request,
        partnership,
        access,
        form,
        title="Choose the responsible officer",
        caption=duty.title,
        intro=duty.legal_basis,
    )


@partnership_view("can_manage_calendar")
def mark_done(request, partnership, access, key, due):
    try:
        item = services.find_item(
            services.obligations_for(partnership, access, services.today()),
            key,
            dt.date.fromisoformat(due),
        )
    except (LookupError, ValueError):
        raise Http404("No such obligation") from None
    if not item.can_mark_done:
        raise Http404("Reviews record their own progress")
    form = ObligationDoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_done(partnership, item, form.cleaned_data["done_on"], request.user)
        messages.success(request, f"{item.title} was recorded as done.")
        return redirect("duties:calendar", partnership.slug)
    return _form_page(
        request,
        partnership,
        access,
        form,
        title="Record an obligation as done",
        caption=f"{item.title}, due {item.due:%-d %B %Y}",
        intro=item.legal_basis,
    )
