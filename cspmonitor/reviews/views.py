"""Pages of the statutory reviews: the list, a homicide review with its timeline, its forms and
access log, and the Serious Violence Duty.

A homicide review the person may not see is "not found" (404), so its existence is not
revealed; one they may see but not change is "forbidden" (403). Every page that shows a review
writes to its access log.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from cspmonitor.partnership.access import partnership_view
from cspmonitor.reviews import services
from cspmonitor.reviews.forms import (
    ActionItemForm,
    DhrForm,
    EndPauseForm,
    MilestoneForm,
    PauseForm,
    SvdUpdateForm,
)
from cspmonitor.reviews.models import (
    SVD_IN_FORCE,
    DomesticHomicideReview,
    ReviewAccess,
    SvdMilestone,
    SvdUpdate,
)

What = ReviewAccess.What


def _page(request, template, partnership, access, **context):
    return render(request, template, {"partnership": partnership, "access": access, **context})


def _review(partnership, access, pk) -> DomesticHomicideReview:
    """The review, or 404 when it is not this partnership's or ``access`` may not see it."""
    return get_object_or_404(
        DomesticHomicideReview.objects.for_partnership(partnership)
        .visible_to(access)
        .select_related("notified_by")
        .prefetch_related("pauses", "panel_organisations"),
        pk=pk,
    )


def _review_to_change(partnership, access, pk) -> DomesticHomicideReview:
    review = _review(partnership, access, pk)
    if not access.can_manage_reviews:
        raise PermissionDenied
    return review


def _form(request, partnership, access, form, *, title, success, back, review=None, page=""):
    """Show ``form``; when posted and valid, save it and log the change to ``review``.

    Showing a review's form counts as viewing the review; saving it as changing it.
    """
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        if isinstance(saved, DomesticHomicideReview):
            review = saved
        if review is not None:
            services.record_access(review, request.user, What.CHANGED, page)
        messages.success(request, success.format(obj=saved))
        return redirect(review or back[0])
    if review is not None:
        services.record_access(review, request.user, What.VIEWED, page)
    return _page(
        request, "reviews/form.html", partnership, access, form=form, title=title, back=back, review=review
    )


def _back_to(review) -> tuple[str, str]:
    return review.get_absolute_url(), f"Back to {review}"


@partnership_view()
@require_safe
def review_list(request, partnership, access):
    found = services.review_list(partnership, access)
    services.record_access([c.review for c in found], request.user, What.LISTED, "list")
    return _page(
        request,
        "reviews/list.html",
        partnership,
        access,
        clocks=found,
        milestones=services.milestones(partnership, access),
    )


@partnership_view()
@require_safe
def dhr_detail(request, partnership, access, pk):
    review = _review(partnership, access, pk)
    services.record_access(review, request.user, What.VIEWED, "timeline")
    review_clock = services.clock(review)
    return _page(
        request,
        "reviews/dhr.html",
        partnership,
        access,
        review=review,
        clock=review_clock,
        timeline=services.timeline(review_clock),
        items=review.action_items.select_related("owner", "action"),
    )


@partnership_view("can_manage_reviews")
def dhr_create(request, partnership, access):
    form = DhrForm(request.POST or None, partnership=partnership)
    back = (reverse("reviews:list", args=[partnership.slug]), "Back to statutory reviews")
    return _form(
        request,
        partnership,
        access,
        form,
        title="Add a domestic homicide review",
        success="{obj} was added.",
        back=back,
        page="added",
    )


@partnership_view()
def dhr_edit(request, partnership, access, pk):
    review = _review_to_change(partnership, access, pk)
    form = DhrForm(request.POST or None, instance=review, partnership=partnership)
    return _form(
        request,
        partnership,
        access,
        form,
        title=f"Change {review}",
        success="{obj} was updated.",
        back=_back_to(review),
        review=review,
        page="edit",
    )


@partnership_view()
def pause_create(request, partnership, access, pk):
    review = _review_to_change(partnership, access, pk)
    form = PauseForm(request.POST or None, partnership=partnership, review=review)
    return _form(
        request,
        partnership,
        access,
        form,
        title="Pause the review",
        success="The review was paused.",
        back=_back_to(review),
        review=review,
        page="pause",
    )


@partnership_view()
def pause_end(request, partnership, access, pk, pause):
    review = _review_to_change(partnership, access, pk)
    paused = get_object_or_404(review.pauses, pk=pause)
    if paused.ended_on is not None:
        raise Http404("The pause has already ended")
    form = EndPauseForm(request.POST or None, instance=paused, partnership=partnership)
    return _form(
        request,
        partnership,
        access,
        form,
        title=f"Restart the review after the {paused.get_reason_display().lower()} pause",
        success="The review was restarted.",
        back=_back_to(review),
        review=review,
        page="restart",
    )


@partnership_view()
def action_item_create(request, partnership, access, pk):
    review = _review_to_change(partnership, access, pk)
    form = ActionItemForm(request.POST or None, partnership=partnership, review=review)
    return _form(
        request,
        partnership,
        access,
        form,
        title="Add a recommendation to the action plan",
        success="The recommendation was added.",
        back=_back_to(review),
        review=review,
        page="action plan",
    )


@partnership_view()
def action_item_edit(request, partnership, access, pk, item):
    review = _review_to_change(partnership, access, pk)
    instance = get_object_or_404(review.action_items, pk=item)
    form = ActionItemForm(request.POST or None, instance=instance, partnership=partnership, review=review)
    return _form(
        request,
        partnership,
        access,
        form,
        title="Change a recommendation",
        success="The recommendation was updated.",
        back=_back_to(review),
        review=review,
        page="action plan",
    )


@partnership_view()
@require_safe
def access_log(request, partnership, access, pk):
    review = _review(partnership, access, pk)
    if not access.can_read_access_log:
        raise PermissionDenied
    return _page(
        request, "reviews/access_log.html", partnership, access, review=review, rows=review.accesses.all()
    )


@partnership_view()
@require_safe
def svd(request, partnership, access):
    updates = (
        SvdUpdate.objects.filter(partnership=partnership).visible_to(access).select_related("written_by")
    )
    return _page(
        request,
        "reviews/svd.html",
        partnership,
        access,
        milestones=services.milestones(partnership, access),
        updates=updates,
        priority=services.svd_priority(partnership),
        in_force=SVD_IN_FORCE,
    )


def _svd_back(partnership) -> tuple[str, str]:
    return reverse("reviews:svd", args=[partnership.slug]), "Back to the Serious Violence Duty"


@partnership_view("can_manage_reviews")
def svd_update_create(request, partnership, access):
    form = SvdUpdateForm(
        request.POST or None, partnership=partnership, initial={"period": request.GET.get("quarter")}
    )
    form.instance.written_by = request.user
    return _form(
        request,
        partnership,
        access,
        form,
        title="Add a quarterly update on the Serious Violence Duty",
        success="The update for {obj.quarter.long_label} was saved.",
        back=_svd_back(partnership),
    )


@partnership_view("can_manage_reviews")
def svd_milestone_edit(request, partnership, access, pk):
    milestone = get_object_or_404(SvdMilestone.objects.visible_to(access), pk=pk, partnership=partnership)
    form = MilestoneForm(request.POST or None, instance=milestone, partnership=partnership)
    return _form(
        request,
        partnership,
        access,
        form,
        title=f"Record progress: {milestone}",
        success="{obj} was updated.",
        back=_svd_back(partnership),
    )
