"""Every report generated, kept with who made it, when, and from which data."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from cspmonitor.accounts.models import Classification


class GeneratedReportQuerySet(models.QuerySet["GeneratedReport"]):
    def visible_to(self, access) -> GeneratedReportQuerySet:
        return self.filter(classification__in=access.visible_classifications())


class GeneratedReport(models.Model):
    class Kind(models.TextChoices):
        ANNUAL = "annual", "Annual monitoring report to scrutiny"

    class Edition(models.TextChoices):
        PUBLIC = "public", "Public"
        RESTRICTED = "restricted", "Restricted (OFFICIAL-SENSITIVE)"

    class Format(models.TextChoices):
        DOCX = "docx", "Word (DOCX)"
        PDF = "pdf", "PDF"
        HTML = "html", "Web page (HTML)"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being generated"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.CASCADE, related_name="generated_reports"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ANNUAL)
    year = models.CharField(max_length=7)
    edition = models.CharField(max_length=12, choices=Edition.choices)
    format = models.CharField(max_length=5, choices=Format.choices)
    classification = models.CharField(max_length=20, choices=Classification.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    content_hash = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the report's content.")
    text = models.TextField(blank=True, help_text="The report as plain text, for comparing versions.")
    file = models.BinaryField(blank=True, default=b"")

    objects = GeneratedReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}, {self.get_edition_display().lower()} edition"

    def get_absolute_url(self) -> str:
        return reverse("reports:report", args=[self.partnership.slug, self.pk])

    @property
    def filename(self) -> str:
        return f"{self.partnership.slug}-{self.kind}-report-{self.year}-{self.edition}.{self.format}"

    @property
    def media_type(self) -> str:
        return {
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "pdf": "application/pdf",
            "html": "text/html; charset=utf-8",
        }[self.format]
