"""Two-factor sign-in on django-otp: authenticator apps (TOTP) and one-time backup codes.

Who may enrol an authenticator is decided here, once (`may_set_up`): a session that has
completed the second step, or a person with no confirmed device at all (their first set-up,
straight after the password). A password alone never enrols a device for someone who already
has a second factor, or the password would stand for both. Every enrolment is recorded as a
`SecurityEvent` and emailed to the person.
"""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cspmonitor.accounts.models import SecurityEvent

BACKUP_DEVICE_NAME = "Backup codes"
BACKUP_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
#: The session key holding the id of the authenticator this session is setting up.
_PENDING_DEVICE = "two_factor_pending_device"


def has_confirmed_device(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def verify(user, token: str):
    """The device that accepts ``token`` (consuming a backup code), or None."""
    cleaned = "".join(token.split()).lower()
    if not cleaned:
        return None
    return match_token(user, cleaned)


def may_set_up(user, verified: bool) -> bool:
    """May this session enrol an authenticator for ``user``? With the second step done
    (``verified``), or when the person has no confirmed device to prove (first set-up)."""
    return verified or not has_confirmed_device(user)


def pending_totp_device(request) -> TOTPDevice:
    """The authenticator being set up in this session, made on first call.

    Each session gets its own secret: a secret shown in one browser is never shown in
    another, so a set-up page left open somewhere cannot be finished from elsewhere.
    """
    pk = request.session.get(_PENDING_DEVICE)
    device = None
    if pk is not None:
        device = TOTPDevice.objects.filter(pk=pk, user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=AUTHENTICATOR_NAME, confirmed=False)
        request.session[_PENDING_DEVICE] = device.pk
    return device


def enrol(request, device: TOTPDevice) -> SecurityEvent:
    """Confirm ``device`` as the person's one authenticator, replacing any other, record and
    email the change, and count this session as signed in with two factors.

    The caller has checked the code from ``device``. `may_set_up` is checked again here, in
    the transaction that confirms the device, so no caller can skip it and a second
    password-only session cannot finish a first set-up that another has just finished.
    """
    user = request.user
    with transaction.atomic():
        if not may_set_up(user, bool(getattr(user, "is_verified", lambda: False)())):
            raise PermissionDenied("Sign in with your second factor before changing it.")
        others = TOTPDevice.objects.filter(user=user).exclude(pk=device.pk)
        replaced = others.filter(confirmed=True).exists()
        others.delete()  # stale unconfirmed secrets of other sessions go too
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        what = SecurityEvent.What.DEVICE_REPLACED if replaced else SecurityEvent.What.DEVICE_ADDED
        event = SecurityEvent.objects.create(
            user=user, email=user.email, what=what, ip_address=request.META.get("REMOTE_ADDR") or None
        )
    request.session.pop(_PENDING_DEVICE, None)
    # Sent once the change is saved: the person must hear of an enrolment they did not make.
    body = render_to_string(
        "accounts/device_changed_email.txt",
        {"user": user, "event": event, "when": timezone.localtime(event.at)},
    )
    send_mail(f"CSP Monitor: {event.get_what_display().lower()}", body, None, [user.email])
    otp_login(request, device)
    return event


def qr_code_svg(device: TOTPDevice) -> str:
    """An inline SVG QR code of the device's provisioning URI (made here, no network)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


def secret_for_manual_entry(device: TOTPDevice) -> str:
    """The shared secret in base32, grouped in fours, for apps that cannot scan."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def ensure_backup_codes(user, count: int = BACKUP_CODE_COUNT) -> list[str]:
    """Top ``user``'s unused backup codes up to ``count`` and return them all.

    Idempotent: a second call adds nothing while the codes are unused.
    """
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    missing = count - device.token_set.count()
    for _ in range(max(0, missing)):
        device.token_set.create(token=StaticToken.random_token())
    return list(device.token_set.order_by("id").values_list("token", flat=True))
