from django.contrib import admin
from django.urls import include, path

from cspmonitor import views
from cspmonitor.accounts.admin_site import SiteAdministratorAdminSite

# Every app registers on the default admin site; it becomes the one closed to all but
# verified site administrators.
admin.site.__class__ = SiteAdministratorAdminSite

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("cookies/", views.cookies, name="cookies"),
    path("accounts/", include("cspmonitor.accounts.urls")),
    path("p/", include("cspmonitor.partnership.onboarding_urls")),
    path("p/", include("cspmonitor.partnership.urls")),
    path("p/", include("cspmonitor.crime.urls")),
    path("p/", include("cspmonitor.crimedata.urls")),
    path("p/", include("cspmonitor.plans.urls")),
    path("p/", include("cspmonitor.activity.urls")),
    path("p/", include("cspmonitor.reports.urls")),
    path("p/", include("cspmonitor.reviews.urls")),
    path("p/", include("cspmonitor.reviews.asb.urls")),
    path("p/", include("cspmonitor.reviews.duties.urls")),
    path("p/", include("cspmonitor.panels.urls")),
    path("", include("cspmonitor.members.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "cspmonitor.views.permission_denied"
handler404 = "cspmonitor.views.page_not_found"
handler500 = "cspmonitor.views.server_error"
