"""Starting a partnership: site administrators only (tests/partnership/test_onboarding_pages.py)."""

from django.urls import path

from cspmonitor.partnership import onboarding_views

app_name = "onboarding"

# Included before the partnership pages: "new" is reserved (onboarding.RESERVED_SLUGS).
urlpatterns = [
    path("new/", onboarding_views.choose, name="new"),
    path("new/<str:ons_code>/", onboarding_views.confirm, name="new_confirm"),
]
