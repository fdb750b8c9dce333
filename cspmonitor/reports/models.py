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
    findings = models.TextField(
        blank=True, help_text="What the publication check found (reports.publication_check), one a line."
    )
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

    def finding_list(self) -> list[str]:
        return [line for line in self.findings.splitlines() if line.strip()]

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


class DescriptionQuerySet(models.QuerySet["Description"]):
    def for_partnership(self, partnership) -> DescriptionQuerySet:
        return self.filter(partnership=partnership)


class Description(models.Model):
    """Short descriptive text a report needs about a record, entered once and kept with its history.

    What a priority is and why it matters, the groups and networks that carry its work, a
    service or campaign described for members, a term defined (hate crime), what comes next, or
    a background document with its link. The annual report's section 2 and section 8 are written
    from these, so the same words are not retyped for every report or edition.
    """

    class Topic(models.TextChoices):
        CONTEXT = "context", "What the priority is and why it matters"
        GROUP = "group", "A group or network that carries the work"
        SERVICE = "service", "A service"
        CAMPAIGN = "campaign", "A campaign"
        DEFINITION = "definition", "A definition"
        NEXT_STEPS = "next_steps", "What comes next"
        DOCUMENT = "document", "A background document or link"

    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.CASCADE, related_name="descriptions"
    )
    topic = models.CharField(max_length=20, choices=Topic.choices)
    priority = models.ForeignKey(
        "plans.Priority",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="The priority the text belongs to; leave empty for the whole report (documents).",
    )
    group = models.ForeignKey(
        "partnership.Group",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="For a group or network: which one.",
    )
    name = models.CharField(
        max_length=200,
        blank=True,
        help_text="The term defined, the service or campaign, or the document's title.",
    )
    text = models.TextField(help_text="One or two plain sentences, written for members of the public.")
    url = models.URLField("link", blank=True, help_text="For a document or service: where to find it.")
    classification = models.CharField(
        max_length=20, choices=Classification.choices, default=Classification.OFFICIAL
    )
    order = models.PositiveSmallIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()
    objects = DescriptionQuerySet.as_manager()

    class Meta:
        ordering = ["priority__order", "topic", "order", "name", "pk"]

    def __str__(self) -> str:
        return f"{self.get_topic_display()}: {self.name or self.group or self.priority or ''}".rstrip(": ")

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.topic == self.Topic.GROUP and not self.group_id:
            raise ValidationError({"group": "Choose the group or network this text describes"})
        if self.topic in (self.Topic.CONTEXT, self.Topic.NEXT_STEPS) and not self.priority_id:
            raise ValidationError({"priority": "Choose the priority this text belongs to"})
        if (
            self.topic
            in (
                self.Topic.DEFINITION,
                self.Topic.DOCUMENT,
                self.Topic.SERVICE,
                self.Topic.CAMPAIGN,
            )
            and not self.name.strip()
        ):
            raise ValidationError({"name": "Enter the term, service, campaign or document this is about"})
