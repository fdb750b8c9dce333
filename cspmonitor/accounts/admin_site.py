"""The Django admin, closed to everyone but site administrators signed in with two factors.

The admin shows every partnership's records and people, so a partnership's own administrator
(a role in one partnership) has no way in; nor has a staff flag on its own. The admin's own
sign-in form is not offered: people sign in once, on the site's sign-in page, with its
lock-out and second step.
"""

from __future__ import annotations

from functools import update_wrapper

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django_otp.admin import OTPAdminSite


class SiteAdministratorAdminSite(OTPAdminSite):
    site_header = "CSP Monitor administration"
    site_title = "CSP Monitor"

    def has_permission(self, request) -> bool:
        user = request.user
        return bool(user.is_authenticated and user.is_site_administrator and user.is_verified())

    def admin_view(self, view, cacheable=False):
        admin_view = super().admin_view(view, cacheable)

        def inner(request, *args, **kwargs):
            return self._refuse(request) or admin_view(request, *args, **kwargs)

        return update_wrapper(inner, admin_view)

    def login(self, request, extra_context=None):
        return self._refuse(request) or redirect_to_login(reverse("admin:index"), reverse("accounts:sign_in"))

    def _refuse(self, request):
        """Anyone signed out goes to the site's sign-in page; anyone signed in without the
        right is told so (403) rather than offered a second sign-in form."""
        if self.has_permission(request):
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("accounts:sign_in"))
        raise PermissionDenied("The administration pages are for site administrators.")
