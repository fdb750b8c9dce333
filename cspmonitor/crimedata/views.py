"""Pages: the partnership's crime data, uploading police.uk files, and each upload's progress."""

from __future__ import annotations

from pathlib import Path

from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from cspmonitor.crime.services import coverage_lines, crime_store
from cspmonitor.crimedata import services
from cspmonitor.crimedata.models import CrimeUpload, MonthlyFetch
from cspmonitor.partnership.access import partnership_view


def _page(request, partnership, access, error: str | None = None, status: int = 200):
    forces = {*partnership.police_uk_forces(), "btp"}
    context = {
        "partnership": partnership,
        "access": access,
        "coverage": coverage_lines(crime_store(), forces),
        "uploads": CrimeUpload.objects.filter(partnership=partnership)[:10],
        "monthly": MonthlyFetch.objects.filter(partnership=partnership).first(),
        "error": error,
    }
    return render(request, "crimedata/crime_data.html", context, status=status)


@partnership_view()
@require_safe
def crime_data(request, partnership, access):
    return _page(request, partnership, access)


@partnership_view("can_edit_registry")
@require_POST
def upload(request, partnership, access):
    try:
        received = services.receive(partnership, request.user, request.FILES.getlist("files"))
    except services.UploadRefused as refused:
        return _page(request, partnership, access, error=str(refused), status=400)
    return redirect(received)


def _upload(partnership, pk) -> CrimeUpload:
    return get_object_or_404(CrimeUpload, pk=pk, partnership=partnership)


@partnership_view()
@require_safe
def upload_detail(request, partnership, access, pk):
    context = {"partnership": partnership, "access": access, "upload": _upload(partnership, pk)}
    return render(request, "crimedata/upload.html", context)


@partnership_view("can_edit_registry")
@require_POST
def upload_confirm(request, partnership, access, pk):
    upload = _upload(partnership, pk)
    if request.POST.get("action") == "replace":
        services.confirm(upload)
    else:
        services.cancel(upload)
    return redirect(upload)


@partnership_view()
@require_safe
def upload_status(request, partnership, access, pk):
    upload = _upload(partnership, pk)
    return JsonResponse({"status": upload.status, "progress": upload.progress, "stage": upload.stage})


@partnership_view()
@require_safe
def upload_rejects(request, partnership, access, pk):
    upload = _upload(partnership, pk)
    path = (
        Path(upload.crime_import.rejects_file)
        if upload.crime_import and upload.crime_import.rejects_file
        else None
    )
    if path is None or not path.is_file():
        raise Http404("This upload has no rejected rows")
    return FileResponse(path.open("rb"), as_attachment=True, filename=f"upload-{upload.pk}-rejects.csv")


@partnership_view("can_edit_registry")
@require_POST
def monthly_fetch(request, partnership, access):
    MonthlyFetch.objects.update_or_create(
        partnership=partnership,
        defaults={"enabled": request.POST.get("enabled") == "on", "changed_by": request.user},
    )
    return redirect("crimedata:crime_data", partnership.slug)
