"""Reminders of panel actions, by email, on the statutory calendar's reminder machinery: each
reminder sent is recorded as a `ReminderSent` (keyed ``panel-action-<id>``), so a run the same
day, or every day, never sends one twice; one when an action falls due within `LEAD_DAYS` and
one more if it becomes overdue.

An action is owned by an organisation, so its reminder goes to the people sitting on the
panel for that organisation. The email names no case: it says how many actions need attention
and links to the panel's actions page, behind the sign-in and the need-to-know rule.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from cspmonitor.panels.models import CaseAction, PanelMember
from cspmonitor.reviews.duties.models import ReminderSent

LEAD_DAYS = 7
Kind = ReminderSent.Kind


def _key(action: CaseAction) -> str:
    return f"panel-action-{action.pk}"


def due_reminders(today: dt.date) -> list[tuple[PanelMember, CaseAction, str]]:
    """(seat, action, kind) for every reminder due ``today`` and not yet sent."""
    open_actions = CaseAction.objects.filter(
        completed_on__isnull=True,
        case__closed_on__isnull=True,
        due_on__lte=today + dt.timedelta(days=LEAD_DAYS),
    ).select_related("case__panel__partnership")
    seats: dict[tuple[int, int], list[PanelMember]] = defaultdict(list)
    for seat in (
        PanelMember.objects.select_related("user").filter(user__is_active=True).exclude(user__email="")
    ):
        seats[(seat.panel_id, seat.organisation_id)].append(seat)
    sent = set(
        ReminderSent.objects.filter(key__startswith="panel-action-").values_list(
            "key", "due", "user_id", "kind"
        )
    )
    found: list[tuple[PanelMember, CaseAction, str]] = []
    for action in open_actions:
        kind = Kind.OVERDUE if action.is_overdue(today) else Kind.DUE_SOON
        for seat in seats[(action.case.panel_id, action.owner_id)]:
            if (_key(action), action.due_on, seat.user_id, kind) not in sent:
                found.append((seat, action, kind))
    return found


def send(today: dt.date) -> list[str]:
    """Email each person one message per panel listing how many of their actions need attention."""
    grouped: dict[tuple[int, int], list[tuple[PanelMember, CaseAction, str]]] = defaultdict(list)
    for reminder in due_reminders(today):
        grouped[(reminder[0].pk, reminder[0].user_id)].append(reminder)
    lines = []
    for group in grouped.values():
        seat = group[0][0]
        panel = seat.panel
        # Recorded with the email, so a failed send records nothing and is tried again next run.
        with transaction.atomic():
            ReminderSent.objects.bulk_create(
                [
                    ReminderSent(
                        partnership=panel.partnership, key=_key(a), due=a.due_on, user=seat.user, kind=kind
                    )
                    for _, a, kind in group
                ],
                ignore_conflicts=True,
            )
            overdue = sum(1 for _, _, kind in group if kind == Kind.OVERDUE)
            url = settings.SITE_URL + reverse("panels:actions", args=[panel.partnership.slug, panel.pk])
            body = (
                f"Hello {seat.user.first_name or seat.user},\n\n"
                f"{len(group)} action{'s' if len(group) != 1 else ''} of {panel} owned by "
                f"{seat.organisation} need{'s' if len(group) == 1 else ''} attention ({overdue} overdue).\n\n"
                f"See the panel's open actions (sign in first):\n{url}\n"
            )
            send_mail(f"{panel}: actions need attention", body, None, [seat.user.email])
        lines.append(f"Sent to {seat.user.email}: {len(group)} action(s) of {panel} ({overdue} overdue)")
    return lines
