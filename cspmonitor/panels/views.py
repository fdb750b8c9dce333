"""Pages of the multi-agency panels.

Every member of the partnership sees which panels exist and the agreements they run under;
only a panel's own members see its cases, meetings and actions (`access.panel_view`, 404 to
everyone else). Every page showing case work, and every change, writes to the access log.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from cspmonitor.panels import exports, services
from cspmonitor.panels.access import panel_view, panels_sat_on
from cspmonitor.panels.forms import (
    ClosureForm,
    DisclosureForm,
    MeetingForm,
    MinuteForm,
    ReferralForm,
    RiskForm,
)
from cspmonitor.panels.log import What, record
from cspmonitor.panels.models import Case, CaseAction, CaseLocation, Panel
from cspmonitor.partnership.access import partnership_view


def _page(request, template, partnership, access, **context):
    return render(request, template, {"partnership": partnership, "access": access, **context})


def _case(panel, pk) -> Case:
    return get_object_or_404(panel.cases.select_related("referred_by", "panel__partnership"), pk=pk)


def _form_page(request, partnership, access, panel, form, *, title, back, case=None):
    return _page(
        request,
        "panels/form.html",
        partnership,
        access,
        panel=panel,
        form=form,
        title=title,
        back=back,
        case=case,
    )


@partnership_view()
@require_safe
def panel_list(request, partnership, access):
    panels = Panel.objects.filter(partnership=partnership).prefetch_related("agreements", "organisations")
    return _page(
        request,
        "panels/list.html",
        partnership,
        access,
        panels=panels,
        sat_on=panels_sat_on(access, partnership),
    )


@panel_view
@require_safe
def panel_detail(request, partnership, access, panel):
    query = request.GET.get("q", "").strip()
    cases = panel.cases.search(query).select_related("referred_by")
    record(request.user, panel, What.SEARCHED if query else What.LISTED, f"cases {query}".strip())
    return _page(
        request,
        "panels/panel.html",
        partnership,
        access,
        panel=panel,
        cases=cases,
        query=query,
        meetings=panel.meetings.all(),
        agreement=panel.current_agreement(),
    )


@panel_view
@require_safe
def case_detail(request, partnership, access, panel, pk):
    case = _case(panel, pk)
    record(request.user, panel, What.VIEWED, "case", case=case)
    return _page(
        request,
        "panels/case.html",
        partnership,
        access,
        panel=panel,
        case=case,
        subject=getattr(case, "subject", None),
        risks=case.risk_history.all(),
        minutes=case.minutes.select_related("meeting"),
        actions=case.actions.select_related("owner"),
        disclosures=case.disclosures.all(),
        today=timezone.localdate(),
    )


@panel_view
def refer(request, partnership, access, panel):
    form = ReferralForm(request.POST or None, panel=panel)
    if request.method == "POST" and form.is_valid():
        case = services.refer(
            form.save(),
            request.user,
            risk_reasons=form.cleaned_data["risk_reasons"],
            subject=form.subject,
            location=form.cleaned_data["location"],
        )
        messages.success(request, f"{case} was referred to {panel}.")
        return redirect(case)
    record(request.user, panel, What.VIEWED, "referral form")
    back = (panel.get_absolute_url(), f"Back to {panel}")
    return _form_page(request, partnership, access, panel, form, title="Make a referral", back=back)


@panel_view
def risk(request, partnership, access, panel, pk):
    case = _case(panel, pk)
    form = RiskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.assess_risk(
            case, request.user, level=data["level"], reasons=data["reasons"], on=data["assessed_on"]
        )
        messages.success(request, f"The risk level of {case} was recorded.")
        return redirect(case)
    record(request.user, panel, What.VIEWED, "risk form", case=case)
    back = (case.get_absolute_url(), f"Back to {case}")
    return _form_page(
        request, partnership, access, panel, form, title="Record the risk level", back=back, case=case
    )


@panel_view
def meeting_create(request, partnership, access, panel):
    form = MeetingForm(request.POST or None, panel=panel)
    if request.method == "POST" and form.is_valid():
        meeting = form.save()
        record(request.user, panel, What.CHANGED, "meeting", after={"date": str(meeting.date)})
        return redirect(meeting)
    record(request.user, panel, What.VIEWED, "meeting form")
    back = (panel.get_absolute_url(), f"Back to {panel}")
    return _form_page(request, partnership, access, panel, form, title="Add a meeting", back=back)


@panel_view
@require_safe
def meeting(request, partnership, access, panel, pk):
    meeting = get_object_or_404(panel.meetings, pk=pk)
    items = services.agenda(panel, meeting)
    minutes = {m.case_id: m for m in meeting.minutes.all()}
    record(request.user, panel, What.VIEWED, f"meeting {meeting.date} agenda and minutes")
    rows = [(item, minutes.get(item.case.pk)) for item in items]
    return _page(request, "panels/meeting.html", partnership, access, panel=panel, meeting=meeting, rows=rows)


@panel_view
def minute(request, partnership, access, panel, pk, case_pk):
    meeting = get_object_or_404(panel.meetings, pk=pk)
    case = _case(panel, case_pk)
    existing = meeting.minutes.filter(case=case).first()
    initial = {"discussion": existing.discussion, "decision": existing.decision} if existing else None
    form = MinuteForm(request.POST or None, panel=panel, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.record_minute(
            meeting,
            case,
            request.user,
            discussion=data["discussion"],
            decision=data["decision"],
            action=form.new_action,
        )
        messages.success(request, f"The minute for {case} was saved.")
        return redirect(meeting)
    record(request.user, panel, What.VIEWED, "minute form", case=case)
    back = (meeting.get_absolute_url(), f"Back to the meeting on {meeting.date:%-d %B %Y}")
    return _form_page(
        request, partnership, access, panel, form, title=f"Minute for {case}", back=back, case=case
    )


@panel_view
@require_safe
def actions(request, partnership, access, panel):
    today = timezone.localdate()
    found = CaseAction.objects.filter(case__panel=panel, completed_on__isnull=True).select_related(
        "case", "owner"
    )
    rows = sorted(found, key=lambda a: (not a.is_overdue(today), a.due_on, a.pk))
    record(request.user, panel, What.LISTED, "actions")
    return _page(request, "panels/actions.html", partnership, access, panel=panel, actions=rows, today=today)


@panel_view
@require_POST
def action_done(request, partnership, access, panel, pk):
    action = get_object_or_404(CaseAction.objects.filter(case__panel=panel, completed_on__isnull=True), pk=pk)
    services.complete_action(action, request.user)
    messages.success(request, f"The action for {action.case} was marked done.")
    return redirect(reverse("panels:actions", args=[partnership.slug, panel.pk]))


@panel_view
def close(request, partnership, access, panel, pk):
    case = get_object_or_404(panel.cases.open(), pk=pk)
    form = ClosureForm(request.POST or None, instance=case, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.close(
            case,
            request.user,
            closed_on=data["closed_on"],
            outcome=data["outcome"],
            note=data["closure_note"],
        )
        messages.success(request, f"{case} was closed.")
        return redirect(case)
    record(request.user, panel, What.VIEWED, "closure form", case=case)
    back = (case.get_absolute_url(), f"Back to {case}")
    return _form_page(request, partnership, access, panel, form, title=f"Close {case}", back=back, case=case)


@panel_view
def disclosure(request, partnership, access, panel, pk):
    case = _case(panel, pk)
    form = DisclosureForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        found = form.save(commit=False)
        found.case = case
        services.record_disclosure(found, request.user)
        messages.success(request, f"The disclosure from {case} was recorded.")
        return redirect(case)
    record(request.user, panel, What.VIEWED, "disclosure form", case=case)
    back = (case.get_absolute_url(), f"Back to {case}")
    return _form_page(
        request, partnership, access, panel, form, title="Record a disclosure", back=back, case=case
    )


@panel_view
@require_safe
def export(request, partnership, access, panel, pk):
    """A subject access export of one case file; a disclosure to the subject is then recorded
    on the disclosure form like any other."""
    case = _case(panel, pk)
    record(request.user, panel, What.EXPORTED, "case file PDF", case=case)
    response = HttpResponse(exports.case_file_pdf(case), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="case-file-{case.reference}.pdf"'
    return response


@partnership_view()
@require_safe
def locations(request, partnership, access):
    """The open cases' linked locations as GeoJSON points, for the strategic assessment's map
    beside the crime hotspots: only those of the panels this person sits on (none for anyone
    else, so the map works for every member), each panel's look logged."""
    sat_on = panels_sat_on(access, partnership)
    found = CaseLocation.objects.filter(
        case__panel__in=sat_on, case__closed_on__isnull=True, latitude__isnull=False, longitude__isnull=False
    ).select_related("case__panel")
    for panel in {location.case.panel for location in found}:
        record(request.user, panel, What.LISTED, "map locations")
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(loc.longitude), float(loc.latitude)]},
            "properties": {"case": loc.case.reference, "panel": loc.case.panel.name, "name": loc.description},
        }
        for loc in found
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})
