"""Setting up an authenticator app: the first time straight after the password, once; after
that only with the second factor, and every enrolment is recorded and emailed."""

from __future__ import annotations

from django.core import mail
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from cspmonitor.accounts.models import SecurityEvent
from tests.conftest import PASSWORD, sign_in

VERIFY = "/accounts/two-factor/"
SET_UP = "/accounts/two-factor/set-up/"


def _password_step(client, user):
    response = client.post("/accounts/sign-in/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302, "the password step should succeed"


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _authenticator(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def _pending(client, user) -> TOTPDevice:
    """The device the set-up page is offering to ``client``'s session."""
    return TOTPDevice.objects.get(pk=client.session["two_factor_pending_device"], user=user)


def test_it_sends_a_password_only_session_of_someone_with_a_device_to_the_second_step(client, demo):
    _password_step(client, demo.officer)  # the officer has backup codes: a confirmed device
    response = client.get(SET_UP)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert not TOTPDevice.objects.filter(user=demo.officer).exists()


def test_it_refuses_a_correct_code_for_a_new_secret_without_the_second_factor(client, demo):
    _password_step(client, demo.panel_member)
    stale = TOTPDevice.objects.create(user=demo.panel_member, name="Authenticator app", confirmed=False)
    response = client.post(SET_UP, {"token": _code(stale)})
    assert response["Location"].startswith(VERIFY)
    stale.refresh_from_db()
    assert not stale.confirmed
    assert client.get(demo.partnership.get_absolute_url())["Location"].startswith(VERIFY)
    assert not SecurityEvent.objects.exists()


def test_the_first_set_up_is_recorded_and_emailed(client, demo):
    demo.panel_member.staticdevice_set.all().delete()
    _password_step(client, demo.panel_member)
    page = client.get(SET_UP)
    assert b"Set up two-step sign-in" in page.content
    response = client.post(SET_UP, {"token": _code(_pending(client, demo.panel_member))})
    assert response.status_code == 302
    event = SecurityEvent.objects.get()
    assert (event.email, event.what) == (demo.panel_member.email, SecurityEvent.What.DEVICE_ADDED)
    assert [message.to for message in mail.outbox] == [[demo.panel_member.email]]
    assert "authenticator app was added" in mail.outbox[0].body
    assert client.get(demo.partnership.get_absolute_url()).status_code == 200


def test_the_first_set_up_happens_once(client, demo):
    demo.panel_member.staticdevice_set.all().delete()
    _password_step(client, demo.panel_member)
    client.get(SET_UP)
    client.post(SET_UP, {"token": _code(_pending(client, demo.panel_member))})
    client.post("/accounts/sign-out/")
    _password_step(client, demo.panel_member)
    response = client.get(SET_UP)
    assert response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=demo.panel_member).count() == 1


def test_each_session_is_shown_its_own_secret_and_cannot_finish_another_sessions(demo):
    demo.panel_member.staticdevice_set.all().delete()
    first, second = Client(), Client()
    _password_step(first, demo.panel_member)
    _password_step(second, demo.panel_member)
    first.get(SET_UP)
    second.get(SET_UP)
    shown_to_first = _pending(first, demo.panel_member)
    assert shown_to_first != _pending(second, demo.panel_member)
    response = second.post(SET_UP, {"token": _code(shown_to_first)})
    assert b"The security code is wrong" in response.content
    assert not TOTPDevice.objects.filter(user=demo.panel_member, confirmed=True).exists()


def test_a_signed_in_person_replaces_their_authenticator_and_is_told(client, demo):
    old = _authenticator(demo.panel_member)
    sign_in(client, demo.panel_member)
    page = client.get(SET_UP)
    assert b"Change your authenticator app" in page.content
    new = _pending(client, demo.panel_member)
    response = client.post(SET_UP, {"token": _code(new)})
    assert response.status_code == 302
    assert list(TOTPDevice.objects.filter(user=demo.panel_member)) == [new]
    new.refresh_from_db()
    assert new.confirmed and not TOTPDevice.objects.filter(pk=old.pk).exists()
    event = SecurityEvent.objects.get()
    assert event.what == SecurityEvent.What.DEVICE_REPLACED
    assert event.ip_address == "127.0.0.1"
    assert "was replaced" in mail.outbox[0].body
    assert mail.outbox[0].to == [demo.panel_member.email]
    # The backup codes the person signed in with keep working.
    assert demo.panel_member.staticdevice_set.exists()


def test_the_footer_offers_the_change_only_after_the_second_step(client, demo):
    _password_step(client, demo.viewer)
    assert SET_UP.encode() not in client.get("/accessibility/").content
    client.logout()
    sign_in(client, demo.officer)
    assert SET_UP.encode() in client.get("/accessibility/").content
