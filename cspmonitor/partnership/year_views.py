"""The partnership's one "year in view": chosen once, shown in every page's header, changeable
from any page, and the year every page of plan, outputs, returns, wording and reports opens on."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from cspmonitor.partnership.access import partnership_view
from cspmonitor.periods import FinancialYear, PeriodError


def years_to_view(partnership) -> list[FinancialYear]:
    """The years the header offers: every year a plan covers, and the current one."""
    from cspmonitor.plans.services import plan_years  # plans builds on the registry, not the reverse

    current = FinancialYear.containing(timezone.localdate())
    return sorted({*plan_years(partnership), current, partnership.year()}, reverse=True)


@partnership_view("can_edit_plan")
@require_POST
def year_in_view(request, partnership, access):
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure()):
        back = partnership.get_absolute_url()
    try:
        year = FinancialYear.parse(request.POST.get("year", ""))
    except PeriodError:
        messages.error(request, "Select a financial year, like 2023-24")
        return redirect(back)
    partnership.year_in_view = year.label
    partnership.save(update_fields=["year_in_view"])
    messages.success(request, f"Every page now opens on {year.label}.")
    # The page opened again without its own ?year= or ?quarter=, so it shows the year chosen.
    return redirect(back.split("?")[0])
