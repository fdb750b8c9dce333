from django.contrib import admin

from cspmonitor.partnership.models import Area, Group, Meeting, Organisation, Partnership


class AreaInline(admin.TabularInline):
    model = Area
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AreaInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "partnership", "type", "membership"]
    list_filter = ["partnership", "type", "membership"]
    search_fields = ["name"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "partnership", "kind", "cadence", "parent"]
    list_filter = ["partnership", "kind"]
    search_fields = ["name"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["group", "date", "classification"]
    list_filter = ["group__partnership", "classification"]
    filter_horizontal = ["organisations_present"]
