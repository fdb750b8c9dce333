"""What a partnership sets about the law it works under, and the commencements officers record.

The rules (``cspmonitor.reviews.rules``) say which parts of the law are prospective: passed but
not known to be in force. They are never applied to a new case until an officer records the
commencement here, with its date and source; a record with no partnership is the site's and
holds for every partnership, unless a partnership records its own.

`StatutorySettings` holds the names and choices that differ between partnerships: the body that
quality assures homicide reviews, the local policing body, the event each configurable clock
starts from, and whether an ASB Case Review opens by itself when the threshold is met.
`configuration` gathers all of it into the rules' plain `Configuration`.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from cspmonitor.reviews.rules import calendar
from cspmonitor.reviews.rules.legal import DEFAULT_LOCAL_POLICING_BODY, DEFAULT_QA_BODY, Configuration
from cspmonitor.reviews.rules.rulesets import SETS_DIR, read_ruleset


class StartEvent(models.TextChoices):
    """The events a configurable clock may start from."""

    RECEIVED = "received", "When the application is received"
    ACKNOWLEDGED = "acknowledged", "When the application is acknowledged"


class StatutorySettings(models.Model):
    """One partnership's names and choices in how the statutory rules read."""

    partnership = models.OneToOneField(
        "partnership.Partnership", on_delete=models.CASCADE, related_name="statutory_settings"
    )
    qa_body = models.CharField(
        "body that quality assures homicide reviews",
        max_length=200,
        default=DEFAULT_QA_BODY,
        help_text="The Home Office Quality Assurance Panel today; a new oversight board was announced "
        "in 2025.",
    )
    local_policing_body = models.CharField(
        "local policing body",
        max_length=200,
        default=DEFAULT_LOCAL_POLICING_BODY,
        help_text="The Police and Crime Commissioner, or the mayor or policing and crime board that takes "
        "on their powers.",
    )
    asb_decide_starts_from = models.CharField(
        "the ASB Case Review threshold decision is counted from",
        max_length=20,
        choices=StartEvent.choices,
        default=StartEvent.RECEIVED,
    )
    asb_open_automatically = models.BooleanField(
        "open an ASB Case Review automatically when the threshold is met",
        default=False,
        help_text="Without waiting for the victim to apply, as the 2023 ASB action plan encourages.",
    )

    class Meta:
        verbose_name = "statutory settings"
        verbose_name_plural = "statutory settings"

    def __str__(self) -> str:
        return f"Statutory settings of {self.partnership}"

    @classmethod
    def for_partnership(cls, partnership) -> StatutorySettings:
        """The partnership's settings; unsaved defaults until someone changes them."""
        return cls.objects.filter(partnership=partnership).first() or cls(partnership=partnership)

    def clock_starts(self) -> dict[str, str]:
        return {"asb.decide": self.asb_decide_starts_from}


def prospective_choices() -> list[tuple[str, str]]:
    """Every prospective rule an officer may record the commencement of: rule sets, provisions
    within them and calendar obligations, as (key, title)."""
    found = []
    for path in sorted(SETS_DIR.glob("*-*.toml")):
        ruleset = read_ruleset(path)
        if ruleset.status.is_prospective:
            found.append((ruleset.key, ruleset.title))
        found += [(ruleset.provision_key(p), p.label) for p in ruleset.provisions if p.status.is_prospective]
    found += [(r.commencement_key, r.title) for r in calendar.obligation_rules() if r.status.is_prospective]
    return found


class CommencementQuerySet(models.QuerySet["Commencement"]):
    def for_partnership(self, partnership) -> CommencementQuerySet:
        """The partnership's own records and the site's."""
        return self.filter(Q(partnership=partnership) | Q(partnership__isnull=True))


class Commencement(models.Model):
    """An officer's record that a prospective rule came into force, with the date and source."""

    partnership = models.ForeignKey(
        "partnership.Partnership",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="commencements",
        help_text="Leave blank to record it for every partnership on this site.",
    )
    rule = models.CharField("the rule that came into force", max_length=100)
    commenced_on = models.DateField("date it came into force")
    source = models.TextField(
        help_text="The commencement regulations, circular or guidance that says so, like 'SI 2027/123 reg 2'."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = CommencementQuerySet.as_manager()

    class Meta:
        ordering = ["rule", "partnership"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "rule"], name="commencement_once_per_partnership"),
            models.UniqueConstraint(
                fields=["rule"], condition=Q(partnership__isnull=True), name="commencement_once_for_the_site"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule} in force from {self.commenced_on:%Y-%m-%d}"

    def clean(self) -> None:
        known = dict(prospective_choices())
        if self.rule and self.rule not in known:
            raise ValidationError({"rule": "Select a rule that is waiting for commencement"})
        if not (self.source or "").strip():
            raise ValidationError({"source": "Enter where the commencement comes from"})


def commenced(partnership) -> dict[str, dt.date]:
    """The commencements that hold for ``partnership``: its own records, else the site's."""
    found: dict[str, dt.date] = {}
    # The site's first, so the partnership's own record of the same rule replaces it.
    for record in Commencement.objects.for_partnership(partnership).order_by(
        models.F("partnership").asc(nulls_first=True)
    ):
        found[record.rule] = record.commenced_on
    return found


def configuration(partnership) -> Configuration:
    """The rules' `Configuration` for ``partnership``."""
    chosen = StatutorySettings.for_partnership(partnership)
    return Configuration(
        qa_body=chosen.qa_body,
        local_policing_body=chosen.local_policing_body,
        clock_starts=chosen.clock_starts(),
        commenced=commenced(partnership),
    )
