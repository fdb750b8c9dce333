"""The partnership plan and its action plan: priorities, workstreams, actions, quarterly updates.

A three-year plan is refreshed each year; priorities may be adopted or retired mid-year
(fraud was adopted in July 2022). Each action has a lead organisation, whose partner lead
writes its quarterly updates; the latest update sets the action's status and RAG rating.
Plans, priorities, objectives and actions keep a full change history (who, what, when).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cspmonitor.accounts.classified import ClassifiedQuerySet
from cspmonitor.accounts.models import Classification
from cspmonitor.periods import FinancialYear, PeriodError, Quarter


class Rag(models.TextChoices):
    """Red, amber, green: how confident the lead is that the action will deliver."""

    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    RED = "red", "Red"


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    COMPLETE = "complete", "Complete"
    WITHDRAWN = "withdrawn", "Withdrawn"


#: Statuses of work still to do, in the order the dashboard lists them (worst first).
OPEN_STATUSES = [Status.OFF_TRACK, Status.AT_RISK, Status.NOT_STARTED, Status.ON_TRACK]


def validate_quarter(value: str) -> None:
    try:
        Quarter.parse(value)
    except PeriodError as error:
        raise ValidationError(str(error)) from None


class Plan(models.Model):
    """A partnership plan, usually for three financial years, refreshed each year."""

    partnership = models.ForeignKey("partnership.Partnership", on_delete=models.CASCADE, related_name="plans")
    title = models.CharField(max_length=200)
    first_year = models.PositiveIntegerField(help_text="The calendar year its first April falls in.")
    years = models.PositiveSmallIntegerField(default=3)
    adopted_on = models.DateField(null=True, blank=True)
    adopted_by = models.ForeignKey(
        "partnership.Group", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    summary = models.TextField(blank=True)
    assessment = models.ForeignKey(
        "crime.Assessment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plans",
        help_text="The strategic assessment the plan rests on, when it is held here.",
    )
    started_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The plan this one took its continuing priorities and unfinished actions from.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-first_year"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:plan", args=[self.partnership.slug, self.pk])

    @property
    def period(self) -> str:
        return f"{FinancialYear(self.first_year).label} to {FinancialYear(self.last_year).label}"

    @property
    def last_year(self) -> int:
        return self.first_year + self.years - 1

    def covers(self, year: FinancialYear) -> bool:
        return self.first_year <= year.first_year <= self.last_year

    def financial_years(self) -> list[FinancialYear]:
        return [FinancialYear(self.first_year + i) for i in range(self.years)]


class PlanRefresh(models.Model):
    """The yearly refresh of a plan: what was reviewed and changed for the year."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="refreshes")
    year = models.CharField(max_length=7, help_text="The financial year refreshed, like 2022-23.")
    refreshed_on = models.DateField()
    summary = models.TextField()
    carried: models.ManyToManyField = models.ManyToManyField(
        "Action",
        blank=True,
        related_name="carried_by",
        help_text="Unfinished actions carried into the year, each extended to run through it.",
    )

    class Meta:
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["plan", "year"], name="one_refresh_a_year")]

    def __str__(self) -> str:
        return f"{self.plan} — {self.year} refresh"


class PriorityQuerySet(models.QuerySet["Priority"]):
    def for_partnership(self, partnership) -> PriorityQuerySet:
        return self.filter(plan__partnership=partnership)

    def in_year(self, year: FinancialYear) -> PriorityQuerySet:
        """Priorities in force at some point in ``year`` (one retired on a day is no longer in force
        from that day, so one retired on 1 April has no part in the year that day starts)."""
        return self.filter(
            models.Q(adopted_on__isnull=True) | models.Q(adopted_on__lte=year.end),
            models.Q(retired_on__isnull=True) | models.Q(retired_on__gt=year.start),
            plan__first_year__lte=year.first_year,
        ).filter(plan__first_year__gt=year.first_year - models.F("plan__years"))


class Priority(models.Model):
    class Kind(models.TextChoices):
        PRIORITY = "priority", "Partnership priority"
        STATUTORY_DUTY = "statutory_duty", "Statutory duty workstream"

    class Evidence(models.TextChoices):
        STRATEGIC_ASSESSMENT = "strategic_assessment", "Strategic assessment"
        EMERGING_ISSUE = "emerging_issue", "Emerging issue"
        STATUTORY_DUTY = "statutory_duty", "Statutory duty"
        COUNTY_PRIORITY = "county_priority", "County or police and crime plan priority"
        COMMUNITY_CONCERN = "community_concern", "Community consultation"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        RETIRED = "retired", "Retired"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PRIORITY)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    adopted_on = models.DateField(null=True, blank=True)
    adopted_by = models.ForeignKey(
        "partnership.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="priorities_adopted",
    )
    evidence = models.CharField(max_length=30, choices=Evidence.choices, blank=True)
    evidence_detail = models.TextField(
        blank=True, help_text="Where the evidence came from, such as the strategic assessment of March 2022."
    )
    assessment = models.ForeignKey(
        "crime.Assessment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="priorities",
        help_text="The strategic assessment this priority came from, when it is held here.",
    )
    lead_organisation = models.ForeignKey(
        "partnership.Organisation", on_delete=models.PROTECT, related_name="priorities_led"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    retired_on = models.DateField(null=True, blank=True)
    retirement_reason = models.TextField(
        "why it was retired",
        blank=True,
        help_text="The evidence for retiring it, such as a refresh's review.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()
    objects = PriorityQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        verbose_name_plural = "priorities"
        constraints = [models.UniqueConstraint(fields=["plan", "title"], name="priority_title_once")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:priority", args=[self.plan.partnership.slug, self.pk])

    def clean(self) -> None:
        if self.status == self.Status.RETIRED and not self.retired_on:
            raise ValidationError({"retired_on": "Enter the date the priority was retired"})
        if self.retired_on and self.adopted_on and self.retired_on < self.adopted_on:
            raise ValidationError({"retired_on": "The date retired must be on or after the date adopted"})

    @property
    def adopted_mid_year(self) -> bool:
        return bool(self.adopted_on) and self.adopted_on.month != 4  # type: ignore[union-attr]


class ObjectiveQuerySet(ClassifiedQuerySet["Objective"]):
    pass


class Objective(models.Model):
    """A workstream or objective under a priority."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="objectives")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    # Worked out, never chosen: OFFICIAL-SENSITIVE while any of its actions is (plans.classification).
    classification = models.CharField(
        max_length=20, choices=Classification.choices, default=Classification.OFFICIAL, editable=False
    )

    history = HistoricalRecords()
    objects = ObjectiveQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.priority.get_absolute_url()


class ActionQuerySet(ClassifiedQuerySet["Action"]):
    def for_partnership(self, partnership) -> ActionQuerySet:
        return self.filter(objective__priority__plan__partnership=partnership)

    def in_year(self, year: FinancialYear) -> ActionQuerySet:
        """Actions running at some point in ``year`` (an extended action runs to its new date)."""
        return self.running(year.start, year.end)

    def running(self, start: dt.date, end: dt.date) -> ActionQuerySet:
        """Actions running at some point from ``start`` to ``end``."""
        return self.alias(last_day=Coalesce("extended_to", "due_date")).filter(
            start_date__lte=end, last_day__gte=start
        )

    def overdue(self, on: dt.date | None = None) -> ActionQuerySet:
        on = on or timezone.localdate()
        return self.filter(due_date__lt=on, status__in=OPEN_STATUSES)

    def worst_first(self) -> ActionQuerySet:
        """Overdue, then off track, at risk, not started, on track, complete, withdrawn."""
        today = timezone.localdate()
        rank = models.Case(
            *[models.When(status=status, then=i + 1) for i, status in enumerate(OPEN_STATUSES)],
            models.When(status=Status.COMPLETE, then=8),
            default=9,
        )
        overdue = models.Case(
            models.When(due_date__lt=today, status__in=OPEN_STATUSES, then=0),
            default=1,
        )
        return self.order_by(overdue, rank, "due_date", "pk")


class Action(models.Model):
    Status = Status

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="actions")
    reference = models.CharField(
        max_length=20, help_text="A short code that stays with the action in returns, like CE-1."
    )
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    lead_organisation = models.ForeignKey(
        "partnership.Organisation", on_delete=models.PROTECT, related_name="actions_led"
    )
    owner = models.CharField(
        max_length=200, help_text="The person or post accountable, like Community Safety Manager."
    )
    start_date = models.DateField()
    due_date = models.DateField()
    extended_to = models.DateField(
        "extended to",
        null=True,
        blank=True,
        help_text="Set when the action is carried into a later year: it runs on to this date, "
        "while the years before keep its original due date.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    rag = models.CharField("RAG rating", max_length=10, choices=Rag.choices, blank=True)
    rag_reason = models.TextField("reason for the RAG rating", blank=True)
    review = models.ForeignKey(
        "reviews.DomesticHomicideReview",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_actions",
        verbose_name="domestic homicide review",
        help_text="The review this action carries out, if any. An action linked to a restricted review "
        "is OFFICIAL-SENSITIVE too, with its updates, unless an officer declassifies it.",
    )
    # Worked out, never chosen: see plans.classification.
    classification = models.CharField(
        max_length=20, choices=Classification.choices, default=Classification.OFFICIAL, editable=False
    )

    history = HistoricalRecords()
    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["reference"]
        constraints = [
            models.UniqueConstraint(fields=["objective", "reference"], name="action_reference_once"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("plans:action", args=[self.partnership.slug, self.pk])

    @property
    def partnership(self):
        return self.objective.priority.plan.partnership

    @property
    def priority(self) -> Priority:
        return self.objective.priority

    def clean(self) -> None:
        if self.start_date and self.due_date and self.due_date < self.start_date:
            raise ValidationError({"due_date": "The due date must be on or after the start date"})
        if self.extended_to and self.due_date and self.extended_to <= self.due_date:
            raise ValidationError({"extended_to": "An extension must run past the due date"})
        if self.rag in (Rag.AMBER, Rag.RED) and not self.rag_reason.strip():
            raise ValidationError({"rag_reason": "Give the reason for an amber or red rating"})

    @property
    def runs_to(self) -> dt.date:
        """The last day the action runs: its due date, or the date it was extended to."""
        return self.extended_to or self.due_date

    def due_in(self, year: FinancialYear) -> dt.date:
        """The due date that applied in ``year``: an extension only counts in the years after the
        original due date, so the year it was due in still shows it due (and overdue) then."""
        if self.extended_to and self.due_date < year.start:
            return self.extended_to
        return self.due_date

    def open_quarters(self) -> list[Quarter]:
        """The quarters an update may be given for: from the one it starts in to the one it ends in."""
        quarter, last = Quarter.containing(self.start_date), Quarter.containing(self.runs_to)
        quarters = []
        while quarter <= last:
            quarters.append(quarter)
            quarter = quarter.next()
        return quarters

    @property
    def is_overdue(self) -> bool:
        return self.runs_to < timezone.localdate() and self.status in OPEN_STATUSES

    def latest_update(self) -> ProgressUpdate | None:
        return self.updates.order_by("-period", "-written_at").first()

    def apply_latest_update(self) -> None:
        """Set status and RAG from the latest quarterly update (by period, then time written)."""
        latest = self.latest_update()
        if latest is None:
            return
        self.status, self.rag, self.rag_reason = latest.status, latest.rag, latest.rag_reason
        self.save(update_fields=["status", "rag", "rag_reason"])


class ProgressUpdate(models.Model):
    """A quarterly update on an action, written by its lead organisation."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    period = models.CharField(
        "quarter", max_length=10, validators=[validate_quarter], help_text="Like 2022-23 Q1 (April to June)."
    )
    narrative = models.TextField("progress this quarter")
    status = models.CharField(max_length=20, choices=Status.choices)
    rag = models.CharField("RAG rating", max_length=10, choices=Rag.choices)
    rag_reason = models.TextField("reason for the RAG rating", blank=True)
    evidence_links = models.TextField(
        blank=True, help_text="Links to evidence such as minutes or published reports, one a line."
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-period", "-written_at"]
        constraints = [models.UniqueConstraint(fields=["action", "period"], name="one_update_a_quarter")]

    def __str__(self) -> str:
        return f"{self.action.reference} {self.period}"

    @property
    def quarter(self) -> Quarter:
        return Quarter.parse(self.period)

    def evidence_list(self) -> list[str]:
        return [line.strip() for line in self.evidence_links.splitlines() if line.strip()]

    def clean(self) -> None:
        if self.rag in (Rag.AMBER, Rag.RED) and not self.rag_reason.strip():
            raise ValidationError({"rag_reason": "Give the reason for an amber or red rating"})
        for line in self.evidence_list():
            if not line.startswith(("https://", "http://")):
                raise ValidationError(
                    {"evidence_links": f"Each evidence link must start with https://; {line!r} does not"}
                )
