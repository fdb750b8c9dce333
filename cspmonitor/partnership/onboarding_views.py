"""Pages for a site administrator to start a partnership from the ONS list."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from cspmonitor.analysis.geography import ReferenceDataError
from cspmonitor.partnership import onboarding
from cspmonitor.partnership.onboarding_forms import ProposalForm, SearchForm


def site_administrator(view):
    """Only site administrators (superusers, who sign in with two factors) may start one."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@site_administrator
def choose(request):
    form = SearchForm(request.GET or None)
    results = onboarding.search(form.cleaned_data["q"]) if form.is_valid() else []
    return render(request, "partnership/onboarding_choose.html", {"form": form, "results": results})


@site_administrator
def confirm(request, ons_code):
    try:
        proposal = onboarding.propose(ons_code)
    except onboarding.OnboardingError as error:
        context = {"form": SearchForm(), "results": [], "refused": str(error)}
        return render(request, "partnership/onboarding_choose.html", context, status=409)
    form = ProposalForm(request.POST or None, proposal=proposal)
    if request.method == "POST" and form.is_valid():
        try:
            partnership = onboarding.create(form.corrected(), administrator=request.user)
        except (onboarding.OnboardingError, ReferenceDataError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{partnership.name} was created. You are its administrator.")
            return redirect(partnership)
    return render(request, "partnership/onboarding_confirm.html", {"form": form, "proposal": proposal})
