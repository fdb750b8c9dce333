"""Signing in and out, two-factor sign-in, and password reset."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login

from cspmonitor.accounts import two_factor
from cspmonitor.accounts.forms import (
    GdsPasswordResetForm,
    GdsSetPasswordForm,
    SignInForm,
    TokenForm,
)


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return reverse("home")


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    pass


@login_required
def two_factor_verify(request):
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not two_factor.has_confirmed_device(request.user):
        return redirect("accounts:two_factor_setup")
    form = TokenForm(request.POST or None, verify=lambda token: two_factor.verify(request.user, token))
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        return redirect(_next_url(request))
    return render(request, "accounts/two_factor.html", {"form": form, "next": _next_url(request)})


@login_required
def two_factor_setup(request):
    """Set up an authenticator app: the first one straight after the password, or a new one
    replacing the old once the person has signed in with their second factor."""
    verified = request.user.is_verified()
    if not two_factor.may_set_up(request.user, verified):
        # A password alone must not enrol a device for someone who already has a second factor.
        return redirect(f"{reverse('accounts:two_factor')}?next={quote(request.path)}")
    device = two_factor.pending_totp_device(request)
    form = TokenForm(
        request.POST or None, verify=lambda token: device if device.verify_token(token) else None
    )
    form.fields["token"].help_text = "The 6-digit code your authenticator app shows now."
    if request.method == "POST" and form.is_valid():
        event = two_factor.enrol(request, device)
        messages.success(request, f"{event.get_what_display()}. We have emailed you about it.")
        return redirect(_next_url(request))
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "next": _next_url(request),
            "replacing": verified,
            "qr_code": two_factor.qr_code_svg(device),
            "secret": two_factor.secret_for_manual_entry(device),
        },
    )


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    form_class = GdsPasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = GdsSetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
