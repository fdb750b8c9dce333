"""Pages: a partnership's members, inviting one, accepting an invitation, backup codes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from cspmonitor.members import services
from cspmonitor.members.forms import InviteForm, SetPasswordForm
from cspmonitor.members.models import Invitation, MemberEvent
from cspmonitor.partnership.access import partnership_view

SESSION_CODES = "members:new_backup_codes"


@partnership_view("can_manage_members")
@require_safe
def members(request, partnership, access):
    context = {
        "partnership": partnership,
        "memberships": partnership.memberships.select_related("user", "organisation").order_by("user__email"),
        "invitations": Invitation.objects.pending().filter(partnership=partnership),
        "events": MemberEvent.objects.filter(partnership=partnership).select_related("actor")[:50],
    }
    return render(request, "members/members.html", context)


@partnership_view("can_manage_members")
def invite(request, partnership, access):
    form = InviteForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invite(
                partnership,
                **form.cleaned_data,
                invited_by=request.user,
                link_for=lambda token: request.build_absolute_uri(reverse("members:accept", args=[token])),
            )
        except services.InvitationError as error:
            form.add_error("email", str(error))
        else:
            messages.success(request, f"An invitation was sent to {invitation.email}.")
            return redirect("members:members", partnership.slug)
    return render(request, "members/invite.html", {"partnership": partnership, "form": form})


@partnership_view("can_manage_members")
def reset_second_factor(request, partnership, access, user_id):
    membership = get_object_or_404(partnership.memberships.select_related("user"), user_id=user_id)
    if request.method == "POST":
        try:
            services.reset_second_factor(partnership, membership.user, actor=request.user)
        except services.InvitationError as error:
            return render(
                request, "members/reset.html", {"membership": membership, "refused": str(error)}, status=403
            )
        messages.success(
            request, f"{membership.user.email} will set up a new authenticator when they next sign in."
        )
        return redirect("members:members", partnership.slug)
    return render(request, "members/reset.html", {"partnership": partnership, "membership": membership})


def accept(request, token):
    invitation = services.find(token)
    if invitation is None:
        raise Http404("No such invitation")
    signed_in = request.user if request.user.is_authenticated else None
    form = SetPasswordForm(request.POST or None, email=invitation.email)
    error = (
        None if invitation.is_usable else "This invitation has expired or has been used. Ask for a new one."
    )
    if request.method == "POST" and not error and (signed_in or form.is_valid()):
        try:
            password = None if signed_in else form.cleaned_data["password1"]
            user = services.accept(invitation, password=password, user=signed_in)
        except services.InvitationError as refused:
            error = str(refused)
        else:
            if not signed_in:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            if services.needs_authenticator(invitation.role) and not services.has_backup_codes(user):
                setup = reverse("accounts:two_factor_setup")
                return redirect(f"{setup}?next={reverse('members:backup_codes')}")
            return redirect(invitation.partnership)
    context = {"invitation": invitation, "form": form, "error": error, "signed_in": signed_in}
    return render(
        request, "members/accept.html", context, status=410 if error and not invitation.is_usable else 200
    )


@login_required
def backup_codes(request):
    """Backup codes are shown once: kept in the session until the person says they saved them."""
    if request.method == "POST":
        if request.POST.get("action") == "done":
            request.session.pop(SESSION_CODES, None)
            return redirect("home")
        request.session[SESSION_CODES] = services.new_backup_codes(request.user)
        return redirect("members:backup_codes")
    codes = request.session.get(SESSION_CODES)
    if codes is None and not services.has_backup_codes(request.user):
        codes = request.session[SESSION_CODES] = services.new_backup_codes(request.user)
    return render(request, "members/backup_codes.html", {"codes": codes})


@require_safe
@login_required
def backup_codes_download(request):
    codes = request.session.get(SESSION_CODES)
    if not codes:
        raise Http404("The backup codes are shown only once; make new ones to download them.")
    text = "CSP Monitor backup codes for {}\nEach code works once.\n\n{}\n".format(
        request.user.email, "\n".join(codes)
    )
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="csp-monitor-backup-codes.txt"'
    response["Cache-Control"] = "no-store"
    return response


__all__ = ["accept", "backup_codes", "backup_codes_download", "invite", "members", "reset_second_factor"]
