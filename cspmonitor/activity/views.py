"""Pages for outputs, the support services directory and quarterly returns."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from cspmonitor.accounts.audit import record_reads
from cspmonitor.accounts.models import AccessRecord
from cspmonitor.activity import returns
from cspmonitor.activity.forms import ReturnChoiceForm, ReturnUploadForm, output_form
from cspmonitor.activity.models import Output, PartnerReturn, SupportService, output_kind
from cspmonitor.activity.returns_upload import apply_return, pending_change, upload_return
from cspmonitor.activity.returns_workbook import CONTENT_TYPE, build_workbook, filename
from cspmonitor.partnership.access import partnership_view
from cspmonitor.periods import FinancialYear, PeriodError, Quarter


def _log_listed(request, partnership, outputs, page: str) -> None:
    """Each OFFICIAL-SENSITIVE output shown in a list goes to the one access log."""
    record_reads(request.user, partnership, outputs, AccessRecord.What.LISTED, page)


def _kind(slug: str) -> type[Output]:
    try:
        return output_kind(slug)
    except LookupError:
        raise Http404("No such kind of output") from None


@partnership_view()
@require_safe
def outputs(request, partnership, access):
    years, year = returns.year_choices(partnership, access, request.GET.get("year"))
    groups = returns.outputs_by_kind(partnership, access, year)
    _log_listed(request, partnership, [row.output for group in groups for row in group.rows], "outputs")
    context = {
        "partnership": partnership,
        "access": access,
        "years": years,
        "year": year,
        "groups": groups,
    }
    return render(request, "activity/outputs.html", context)


@partnership_view()
@require_safe
def services(request, partnership, access):
    found = returns.support_services(partnership, access)
    _log_listed(request, partnership, list(found), "services")
    rows = returns.group_outputs(SupportService, found, access)
    context = {"partnership": partnership, "access": access, "rows": rows.rows}
    return render(request, "activity/services.html", context)


def _from_return(request, partnership, access) -> tuple | None:
    """The return a create or change page was opened from (?organisation=…&quarter=…), if any."""
    try:
        organisation = partnership.organisations.get(pk=int(request.GET["organisation"]))
        quarter = returns.quarter_from_slug(request.GET["quarter"])
    except (KeyError, ValueError, PeriodError, partnership.organisations.model.DoesNotExist):
        return None
    return (organisation, quarter) if access.acts_for(organisation.pk) else None


def _edit_output(request, partnership, access, model, instance):
    came_from = _from_return(request, partnership, access)
    if came_from:
        organisation, quarter = came_from
        back = reverse(
            "activity:return", args=[partnership.slug, organisation.pk, returns.quarter_slug(quarter)]
        )
        initial = {"organisation": organisation.pk, "period_start": quarter.start, "period_end": quarter.end}
    else:
        year = FinancialYear.containing(instance.period_end) if instance else None
        back = reverse("activity:outputs", args=[partnership.slug]) + (f"?year={year}" if year else "")
        initial = {}
    form = output_form(model)(
        request.POST if request.method == "POST" else None,
        instance=instance,
        initial=None if instance else initial,
        partnership=partnership,
        organisations=access.organisations_acted_for(partnership),
    )
    if request.method == "POST" and form.is_valid():
        output = form.save()
        messages.success(request, f"“{output}” was {'changed' if instance else 'recorded'}.")
        return redirect(back)
    title = f"Change {instance}" if instance else f"Record {model.kind_label}"
    context = {"partnership": partnership, "form": form, "model": model, "title": title, "back": back}
    return render(request, "activity/output_form.html", context)


@partnership_view("can_record_activity")
def output_create(request, partnership, access, kind):
    return _edit_output(request, partnership, access, _kind(kind), None)


def _own_output(partnership, access, kind, pk) -> Output:
    output = get_object_or_404(_kind(kind).objects.for_partnership(partnership), pk=pk)
    if not access.can_see(output.classification):
        raise Http404("No such output")
    if not access.acts_for(output.organisation_id):
        raise PermissionDenied
    return output


@partnership_view()
def output_edit(request, partnership, access, kind, pk):
    output = _own_output(partnership, access, kind, pk)
    record_reads(request.user, partnership, [output], AccessRecord.What.VIEWED, "output form")
    return _edit_output(request, partnership, access, type(output), output)


@partnership_view()
def output_delete(request, partnership, access, kind, pk):
    output = _own_output(partnership, access, kind, pk)
    came_from = _from_return(request, partnership, access)
    if came_from:
        organisation, quarter = came_from
        back = reverse(
            "activity:return", args=[partnership.slug, organisation.pk, returns.quarter_slug(quarter)]
        )
    else:
        year = FinancialYear.containing(output.period_end)
        back = reverse("activity:outputs", args=[partnership.slug]) + f"?year={year}"
    if request.method == "POST":
        output.delete()  # the history keeps its last version, and who deleted it
        messages.success(request, f"“{output.headline()}” was deleted.")
        return redirect(back)
    context = {"partnership": partnership, "output": output, "back": back}
    return render(request, "activity/output_delete.html", context)


@partnership_view("can_record_activity")
@require_safe
def returns_start(request, partnership, access):
    quarters = returns.return_quarters(partnership)
    form = ReturnChoiceForm(
        request.GET or None,
        organisations=access.organisations_acted_for(partnership),
        quarters=quarters,
        initial={"quarter": returns.default_quarter(quarters, partnership.year())},
    )
    if form.is_valid():
        return redirect(
            "activity:return",
            partnership.slug,
            form.cleaned_data["organisation"],
            form.cleaned_data["quarter"],
        )
    return render(request, "activity/returns.html", {"partnership": partnership, "form": form})


def _the_return(partnership, access, org: int, quarter: str) -> tuple:
    organisation = get_object_or_404(partnership.organisations, pk=org)
    try:
        period = returns.quarter_from_slug(quarter)
    except PeriodError:
        raise Http404("No such quarter") from None
    if not access.acts_for(organisation.pk):
        raise PermissionDenied
    return organisation, period


def _return_page(request, partnership, access, organisation, quarter: Quarter, form, status=200):
    context = {
        "partnership": partnership,
        "access": access,
        "the_return": returns.quarterly_return(partnership, access, organisation, quarter),
        "change_query": f"?organisation={organisation.pk}&quarter={returns.quarter_slug(quarter)}",
        "form": form,
    }
    return render(request, "activity/return.html", context, status=status)


@partnership_view("can_record_activity")
@require_safe
def return_detail(request, partnership, access, org, quarter):
    organisation, period = _the_return(partnership, access, org, quarter)
    return _return_page(request, partnership, access, organisation, period, ReturnUploadForm())


@partnership_view("can_record_activity")
@require_safe
def return_template(request, partnership, access, org, quarter):
    organisation, period = _the_return(partnership, access, org, quarter)
    response = HttpResponse(build_workbook(partnership, organisation, period), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename(organisation, period)}"'
    return response


@partnership_view("can_record_activity")
@require_POST
def return_upload(request, partnership, access, org, quarter):
    organisation, period = _the_return(partnership, access, org, quarter)
    form = ReturnUploadForm(request.POST, request.FILES)
    if form.is_valid():
        result = upload_return(
            form.cleaned_data["file"],
            partnership=partnership,
            organisation=organisation,
            quarter=period,
            user=request.user,
        )
        if result.pending:
            return redirect(
                "activity:return_confirm", partnership.slug, organisation.pk, returns.quarter_slug(period)
            )
        if not result.errors:
            messages.success(request, result.message)
            return redirect(
                "activity:return", partnership.slug, organisation.pk, returns.quarter_slug(period)
            )
        for error in result.errors:
            form.add_error("file", error)
    return _return_page(request, partnership, access, organisation, period, form, status=400)


@partnership_view("can_record_activity")
def return_confirm(request, partnership, access, org, quarter):
    """What a second upload of a return changes; the partner replaces the return or keeps it."""
    organisation, period = _the_return(partnership, access, org, quarter)
    back = reverse("activity:return", args=[partnership.slug, organisation.pk, returns.quarter_slug(period)])
    record = PartnerReturn.objects.filter(organisation=organisation, quarter=period.label).first()
    if record is None or record.pending_file is None:
        return redirect(back)
    checked, change = pending_change(record, partnership=partnership)
    if request.method == "POST":
        if request.POST.get("decision") == "apply" and change is not None:
            messages.success(request, apply_return(checked, request.user, record).message)
        else:
            record.release()
            messages.info(request, "The new upload was discarded; the return stays as it was.")
        return redirect(back)
    context = {"partnership": partnership, "record": record, "change": change, "errors": checked.errors}
    context["back"] = back
    return render(request, "activity/return_confirm.html", context)


@partnership_view("can_record_activity")
@require_POST
def return_withdraw(request, partnership, access, org, quarter):
    """Withdraw the partner's own OFFICIAL-SENSITIVE outputs for the quarter, which it cannot see."""
    organisation, period = _the_return(partnership, access, org, quarter)
    withdrawn = returns.withdraw_withheld(partnership, access, organisation, period)
    messages.success(
        request, f"{withdrawn} OFFICIAL-SENSITIVE output{'' if withdrawn == 1 else 's'} withdrawn."
    )
    return redirect("activity:return", partnership.slug, organisation.pk, returns.quarter_slug(period))
