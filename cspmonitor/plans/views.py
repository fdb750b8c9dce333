"""Pages of the plan: the action plan at a glance, priorities, actions, updates, history."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from cspmonitor.accounts.audit import record_reads
from cspmonitor.accounts.models import AccessRecord, Classification
from cspmonitor.accounts.permissions import download_clearance
from cspmonitor.partnership.access import partnership_view
from cspmonitor.partnership.views import form_page
from cspmonitor.plans import charts, exports, services
from cspmonitor.plans.classification import declassifications, declassify
from cspmonitor.plans.forms import ActionForm, DeclassifyForm, ObjectiveForm, PriorityForm, ProgressUpdateForm
from cspmonitor.plans.history import changes as history_of
from cspmonitor.plans.models import Action, Objective, Plan, Priority


def _page(request, template, partnership, access, **context):
    return render(request, template, {"partnership": partnership, "access": access, **context})


@partnership_view()
@require_safe
def dashboard(request, partnership, access):
    year = services.chosen_year(partnership, request.GET.get("year"))
    plan = services.action_plan(partnership, year, access)
    return _page(
        request,
        "plans/dashboard.html",
        partnership,
        access,
        year=year,
        years=services.plan_years(partnership),
        plan=plan,
        export_tables=exports.TABLE_SLUGS,
    )


@partnership_view()
@require_safe
def dashboard_chart(request, partnership, access):
    year = services.chosen_year(partnership, request.GET.get("year"))
    return HttpResponse(
        charts.action_plan(services.action_plan(partnership, year, access)), content_type="image/svg+xml"
    )


def _priority(partnership, pk) -> Priority:
    return get_object_or_404(
        Priority.objects.select_related("lead_organisation", "adopted_by", "plan"),
        pk=pk,
        plan__partnership=partnership,
    )


@partnership_view()
@require_safe
def priority_detail(request, partnership, access, pk):
    priority = _priority(partnership, pk)
    outputs = services.outputs_for(priority, access)
    shown = [output for group in outputs for output in group.items]
    record_reads(request.user, partnership, shown, AccessRecord.What.LISTED, "priority")
    _svg, chart_rows = charts.outputs_over_time(outputs)
    return _page(
        request,
        "plans/priority.html",
        partnership,
        access,
        priority=priority,
        objectives=services.objectives_with_actions(priority, access),
        outputs=outputs,
        chart_rows=chart_rows,
    )


@partnership_view()
@require_safe
def priority_chart(request, partnership, access, pk):
    svg, _rows = charts.outputs_over_time(services.outputs_for(_priority(partnership, pk), access))
    if not svg:
        raise Http404("No outputs to chart")
    return HttpResponse(svg, content_type="image/svg+xml")


def _form(request, partnership, form_class, instance, *, title: str, success: str):
    """A plan form page whose back link returns to the record, or to the action plan."""
    if instance is not None and instance.pk:
        back = (instance.get_absolute_url(), "Back")
    else:
        back = (reverse("plans:dashboard", args=[partnership.slug]), "Back to the action plan")
    return form_page(request, partnership, form_class, instance, title=title, success=success, back=back)


def _plan_for(request, partnership) -> Plan | None:
    """The plan a new priority joins: the one asked for (?plan=), else the latest."""
    plans = partnership.plans.all()
    asked = request.GET.get("plan", "")
    return (plans.filter(pk=int(asked)).first() if asked.isdigit() else None) or plans.first()


@partnership_view("can_edit_plan")
def priority_create(request, partnership, access):
    plan = _plan_for(request, partnership)
    if plan is None:
        messages.info(request, "Make the partnership's plan first; its priorities are added to it.")
        return redirect("plans:plan_create", partnership.slug)
    priority = Priority(plan=plan)
    return _form(
        request, partnership, PriorityForm, priority, title="Add a priority", success="{obj} was added."
    )


@partnership_view("can_edit_plan")
def priority_edit(request, partnership, access, pk):
    priority = _priority(partnership, pk)
    return _form(
        request, partnership, PriorityForm, priority, title=f"Change {priority}", success="{obj} was updated."
    )


@partnership_view("can_edit_plan")
def objective_create(request, partnership, access):
    return _form(
        request,
        partnership,
        ObjectiveForm,
        None,
        title="Add an objective or workstream",
        success="{obj} was added.",
    )


@partnership_view("can_edit_plan")
def objective_edit(request, partnership, access, pk):
    objective = get_object_or_404(Objective, pk=pk, priority__plan__partnership=partnership)
    return _form(
        request,
        partnership,
        ObjectiveForm,
        objective,
        title=f"Change {objective}",
        success="{obj} was updated.",
    )


def _action(partnership, pk, access) -> Action:
    """The action, or 404 when it is not the partnership's or ``access`` may not see it (an action
    following a restricted review is OFFICIAL-SENSITIVE: plans.classification)."""
    return get_object_or_404(
        Action.objects.visible_to(access).select_related("objective__priority__plan", "lead_organisation"),
        pk=pk,
        objective__priority__plan__partnership=partnership,
    )


@partnership_view()
@require_safe
def action_detail(request, partnership, access, pk):
    action = _action(partnership, pk, access)
    record_reads(request.user, partnership, [action], AccessRecord.What.VIEWED, "action")
    return _page(
        request,
        "plans/action.html",
        partnership,
        access,
        action=action,
        updates=action.updates.select_related("written_by"),
        can_update=access.acts_for(action.lead_organisation_id),
        declassified=declassifications(action).first(),
    )


@partnership_view("can_declassify")
def action_declassify(request, partnership, access, pk):
    """An officer records that an action following a restricted review may be OFFICIAL, and why."""
    action = _action(partnership, pk, access)
    if action.classification == Classification.OFFICIAL:
        raise Http404("The action is not restricted")
    form = DeclassifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        declassify(action, request.user, form.cleaned_data["reason"], partnership)
        messages.success(request, f"{action} is now OFFICIAL. Your reason was recorded.")
        return redirect(action)
    return _page(request, "plans/declassify.html", partnership, access, form=form, action=action)


@partnership_view("can_edit_plan")
def action_create(request, partnership, access):
    return _form(request, partnership, ActionForm, None, title="Add an action", success="{obj} was added.")


@partnership_view("can_edit_plan")
def action_edit(request, partnership, access, pk):
    action = _action(partnership, pk, access)
    return _form(
        request, partnership, ActionForm, action, title=f"Change {action}", success="{obj} was updated."
    )


@partnership_view()
def update_create(request, partnership, access, pk):
    action = _action(partnership, pk, access)
    if not access.acts_for(action.lead_organisation_id):
        raise PermissionDenied
    form = ProgressUpdateForm(
        request.POST or None,
        partnership=partnership,
        action=action,
        initial={"period": request.GET.get("quarter")},
    )
    if request.method == "POST" and form.is_valid():
        form.instance.written_by = request.user
        update = form.save()
        messages.success(request, f"The update for {update.quarter.long_label} was saved.")
        return redirect(action)
    return _page(request, "plans/update_form.html", partnership, access, form=form, action=action)


@partnership_view("can_see_history")
@require_safe
def action_history(request, partnership, access, pk):
    action = _action(partnership, pk, access)
    return _page(
        request, "plans/history.html", partnership, access, action=action, changes=history_of(action)
    )


@partnership_view()
@require_safe
def changes(request, partnership, access):
    quarter = services.chosen_quarter(partnership, request.GET.get("quarter"))
    found = services.quarter_changes(partnership, quarter, access)
    shown = [*found.missing, *{u.action for u in found.updates}]
    shown += [output for group in found.outputs for output in group.items]
    record_reads(request.user, partnership, shown, AccessRecord.What.LISTED, "what changed")
    return _page(
        request,
        "plans/changes.html",
        partnership,
        access,
        changes=found,
        previous=quarter.previous(),
        following=quarter.next(),
    )


@partnership_view()
@require_safe
def export_csv(request, partnership, access, table):
    year = services.chosen_year(partnership, request.GET.get("year"))
    try:
        clearance = download_clearance(request, access)
        chosen = exports.table(table, partnership, year, clearance.visible_classifications())
    except LookupError:
        raise Http404("No such table") from None
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{chosen.filename()}"'
    exports.write_csv(chosen, response)
    if clearance is access:  # restricted rows were asked for: each one in the file is logged
        restricted = [
            r
            for r in chosen.records()
            if getattr(r, "classification", "") == Classification.OFFICIAL_SENSITIVE
        ]
        record_reads(request.user, partnership, restricted, AccessRecord.What.DOWNLOADED, chosen.filename())
    return response
