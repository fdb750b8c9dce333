"""Send anyone who may see OFFICIAL-SENSITIVE material through two-factor sign-in."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from cspmonitor.accounts.two_factor import has_confirmed_device

# Pages a half-signed-in person still needs: the second step itself, signing out,
# and the pages every visitor may read.
_OPEN_URL_NAMES = (
    "accounts:two_factor",
    "accounts:two_factor_setup",
    "accounts:sign_out",
    "accessibility",
    "cookies",
)


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and user.needs_two_factor
            and not self._is_open(request.path)
        ):
            step = "accounts:two_factor" if has_confirmed_device(user) else "accounts:two_factor_setup"
            return redirect(f"{reverse(step)}?next={request.get_full_path()}")
        return self.get_response(request)

    @staticmethod
    def _is_open(path: str) -> bool:
        if path.startswith((settings.STATIC_URL, "/assets/")):
            return True
        return any(path == reverse(name) for name in _OPEN_URL_NAMES)
