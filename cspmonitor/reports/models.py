"""Every report generated, kept with who made it, when, and from which data; and the wording
officers write for a report's narrative parts, with its history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cspmonitor.accounts.classified import ClassifiedQuerySet
from cspmonitor.accounts.models import Classification
from cspmonitor.background import TaskRecord


class GeneratedReportQuerySet(ClassifiedQuerySet["GeneratedReport"]):
    """Generated reports, seen through the shared classification rule."""


class GeneratedReport(TaskRecord):
    task_path = "cspmonitor.reports.tasks.generate_report"

    class Kind(models.TextChoices):
        ANNUAL = "annual", "Annual monitoring report to scrutiny"
        ASSESSMENT = "assessment", "Strategic assessment"
        QUARTERLY = "quarterly", "Quarterly partnership update"
        ASB = "asb", "ASB Case Review annual publication"

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
    year = models.CharField(
        max_length=12, help_text='A financial year ("2022-23") or a quarter ("2022-23 Q3").'
    )
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
        period = self.year.replace(" ", "-").lower()  # "2022-23 Q3" -> "2022-23-q3"
        return f"{self.partnership.slug}-{self.kind}-report-{period}-{self.edition}.{self.format}"

    @property
    def media_type(self) -> str:
        return {
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "pdf": "application/pdf",
            "html": "text/html; charset=utf-8",
        }[self.format]


class ReportTextQuerySet(models.QuerySet["ReportText"]):
    def for_report(self, partnership, year: str, kind: str) -> ReportTextQuerySet:
        return self.filter(partnership=partnership, year=year, kind=kind)


class ReportText(models.Model):
    """One narrative part of one report (its risks, say), as an officer last wrote it.

    Empty text means the report uses the standard wording. ``reports.narrative`` says which
    keys a report has and saves them.
    """

    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.CASCADE, related_name="report_texts"
    )
    kind = models.CharField(
        max_length=20, choices=GeneratedReport.Kind.choices, default=GeneratedReport.Kind.ANNUAL
    )
    year = models.CharField(max_length=12, help_text='The financial year, like "2022-23".')
    key = models.CharField(
        max_length=60, help_text='The narrative part, like "risks" or "implications.legal".'
    )
    text = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Set by whoever saves, once for all the parts saved together, so the history can show
    # one change per save (auto_now would stamp each part a moment apart).
    updated_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()
    objects = ReportTextQuerySet.as_manager()

    class Meta:
        ordering = ["partnership", "kind", "year", "key"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "kind", "year", "key"], name="report_text_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}: {self.key}"
