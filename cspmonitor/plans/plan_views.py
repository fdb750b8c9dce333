"""Pages for making a plan, changing it, and refreshing it for each year it covers."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from cspmonitor.partnership.access import partnership_view
from cspmonitor.periods import FinancialYear, PeriodError
from cspmonitor.plans import planning
from cspmonitor.plans.models import Plan
from cspmonitor.plans.plan_forms import PlanForm, RefreshForm


def _plan(partnership, pk) -> Plan:
    return get_object_or_404(
        Plan.objects.select_related("assessment", "adopted_by"), pk=pk, partnership=partnership
    )


@partnership_view()
@require_safe
def plan_list(request, partnership, access):
    plans = partnership.plans.select_related("assessment").prefetch_related("refreshes")
    context = {"partnership": partnership, "access": access, "plans": plans}
    return render(request, "plans/plans.html", context)


@partnership_view()
@require_safe
def plan_detail(request, partnership, access, pk):
    plan = _plan(partnership, pk)
    refreshed = {refresh.year: refresh for refresh in plan.refreshes.prefetch_related("carried")}
    years = [(year, refreshed.get(year.label)) for year in plan.financial_years()]
    context = {
        "partnership": partnership,
        "access": access,
        "plan": plan,
        "years": years,
        "priorities": plan.priorities.select_related("lead_organisation"),
    }
    return render(request, "plans/plan.html", context)


def _plan_form(request, partnership, instance, title):
    form = PlanForm(request.POST or None, instance=instance, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        plan = form.save(commit=False)
        plan.partnership = partnership
        if form.cleaned_data.get("start_from_last"):
            plan.started_from = form.last_plan
        plan.save()
        if plan.started_from is not None and instance is None:
            planning.start_from(plan, plan.started_from)
        messages.success(request, f"{plan} was {'changed' if instance else 'made'}.")
        return redirect(plan)
    back = (reverse("plans:plans", args=[partnership.slug]), "Back to the plans")
    context = {"partnership": partnership, "form": form, "title": title, "back": back}
    return render(request, "partnership/form_page.html", context)


@partnership_view("can_edit_plan")
def plan_create(request, partnership, access):
    return _plan_form(request, partnership, None, "Make a partnership plan")


@partnership_view("can_edit_plan")
def plan_edit(request, partnership, access, pk):
    plan = _plan(partnership, pk)
    return _plan_form(request, partnership, plan, f"Change {plan}")


@partnership_view("can_edit_plan")
def plan_refresh(request, partnership, access, pk, year):
    plan = _plan(partnership, pk)
    try:
        chosen = FinancialYear.parse(year)
    except PeriodError:
        raise Http404("No such year") from None
    if not plan.covers(chosen) or chosen.first_year == plan.first_year:
        raise Http404("The plan is refreshed for each of its years after the first")
    if plan.refreshes.filter(year=chosen.label).exists():
        messages.info(request, f"{plan} was already refreshed for {chosen.label}.")
        return redirect(plan)
    form = RefreshForm(request.POST or None, plan=plan, year=chosen)
    if request.method == "POST" and form.is_valid():
        refresh = form.save()
        carried = refresh.carried.count()
        actions = f"{carried} action{'' if carried == 1 else 's'}"
        messages.success(request, f"{plan} was refreshed for {chosen.label}: {actions} carried on.")
        return redirect(plan)
    context = {"partnership": partnership, "access": access, "plan": plan, "year": chosen, "form": form}
    return render(request, "plans/refresh.html", context)
