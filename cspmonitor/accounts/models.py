"""People, their roles in partnerships, and the classification of records."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone

if TYPE_CHECKING:
    from cspmonitor.partnership.models import Partnership


class Classification(models.TextChoices):
    """Government Security Classifications used by partnership records.

    Almost everything is OFFICIAL; OFFICIAL-SENSITIVE is the handling caveat for
    need-to-know material (panel casework, reviews, restricted report blocks).
    """

    OFFICIAL = "official", "OFFICIAL"
    OFFICIAL_SENSITIVE = "official-sensitive", "OFFICIAL-SENSITIVE"


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    OFFICER = "officer", "Community safety officer"
    PARTNER_LEAD = "partner_lead", "Partner lead"
    PANEL_MEMBER = "panel_member", "Panel member"
    VIEWER = "viewer", "Viewer"


#: Roles whose holders may see OFFICIAL-SENSITIVE material, and so must sign in
#: with two factors. Every other role is denied it.
CLEARED_ROLES = frozenset({Role.ADMINISTRATOR, Role.OFFICER, Role.PANEL_MEMBER})
#: Roles that may change the partnership's registry (organisations, groups, meetings).
EDITOR_ROLES = frozenset({Role.ADMINISTRATOR, Role.OFFICER})


class EmailUserManager(UserManager["User"]):
    """Users sign in with their email address; there is no separate username."""

    def _create_user_object(self, username, email, password, **extra_fields):  # type: ignore[override]
        email = self.normalize_email(email or username)
        user = self.model(email=email, **extra_fields)
        user.password = ""
        if password is not None:
            user.set_password(password)
        return user

    def _create_user(self, username, email, password, **extra_fields):  # type: ignore[override]
        user = self._create_user_object(username, email, password, **extra_fields)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):  # type: ignore[override]
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(None, email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):  # type: ignore[override]
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(None, email, password, **extra_fields)


class User(AbstractUser):
    username = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []  # type: ignore[misc]

    objects = EmailUserManager()  # type: ignore[misc]

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def membership_in(self, partnership: Partnership) -> Membership | None:
        """This user's membership of ``partnership``, or None for an outsider."""
        if not self.is_authenticated:
            return None
        return self.memberships.filter(partnership=partnership).select_related("organisation").first()

    @property
    def is_site_administrator(self) -> bool:
        """Runs the site itself (the Django admin, every partnership's accounts). A separate
        role from a partnership's administrator, which gives no say over the site."""
        return self.is_active and self.is_superuser

    @property
    def needs_two_factor(self) -> bool:
        """True when any role this user holds may see OFFICIAL-SENSITIVE material."""
        return self.is_superuser or self.memberships.filter(role__in=CLEARED_ROLES).exists()


class Membership(models.Model):
    """A person's role in one partnership (a person may belong to several)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "partnership.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        help_text="The organisation this person works for; a partner lead edits its items.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "partnership"], name="one_role_per_partnership"),
            models.CheckConstraint(
                condition=~models.Q(role="partner_lead") | models.Q(organisation__isnull=False),
                name="partner_lead_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}, {self.partnership}"


class SecurityEvent(models.Model):
    """A change to how someone signs in: who, when, what and from where. Never changed or deleted
    here; the person is emailed about each one too, so an enrolment they did not make is noticed."""

    class What(models.TextChoices):
        DEVICE_ADDED = "device_added", "Authenticator app added"
        DEVICE_REPLACED = "device_replaced", "Authenticator app replaced"

    # The email is kept as well as the link, so the log still says who after an account goes.
    user = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    email = models.EmailField("email address")
    at = models.DateTimeField("when", auto_now_add=True)
    what = models.CharField(max_length=30, choices=What.choices)
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "sign-in security event"

    def __str__(self) -> str:
        return f"{self.get_what_display()} for {self.email} at {self.at:%Y-%m-%d %H:%M}"


class AccessRecord(models.Model):
    """One look at an OFFICIAL-SENSITIVE record (an assessment, a report edition, an output, a
    case review): who, when, what and which record. Written for every restricted read, never
    changed or deleted here; site administrators filter it by person, record and date."""

    class What(models.TextChoices):
        LISTED = "listed", "Viewed list row"
        VIEWED = "viewed", "Viewed record"
        DOWNLOADED = "downloaded", "Downloaded"
        CHANGED = "changed", "Changed"

    partnership = models.ForeignKey("partnership.Partnership", on_delete=models.CASCADE, related_name="+")
    # The email is kept as well as the link, so the log still says who after an account goes.
    user = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    email = models.EmailField("email address")
    at = models.DateTimeField("when", default=timezone.now)
    what = models.CharField(max_length=20, choices=What.choices)
    record_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT, related_name="+")
    record_id = models.PositiveBigIntegerField()
    # What the record was called when it was read, so the row still reads after it goes.
    record = models.CharField(max_length=200)
    page = models.CharField(max_length=100, blank=True, help_text="The page or file, like 'assessment.json'.")

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["record_type", "record_id"]),
            models.Index(fields=["partnership", "at"]),
        ]
        verbose_name = "restricted record access"
        verbose_name_plural = "restricted record access log"

    def __str__(self) -> str:
        return f"{self.record} {self.get_what_display().lower()} by {self.email} at {self.at:%Y-%m-%d %H:%M}"


class Declassification(models.Model):
    """An officer's decision that a record derived from or linked to a restricted one (an action on
    a homicide review's action plan, a count of referrals) may be OFFICIAL after all: who, when and
    why. Without one, such a record stays OFFICIAL-SENSITIVE (``plans.classification``). Never
    changed or deleted here."""

    partnership = models.ForeignKey("partnership.Partnership", on_delete=models.CASCADE, related_name="+")
    record_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT, related_name="+")
    record_id = models.PositiveBigIntegerField()
    # What the record was called when declassified, so the row still reads after it goes.
    record = models.CharField(max_length=200)
    # The email is kept as well as the link, so the log still says who after an account goes.
    user = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    email = models.EmailField("email address")
    at = models.DateTimeField("when", default=timezone.now)
    reason = models.TextField()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["record_type", "record_id"])]

    def __str__(self) -> str:
        return f"{self.record} declassified by {self.email} at {self.at:%Y-%m-%d %H:%M}"
