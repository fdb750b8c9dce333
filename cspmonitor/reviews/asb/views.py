"""ASB Case Review pages: the worklist, the threshold screen, the forms, and the published figures.

Applications are OFFICIAL-SENSITIVE casework: only cleared roles signed in with two factors see
them, and to everyone else they do not exist (404). Administrators and officers change them;
a panel member reads them. The annual figures are counts for publication, open to every member.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from cspmonitor.accounts.audit import record_reads
from cspmonitor.accounts.models import AccessRecord
from cspmonitor.partnership.access import partnership_view
from cspmonitor.partnership.views import form_page
from cspmonitor.reviews.asb import figures as published
from cspmonitor.reviews.asb import services
from cspmonitor.reviews.asb.forms import ApplicationForm, ComplaintForm, DecisionForm, RecommendationForm
from cspmonitor.reviews.asb.models import CaseReviewApplication, Complaint, Recommendation


def _application(partnership, access, pk: int, *, edit: bool = False) -> CaseReviewApplication:
    """The application, or 404 to anyone not cleared to see it; 403 to a reader asked to edit."""
    if not access.cleared_for_sensitive:
        raise Http404("No such application")
    visible = CaseReviewApplication.objects.visible_to(access).select_related("area", "partnership")
    application = get_object_or_404(visible, pk=pk, partnership=partnership)
    if edit and not access.can_manage_asb_case_reviews:
        raise PermissionDenied
    return application


def _back(application: CaseReviewApplication) -> tuple[str, str]:
    return application.get_absolute_url(), f"Back to {application.reference}"


@partnership_view()
@require_safe
def application_list(request, partnership, access):
    applications: list[CaseReviewApplication] = []
    if access.cleared_for_sensitive:
        applications = list(
            CaseReviewApplication.objects.for_partnership(partnership)
            .visible_to(access)
            .select_related("area")
        )
        record_reads(request.user, partnership, applications, AccessRecord.What.LISTED, "list")
    return render(
        request,
        "asb/list.html",
        {
            "partnership": partnership,
            "access": access,
            "rows": services.worklist(applications),
            "can_edit": access.can_manage_asb_case_reviews,
        },
    )


@partnership_view("can_manage_asb_case_reviews")
def application_create(request, partnership, access):
    return form_page(
        request,
        partnership,
        ApplicationForm,
        CaseReviewApplication(partnership=partnership),
        title="Record an ASB Case Review application",
        success="Application {obj} was recorded.",
        back=(reverse("asb:list", args=[partnership.slug]), "Back to ASB Case Reviews"),
    )


def _threshold_screen(request, partnership, access, application, decision_form=None):
    ruleset = services.rule_set_for(application)
    result = services.threshold_result(application, ruleset)
    if decision_form is None and access.can_manage_asb_case_reviews:
        decision_form = DecisionForm(instance=application, partnership=partnership, result=result)
    complaints = list(application.complaints.select_related("agency"))
    return render(
        request,
        "asb/application.html",
        {
            "partnership": partnership,
            "access": access,
            "application": application,
            "ruleset": ruleset,
            "result": result,
            "complaints": list(zip(complaints, result.assessments, strict=True)),
            "clocks": services.clocks(application, ruleset),
            "recommendations": application.recommendations.select_related("owner"),
            "decision_form": decision_form,
            "can_edit": access.can_manage_asb_case_reviews,
        },
    )


@partnership_view()
@require_safe
def application_detail(request, partnership, access, pk):
    application = _application(partnership, access, pk)
    record_reads(request.user, partnership, [application], AccessRecord.What.VIEWED, "threshold")
    return _threshold_screen(request, partnership, access, application)


@partnership_view()
def decision(request, partnership, access, pk):
    application = _application(partnership, access, pk, edit=True)
    if request.method != "POST":
        return _threshold_screen(request, partnership, access, application)
    form = DecisionForm(
        request.POST,
        instance=application,
        partnership=partnership,
        result=services.threshold_result(application),
    )
    if form.is_valid():
        form.save()
        messages.success(request, f"The threshold decision for {application.reference} was recorded.")
        return redirect(application)
    return _threshold_screen(request, partnership, access, application, decision_form=form)


@partnership_view()
def application_edit(request, partnership, access, pk):
    application = _application(partnership, access, pk, edit=True)
    return form_page(
        request,
        partnership,
        ApplicationForm,
        application,
        title=f"Change application {application.reference}",
        success="Application {obj} was updated.",
        back=_back(application),
    )


@partnership_view()
def complaint_create(request, partnership, access, pk):
    application = _application(partnership, access, pk, edit=True)
    return form_page(
        request,
        partnership,
        ComplaintForm,
        Complaint(application=application),
        title=f"Add a complaint to {application.reference}",
        success="The complaint was added.",
        back=_back(application),
    )


@partnership_view()
def complaint_edit(request, partnership, access, pk, item):
    application = _application(partnership, access, pk, edit=True)
    complaint = get_object_or_404(Complaint, pk=item, application=application)
    return form_page(
        request,
        partnership,
        ComplaintForm,
        complaint,
        title=f"Change a complaint of {application.reference}",
        success="The complaint was updated.",
        back=_back(application),
    )


@partnership_view()
def recommendation_create(request, partnership, access, pk):
    application = _application(partnership, access, pk, edit=True)
    return form_page(
        request,
        partnership,
        RecommendationForm,
        Recommendation(application=application),
        title=f"Add a recommendation to {application.reference}",
        success="The recommendation was added.",
        back=_back(application),
    )


@partnership_view()
def recommendation_edit(request, partnership, access, pk, item):
    application = _application(partnership, access, pk, edit=True)
    recommendation = get_object_or_404(Recommendation, pk=item, application=application)
    return form_page(
        request,
        partnership,
        RecommendationForm,
        recommendation,
        title=f"Change a recommendation of {application.reference}",
        success="The recommendation was updated.",
        back=_back(application),
    )


@partnership_view()
@require_safe
def figures(request, partnership, access):
    year = published.chosen_year(partnership, request.GET.get("year"))
    return render(
        request,
        "asb/figures.html",
        {
            "partnership": partnership,
            "access": access,
            "year": year,
            "years": sorted({year, *published.years_with_applications(partnership)}, reverse=True),
            "figures": published.annual_figures(partnership, year),
            "counting_rules": published.COUNTING_RULES,
        },
    )


@partnership_view()
@require_safe
def figures_csv(request, partnership, access):
    year = published.chosen_year(partnership, request.GET.get("year"))
    table = published.FiguresTable(partnership, published.annual_figures(partnership, year))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{table.filename()}"'
    published.write_csv(table, response)
    return response
