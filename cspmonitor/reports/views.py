"""Pages for generating reports, following their progress, downloading and comparing versions."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_POST, require_safe

from cspmonitor.accounts.audit import record_reads
from cspmonitor.accounts.models import AccessRecord, Classification
from cspmonitor.background import recover
from cspmonitor.crime.models import Assessment
from cspmonitor.partnership.access import partnership_view
from cspmonitor.periods import quarter_choices
from cspmonitor.plans.services import plan_years
from cspmonitor.reports import services
from cspmonitor.reports.forms import GenerateForm
from cspmonitor.reports.models import GeneratedReport


def _form(partnership, access, data=None) -> GenerateForm:
    editions = [
        (value, label)
        for value, label in GeneratedReport.Edition.choices
        if value == GeneratedReport.Edition.PUBLIC or access.can_see(Classification.OFFICIAL_SENSITIVE)
    ]
    years = plan_years(partnership)
    quarters = quarter_choices(years[-1], years[0]) if years else []
    done = Assessment.objects.filter(partnership=partnership, status=Assessment.Status.DONE)
    assessed = done.visible_to(access)
    return GenerateForm(
        data,
        initial={"year": partnership.year().label},  # the year in view
        years=[year.label for year in years],
        quarters=quarters,
        assessed_years=sorted(set(assessed.values_list("year", flat=True))),
        editions=editions,
    )


def _list(request, partnership, access, form, status=200):
    reports = GeneratedReport.objects.filter(partnership=partnership).visible_to(access).defer("file", "text")
    context = {"partnership": partnership, "access": access, "form": form, "reports": reports[:50]}
    return render(request, "reports/list.html", context, status=status)


@partnership_view()
@require_safe
def report_list(request, partnership, access):
    return _list(
        request, partnership, access, _form(partnership, access) if access.can_generate_report else None
    )


@partnership_view("can_generate_report")  # outermost: strangers learn nothing, not even the method
@require_POST
def report_generate(request, partnership, access):
    form = _form(partnership, access, request.POST)
    if not form.is_valid():
        return _list(request, partnership, access, form, status=400)
    from cspmonitor.reports import tasks  # the writers load only when work starts

    report = services.start(
        partnership,
        kind=form.cleaned_data["kind"],
        year=form.period,
        edition=form.cleaned_data["edition"],
        file_format=form.cleaned_data["format"],
        user=request.user,
    )
    tasks.generate_report.enqueue(report.pk)
    messages.success(request, f"The {report} is being generated.")
    return redirect(report)


def _report(partnership, access, pk) -> GeneratedReport:
    report = get_object_or_404(GeneratedReport.objects.defer("file"), pk=pk, partnership=partnership)
    if not access.can_see(report.classification):
        raise Http404("No such report")
    return report


@partnership_view()
@require_safe
def report_detail(request, partnership, access, pk):
    report = _report(partnership, access, pk)
    recover(report)  # a report whose worker died is started again, or failed with a message
    others = (
        GeneratedReport.objects.filter(
            partnership=partnership, kind=report.kind, status=GeneratedReport.Status.DONE
        )
        .visible_to(access)
        .exclude(pk=report.pk)
        .defer("file", "text")
    )
    record_reads(request.user, partnership, [report], AccessRecord.What.VIEWED, "report page")
    context = {"partnership": partnership, "access": access, "report": report, "others": others}
    return render(request, "reports/report.html", context)


@partnership_view()
@require_safe
def report_status(request, partnership, access, pk):
    report = _report(partnership, access, pk)
    recover(report)
    return JsonResponse(
        {"status": report.status, "progress": report.progress, "stage": report.stage, "error": report.error}
    )


@partnership_view()
@require_safe
def report_download(request, partnership, access, pk):
    report = _report(partnership, access, pk)
    if report.status != GeneratedReport.Status.DONE:
        raise Http404("The report is not ready")
    response = HttpResponse(bytes(GeneratedReport.objects.values_list("file", flat=True).get(pk=report.pk)))
    response["Content-Type"] = report.media_type
    response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
    record_reads(request.user, partnership, [report], AccessRecord.What.DOWNLOADED, report.filename[:100])
    return response


# The web edition is a whole page of our own making, styled by its own <style> element and
# showing charts as data: images; nothing in it runs or loads from elsewhere.
@csp_override({"default-src": [CSP.NONE], "style-src": [CSP.UNSAFE_INLINE], "img-src": ["data:"]})
@partnership_view()
@require_safe
def report_read(request, partnership, access, pk):
    report = _report(partnership, access, pk)
    if report.status != GeneratedReport.Status.DONE or report.format != GeneratedReport.Format.HTML:
        raise Http404("Only a finished web-page edition can be read here")
    html = bytes(GeneratedReport.objects.values_list("file", flat=True).get(pk=report.pk))
    record_reads(request.user, partnership, [report], AccessRecord.What.VIEWED, "web edition")
    return HttpResponse(html, content_type=report.media_type)


@partnership_view()
@require_safe
def report_compare(request, partnership, access, pk, other):
    report, earlier = _report(partnership, access, pk), _report(partnership, access, other)
    older, newer = sorted([report, earlier], key=lambda r: (r.created_at, r.pk))
    record_reads(request.user, partnership, [older, newer], AccessRecord.What.VIEWED, "comparison")
    context = {
        "partnership": partnership,
        "report": report,
        "older": older,
        "newer": newer,
        "diff": services.compare(older, newer),
    }
    return render(request, "reports/compare.html", context)
