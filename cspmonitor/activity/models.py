"""Outputs partners deliver: training, campaigns, events, services, networks, interventions,
awards, referrals and mandatory training compliance.

Every output belongs to a priority (and may belong to an action), is recorded by an
organisation (whose partner lead may change it), covers a period, and carries a
classification. Counts only: no personal data is recorded here.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from cspmonitor.accounts.models import Classification
from cspmonitor.periods import FinancialYear, Quarter


class OutputQuerySet(models.QuerySet):
    def for_partnership(self, partnership):
        return self.filter(priority__plan__partnership=partnership)

    def visible_to(self, access):
        """Only outputs whose classification ``access`` may see (deny by default)."""
        return self.filter(classification__in=access.visible_classifications())

    def in_year(self, year: FinancialYear):
        return self.filter(period_start__lte=year.end, period_end__gte=year.start)

    def in_quarter(self, quarter: Quarter):
        return self.filter(period_end__gte=quarter.start, period_end__lte=quarter.end)


class Output(models.Model):
    """Fields every kind of output shares."""

    #: Short plural name used in headings, sheet names and file names.
    kind_label = "outputs"
    kind_slug = "outputs"

    priority = models.ForeignKey("plans.Priority", on_delete=models.PROTECT, related_name="+")
    action = models.ForeignKey(
        "plans.Action", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "partnership.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The partner that records this output; its partner lead may change it.",
    )
    period_start = models.DateField("from")
    period_end = models.DateField("to")
    classification = models.CharField(
        max_length=20, choices=Classification.choices, default=Classification.OFFICIAL
    )
    notes = models.TextField(blank=True)

    objects = OutputQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-period_end", "pk"]

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "The end of the period must be on or after its start"})
        action = self.action if self.action_id else None
        if action is not None and self.priority_id and action.objective.priority_id != self.priority_id:
            raise ValidationError({"action": "The action must belong to the priority chosen"})

    @property
    def quarter(self) -> Quarter:
        return Quarter.containing(self.period_end)

    def headline(self) -> str:
        """A one-line account of the output for lists and reports."""
        return str(self)


class Audience(models.TextChoices):
    STAFF = "staff", "Staff"
    PARTNERS = "partners", "Partner organisations"
    SCHOOL_STAFF = "school_staff", "School staff"
    PARENTS_AND_CARERS = "parents_and_carers", "Parents and carers"
    YOUNG_PEOPLE = "young_people", "Young people"
    PUBLIC = "public", "Public"


class Format(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    E_LEARNING = "e_learning", "E-learning"


class TrainingSession(Output):
    kind_label, kind_slug = "training and awareness sessions", "training"

    topic = models.CharField(max_length=200)
    delivered_by = models.CharField(
        max_length=200, help_text="Who delivered it, such as a trainer or provider."
    )
    format = models.CharField(max_length=20, choices=Format.choices)
    audience = models.CharField(max_length=30, choices=Audience.choices)
    sessions = models.PositiveIntegerField("sessions held")
    people_reached = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.topic}: {self.people_reached:,} {self.get_audience_display().lower()}"


class Campaign(Output):
    kind_label, kind_slug = "campaigns and awareness weeks", "campaigns"

    class Kind(models.TextChoices):
        CAMPAIGN = "campaign", "Campaign"
        AWARENESS_WEEK = "awareness_week", "Awareness week or day"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    partners = models.TextField(blank=True, help_text="The organisations taking part.")
    channels = models.CharField(
        max_length=300, blank=True, help_text="Such as social media, stations, schools."
    )
    reach = models.PositiveIntegerField(null=True, blank=True, help_text="People reached, when known.")

    def __str__(self) -> str:
        return self.name

    def headline(self) -> str:
        reach = f", reaching {self.reach:,} people" if self.reach else ""
        return f"{self.name} ({self.get_kind_display().lower()}){reach}"


class Event(Output):
    kind_label, kind_slug = "events", "events"

    name = models.CharField(max_length=200)
    audience = models.CharField(max_length=30, choices=Audience.choices)
    format = models.CharField(max_length=20, choices=Format.choices)
    attendees = models.PositiveIntegerField(null=True, blank=True)
    attendees_at_least = models.BooleanField(
        "attendance is a minimum",
        default=False,
        help_text="Tick when the figure is a floor, as in 'over 110'.",
    )

    def __str__(self) -> str:
        return self.name

    @property
    def attendance(self) -> str:
        if self.attendees is None:
            return "not recorded"
        return f"{'over ' if self.attendees_at_least else ''}{self.attendees:,}"

    def headline(self) -> str:
        return f"{self.name}: {self.attendance} attending"


class SupportService(Output):
    """A commissioned support service, listed in the partnership's directory."""

    kind_label, kind_slug = "commissioned support services", "services"

    name = models.CharField(max_length=200)
    provider = models.CharField(max_length=200)
    service_type = models.CharField(
        max_length=200, help_text="Such as outreach, refuge, helpline, IDVA service."
    )
    commissioned_by = models.CharField(max_length=300)
    area_covered = models.CharField(max_length=200)
    eligibility = models.TextField(blank=True)
    website = models.URLField(blank=True)

    class Meta(Output.Meta):
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class NetworkCount(Output):
    """The size of a network at a date, such as domestic abuse champions trained."""

    kind_label, kind_slug = "networks", "networks"

    network = models.CharField(max_length=200)
    measure = models.CharField(max_length=200, help_text="What is counted, such as champions trained.")
    scope = models.CharField(
        max_length=200, help_text="Where or whom the count covers, such as across Suffolk."
    )
    count = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.network}: {self.count:,} {self.measure} ({self.scope})"


class Intervention(Output):
    """Interventions counted without personal data, such as target-hardened homes."""

    kind_label, kind_slug = "interventions", "interventions"

    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=100, help_text="What each one is, such as properties or households.")
    count = models.PositiveIntegerField()
    measures = models.TextField(blank=True, help_text="What was done, such as door locks and window bolts.")
    area = models.CharField(max_length=200)

    def __str__(self) -> str:
        return f"{self.name}: {self.count:,} {self.unit} in {self.area}"


class Award(Output):
    kind_label, kind_slug = "awards", "awards"

    scheme = models.CharField(max_length=200)
    area = models.CharField(max_length=200, help_text="Where the applications came from.")
    applications = models.PositiveIntegerField()
    nominees = models.PositiveIntegerField(null=True, blank=True, help_text="People nominated, when known.")

    def __str__(self) -> str:
        nominated = f", {self.nominees:,} people nominated" if self.nominees is not None else ""
        return f"{self.scheme}: {self.applications:,} applications from {self.area}{nominated}"


class Referral(Output):
    """Referrals counted by route and period (no names)."""

    kind_label, kind_slug = "referrals", "referrals"

    class Route(models.TextChoices):
        NRM = "nrm", "National Referral Mechanism"
        CHANNEL = "channel", "Channel"
        MARAC = "marac", "MARAC"
        MACE = "mace", "Multi-Agency Criminal Exploitation panel"
        OTHER = "other", "Other"

    route = models.CharField(max_length=20, choices=Route.choices)
    area = models.CharField(max_length=200)
    count = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.get_route_display()}: {self.count:,} in {self.area}"


class TrainingCompliance(Output):
    """Completions of a mandatory training module, such as Prevent e-learning every two years."""

    kind_label, kind_slug = "mandatory training", "compliance"

    module = models.CharField(max_length=200)
    audience = models.CharField(max_length=200, help_text="Who must complete it, such as all council staff.")
    cycle = models.CharField(max_length=200, help_text="Such as at induction, then every two years.")
    cycle_months = models.PositiveSmallIntegerField(
        "repeats every (months)",
        null=True,
        blank=True,
        help_text="How often everyone must complete it again, such as 24 for every two years; "
        "the statutory calendar shows when the next cycle is due.",
    )
    completions = models.PositiveIntegerField()
    required = models.PositiveIntegerField(null=True, blank=True, help_text="How many were due, when known.")

    def __str__(self) -> str:
        return f"{self.module}: {self.completions:,} completions"


#: Every kind of output, in the order pages, returns and exports show them.
OUTPUT_KINDS: list[type[Output]] = [
    TrainingSession,
    Campaign,
    Event,
    SupportService,
    NetworkCount,
    Intervention,
    Award,
    Referral,
    TrainingCompliance,
]


def output_kind(slug: str) -> type[Output]:
    for model in OUTPUT_KINDS:
        if model.kind_slug == slug:
            return model
    raise LookupError(slug)


class ReturnUpload(models.Model):
    """One quarterly return file applied, so that the same file sent twice is applied once.

    A double-clicked upload button, or a browser resending the form, would otherwise add
    every output again; the unique file fingerprint per organisation and quarter makes the
    second arrival find the first (even when both arrive at once: one insert wins).
    """

    organisation = models.ForeignKey("partnership.Organisation", on_delete=models.CASCADE, related_name="+")
    quarter = models.CharField(max_length=10)
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updates = models.PositiveIntegerField(default=0)
    outputs = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "quarter", "sha256"], name="one_upload_a_file")
        ]

    def __str__(self) -> str:
        return f"Return upload for {self.quarter} at {self.uploaded_at:%d %B %Y %H:%M}"
