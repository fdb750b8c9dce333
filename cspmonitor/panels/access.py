"""Need to know: who may see a panel's case work. One rule, in one place.

A panel's cases are seen only by the people sitting on that panel (`PanelMember`), signed in
with two factors under a role cleared for OFFICIAL-SENSITIVE material. Being cleared is not
enough: an administrator or officer who does not sit on the panel sees nothing of it, and a
member of one panel sees nothing of another. Anyone else gets 404, so a case's existence is
not revealed. (When the partnership-wide visibility rule lands, `sits_on` is the one function
to move onto it.)
"""

from __future__ import annotations

from functools import wraps

from django.http import Http404
from django.shortcuts import get_object_or_404

from cspmonitor.accounts.permissions import Access
from cspmonitor.panels.models import Panel
from cspmonitor.partnership.access import partnership_view


def sits_on(access: Access, panel: Panel) -> bool:
    """True when ``access`` may see ``panel``'s case work (deny by default)."""
    if not access.cleared_for_sensitive or access.membership is None:
        return False
    if panel.partnership_id != access.membership.partnership_id:
        return False
    return panel.members.filter(user_id=access.membership.user_id).exists()


def panels_sat_on(access: Access, partnership) -> set[int]:
    """The ids of this partnership's panels whose case work ``access`` may see."""
    panels = Panel.objects.filter(partnership=partnership).prefetch_related("members")
    return {panel.pk for panel in panels if sits_on(access, panel)}


def panel_view(view):
    """Decorate a view taking ``(request, partnership, access, panel, ...)``: the panel's
    members only; 404 for everyone else."""

    @partnership_view()
    @wraps(view)
    def wrapped(request, partnership, access, panel_pk, *args, **kwargs):
        panel = get_object_or_404(Panel, partnership=partnership, pk=panel_pk)
        if not sits_on(access, panel):
            raise Http404("No such panel")
        return view(request, partnership, access, panel, *args, **kwargs)

    return wrapped
