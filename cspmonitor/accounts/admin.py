from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from cspmonitor.accounts.models import AccessRecord, Declassification, Membership, SecurityEvent, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["partnership", "organisation"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_superuser", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Personal details", {"fields": ("first_name", "last_name")}),
        ("Site administration", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "partnership", "role", "organisation"]
    list_filter = ["partnership", "role"]
    autocomplete_fields = ["user", "partnership", "organisation"]


class ReadOnlyLogAdmin(admin.ModelAdmin):
    """Logs are evidence: nobody adds, edits or deletes a row here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SecurityEvent)
class SecurityEventAdmin(ReadOnlyLogAdmin):
    list_display = ["at", "email", "what", "ip_address"]
    list_filter = ["what", "at"]
    search_fields = ["email"]
    date_hierarchy = "at"


@admin.register(AccessRecord)
class AccessRecordAdmin(ReadOnlyLogAdmin):
    """Filter by person (search their email), by record (its kind, or search its name) and date."""

    list_display = ["at", "email", "what", "record_type", "record", "page", "partnership"]
    list_filter = ["partnership", "record_type", "what", "at"]
    search_fields = ["email", "record"]
    date_hierarchy = "at"


@admin.register(Declassification)
class DeclassificationAdmin(ReadOnlyLogAdmin):
    """Who made a record following a restricted one OFFICIAL, when and why: made on the record's
    own page (plans.classification.declassify), never here."""

    list_display = ["at", "email", "record_type", "record", "reason", "partnership"]
    list_filter = ["partnership", "record_type", "at"]
    search_fields = ["email", "record", "reason"]
    date_hierarchy = "at"
