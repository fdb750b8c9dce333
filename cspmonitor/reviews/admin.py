"""Review records in the admin site. Opening a homicide review here is logged like any other look;
the access log itself can be read here but never changed."""

from django.contrib import admin

from cspmonitor.reviews.models import (
    Commencement,
    DomesticHomicideReview,
    ReviewAccess,
    ReviewActionItem,
    ReviewPause,
    StatutorySettings,
    SvdMilestone,
    SvdUpdate,
)
from cspmonitor.reviews.services import record_access


class ReviewPauseInline(admin.TabularInline):
    model = ReviewPause
    extra = 0


class ReviewActionItemInline(admin.TabularInline):
    model = ReviewActionItem
    extra = 0
    raw_id_fields = ["action"]


@admin.register(DomesticHomicideReview)
class DomesticHomicideReviewAdmin(admin.ModelAdmin):
    list_display = ["reference", "partnership", "stage", "classification"]
    list_filter = ["partnership", "stage"]
    search_fields = ["reference"]
    filter_horizontal = ["panel_organisations"]
    inlines = [ReviewPauseInline, ReviewActionItemInline]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        review = self.get_object(request, object_id)
        if review is not None:
            what = ReviewAccess.What.CHANGED if request.method == "POST" else ReviewAccess.What.VIEWED
            record_access(review, request.user, what, "admin site")
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(ReviewAccess)
class ReviewAccessAdmin(admin.ModelAdmin):
    list_display = ["at", "review", "email", "what", "page"]
    list_filter = ["what", "review__partnership"]
    search_fields = ["review__reference", "email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SvdMilestone)
class SvdMilestoneAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "due_on", "completed_on"]
    list_filter = ["partnership", "key"]


@admin.register(SvdUpdate)
class SvdUpdateAdmin(admin.ModelAdmin):
    list_display = ["period", "partnership", "written_at"]
    list_filter = ["partnership"]


@admin.register(StatutorySettings)
class StatutorySettingsAdmin(admin.ModelAdmin):
    list_display = ["partnership", "qa_body", "local_policing_body", "asb_decide_starts_from"]


@admin.register(Commencement)
class CommencementAdmin(admin.ModelAdmin):
    list_display = ["rule", "partnership", "commenced_on", "recorded_by"]
