"""Pages of the partnership registry: the overview and create/edit pages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from cspmonitor.partnership.access import partnership_view
from cspmonitor.partnership.forms import GroupForm, MeetingForm, OrganisationForm
from cspmonitor.partnership.models import Group, Meeting, Organisation
from cspmonitor.partnership.reference import ReferenceDataError, district_boundaries


@partnership_view()
def overview(request, partnership, access):
    context = {
        "partnership": partnership,
        "access": access,
        "areas": partnership.areas.districts_first(),
        "organisations": partnership.organisations.all(),
        "groups": partnership.groups.select_related("chair_organisation", "parent"),
        "meetings": Meeting.objects.filter(group__partnership=partnership)
        .visible_to(access)
        .upcoming()
        .select_related("group"),
    }
    return render(request, "partnership/overview.html", context)


@partnership_view()
@require_safe
def districts_geojson(request, partnership, access):
    try:
        collection = district_boundaries(partnership.district_codes())
    except ReferenceDataError as error:
        return JsonResponse({"error": str(error)}, status=503)
    return JsonResponse(collection)


def form_page(request, partnership, form_class, instance, *, title, success, back=None):
    """Create or change one record with ``form_class``; ``back`` is (url, text) for the back link."""
    form = form_class(request.POST or None, instance=instance, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        if hasattr(obj, "partnership_id") and not obj.partnership_id:
            obj.partnership = partnership
        obj.save()
        form.save_m2m()
        messages.success(request, success.format(obj=obj))
        return redirect(
            obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else partnership.get_absolute_url()
        )
    return render(
        request,
        "partnership/form_page.html",
        {"partnership": partnership, "form": form, "title": title, "back": back},
    )


@partnership_view("can_edit_registry")
def organisation_create(request, partnership, access):
    return form_page(
        request,
        partnership,
        OrganisationForm,
        None,
        title="Add a partner organisation",
        success="{obj} was added.",
    )


@partnership_view()
def organisation_edit(request, partnership, access, pk):
    organisation = get_object_or_404(Organisation, pk=pk, partnership=partnership)
    if not access.can_edit_organisation(organisation.pk):
        raise PermissionDenied
    return form_page(
        request,
        partnership,
        OrganisationForm,
        organisation,
        title=f"Change {organisation}",
        success="{obj} was updated.",
    )


@partnership_view()
def group_detail(request, partnership, access, pk):
    group = get_object_or_404(
        Group.objects.select_related("chair_organisation", "parent"), pk=pk, partnership=partnership
    )
    meetings = group.meetings.visible_to(access)
    return render(
        request,
        "partnership/group.html",
        {"partnership": partnership, "access": access, "group": group, "meetings": meetings},
    )


@partnership_view("can_edit_registry")
def group_create(request, partnership, access):
    return form_page(request, partnership, GroupForm, None, title="Add a group", success="{obj} was added.")


@partnership_view("can_edit_registry")
def group_edit(request, partnership, access, pk):
    group = get_object_or_404(Group, pk=pk, partnership=partnership)
    return form_page(
        request, partnership, GroupForm, group, title=f"Change {group}", success="{obj} was updated."
    )


def _visible_meeting(partnership, access, pk) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related("group"), pk=pk, group__partnership=partnership
    )
    if not access.can_see(meeting.classification):
        raise Http404("No such meeting")
    return meeting


@partnership_view()
def meeting_detail(request, partnership, access, pk):
    meeting = _visible_meeting(partnership, access, pk)
    return render(
        request,
        "partnership/meeting.html",
        {"partnership": partnership, "access": access, "meeting": meeting},
    )


@partnership_view("can_edit_registry")
def meeting_create(request, partnership, access):
    return form_page(
        request, partnership, MeetingForm, None, title="Record a meeting", success="The meeting was recorded."
    )


@partnership_view("can_edit_registry")
def meeting_edit(request, partnership, access, pk):
    meeting = _visible_meeting(partnership, access, pk)
    return form_page(
        request,
        partnership,
        MeetingForm,
        meeting,
        title=f"Change the meeting of {meeting.group}",
        success="The meeting was updated.",
    )
