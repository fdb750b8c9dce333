"""The partnership registry: who the partnership is, where, and how it meets."""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.urls import reverse
from django.utils import timezone

from cspmonitor.accounts.classified import ClassifiedQuerySet
from cspmonitor.accounts.models import Classification
from cspmonitor.periods import FinancialYear, PeriodError


class Partnership(models.Model):
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=30, blank=True, help_text="For example WSCSP.")
    slug = models.SlugField(unique=True)
    description = models.TextField(blank=True)
    year_in_view = models.CharField(
        max_length=7,
        blank=True,
        help_text="The financial year every page opens on, like 2022-23, while its report is prepared; "
        "blank for the current financial year.",
    )
    ons_code = models.CharField(
        "ONS code",
        max_length=9,
        blank=True,
        help_text="The partnership's code in the ONS lookup: E22… in England, W14… in Wales.",
    )
    explicit_lsoas = models.TextField(
        "LSOAs of split districts",
        blank=True,
        help_text="Only where a district is split between partnerships: the 2021 LSOA codes of "
        "the partnership's part, separated by spaces, commas or new lines. Other districts "
        "are taken whole.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnership:overview", args=[self.slug])

    def year(self) -> FinancialYear:
        """The year in view: the one chosen, else the current financial year."""
        if self.year_in_view:
            try:
                return FinancialYear.parse(self.year_in_view)
            except PeriodError:
                pass  # a value saved before validation, or by hand: fall back, never fail a page
        return FinancialYear.containing(timezone.localdate())

    def police_uk_forces(self) -> list[str]:
        """The police.uk forces whose data cover the partnership."""
        return [
            force
            for force in self.areas.filter(kind=Area.Kind.POLICE_FORCE_AREA).values_list(
                "police_uk_force", flat=True
            )
            if force
        ]

    def districts(self) -> dict[str, str]:
        """District code → name, in name order."""
        return dict(
            self.areas.filter(kind=Area.Kind.DISTRICT).order_by("name").values_list("ons_code", "name")
        )

    def explicit_lsoa_codes(self) -> list[str]:
        """The LSOAs listed for split districts (empty when every district is whole)."""
        return sorted(set(self.explicit_lsoas.replace(",", " ").split()))

    def district_codes(self) -> list[str]:
        return list(self.areas.filter(kind=Area.Kind.DISTRICT).values_list("ons_code", flat=True))


class AreaQuerySet(models.QuerySet["Area"]):
    def districts_first(self) -> AreaQuerySet:
        order = models.Case(models.When(kind="district", then=0), default=1)
        return self.order_by(order, "kind", "name")


class Area(models.Model):
    """A place the partnership covers or belongs to, named by its ONS or police code."""

    class Kind(models.TextChoices):
        DISTRICT = "district", "District or unitary authority"
        COUNTY = "county", "County"
        POLICE_FORCE_AREA = "police_force_area", "Police force area"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="areas")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    ons_code = models.CharField(
        "ONS code",
        max_length=20,
        help_text="For example E07000245 for West Suffolk, or E23000025 for Suffolk police force area.",
    )

    police_uk_force = models.SlugField(
        "police.uk force",
        blank=True,
        help_text="For a police force area: the force's police.uk identifier, such as suffolk.",
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "ons_code"], name="area_code_once"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.ons_code})"


class Organisation(models.Model):
    class Type(models.TextChoices):
        POLICE = "police", "Police"
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        PROBATION = "probation", "Probation"
        HEALTH = "health", "Health"
        FIRE_AND_RESCUE = "fire_and_rescue", "Fire and rescue"
        YOUTH_JUSTICE = "youth_justice", "Youth justice"
        SOCIAL_LANDLORD = "social_landlord", "Social landlord"
        EDUCATION = "education", "Education"
        VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary sector"
        PCC = "pcc", "Police and crime commissioner"
        OTHER = "other", "Other"

    class Membership(models.TextChoices):
        RESPONSIBLE_AUTHORITY = "responsible", "Responsible authority"
        CO_OPTED = "co_opted", "Co-opted"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="organisations")
    name = models.CharField(max_length=200)
    type = models.CharField(max_length=30, choices=Type.choices)
    membership = models.CharField("membership of the partnership", max_length=20, choices=Membership.choices)
    website = models.URLField(blank=True)

    class Meta:
        # Responsible authorities first ("responsible" sorts after "co_opted").
        ordering = ["-membership", "name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="organisation_name_once"),
        ]

    def __str__(self) -> str:
        return self.name


class Group(models.Model):
    """A board, steering group, network, forum or panel the partnership runs or reports to."""

    class Kind(models.TextChoices):
        PARTNERSHIP = "partnership", "Partnership"
        BOARD = "board", "Board"
        STEERING_GROUP = "steering_group", "Steering group"
        NETWORK = "network", "Network"
        FORUM = "forum", "Forum"
        PANEL = "panel", "Panel"

    class Cadence(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        BIMONTHLY = "bimonthly", "Every two months"
        QUARTERLY = "quarterly", "Quarterly"
        TWICE_YEARLY = "twice_yearly", "Twice a year"
        ANNUALLY = "annually", "Annually"
        AS_NEEDED = "as_needed", "As needed"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    cadence = models.CharField(max_length=20, choices=Cadence.choices)
    purpose = models.TextField(blank=True)
    chair_organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="chaired_groups"
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        help_text="The group this one reports to, such as a county board above the partnership.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="group_name_once"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnership:group", args=[self.partnership.slug, self.pk])


class MeetingQuerySet(ClassifiedQuerySet["Meeting"]):
    def upcoming(self, within_days: int = 365) -> MeetingQuerySet:
        today = timezone.localdate()
        return self.filter(date__gte=today, date__lte=today + timedelta(days=within_days)).order_by("date")


class Meeting(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField()
    organisations_present = models.ManyToManyField(Organisation, blank=True, related_name="meetings_attended")
    notes = models.TextField(blank=True)
    decisions = models.TextField(blank=True)
    classification = models.CharField(
        max_length=20, choices=Classification.choices, default=Classification.OFFICIAL
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.group} — {self.date:%d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("partnership:meeting", args=[self.group.partnership.slug, self.pk])
