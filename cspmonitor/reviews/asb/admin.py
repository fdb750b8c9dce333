from django.contrib import admin

from cspmonitor.reviews.asb.models import CaseReviewApplication, Complaint, Recommendation


class ComplaintInline(admin.TabularInline):
    model = Complaint
    extra = 0


class RecommendationInline(admin.TabularInline):
    model = Recommendation
    extra = 0


@admin.register(CaseReviewApplication)
class CaseReviewApplicationAdmin(admin.ModelAdmin):
    list_display = ["reference", "partnership", "received_on", "decision", "meeting_on"]
    list_filter = ["partnership", "decision"]
    search_fields = ["reference"]
    inlines = [ComplaintInline, RecommendationInline]
