"""Administrators set panels up (members, agreements) in the admin; case work is done on the
panels' own pages, by their members. The access log is read-only here."""

from django.contrib import admin

from cspmonitor.panels.models import Panel, PanelAccessLog, PanelMember, SharingAgreement


class MemberInline(admin.TabularInline):
    model = PanelMember
    extra = 1


class AgreementInline(admin.StackedInline):
    model = SharingAgreement
    extra = 0


@admin.register(Panel)
class PanelAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "partnership", "cadence"]
    inlines = [MemberInline, AgreementInline]


@admin.register(PanelAccessLog)
class PanelAccessLogAdmin(admin.ModelAdmin):
    list_display = ["at", "panel", "case", "email", "what", "page"]
    list_filter = ["what", "panel"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
