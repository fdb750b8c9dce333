"""Look up a partnership for a request and refuse anyone without access to it."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from cspmonitor.accounts.permissions import Access, access_for
from cspmonitor.partnership.models import Partnership


def partnership_view(capability: str | None = None):
    """Decorate a view taking ``(request, partnership, access, ...)``; put it outermost, so that
    the answer to a stranger is always the same 404, whatever the method.

    Outsiders get 404, so a partnership's existence is not revealed to them; members without
    ``capability`` (the name of an `Access` property, like "can_run_assessment") get 403.
    """
    if capability is not None and not isinstance(getattr(Access, capability, None), property):
        raise ImproperlyConfigured(f"Access has no capability called {capability!r}.")

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, slug, *args, **kwargs):
            partnership = get_object_or_404(Partnership, slug=slug)
            access = access_for(request.user, partnership)
            if not access.is_member:
                raise Http404("No such partnership")
            # Set before the check, so a member's 403 page can lead back to the partnership.
            request.partnership, request.access = partnership, access
            if capability is not None and not getattr(access, capability):
                raise PermissionDenied
            return view(request, partnership, access, *args, **kwargs)

        return wrapped

    return decorator
