"""An attacker who knows only the password of someone with a second factor.

They sign in with the password and then try every URL of the accounts app, with GET and with
POST (guessed codes, and even the right code for a secret left unconfirmed), and then every URL
of the site. They must enrol no device, complete no second step and reach no page beyond the
ones every visitor may read.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from cspmonitor.accounts.models import SecurityEvent
from cspmonitor.accounts.urls import urlpatterns as accounts_urls
from cspmonitor.reviews.models import DomesticHomicideReview
from tests.conftest import PASSWORD

# Pages that any visitor, signed in or not, may read: the attack may reach these.
OPEN_TO_ALL = {"accessibility", "cookies", "home"}
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")
REGEX_GROUP = re.compile(r"\(\?P<\w+>[^)]*\)")


def _fill(route: str, slug: str) -> str:
    """A concrete path for a route, with the partnership's slug and small numbers."""

    def value(match: re.Match) -> str:
        converter, name = match.group(1) or "str", match.group(2)
        if name == "slug":
            return slug
        return "1" if converter == "int" else "x"

    route = REGEX_GROUP.sub("x", route).replace("^", "").replace("$", "")  # the admin's regex routes
    return "/" + PARAMETER.sub(value, route)


def _every_route(resolver=None, prefix: str = ""):
    """(name, route) of every URL the site serves, the admin's included."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _every_route(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield entry.name, prefix + str(entry.pattern)


def _password_step(client, user) -> None:
    response = client.post(reverse("accounts:sign_in"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302, "the password step should succeed"


def _guesses(user) -> list[str]:
    codes = ["000000", "123456", "12345678", ""]
    for device in TOTPDevice.objects.filter(user=user):
        codes.append(f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}")
    return codes


@pytest.mark.parametrize("persona", ["administrator", "officer", "panel_member"])
def test_a_password_alone_enrols_no_device_and_reaches_no_restricted_page(client, demo, persona):
    user = demo.by_name(persona)
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    # A secret left unconfirmed, say from a set-up page opened and abandoned: even its right code
    # must not let a password-only session through.
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    devices_before = set(TOTPDevice.objects.filter(user=user).values_list("pk", "confirmed"))
    _password_step(client, user)

    # Signing out last, so that every other URL is tried with the password-only session.
    for pattern in sorted(accounts_urls, key=lambda pattern: pattern.name == "sign_out"):
        url = "/accounts" + _fill(str(pattern.pattern), demo.partnership.slug)
        for response in [client.get(url)] + [client.post(url, {"token": code}) for code in _guesses(user)]:
            body = response.content.decode()
            assert "QR code for your authenticator app" not in body, url
            assert "Key:" not in body, url

    assert set(TOTPDevice.objects.filter(user=user).values_list("pk", "confirmed")) == devices_before
    assert not SecurityEvent.objects.exists()

    _password_step(client, user)
    reached = {}
    for name, route in _every_route():
        if name in OPEN_TO_ALL or name == "sign_out" or route.startswith("accounts/"):
            continue
        response = client.get(_fill(route, demo.partnership.slug))
        if not (response.status_code == 302 and response["Location"].startswith("/accounts/two-factor/")):
            reached[route] = response.status_code
    assert reached == {}

    review = DomesticHomicideReview.objects.filter(partnership=demo.partnership).first()
    assert client.get(review.get_absolute_url()).status_code == 302
    assert not review.accesses.exists()


def test_the_attack_covers_every_url_of_the_accounts_app():
    names = {pattern.name for pattern in accounts_urls}
    assert {"two_factor", "two_factor_setup", "sign_in", "sign_out", "password_reset_confirm"} <= names
    routes = {route for _name, route in _every_route()}
    assert any(route.startswith("admin/") for route in routes)
    assert any("reviews/dhr/" in route for route in routes)
