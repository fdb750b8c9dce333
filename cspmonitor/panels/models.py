"""Multi-agency panels and their case work: MACE panels and high-risk ASB forums.

Case work is OFFICIAL-SENSITIVE and need-to-know: a case is seen only by the people sitting on
its panel (``cspmonitor.panels.access``), and every look or change is written to the panel's
access log (``cspmonitor.panels.log``). A case is known by its reference; the personal details
of its subject, where the panel decides it needs them, are kept apart (`Subject`) so they can be
shown only to members and erased after the retention period while the anonymous figures
(referral date and source, risk level, outcome) stay for the partnership's reports.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from cspmonitor.panels.rules import criteria_sets
from cspmonitor.partnership.models import Group

NO_NAMES = "Use the case reference, never a name: personal details go only in the personal details."


class Panel(models.Model):
    class Kind(models.TextChoices):
        CRIMINAL_EXPLOITATION = "criminal_exploitation", "Criminal exploitation (MACE)"
        HIGH_RISK_ASB = "high_risk_asb", "High-risk anti-social behaviour"
        OTHER = "other", "Other"

    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.CASCADE, related_name="panels"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    cadence = models.CharField("how often it meets", max_length=20, choices=Group.Cadence.choices)
    organisations = models.ManyToManyField(
        "partnership.Organisation", related_name="panels", verbose_name="member organisations"
    )
    criteria = models.CharField(
        "referral criteria",
        max_length=50,
        help_text="The criteria set referrals are screened against (a file in panels/rules/sets).",
    )
    retention_months = models.PositiveIntegerField(
        "months personal details are kept after closure",
        default=24,
        help_text="After this, personal details are erased and only anonymous figures are kept.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="panel_name_once")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("panels:panel", args=[self.partnership.slug, self.pk])

    def clean(self) -> None:
        if self.criteria and self.criteria not in criteria_sets():
            raise ValidationError(
                {"criteria": f"Choose one of the criteria sets held: {', '.join(criteria_sets())}"}
            )

    def current_agreement(self, today: dt.date | None = None) -> SharingAgreement | None:
        today = today or timezone.localdate()
        return (
            self.agreements.filter(signed_on__lte=today, review_on__gte=today).order_by("-review_on").first()
        )

    def can_take_cases(self, today: dt.date | None = None) -> bool:
        """No new case while the panel's information-sharing agreement is missing or past review."""
        return self.current_agreement(today) is not None

    @property
    def chair(self) -> PanelMember | None:
        return self.members.filter(is_chair=True).select_related("user", "organisation").first()


class SharingAgreement(models.Model):
    """The information-sharing agreement a panel runs under (UK GDPR art. 6, DPA 2018 s.8, Sch. 1)."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="agreements")
    title = models.CharField(max_length=200)
    lawful_basis = models.TextField(
        help_text="Like UK GDPR art. 6(1)(e) public task; DPA 2018 Sch. 1 para 10."
    )
    purpose = models.TextField()
    signatories = models.ManyToManyField("partnership.Organisation", related_name="+")
    signed_on = models.DateField("date signed")
    review_on = models.DateField("review date", help_text="After this date the panel may take no new case.")

    class Meta:
        ordering = ["-review_on"]

    def __str__(self) -> str:
        return self.title


class PanelMember(models.Model):
    """A person sitting on a panel: the one thing that gives sight of its cases."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="panel_seats")
    organisation = models.ForeignKey("partnership.Organisation", on_delete=models.PROTECT, related_name="+")
    is_chair = models.BooleanField("chair", default=False)

    class Meta:
        ordering = ["-is_chair", "user__email"]
        constraints = [models.UniqueConstraint(fields=["panel", "user"], name="one_seat_a_panel")]

    def __str__(self) -> str:
        return f"{self.user} ({self.organisation}) on {self.panel}"


class CaseQuerySet(models.QuerySet["Case"]):
    def open(self) -> CaseQuerySet:
        return self.filter(closed_on__isnull=True)

    def search(self, text: str) -> CaseQuerySet:
        """By reference only: personal details are never searched, so a search reveals no one."""
        return self.filter(reference__icontains=text.strip()) if text.strip() else self

    def due_for_erasure(self, today: dt.date) -> list[Case]:
        return [
            c
            for c in self.filter(closed_on__isnull=False, erased_on__isnull=True).select_related("panel")
            if (after := c.erase_after) is not None and after <= today
        ]


class Risk(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    VERY_HIGH = "very_high", "Very high"


RISK_ORDER = {Risk.LOW: 0, Risk.MEDIUM: 1, Risk.HIGH: 2, Risk.VERY_HIGH: 3}


class Case(models.Model):
    class SubjectKind(models.TextChoices):
        PERSON_AT_RISK = "person_at_risk", "Person at risk"
        PERSON_OF_CONCERN = "person_of_concern", "Person of concern"
        LOCATION = "location", "Location or area of concern"
        GROUP = "group", "Group"

    class Consent(models.TextChoices):
        GIVEN = "given", "Consent given"
        REFUSED = "refused", "Consent refused: shared without it"
        NOT_SOUGHT = "not_sought", "Consent not sought"

    class Outcome(models.TextChoices):
        RISK_REDUCED = "risk_reduced", "Risk reduced: managed by single agencies"
        MOVED_AWAY = "moved_away", "Moved out of the area"
        REFERRED_ON = "referred_on", "Referred to another process"
        NOT_ACCEPTED = "not_accepted", "Referral not accepted"
        OTHER = "other", "Other"

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="cases")
    reference = models.CharField(
        "case reference", max_length=30, help_text=f"Like WS-MACE-2026-01. {NO_NAMES}"
    )
    subject_kind = models.CharField("subject", max_length=30, choices=SubjectKind.choices)
    referred_by = models.ForeignKey(
        "partnership.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="referring organisation",
    )
    referrer = models.CharField("referred by", max_length=200, help_text="The professional's name and role.")
    referred_on = models.DateField("date referred")
    reason = models.TextField("why it is referred", help_text=NO_NAMES)
    criteria_met = models.JSONField("referral criteria met", default=list)
    consent = models.CharField(max_length=20, choices=Consent.choices)
    consent_basis = models.TextField(
        "basis for sharing", help_text="Without consent, the lawful basis and why sharing is necessary."
    )
    risk = models.CharField("risk level", max_length=20, choices=Risk.choices)
    closed_on = models.DateField("date closed", null=True, blank=True)
    outcome = models.CharField("reason for closure", max_length=20, choices=Outcome.choices, blank=True)
    closure_note = models.TextField("closure note", blank=True, help_text=NO_NAMES)
    erased_on = models.DateField("personal details erased on", null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-referred_on", "reference"]
        constraints = [models.UniqueConstraint(fields=["panel", "reference"], name="case_reference_once")]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("panels:case", args=[self.panel.partnership.slug, self.panel_id, self.pk])

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def erase_after(self) -> dt.date | None:
        if self.closed_on is None:
            return None
        return self.closed_on + relativedelta(months=self.panel.retention_months)

    def risk_rank(self) -> int:
        return RISK_ORDER.get(self.risk, 0)  # type: ignore[call-overload]


class Subject(models.Model):
    """The personal details of a case's subject, kept apart from the case and erased after the
    retention period. Only the panel's members see them."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="subject")
    name = models.CharField("name or names", max_length=200)
    date_of_birth = models.DateField(null=True, blank=True)
    address = models.TextField(blank=True)
    notes = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Personal details for {self.case}"


class RiskAssessment(models.Model):
    """One judgement of a case's risk level, with the reasons: the history of the risk."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="risk_history")
    level = models.CharField("risk level", max_length=20, choices=Risk.choices)
    reasons = models.TextField(help_text=NO_NAMES)
    assessed_on = models.DateField("date assessed")
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-assessed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.case}: {self.get_level_display()} on {self.assessed_on}"


class CaseLocation(models.Model):
    """A place linked to a case, for the partnership's map beside the crime hotspots."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="locations")
    description = models.CharField(max_length=200, help_text="Like 'Underpass by the bus station'.")
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)

    def __str__(self) -> str:
        return self.description


class PanelMeeting(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField()

    class Meta:
        ordering = ["-date"]
        constraints = [models.UniqueConstraint(fields=["panel", "date"], name="one_panel_meeting_a_day")]

    def __str__(self) -> str:
        return f"{self.panel} on {self.date:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("panels:meeting", args=[self.panel.partnership.slug, self.panel_id, self.pk])


class Minute(models.Model):
    """What a meeting said and decided about one case."""

    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="minutes")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="minutes")
    discussion = models.TextField(help_text=NO_NAMES)
    decision = models.TextField(help_text=NO_NAMES)

    class Meta:
        ordering = ["meeting__date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "case"], name="one_minute_a_case_a_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.case} at {self.meeting}"


class CaseAction(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actions")
    meeting = models.ForeignKey(
        PanelMeeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    description = models.TextField(help_text=NO_NAMES)
    owner = models.ForeignKey(
        "partnership.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="owner organisation",
    )
    due_on = models.DateField("due date")
    completed_on = models.DateField("date completed", null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case}: {self.description[:60]}"

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.completed_on is None and self.due_on < (today or timezone.localdate())


class Disclosure(models.Model):
    """A record of information from a case given to anyone outside the panel."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="disclosures")
    disclosed_to = models.CharField(
        "given to", max_length=200, help_text="The organisation or person and role."
    )
    what = models.TextField("what was given")
    purpose = models.TextField("why")
    lawful_basis = models.CharField(max_length=200)
    disclosed_on = models.DateField("date given")
    disclosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-disclosed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.case} to {self.disclosed_to} on {self.disclosed_on}"


class PanelAccessLog(models.Model):
    """One look at, search of, export of or change to a panel's records, with before and after
    values for a change. Written only through ``cspmonitor.panels.log.record``; never changed."""

    class What(models.TextChoices):
        LISTED = "listed", "Listed"
        VIEWED = "viewed", "Viewed"
        SEARCHED = "searched", "Searched"
        EXPORTED = "exported", "Exported"
        CHANGED = "changed", "Changed"
        ERASED = "erased", "Erased"

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="access_log")
    case = models.ForeignKey(Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    # The email is kept as well as the link, so the log still says who after an account goes;
    # blank for the background retention task.
    email = models.EmailField(blank=True)
    at = models.DateTimeField(default=timezone.now)
    what = models.CharField(max_length=20, choices=What.choices)
    page = models.CharField(max_length=100, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "panel access log"

    def __str__(self) -> str:
        return f"{self.panel}: {self.what} {self.page} by {self.email or 'the system'}"
