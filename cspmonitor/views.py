"""Pages every visitor may read, the signed-in home page, and the error pages."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.http import require_safe

from cspmonitor.partnership.models import Partnership


@require_safe
def home(request):
    if not request.user.is_authenticated:
        return render(request, "start.html")
    partnerships = Partnership.objects.filter(memberships__user=request.user).distinct()
    if len(partnerships) == 1:
        return redirect(partnerships[0])
    return render(request, "home.html", {"partnerships": partnerships})


@require_safe
def accessibility(request):
    return render(request, "accessibility.html")


@require_safe
def cookies(request):
    return render(request, "cookies.html")


# --- Error pages: in the GOV.UK style, each saying what the person can do next.


def permission_denied(request, exception=None):
    # The reason is shown only when our own code gave one: those are written for people.
    reason = str(exception) if isinstance(exception, PermissionDenied) and exception.args else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (usually one left open too long)."""
    context = {"heading": "Your form could not be sent", "csrf": True}
    return render(request, "403.html", context, status=403)


def page_not_found(request, exception=None):
    # Never the exception's text: a 404 must not say why (what exists, or who may see it).
    return render(request, "404.html", status=404)


def server_error(request):
    """Rendered without the request's context: whatever failed (the database, say) may fail
    again in a context processor, and this page must still appear."""
    body = loader.get_template("500.html").render({"service_name": "CSP Monitor"})
    return HttpResponseServerError(body)
