"""Pages for the wording of reports: each section's text at a glance, editing it, and its history.

Only those who may change the plan (administrators and officers) see these pages.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from cspmonitor.partnership.access import partnership_view
from cspmonitor.periods import FinancialYear
from cspmonitor.plans.services import default_year, plan_years
from cspmonitor.reports import narrative
from cspmonitor.reports.narrative_forms import SectionTextForm


def _chosen_year(partnership, label: str | None) -> FinancialYear | None:
    """The plan year asked for, else the year in view, else the latest plan year."""
    years = plan_years(partnership)
    by_label = {year.label: year for year in years}
    return (
        by_label.get(label or "") or by_label.get(default_year(partnership).label) or next(iter(years), None)
    )


def _year(partnership, label: str) -> FinancialYear:
    year = next((y for y in plan_years(partnership) if y.label == label), None)
    if year is None:
        raise Http404("The partnership's plan does not cover that year")
    return year


def _section(slug: str) -> narrative.Section:
    found = narrative.section(slug)
    if found is None:
        raise Http404("No such section")
    return found


def _page(request, template, partnership, **context):
    return render(request, template, {"partnership": partnership, **context})


@partnership_view("can_edit_report_text")
@require_safe
def text_overview(request, partnership, access):
    year = _chosen_year(partnership, request.GET.get("year"))
    sections = narrative.overview(partnership, year.label) if year else []
    years = plan_years(partnership)
    return _page(request, "reports/text.html", partnership, year=year, years=years, sections=sections)


@partnership_view("can_edit_report_text")
def text_edit(request, partnership, access, year, section):
    year, section = _year(partnership, year), _section(section)
    saved = narrative.narrative_for(partnership, year.label)
    form = SectionTextForm(request.POST or None, section=section, saved=saved)
    if request.method == "POST" and form.is_valid():
        changed = narrative.save(partnership, year.label, form.values(), user=request.user)
        outcome = "your changes were saved" if changed else "nothing had changed"
        messages.success(request, f"{section.title}: {outcome}.")
        return redirect(f"{reverse('reports:text', args=[partnership.slug])}?year={year.label}")
    return _page(request, "reports/text_edit.html", partnership, year=year, section=section, form=form)


@partnership_view("can_edit_report_text")
@require_safe
def text_history(request, partnership, access, year, section):
    year, section = _year(partnership, year), _section(section)
    changes = narrative.section_history(partnership, year.label, section)
    return _page(
        request, "reports/text_history.html", partnership, year=year, section=section, changes=changes
    )
