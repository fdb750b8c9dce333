from __future__ import annotations

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from cspmonitor.accounts.two_factor import ensure_backup_codes
from tests.conftest import PASSWORD

VERIFY = "/accounts/two-factor/"
SET_UP = "/accounts/two-factor/set-up/"


def _password_step(client, user):
    client.post("/accounts/sign-in/", {"username": user.email, "password": PASSWORD})


def test_a_backup_code_completes_sign_in_once_and_only_once(client, demo):
    code = ensure_backup_codes(demo.officer)[0]
    _password_step(client, demo.officer)
    response = client.post(VERIFY, {"token": code, "next": demo.partnership.get_absolute_url()})
    assert response.status_code == 302
    assert client.get(demo.partnership.get_absolute_url()).status_code == 200
    client.post(reverse("accounts:sign_out"))
    _password_step(client, demo.officer)
    response = client.post(VERIFY, {"token": code})
    assert b"The security code is wrong or has been used" in response.content


def test_a_wrong_code_keeps_the_person_out(client, demo):
    _password_step(client, demo.officer)
    response = client.post(VERIFY, {"token": "12345678"})
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    assert client.get(demo.partnership.get_absolute_url()).status_code == 302


def test_backup_codes_are_topped_up_not_duplicated(demo):
    first = ensure_backup_codes(demo.officer)
    assert len(first) == 10
    assert ensure_backup_codes(demo.officer) == first


def test_a_cleared_person_without_a_device_sets_up_an_authenticator_app(client, demo):
    demo.panel_member.staticdevice_set.all().delete()
    _password_step(client, demo.panel_member)
    response = client.get(VERIFY)
    assert response["Location"] == SET_UP
    page = client.get(SET_UP)
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=demo.panel_member, confirmed=False)
    token = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    response = client.post(SET_UP, {"token": f"{token:06d}"})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(demo.partnership.get_absolute_url()).status_code == 200


def test_people_who_cannot_see_sensitive_material_are_not_asked_for_a_second_step(demo):
    assert not demo.viewer.needs_two_factor
    assert not demo.partner_lead.needs_two_factor
    assert demo.officer.needs_two_factor and demo.panel_member.needs_two_factor
    assert demo.administrator.needs_two_factor
