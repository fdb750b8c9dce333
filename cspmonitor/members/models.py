"""Invitations to a partnership, and the audit trail of changes to its members' sign-in."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone

from cspmonitor.accounts.models import Role


def token_hash(token: str) -> str:
    """Only a hash of an invitation's token is kept: a copy of the database opens no account."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> InvitationQuerySet:
        return self.filter(accepted_at__isnull=True, withdrawn=False, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An emailed link that lets one person join one partnership in one role, until it expires."""

    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    role = models.CharField(max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "partnership.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    token_sha256 = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    withdrawn = models.BooleanField(default=False)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} to {self.partnership} as {self.get_role_display()}"

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and not self.withdrawn and self.expires_at > timezone.now()


class MemberEvent(models.Model):
    """Who did what to whose membership or sign-in, and when (kept for audit)."""

    class Kind(models.TextChoices):
        INVITED = "invited", "Invited"
        JOINED = "joined", "Joined"
        SECOND_FACTOR_RESET = "second_factor_reset", "Second factor reset"
        BACKUP_CODES_MADE = "backup_codes_made", "Backup codes made"

    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    subject_email = models.EmailField()
    at = models.DateTimeField(default=timezone.now)
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}: {self.subject_email} by {self.actor}"
