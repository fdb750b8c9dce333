"""Two-factor sign-in on django-otp: authenticator apps (TOTP) and one-time backup codes."""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from django_otp import devices_for_user, match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_DEVICE_NAME = "Backup codes"
BACKUP_CODE_COUNT = 10


def has_confirmed_device(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def verify(user, token: str):
    """The device that accepts ``token`` (consuming a backup code), or None."""
    cleaned = "".join(token.split()).lower()
    if not cleaned:
        return None
    return match_token(user, cleaned)


def unconfirmed_totp_device(user) -> TOTPDevice:
    """The authenticator-app device being set up for ``user`` (made on first call)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


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
