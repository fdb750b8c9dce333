"""The site's URLs plus one that fails, to see the 500 page as a person would (tests only)."""

from django.urls import path

from cspmonitor.urls import handler403, handler404, handler500
from cspmonitor.urls import urlpatterns as site_urlpatterns


def _fails(request):
    raise RuntimeError("a fault in a view")


urlpatterns = [path("fails/", _fails), *site_urlpatterns]
__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
