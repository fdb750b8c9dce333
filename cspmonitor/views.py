"""Pages every visitor may read, and the signed-in home page."""

from django.shortcuts import redirect, render
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
