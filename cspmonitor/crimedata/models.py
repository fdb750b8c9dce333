"""An officer's upload of police.uk files, from arrival through confirmation to its import."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse


class CrimeUpload(models.Model):
    class Status(models.TextChoices):
        CONFIRM = "confirm", "Waiting for confirmation"
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    partnership = models.ForeignKey("partnership.Partnership", on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    folder = models.CharField(max_length=500, help_text="Where the files wait for import.")
    file_names = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=300, blank=True)
    months = models.JSONField(
        default=list, help_text="Each street file: force, month, rows, repeated Crime IDs."
    )
    shrinking = models.JSONField(default=list, help_text="Months a file with fewer rows would replace.")
    crime_import = models.ForeignKey("crime.CrimeImport", on_delete=models.SET_NULL, null=True, blank=True)
    outcome = models.JSONField(default=dict, help_text="Months added, replaced or unchanged; coverage.")
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Upload {self.pk} for {self.partnership}: {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("crimedata:upload", args=[self.partnership.slug, self.pk])

    @property
    def repeated_crime_ids(self) -> int:
        return sum(m.get("repeated_crime_ids", 0) for m in self.months)


class MonthlyFetch(models.Model):
    """A partnership's choice to have new police.uk months fetched for it each month."""

    partnership = models.OneToOneField(
        "partnership.Partnership", on_delete=models.CASCADE, related_name="monthly_fetch"
    )
    enabled = models.BooleanField(default=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    last_run = models.DateTimeField(null=True, blank=True)
    last_message = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Monthly police.uk fetch for {self.partnership}: {'on' if self.enabled else 'off'}"
