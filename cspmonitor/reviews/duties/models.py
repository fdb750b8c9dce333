"""The statutory calendar's own records: what is known about a partnership that moves its due
dates, who is responsible for each duty, which obligations were done, and which reminders went.

The due dates themselves are not stored: they are worked out each time from the rules in
``cspmonitor/reviews/rules/sets/obligations.toml`` and from the reviews' records, so a change
to either is seen at once (see ``services.py``).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

#: Calendar days before a due date that it counts as "due soon", and its reminder goes out.
DEFAULT_LEAD_DAYS = 14
_LEAD_DAYS = [MinValueValidator(0), MaxValueValidator(365)]


class CalendarSettings(models.Model):
    """Facts about the partnership the calendar's rules need, and when reminders go out."""

    partnership = models.OneToOneField(
        "partnership.Partnership", on_delete=models.CASCADE, related_name="calendar_settings"
    )
    last_scrutiny = models.DateField(
        "date the crime and disorder committee last reviewed the partnership",
        null=True,
        blank=True,
        help_text="The next review is due within 12 months of it (Police and Justice Act 2006 s19).",
    )
    last_asb_publication = models.DateField(
        "date the ASB Case Review figures were last published",
        null=True,
        blank=True,
        help_text="They must be published again within 12 months.",
    )
    svd_strategy_ends = models.DateField(
        "last day of the current Serious Violence Duty strategy",
        null=True,
        blank=True,
        help_text="A strategy runs several years (2024 to 2027, say): the next one is due by then.",
    )
    reminder_lead_days = models.PositiveSmallIntegerField(
        "days before a due date to send a reminder",
        default=DEFAULT_LEAD_DAYS,
        validators=_LEAD_DAYS,
        help_text="An obligation is 'due soon' from then until it is due.",
    )

    class Meta:
        verbose_name = "calendar settings"
        verbose_name_plural = "calendar settings"

    def __str__(self) -> str:
        return f"Calendar settings of {self.partnership}"

    def facts(self) -> dict[str, dt.date]:
        """The facts ``annual_obligations`` reads, leaving out those not known."""
        known = {
            "last_scrutiny": self.last_scrutiny,
            "last_asb_publication": self.last_asb_publication,
            "svd_strategy_ends": self.svd_strategy_ends,
        }
        return {name: day for name, day in known.items() if day is not None}

    @classmethod
    def for_partnership(cls, partnership) -> CalendarSettings:
        """The partnership's settings; unsaved defaults until someone changes them."""
        found = cls.objects.filter(partnership=partnership).first()
        return found or cls(partnership=partnership)


class ObligationOwner(models.Model):
    """The officer responsible for one duty: a rule of the calendar (all its due dates) or one
    kind of review (all its deadlines). ``key`` is a duty key from ``services.duties``."""

    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.CASCADE, related_name="obligation_owners"
    )
    key = models.CharField(max_length=60)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="responsible officer",
    )
    remind_days_before = models.PositiveSmallIntegerField(
        "days before the due date to send a reminder",
        null=True,
        blank=True,
        validators=_LEAD_DAYS,
        help_text="Leave blank to use the partnership's setting.",
    )

    class Meta:
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "key"], name="one_owner_per_duty"),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.user}"


class ObligationDone(models.Model):
    """An obligation of the calendar done, for one due date. Reviews record their own progress,
    so this is only for the recurring obligations."""

    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.CASCADE, related_name="obligations_done"
    )
    key = models.CharField(max_length=60)
    due = models.DateField()
    done_on = models.DateField("date done")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-due", "key"]
        verbose_name = "obligation done"
        verbose_name_plural = "obligations done"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "key", "due"], name="obligation_done_once"),
        ]

    def __str__(self) -> str:
        return f"{self.key} due {self.due:%Y-%m-%d}: done {self.done_on:%Y-%m-%d}"


class ReminderSent(models.Model):
    """One reminder emailed, so the same one is never sent twice: one before the due date and
    one once it is overdue, for each obligation, due date and person."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Due soon"
        OVERDUE = "overdue", "Overdue"

    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.CASCADE, related_name="reminders_sent"
    )
    key = models.CharField(max_length=60)
    due = models.DateField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = "reminder sent"
        verbose_name_plural = "reminders sent"
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "key", "due", "user", "kind"], name="reminder_sent_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} due {self.due:%Y-%m-%d} ({self.get_kind_display().lower()}) to {self.user}"
