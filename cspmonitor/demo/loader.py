"""Load the Western Suffolk demo. Idempotent: a second run adds nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken

from cspmonitor.accounts.models import CLEARED_ROLES, Classification, Membership, User
from cspmonitor.accounts.two_factor import ensure_backup_codes
from cspmonitor.demo import western_suffolk as ws
from cspmonitor.demo.asb_loader import load_asb_case_reviews
from cspmonitor.demo.calendar_loader import load_calendar
from cspmonitor.demo.panels_loader import load_panels
from cspmonitor.demo.plan_loader import load_plan
from cspmonitor.demo.reviews_loader import load_reviews
from cspmonitor.demo.western_suffolk_descriptions import load_descriptions
from cspmonitor.demo.western_suffolk_report import load_report_wording
from cspmonitor.partnership.models import Area, Group, Meeting, Organisation, Partnership

_MONTHS_BETWEEN: dict[str, int] = {Group.Cadence.MONTHLY: 1, Group.Cadence.QUARTERLY: 3}


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    password: str
    backup_codes: list[str]


def next_meeting_date(cadence: str, after: dt.date) -> dt.date | None:
    """The second Tuesday of the next month the group meets in, after ``after``.

    Quarterly groups meet in January, April, July and October.
    """
    step = _MONTHS_BETWEEN.get(cadence)
    if step is None:
        return None
    year, month = after.year, after.month
    while True:
        if (month - 1) % step == 0:
            first = dt.date(year, month, 1)
            second_tuesday = first + dt.timedelta(days=(1 - first.weekday()) % 7 + 7)
            if second_tuesday > after:
                return second_tuesday
        month += 1
        if month > 12:
            year, month = year + 1, 1


@transaction.atomic
def load_western_suffolk() -> Partnership:
    partnership, _ = Partnership.objects.update_or_create(
        slug=ws.SLUG,
        defaults={
            "name": ws.NAME,
            "short_name": ws.SHORT_NAME,
            "description": ws.DESCRIPTION,
            "ons_code": ws.ONS_CODE,
        },
        # Chosen once: loading the demo again leaves an officer's later choice alone.
        create_defaults={
            "name": ws.NAME,
            "short_name": ws.SHORT_NAME,
            "description": ws.DESCRIPTION,
            "ons_code": ws.ONS_CODE,
            "year_in_view": ws.YEAR_IN_VIEW,
        },
    )
    for area_name, area_kind, code in ws.AREAS:
        Area.objects.update_or_create(
            partnership=partnership,
            ons_code=code,
            defaults={
                "name": area_name,
                "kind": area_kind,
                "police_uk_force": ws.POLICE_UK_FORCES.get(code, ""),
            },
        )
    organisations = {}
    for name, org_type, membership in ws.ORGANISATIONS:
        organisations[name], _ = Organisation.objects.update_or_create(
            partnership=partnership,
            name=name,
            defaults={"type": org_type, "membership": membership},
        )
    groups = {}
    sensitive = set()
    for name, kind, cadence, chair, _parent, purpose, is_sensitive in ws.GROUPS:
        groups[name], _ = Group.objects.update_or_create(
            partnership=partnership,
            name=name,
            defaults={
                "kind": kind,
                "cadence": cadence,
                "purpose": purpose,
                "chair_organisation": organisations[chair],
            },
        )
        if is_sensitive:
            sensitive.add(name)
    for name, *_rest, parent, _purpose, _sensitive in ws.GROUPS:
        if parent:
            Group.objects.filter(pk=groups[name].pk).update(parent=groups[parent])

    for group_name, date, notes, decisions in ws.PAST_MEETINGS:
        meeting, created = Meeting.objects.get_or_create(
            group=groups[group_name],
            date=dt.date.fromisoformat(date),
            defaults={"notes": notes, "decisions": decisions},
        )
        if created:
            meeting.organisations_present.set(organisations.values())
    _book_next_meetings(groups.values(), sensitive)
    load_plan(partnership, organisations, groups)
    _load_users(partnership, organisations)
    load_reviews(partnership)
    load_asb_case_reviews(partnership, organisations)
    load_calendar(partnership)
    load_panels(partnership, organisations)
    load_report_wording(partnership)
    load_descriptions(partnership)
    return partnership


def _book_next_meetings(groups, sensitive: set[str]) -> None:
    today = timezone.localdate()
    for group in groups:
        if group.meetings.filter(date__gte=today).exists():
            continue
        date = next_meeting_date(group.cadence, today)
        if date is not None:
            level = Classification.OFFICIAL_SENSITIVE if group.name in sensitive else Classification.OFFICIAL
            Meeting.objects.create(group=group, date=date, classification=level)


def _load_users(partnership, organisations) -> None:
    for email, first, last, role, organisation in ws.USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=ws.DEMO_PASSWORD)
        user.first_name, user.last_name = first, last
        # A partnership's administrator is never a site administrator (an older demo made
        # its administrator one: loading again takes that away).
        user.is_staff = user.is_superuser = False
        user.save()
        Membership.objects.update_or_create(
            user=user,
            partnership=partnership,
            defaults={"role": role, "organisation": organisations[organisation]},
        )
        if role in CLEARED_ROLES:
            ensure_backup_codes(user)
    _load_site_administrator()


def _load_site_administrator() -> None:
    email, first, last = ws.SITE_ADMINISTRATOR
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_superuser(email=email, password=ws.DEMO_PASSWORD)
    user.first_name, user.last_name = first, last
    user.save()
    ensure_backup_codes(user)


def _backup_codes(user) -> list[str]:
    return list(StaticToken.objects.filter(device__user=user).order_by("id").values_list("token", flat=True))


def demo_logins() -> list[DemoLogin]:
    """The demo accounts with their password and unused backup codes, for printing."""
    logins = []
    for email, _first, _last, role, _organisation in ws.USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            continue
        codes = _backup_codes(user) if role in CLEARED_ROLES else []
        logins.append(DemoLogin(email, role.label, ws.DEMO_PASSWORD, codes))
    site_administrator = User.objects.filter(email=ws.SITE_ADMINISTRATOR[0], is_superuser=True).first()
    if site_administrator is not None:
        logins.append(
            DemoLogin(
                site_administrator.email,
                "Site administrator",
                ws.DEMO_PASSWORD,
                _backup_codes(site_administrator),
            )
        )
    return logins
