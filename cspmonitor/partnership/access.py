"""Look up a partnership for a request and refuse anyone without access to it."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from cspmonitor.accounts.permissions import Access, access_for
from cspmonitor.partnership.models import Partnership


def partnership_view(check: Callable[[Access], bool] | None = None):
    """Decorate a view taking ``(request, partnership, access, ...)``.

    Outsiders get 404, so a partnership's existence is not revealed to them;
    members failing ``check`` get 403.
    """

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
            if check is not None and not check(access):
                raise PermissionDenied
            return view(request, partnership, access, *args, **kwargs)

        return wrapped

    return decorator


def can_edit_registry(access: Access) -> bool:
    return access.can_edit_registry
