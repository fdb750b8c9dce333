"""Inviting people, accepting an invitation, backup codes, and resetting a second factor."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cspmonitor.accounts.models import CLEARED_ROLES, Membership
from cspmonitor.accounts.two_factor import BACKUP_CODE_COUNT, BACKUP_DEVICE_NAME
from cspmonitor.members.models import Invitation, MemberEvent, token_hash

INVITATION_DAYS = 7


class InvitationError(ValueError):
    """The invitation cannot be sent or accepted; the message says why."""


def invite(partnership, *, email: str, role: str, organisation, invited_by, link_for) -> Invitation:
    """Record an invitation and email its link; ``link_for(token)`` makes the absolute URL."""
    email = email.strip().lower()
    if Membership.objects.filter(partnership=partnership, user__email__iexact=email).exists():
        raise InvitationError(f"{email} is already a member of {partnership}.")
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        Invitation.objects.pending().filter(partnership=partnership, email__iexact=email).update(
            withdrawn=True
        )
        invitation = Invitation.objects.create(
            partnership=partnership,
            email=email,
            role=role,
            organisation=organisation,
            token_sha256=token_hash(token),
            invited_by=invited_by,
            expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
        )
        MemberEvent.objects.create(
            partnership=partnership,
            kind=MemberEvent.Kind.INVITED,
            actor=invited_by,
            subject_email=email,
            detail=invitation.get_role_display(),
        )
    context = {"invitation": invitation, "link": link_for(token), "days": INVITATION_DAYS}
    send_mail(
        f"Join {partnership} on CSP Monitor",
        render_to_string("members/invitation_email.txt", context),
        None,
        [email],
    )
    return invitation


def find(token: str) -> Invitation | None:
    """The invitation with this token, usable or not (the page says which)."""
    return Invitation.objects.select_related("partnership").filter(token_sha256=token_hash(token)).first()


@transaction.atomic
def accept(invitation: Invitation, *, password: str | None, user=None):
    """Make the membership; a new person's account is made with ``password``. Returns the user."""
    if not invitation.is_usable:
        raise InvitationError("This invitation has expired or has been used. Ask for a new one.")
    model = get_user_model()
    existing = model.objects.filter(email__iexact=invitation.email).first()
    if existing is not None and (user is None or user.pk != existing.pk):
        raise InvitationError(f"An account for {invitation.email} exists: sign in as it to accept.")
    if existing is None:
        existing = model.objects.create_user(email=invitation.email, password=password)
    Membership.objects.create(
        user=existing,
        partnership=invitation.partnership,
        role=invitation.role,
        organisation=invitation.organisation,
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    MemberEvent.objects.create(
        partnership=invitation.partnership,
        kind=MemberEvent.Kind.JOINED,
        actor=existing,
        subject_email=existing.email,
        detail=invitation.get_role_display(),
    )
    return existing


def needs_authenticator(role: str) -> bool:
    """Cleared roles may see OFFICIAL-SENSITIVE material and so sign in with two factors."""
    return role in CLEARED_ROLES


@transaction.atomic
def new_backup_codes(user) -> list[str]:
    """Replace ``user``'s backup codes with a fresh set (any old codes stop working)."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    MemberEvent.objects.create(kind=MemberEvent.Kind.BACKUP_CODES_MADE, actor=user, subject_email=user.email)
    return codes


def has_backup_codes(user) -> bool:
    return StaticToken.objects.filter(device__user=user, device__name=BACKUP_DEVICE_NAME).exists()


@transaction.atomic
def reset_second_factor(partnership, member, *, actor) -> None:
    """Remove ``member``'s authenticator and backup codes, and record who did it.

    Their sessions lose their second factor at once (django-otp finds no device), and their
    next sign-in sets up a new authenticator.
    """
    if member.is_superuser and not actor.is_superuser:
        raise InvitationError("Only a site administrator can reset a site administrator's second factor.")
    TOTPDevice.objects.filter(user=member).delete()
    StaticDevice.objects.filter(user=member).delete()
    MemberEvent.objects.create(
        partnership=partnership,
        kind=MemberEvent.Kind.SECOND_FACTOR_RESET,
        actor=actor,
        subject_email=member.email,
    )
