"""Pages of the strategic assessment: the list, a run with its progress, charts and maps."""

from __future__ import annotations

import json

from crispy_forms_gds.helper import FormHelper
from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from cspmonitor.accounts.audit import record_reads
from cspmonitor.accounts.models import AccessRecord
from cspmonitor.background import recover
from cspmonitor.crime.models import Assessment, financial_year_months
from cspmonitor.crime.presentation import AssessmentPage
from cspmonitor.crime.services import crime_store
from cspmonitor.partnership.access import partnership_view
from cspmonitor.plans.planning import regulation_5_for


def _years_held(partnership) -> list[str]:
    """Financial years for which the store holds every month of the partnership's forces."""
    forces = partnership.police_uk_forces()
    held = {month for force, month in crime_store().months() if force in forces}
    years = sorted({int(m[:4]) - (1 if int(m[5:]) < 4 else 0) for m in held}, reverse=True)
    out = []
    for start in years:
        year = f"{start}-{(start + 1) % 100:02d}"
        first, last = financial_year_months(year)
        if first in held and last in held:
            out.append(year)
    return out


class RunForm(forms.Form):
    year = forms.ChoiceField(
        label="Financial year",
        error_messages={
            "required": "Select the financial year to assess",
            "invalid_choice": "Select a financial year the crime store holds",
        },
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in years]
        self.helper = FormHelper(self)
        self.helper.form_tag = False  # the page supplies the <form>


def _list_page(request, partnership, access, form, years, status=200):
    assessments = list(Assessment.objects.filter(partnership=partnership).visible_to(access)[:20])
    record_reads(request.user, partnership, assessments, AccessRecord.What.LISTED, "assessments")
    context = {
        "partnership": partnership,
        "access": access,
        "years": years,
        "form": form,
        "assessments": assessments,
    }
    return render(request, "crime/assessment_list.html", context, status=status)


@partnership_view()
@require_safe
def assessment_list(request, partnership, access):
    years = _years_held(partnership)
    return _list_page(request, partnership, access, RunForm(years=years), years)


@partnership_view("can_run_assessment")
@require_POST
def assessment_run(request, partnership, access):
    years = _years_held(partnership)
    form = RunForm(request.POST, years=years)
    if not form.is_valid():
        return _list_page(request, partnership, access, form, years, status=400)
    from cspmonitor.crime import tasks  # the statistics stack loads only when work starts

    assessment = Assessment.objects.create(
        partnership=partnership, year=form.cleaned_data["year"], created_by=request.user
    )
    tasks.run_assessment.enqueue(assessment.pk)
    messages.success(request, f"The strategic assessment for {assessment.year} has started.")
    return redirect(assessment)


def _assessment(
    request, partnership, access, pk, page: str = "", what=AccessRecord.What.VIEWED
) -> Assessment:
    """The assessment, or 404 when it is not this partnership's or its classification is hidden
    from this person; a restricted one's read is logged with ``page``."""
    assessment = get_object_or_404(Assessment.objects.visible_to(access), pk=pk, partnership=partnership)
    if page:
        record_reads(request.user, partnership, [assessment], what, page)
    return assessment


@partnership_view()
@require_safe
def assessment_detail(request, partnership, access, pk):
    assessment = _assessment(request, partnership, access, pk, "assessment")
    recover(assessment)  # a run whose worker died is started again, or failed with a message
    page = AssessmentPage(assessment.result) if assessment.status == Assessment.Status.DONE else None
    context = {"partnership": partnership, "access": access, "assessment": assessment, "page": page}
    if page is not None:
        context["regulation_5"] = regulation_5_for(assessment)
    return render(request, "crime/assessment.html", context)


@partnership_view()
@require_safe
def assessment_status(request, partnership, access, pk):
    # Progress only, no figures: its polling is not logged, but it is hidden like the rest.
    assessment = _assessment(request, partnership, access, pk)
    recover(assessment)
    return JsonResponse(
        {
            "status": assessment.status,
            "progress": assessment.progress,
            "stage": assessment.stage,
            "error": assessment.error,
        }
    )


def _result(request, partnership, access, pk, page: str, what=AccessRecord.What.VIEWED) -> dict:
    assessment = _assessment(request, partnership, access, pk, page, what)
    if assessment.status != Assessment.Status.DONE:
        raise Http404("The assessment has no result yet")
    return dict(assessment.result or {})


@partnership_view()
@require_safe
def assessment_json(request, partnership, access, pk):
    response = HttpResponse(
        json.dumps(
            _result(request, partnership, access, pk, "assessment.json", AccessRecord.What.DOWNLOADED),
            indent=1,
        ),
        content_type="application/json",
    )
    response["Content-Disposition"] = f'attachment; filename="assessment-{pk}.json"'
    return response


@partnership_view()
@require_safe
def assessment_chart(request, partnership, access, pk, name):
    svg = _drawing(request, partnership, access, pk, f"chart:{name}", f"chart {name}")
    return HttpResponse(svg, content_type="image/svg+xml")


def _drawing(request, partnership, access, pk: int, name: str, page: str) -> str:
    """A chart or map layer kept with the assessment (drawn once, when it was computed), hidden
    and logged like the assessment itself."""
    from cspmonitor.crime import drawings

    if name not in drawings.drawing_names():
        raise Http404("No such chart or map layer")
    # The result is loaded only when the drawing is missing and must be drawn now.
    assessment = get_object_or_404(
        Assessment.objects.visible_to(access).defer("result"), pk=pk, partnership=partnership
    )
    if assessment.status != Assessment.Status.DONE:
        raise Http404("The assessment has no result yet")
    record_reads(request.user, partnership, [assessment], AccessRecord.What.VIEWED, page)
    return drawings.drawing(assessment, name)


@partnership_view()
@require_safe
def assessment_map_layer(request, partnership, access, pk, layer):
    drawing = _drawing(request, partnership, access, pk, f"layer:{layer}", f"map {layer}")
    return HttpResponse(drawing, content_type="application/json")
