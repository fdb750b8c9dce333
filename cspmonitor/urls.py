from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite

from cspmonitor import views

# The admin asks for the second factor too: administrators may see everything.
admin.site.__class__ = OTPAdminSite
admin.site.site_header = "CSP Monitor administration"
admin.site.site_title = "CSP Monitor"

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
    path("", include("cspmonitor.members.urls")),
    path("admin/", admin.site.urls),
]
