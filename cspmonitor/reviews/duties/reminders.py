"""Reminders by email to the officer responsible for each obligation: once when it falls due
soon (its lead time before the due date) and once more if it becomes overdue.

Each reminder sent is recorded (`ReminderSent`), so running this again the same day, or every
day, never sends the same reminder twice; a due date that moves (a review paused, a fact
changed) is a new obligation and is reminded again. A review's deadline is emailed only to
an officer whose role may see its classification, and the email says only "a restricted
review deadline" with a link: the case reference and stage stay behind the sign-in.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from cspmonitor.accounts.models import Membership, User
from cspmonitor.accounts.permissions import Access
from cspmonitor.partnership.models import Partnership
from cspmonitor.reviews.duties import services
from cspmonitor.reviews.duties.models import ReminderSent

RESTRICTED = "a restricted review deadline"


@dataclass(frozen=True)
class Reminder:
    partnership: Partnership
    item: services.CalendarItem
    user: User  # the responsible officer
    kind: str  # a `ReminderSent.Kind`

    @property
    def what(self) -> str:
        """The obligation in words safe for an email or a log: restricted ones are not named."""
        return RESTRICTED if self.item.restricted else self.item.title

    def line(self) -> str:
        if self.item.restricted:
            return f"- A restricted review deadline ({self.item.status_label.lower()})"
        item = self.item
        return f"- {item.title}: due {item.due:%-d %B %Y} ({item.when})\n  {item.legal_basis}"


def calendar_url(partnership: Partnership) -> str:
    return settings.SITE_URL + reverse("duties:calendar", args=[partnership.slug])


def due_reminders(today: dt.date, partnerships: Iterable[Partnership]) -> list[Reminder]:
    """The reminders that should go out ``today`` and have not gone yet."""
    reminders = []
    for partnership in partnerships:
        memberships = {
            m.user_id: m for m in Membership.objects.filter(partnership=partnership).select_related("user")
        }
        sent = set(
            ReminderSent.objects.filter(partnership=partnership).values_list("key", "due", "user_id", "kind")
        )
        for item in services.obligations_for(partnership, services.EVERYTHING, today):
            if item.status not in (services.DUE_SOON, services.OVERDUE) or item.owner is None:
                continue
            membership = memberships.get(item.owner.pk)
            if membership is None or not item.owner.is_active or not item.owner.email:
                continue  # no longer a member of the partnership, or cannot be emailed
            # The role decides: the link still asks for the second step before showing anything.
            if not Access(membership, verified=True).can_see(item.classification):
                continue
            kind = (
                ReminderSent.Kind.OVERDUE if item.status == services.OVERDUE else ReminderSent.Kind.DUE_SOON
            )
            if (item.key, item.due, item.owner.pk, kind) not in sent:
                reminders.append(Reminder(partnership, item, item.owner, kind))
    return reminders


def send_reminders(
    today: dt.date, partnerships: Iterable[Partnership], *, dry_run: bool = False
) -> list[Reminder]:
    """Email each officer one message listing their reminders due ``today``, and record them.

    With ``dry_run`` nothing is sent or recorded. Returns the reminders (to be) sent.
    """
    reminders = due_reminders(today, partnerships)
    if dry_run:
        return reminders
    grouped: dict[tuple[int, int], list[Reminder]] = defaultdict(list)
    for reminder in reminders:
        grouped[(reminder.partnership.pk, reminder.user.pk)].append(reminder)
    for group in grouped.values():
        # Recorded in the same transaction as the email goes, so a failed send records nothing
        # and is tried again on the next run.
        with transaction.atomic():
            ReminderSent.objects.bulk_create(
                [
                    ReminderSent(
                        partnership=r.partnership, key=r.item.key, due=r.item.due, user=r.user, kind=r.kind
                    )
                    for r in group
                ],
                ignore_conflicts=True,
            )
            _email(group)
    return reminders


def _email(group: list[Reminder]) -> None:
    partnership, user = group[0].partnership, group[0].user
    name = partnership.short_name or partnership.name
    count = len(group)
    subject = (
        f"{name}: 1 statutory deadline needs attention"
        if count == 1
        else f"{name}: {count} statutory deadlines need attention"
    )
    overdue = [r for r in group if r.kind == ReminderSent.Kind.OVERDUE]
    soon = [r for r in group if r.kind == ReminderSent.Kind.DUE_SOON]
    parts = [
        f"Hello {user.first_name or user},",
        f"You are the responsible officer for these obligations of {partnership.name}.",
    ]
    if overdue:
        parts.append("Overdue:\n" + "\n".join(r.line() for r in overdue))
    if soon:
        parts.append("Due soon:\n" + "\n".join(r.line() for r in soon))
    parts.append(f"See the statutory calendar (sign in first):\n{calendar_url(partnership)}")
    parts.append(
        "You get one email when an obligation falls due soon and one more if it becomes overdue. "
        "A partnership officer can change who is responsible on the calendar page."
    )
    send_mail(subject, "\n\n".join(parts) + "\n", None, [user.email])


def run(today: dt.date, slug: str | None = None, *, dry_run: bool = False) -> list[str]:
    """Send (or with ``dry_run`` only list) the reminders due ``today`` for one partnership, or
    every partnership; the lines say what went to whom. LookupError for an unknown ``slug``."""
    partnerships = Partnership.objects.order_by("slug")
    if slug is not None:
        partnerships = partnerships.filter(slug=slug)
        if not partnerships.exists():
            raise LookupError(f"There is no partnership with the slug {slug!r}.")
    reminders = send_reminders(today, list(partnerships), dry_run=dry_run)
    verb = "Would send" if dry_run else "Sent"
    lines = [
        f"{verb} to {r.user.email}: {r.what}, due {r.item.due.isoformat()} ({r.item.status_label.lower()})"
        if not r.item.restricted
        else f"{verb} to {r.user.email}: {r.what} ({r.item.status_label.lower()})"
        for r in reminders
    ]
    emails = len({(r.partnership.pk, r.user.pk) for r in reminders})
    lines.append(
        f"{verb} {len(reminders)} reminder{'' if len(reminders) == 1 else 's'} "
        f"in {emails} email{'' if emails == 1 else 's'}."
    )
    return lines
