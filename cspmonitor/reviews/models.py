"""Statutory reviews the partnership runs: Domestic Homicide Reviews and the Serious Violence Duty.

A Domestic Homicide Review (Domestic Violence, Crime and Victims Act 2004 s9) is
OFFICIAL-SENSITIVE casework: it is named only by a case reference, never by the names of the
people involved, and every look at a record is written to its access log. Its timescales come
from the Home Office statutory guidance in force (``cspmonitor.reviews.rules``), so a review
keeps the version of the guidance it started under.

The Serious Violence Duty (Police, Crime, Sentencing and Courts Act 2022) is OFFICIAL
planning work: a few milestones with statutory dates and a quarterly progress note.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from cspmonitor.accounts.classified import ClassifiedQuerySet
from cspmonitor.accounts.models import Classification
from cspmonitor.periods import Quarter
from cspmonitor.plans.models import validate_quarter
from cspmonitor.reviews.rules.rulesets import rulesets
from cspmonitor.reviews.statutory import Commencement, StatutorySettings, configuration

__all__ = ["Commencement", "StatutorySettings"]  # defined in statutory.py, registered with this app

NO_NAMES = (
    "Never use the names of the person who died, their family or anyone else involved: "
    "the reference and the record must not identify anyone."
)


class Decision(models.TextChoices):
    PENDING = "pending", "Not decided yet"
    COMMISSION = "commission", "Commission a review"
    NOT_COMMISSION = "not_commission", "Do not commission a review"


class Stage(models.TextChoices):
    """Where a review has got to, in the order reviews go through them."""

    NOTIFIED = "notified", "Notified"
    DECISION = "decision", "Deciding whether to commission"
    COMMISSIONED = "commissioned", "Commissioned"
    PANEL_MEETINGS = "panel_meetings", "Panel meetings"
    DRAFTING = "drafting", "Drafting the overview report"
    REPORT_COMPLETE = "report_complete", "Overview report complete"
    # The quality-assurance body is the partnership's setting (the Home Office panel today).
    SUBMITTED = "submitted", "With the quality assurance body"
    QA_FEEDBACK = "qa_feedback", "Quality assurance feedback received"
    APPROVED = "approved", "Approved for publication"
    PUBLISHED = "published", "Published"
    NOT_COMMISSIONED = "not_commissioned", "Not commissioned"


#: Stages after which nothing more is due from the partnership.
CLOSED_STAGES = frozenset({Stage.PUBLISHED, Stage.NOT_COMMISSIONED})


class DhrQuerySet(ClassifiedQuerySet["DomesticHomicideReview"]):
    def for_partnership(self, partnership) -> DhrQuerySet:
        return self.filter(partnership=partnership)


class DomesticHomicideReview(models.Model):
    Decision = Decision
    Stage = Stage

    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.CASCADE, related_name="homicide_reviews"
    )
    reference = models.CharField(
        "case reference", max_length=30, help_text=f"Like WS-DHR-2021-01. {NO_NAMES}"
    )
    classification = models.CharField(
        max_length=20, choices=Classification.choices, default=Classification.OFFICIAL_SENSITIVE
    )
    ruleset = models.CharField(
        "statutory guidance",
        max_length=10,
        blank=True,
        help_text="The version of the guidance whose timescales apply. Left blank, the version in "
        "force on the date the partnership was notified.",
    )
    died_on = models.DateField(
        "date of death", help_text="The month and year are enough: use the first day of the month."
    )
    notified_on = models.DateField("date the partnership was notified")
    notified_by = models.ForeignKey(
        "partnership.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Usually the police.",
    )
    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decided_on = models.DateField("date decided", null=True, blank=True)
    decision_reasons = models.TextField("reasons for the decision", blank=True, help_text=NO_NAMES)
    home_office_informed_on = models.DateField("date the Home Office was told", null=True, blank=True)
    chair = models.CharField(
        "independent chair",
        max_length=200,
        blank=True,
        help_text="The chair's name or organisation. The chair is a professional and may be named.",
    )
    panel_organisations = models.ManyToManyField(
        "partnership.Organisation", blank=True, related_name="+", verbose_name="organisations on the panel"
    )
    terms_agreed_on = models.DateField("date the terms of reference were agreed", null=True, blank=True)
    first_panel_on = models.DateField("date of the first panel meeting", null=True, blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.NOTIFIED)
    report_completed_on = models.DateField("date the overview report was completed", null=True, blank=True)
    submitted_on = models.DateField("date submitted for quality assurance", null=True, blank=True)
    qa_feedback_on = models.DateField("date the panel's feedback was received", null=True, blank=True)
    qa_outcome = models.TextField("what the quality assurance body said", blank=True)
    approved_on = models.DateField("date approved for publication", null=True, blank=True)
    published_on = models.DateField("date published", null=True, blank=True)
    publication_url = models.URLField("link to the published report", blank=True)

    objects = DhrQuerySet.as_manager()

    class Meta:
        ordering = ["-notified_on", "reference"]
        verbose_name = "domestic homicide review"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "reference"], name="dhr_reference_once"),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("reviews:dhr", args=[self.partnership.slug, self.pk])

    @property
    def is_closed(self) -> bool:
        return self.stage in CLOSED_STAGES

    def open_pause(self) -> ReviewPause | None:
        return next((p for p in self.pauses.all() if p.ended_on is None), None)

    #: Stages that need a date recorded before a review may be put in them.
    _STAGE_NEEDS = {
        Stage.SUBMITTED: "submitted_on",
        Stage.QA_FEEDBACK: "qa_feedback_on",
        Stage.APPROVED: "approved_on",
        Stage.PUBLISHED: "published_on",
        Stage.REPORT_COMPLETE: "report_completed_on",
    }

    def clean(self) -> None:
        errors = {}
        if self.decision != Decision.PENDING and not self.decided_on:
            errors["decided_on"] = "Enter the date the decision was made"
        if self.stage == Stage.NOT_COMMISSIONED and self.decision != Decision.NOT_COMMISSION:
            errors["stage"] = "A review is 'not commissioned' only after a decision not to commission it"
        field = self._STAGE_NEEDS.get(self.stage)  # type: ignore[call-overload]
        if field and not getattr(self, field):
            label = getattr(self._meta.get_field(field), "verbose_name", field)
            errors[field] = f"Enter the {label} for a review at this stage"
        if self.ruleset and self.ruleset not in {r.version for r in rulesets("dhr")}:
            errors["ruleset"] = "Select a version of the guidance we hold"
        elif self.ruleset and self.partnership_id:
            chosen = next(r for r in rulesets("dhr") if r.version == self.ruleset)
            if chosen.status.is_prospective and chosen.key not in configuration(self.partnership).commenced:
                errors["ruleset"] = (
                    f"{chosen.title} is not in force: record its commencement before applying it to a review"
                )
        if self.notified_on and self.died_on and self.notified_on < self.died_on:
            errors["notified_on"] = "The date notified must be on or after the date of death"
        if self.decided_on and self.notified_on and self.decided_on < self.notified_on:
            errors["decided_on"] = "The date decided must be on or after the date notified"
        if errors:
            raise ValidationError(errors)


class ReviewPause(models.Model):
    """A time the review clock stood still, such as while a criminal trial or inquest ran."""

    class Reason(models.TextChoices):
        CRIMINAL_PROCEEDINGS = "criminal_proceedings", "Criminal proceedings"
        INQUEST = "inquest", "Inquest"
        OTHER = "other", "Other"

    review = models.ForeignKey(DomesticHomicideReview, on_delete=models.CASCADE, related_name="pauses")
    reason = models.CharField(max_length=30, choices=Reason.choices)
    detail = models.TextField(blank=True, help_text=NO_NAMES)
    started_on = models.DateField("date paused")
    ended_on = models.DateField("date restarted", null=True, blank=True)

    class Meta:
        ordering = ["started_on", "pk"]

    def __str__(self) -> str:
        return f"{self.review}: paused for {self.get_reason_display().lower()}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None

    def days(self, today: dt.date | None = None) -> int:
        end = self.ended_on or today or timezone.localdate()
        return max((end - self.started_on).days, 0)

    def clean(self) -> None:
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": "The date restarted must be on or after the date paused"})


class ReviewActionItem(models.Model):
    """One recommendation of the review's action plan, owned by a partner organisation."""

    review = models.ForeignKey(DomesticHomicideReview, on_delete=models.CASCADE, related_name="action_items")
    recommendation = models.TextField(help_text=NO_NAMES)
    owner = models.ForeignKey(
        "partnership.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name="owned by"
    )
    due_on = models.DateField("due date")
    completed_on = models.DateField("date completed", null=True, blank=True)
    action = models.ForeignKey(
        "plans.Action",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="action in the partnership's action plan",
        help_text="When the recommendation is carried out through an action of the plan.",
    )

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.review}: {self.recommendation[:60]}"

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.completed_on is None and self.due_on < (today or timezone.localdate())


class ReviewAccess(models.Model):
    """One look at, or change to, a review: who, when and what. Never changed or deleted here."""

    class What(models.TextChoices):
        LISTED = "listed", "Viewed list row"
        VIEWED = "viewed", "Viewed record"
        DOWNLOADED = "downloaded", "Downloaded"
        CHANGED = "changed", "Changed"

    review = models.ForeignKey(DomesticHomicideReview, on_delete=models.CASCADE, related_name="accesses")
    # The email is kept as well as the link, so the log still says who after an account goes.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    email = models.EmailField("email address")
    at = models.DateTimeField("when", default=timezone.now)
    what = models.CharField(max_length=20, choices=What.choices)
    page = models.CharField(max_length=100, blank=True, help_text="The page or change, like 'timeline'.")

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "review access"
        verbose_name_plural = "review access log"

    def __str__(self) -> str:
        return f"{self.review} {self.get_what_display().lower()} by {self.email} at {self.at:%Y-%m-%d %H:%M}"


# --- The Serious Violence Duty ------------------------------------------------------------


#: The duty commenced on 31 January 2023 (SI 2022/1303); the first strategic needs assessment
#: and strategy were due a year later.
SVD_IN_FORCE = dt.date(2023, 1, 31)


class SvdMilestone(models.Model):
    class Key(models.TextChoices):
        ARRANGEMENTS = "arrangements", "Partnership arrangements agreed"
        LOCAL_DEFINITION = "local_definition", "Local definition of serious violence"
        NEEDS_ASSESSMENT = "needs_assessment", "Strategic needs assessment"
        STRATEGY = "strategy", "Strategy published"
        ANNUAL_REVIEW = "annual_review", "Annual review of the strategy"
        OTHER = "other", "Other"

    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.CASCADE, related_name="svd_milestones"
    )
    key = models.CharField("milestone", max_length=30, choices=Key.choices)
    title = models.CharField(max_length=200)
    due_on = models.DateField("statutory due date")
    completed_on = models.DateField("date done", null=True, blank=True)
    evidence = models.TextField(
        blank=True, help_text="What shows it was done, such as the minute agreeing it."
    )
    evidence_url = models.URLField("link to the evidence", blank=True)
    classification = models.CharField(
        max_length=20, choices=Classification.choices, default=Classification.OFFICIAL
    )

    objects = ClassifiedQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = "Serious Violence Duty milestone"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "title"], name="svd_milestone_title_once"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reviews:svd", args=[self.partnership.slug])

    def status(self, today: dt.date | None = None) -> str:
        """ "done", "late" (done after the due date), "overdue", "due soon" or "not due"."""
        today = today or timezone.localdate()
        if self.completed_on:
            return "late" if self.completed_on > self.due_on else "done"
        if self.due_on < today:
            return "overdue"
        if (self.due_on - today).days <= 90:
            return "due soon"
        return "not due"


class SvdUpdate(models.Model):
    """A quarterly note to the partnership on progress with the duty."""

    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.CASCADE, related_name="svd_updates"
    )
    period = models.CharField(
        "quarter",
        max_length=10,
        validators=[validate_quarter],
        help_text="Like 2022-23 Q3 (October to December).",
    )
    narrative = models.TextField("progress this quarter")
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)
    classification = models.CharField(
        max_length=20, choices=Classification.choices, default=Classification.OFFICIAL
    )

    objects = ClassifiedQuerySet.as_manager()

    class Meta:
        ordering = ["-period", "-written_at"]
        verbose_name = "Serious Violence Duty update"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "period"], name="one_svd_update_a_quarter"),
        ]

    def __str__(self) -> str:
        return f"Serious Violence Duty {self.period}"

    @property
    def quarter(self) -> Quarter:
        return Quarter.parse(self.period)
