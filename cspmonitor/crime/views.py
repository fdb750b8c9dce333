"""Pages of the strategic assessment: the list, a run with its progress, charts and maps."""

from __future__ import annotations

import json

from crispy_forms_gds.helper import FormHelper
from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from cspmonitor.background import recover
from cspmonitor.crime.models import Assessment, financial_year_months
from cspmonitor.crime.presentation import AssessmentPage
from cspmonitor.crime.services import crime_store
from cspmonitor.partnership.access import can_edit_registry, partnership_view


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
    context = {
        "partnership": partnership,
        "access": access,
        "years": years,
        "form": form,
        "assessments": partnership.assessments.all()[:20],
    }
    return render(request, "crime/assessment_list.html", context, status=status)


@require_safe
@partnership_view()
def assessment_list(request, partnership, access):
    years = _years_held(partnership)
    return _list_page(request, partnership, access, RunForm(years=years), years)


@require_POST
@partnership_view(can_edit_registry)
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


def _assessment(partnership, pk) -> Assessment:
    return get_object_or_404(Assessment, pk=pk, partnership=partnership)


@require_safe
@partnership_view()
def assessment_detail(request, partnership, access, pk):
    assessment = _assessment(partnership, pk)
    recover(assessment)  # a run whose worker died is started again, or failed with a message
    page = AssessmentPage(assessment.result) if assessment.status == Assessment.Status.DONE else None
    return render(
        request,
        "crime/assessment.html",
        {"partnership": partnership, "access": access, "assessment": assessment, "page": page},
    )


@require_safe
@partnership_view()
def assessment_status(request, partnership, access, pk):
    assessment = _assessment(partnership, pk)
    recover(assessment)
    return JsonResponse(
        {
            "status": assessment.status,
            "progress": assessment.progress,
            "stage": assessment.stage,
            "error": assessment.error,
        }
    )


def _result(partnership, pk) -> dict:
    assessment = _assessment(partnership, pk)
    if assessment.status != Assessment.Status.DONE:
        raise Http404("The assessment has no result yet")
    return dict(assessment.result or {})


@require_safe
@partnership_view()
def assessment_json(request, partnership, access, pk):
    response = HttpResponse(json.dumps(_result(partnership, pk), indent=1), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="assessment-{pk}.json"'
    return response


@require_safe
@partnership_view()
def assessment_chart(request, partnership, access, pk, name):
    svg = _drawing(partnership, pk, f"chart:{name}")
    return HttpResponse(svg, content_type="image/svg+xml")


def _drawing(partnership, pk: int, name: str) -> str:
    """A chart or map layer kept with the assessment (drawn once, when it was computed)."""
    from cspmonitor.crime import drawings

    if name not in drawings.drawing_names():
        raise Http404("No such chart or map layer")
    # The result is loaded only when the drawing is missing and must be drawn now.
    assessment = get_object_or_404(Assessment.objects.defer("result"), pk=pk, partnership=partnership)
    if assessment.status != Assessment.Status.DONE:
        raise Http404("The assessment has no result yet")
    return drawings.drawing(assessment, name)


@require_safe
@partnership_view()
def assessment_map_layer(request, partnership, access, pk, layer):
    return HttpResponse(_drawing(partnership, pk, f"layer:{layer}"), content_type="application/json")
