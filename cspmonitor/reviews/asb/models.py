"""ASB Case Review applications, their complaints and the review's recommendations.

An application is casework about a victim of anti-social behaviour, so it is OFFICIAL-SENSITIVE
and holds no names: a reference like WS-ASB-2022-03, complainants labelled "A", "B", and the
agencies that took each complaint. Whether the threshold is met is worked out from the
complaints by ``threshold.py``; the officer records the decision (and any discretion).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from cspmonitor.accounts.classified import ClassifiedQuerySet
from cspmonitor.accounts.models import Classification
from cspmonitor.periods import FinancialYear
from cspmonitor.reviews.asb import threshold

KIND = "asb"  # the rule set kind in cspmonitor/reviews/rules

_reference = RegexValidator(
    r"^[A-Z0-9][A-Z0-9/-]*$",
    "Enter a reference in capital letters, numbers and hyphens, like WS-ASB-2022-03",
)
_label = RegexValidator(r"^[A-Z0-9]{1,3}$", "Enter a letter such as A or B, not a name")


class ApplicationQuerySet(ClassifiedQuerySet["CaseReviewApplication"]):
    def for_partnership(self, partnership) -> ApplicationQuerySet:
        return self.filter(partnership=partnership)

    def received_in(self, year: FinancialYear) -> ApplicationQuerySet:
        return self.filter(received_on__range=(year.start, year.end))

    def threshold_not_met_in(self, year: FinancialYear) -> ApplicationQuerySet:
        return self.filter(
            decision=CaseReviewApplication.Decision.NOT_MET, decided_on__range=(year.start, year.end)
        )

    def reviews_in(self, year: FinancialYear, today: dt.date | None = None) -> ApplicationQuerySet:
        """Reviews carried out: the threshold was met and the review meeting was held in ``year``."""
        today = today or timezone.localdate()
        return self.filter(
            decision__in=CaseReviewApplication.MET_DECISIONS,
            meeting_on__range=(year.start, min(year.end, today)),
        )

    def reviews_with_recommendations_in(
        self, year: FinancialYear, today: dt.date | None = None
    ) -> ApplicationQuerySet:
        return self.reviews_in(year, today).filter(recommendations__isnull=False).distinct()


class CaseReviewApplication(models.Model):
    class Received(models.TextChoices):
        ONLINE_FORM = "online_form", "Online form"
        PHONE = "phone", "Phone"
        EMAIL = "email", "Email"
        LETTER = "letter", "Letter"
        IN_PERSON = "in_person", "In person"
        AGENCY = "agency", "Through an agency"

    class MadeBy(models.TextChoices):
        VICTIM = "victim", "The victim"
        FAMILY_MEMBER = "family_member", "A family member, for the victim"
        REPRESENTATIVE = "representative", "An MP or councillor, for the victim"
        AGENCY = "agency", "An agency, for the victim"
        OTHER = "other", "Someone else, for the victim"

    class Decision(models.TextChoices):
        MET = "met", "Threshold met"
        NOT_MET = "not_met", "Threshold not met"
        MET_BY_DISCRETION = "met_by_discretion", "Threshold met by discretion"

    MET_DECISIONS = (Decision.MET, Decision.MET_BY_DISCRETION)

    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.CASCADE, related_name="asb_case_reviews"
    )
    reference = models.CharField(
        max_length=30,
        validators=[_reference],
        help_text="A reference that names no one, like WS-ASB-2022-03.",
    )
    received_on = models.DateField("date received")
    received_via = models.CharField("how it was received", max_length=20, choices=Received.choices)
    made_by = models.CharField("who applied", max_length=20, choices=MadeBy.choices)
    vulnerable_victim = models.BooleanField(
        "the victim is vulnerable",
        default=False,
        help_text="The partnership may use discretion to meet the threshold for a vulnerable victim.",
    )
    area = models.ForeignKey(
        "partnership.Area", on_delete=models.PROTECT, related_name="+", help_text="The district."
    )
    classification = models.CharField(
        max_length=20, choices=Classification.choices, default=Classification.OFFICIAL_SENSITIVE
    )
    rule_set_version = models.CharField(
        max_length=30, default="default", help_text="The version of the local ASB Case Review rules applied."
    )
    acknowledged_on = models.DateField("date acknowledged", null=True, blank=True)
    decision = models.CharField("threshold decision", max_length=20, choices=Decision.choices, blank=True)
    decided_on = models.DateField("date decided", null=True, blank=True)
    discretion_reason = models.TextField("reason for using discretion", blank=True)
    meeting_on = models.DateField("date of the review meeting", null=True, blank=True)
    outcome = models.TextField("outcome of the review", blank=True)
    escalation_requested_on = models.DateField(
        "date the applicant asked for a review of the decision or outcome",
        null=True,
        blank=True,
        help_text="When the applicant was not satisfied and asked for the case review to be looked at again.",
    )
    escalation_outcome = models.TextField("outcome of that request", blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = "ASB Case Review application"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "reference"], name="asb_reference_once"),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("asb:application", args=[self.partnership.slug, self.pk])

    def clean(self) -> None:
        errors = {}
        if self.decision == self.Decision.MET_BY_DISCRETION and not self.discretion_reason.strip():
            errors["discretion_reason"] = "Give the reason for using discretion"
        if self.decision and not self.decided_on:
            errors["decided_on"] = "Enter the date the threshold was decided"
        if self.decided_on and not self.decision:
            errors["decision"] = "Select the threshold decision"
        for name, label in (
            ("acknowledged_on", "date acknowledged"),
            ("decided_on", "date decided"),
            ("meeting_on", "date of the review meeting"),
            ("escalation_requested_on", "date the applicant asked for a review"),
        ):
            value = getattr(self, name)
            if value and self.received_on and value < self.received_on:
                errors[name] = f"The {label} must be on or after the date received"
        if self.meeting_on and self.decision == self.Decision.NOT_MET:
            errors["meeting_on"] = "A review meeting is held only when the threshold is met"
        if errors:
            raise ValidationError(errors)

    @property
    def threshold_met(self) -> bool | None:
        if not self.decision:
            return None
        return self.decision in self.MET_DECISIONS

    def engine_complaints(self) -> list[threshold.Complaint]:
        """The complaints in the shape the threshold engine takes, in reported order."""
        return [complaint.for_engine() for complaint in self.complaints.select_related("agency")]


class Complaint(models.Model):
    """A report of the behaviour to an agency, counted towards the threshold."""

    application = models.ForeignKey(
        CaseReviewApplication, on_delete=models.CASCADE, related_name="complaints"
    )
    behaviour_on = models.DateField("date of the behaviour")
    reported_on = models.DateField("date reported")
    agency = models.ForeignKey(
        "partnership.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The agency the complaint was made to.",
    )
    incident_reference = models.CharField(
        max_length=50, blank=True, help_text="The agency's incident or log number, if it gave one."
    )
    hate_related = models.BooleanField("hate-related", default=False)
    complainant = models.CharField(
        max_length=3,
        validators=[_label],
        help_text=(
            "A letter for the person who complained (A, B, C …), to count different people: not a name."
        ),
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["reported_on", "behaviour_on", "pk"]

    def __str__(self) -> str:
        return f"{self.application} complaint reported {self.reported_on:%d %B %Y}"

    def get_absolute_url(self) -> str:
        return self.application.get_absolute_url()

    def clean(self) -> None:
        if self.behaviour_on and self.reported_on and self.reported_on < self.behaviour_on:
            raise ValidationError(
                {"reported_on": "The date reported must be on or after the date of the behaviour"}
            )

    def for_engine(self) -> threshold.Complaint:
        return threshold.Complaint(
            behaviour_on=self.behaviour_on,
            reported_on=self.reported_on,
            agency=self.agency.name,
            incident_reference=self.incident_reference,
            hate_related=self.hate_related,
            complainant=self.complainant,
        )


class Recommendation(models.Model):
    application = models.ForeignKey(
        CaseReviewApplication, on_delete=models.CASCADE, related_name="recommendations"
    )
    text = models.TextField("recommendation")
    owner = models.ForeignKey(
        "partnership.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The organisation responsible for carrying it out.",
    )
    due = models.DateField("due date", null=True, blank=True)
    completed_on = models.DateField("date completed", null=True, blank=True)

    class Meta:
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        return self.application.get_absolute_url()

    @property
    def is_overdue(self) -> bool:
        return self.completed_on is None and self.due is not None and self.due < timezone.localdate()
