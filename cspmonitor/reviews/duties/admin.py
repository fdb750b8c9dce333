"""The calendar's records in the admin site: an administrator can remove an owner or undo a
"done" recorded by mistake; the reminders sent can be read but not changed."""

from django.contrib import admin

from cspmonitor.reviews.duties.models import CalendarSettings, ObligationDone, ObligationOwner, ReminderSent


@admin.register(CalendarSettings)
class CalendarSettingsAdmin(admin.ModelAdmin):
    list_display = ["partnership", "last_scrutiny", "last_asb_publication", "reminder_lead_days"]


@admin.register(ObligationOwner)
class ObligationOwnerAdmin(admin.ModelAdmin):
    list_display = ["key", "partnership", "user", "remind_days_before"]
    list_filter = ["partnership"]
    raw_id_fields = ["user"]


@admin.register(ObligationDone)
class ObligationDoneAdmin(admin.ModelAdmin):
    list_display = ["key", "due", "done_on", "partnership", "recorded_by"]
    list_filter = ["partnership"]
    raw_id_fields = ["recorded_by"]


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["key", "due", "kind", "user", "partnership", "sent_at"]
    list_filter = ["partnership", "kind"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
