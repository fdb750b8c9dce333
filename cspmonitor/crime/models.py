"""Records of crime-data imports and strategic assessment runs.

The crime rows themselves live in the Parquet crime store (``CRIME_STORE_DIR``), never in
the web database; these models record what was imported and what was computed.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from cspmonitor.accounts.classified import ClassifiedQuerySet
from cspmonitor.accounts.models import Classification
from cspmonitor.background import TaskRecord

_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


def financial_year_months(year: str) -> tuple[str, str]:
    """'2022-23' → ('2022-04', '2023-03'): the months of an April–March financial year."""
    match = _YEAR.match(year)
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise ValidationError(f"{year!r} is not a financial year written like 2022-23")
    start = int(match[1])
    return f"{start}-04", f"{start + 1}-03"


class CrimeImport(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Imported"
        FAILED = "failed", "Failed"
        INTERRUPTED = "interrupted", "Interrupted"

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    sources = models.TextField(help_text="The files, folders or archives imported, one a line.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RUNNING)
    rows_read = models.PositiveBigIntegerField(default=0)
    rows_valid = models.PositiveBigIntegerField(default=0)
    rows_rejected = models.PositiveBigIntegerField(default=0)
    rows_without_location = models.PositiveBigIntegerField(default=0)
    months_added = models.PositiveIntegerField(default=0)
    months_replaced = models.PositiveIntegerField(default=0)
    months_unchanged = models.PositiveIntegerField(default=0)
    rejects_file = models.CharField(max_length=500, blank=True)
    message = models.TextField(blank=True)
    per_month = models.BooleanField(default=False, help_text="Good months stored even if others failed.")
    process = models.CharField(
        max_length=200,
        blank=True,
        help_text="host:pid:start of the process running the import, to tell when it has died.",
    )

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Import of {self.started_at:%d %B %Y %H:%M} ({self.get_status_display()})"


class Assessment(TaskRecord):
    """One run of the strategic assessment for a partnership and financial year."""

    task_path = "cspmonitor.crime.tasks.run_assessment"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.CASCADE, related_name="assessments"
    )
    year = models.CharField(max_length=7, help_text="Financial year, like 2022-23.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=200, blank=True)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    classification = models.CharField(
        max_length=20, choices=Classification.choices, default=Classification.OFFICIAL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    objects = ClassifiedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Strategic assessment {self.year} for {self.partnership}"

    def get_absolute_url(self) -> str:
        return reverse("crime:assessment", args=[self.partnership.slug, self.pk])

    def clean(self) -> None:
        financial_year_months(self.year)

    @property
    def months(self) -> tuple[str, str]:
        return financial_year_months(self.year)

    def report_progress(self, percent: int, stage: str) -> None:
        """Record how far the run has got, for the page that polls it."""
        self.progress, self.stage = percent, stage
        type(self).objects.filter(pk=self.pk).update(
            progress=percent, stage=stage, heartbeat_at=timezone.now()
        )


class AssessmentDrawing(models.Model):
    """A chart (SVG) or map layer (GeoJSON) of a finished assessment, drawn once and kept.

    A row each, so that pages load only the drawing they serve."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="drawings")
    name = models.CharField(max_length=50)  # "chart:trend", "layer:lsoas"
    content = models.TextField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "name"], name="one_drawing_a_name")]

    def __str__(self) -> str:
        return f"{self.name} of {self.assessment_id}"
