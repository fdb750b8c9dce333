from __future__ import annotations

from django.test import override_settings
from django.urls import reverse

from tests.conftest import PASSWORD, sign_in

SIGN_IN = "/accounts/sign-in/"


def _post(client, email, password):
    return client.post(SIGN_IN, {"username": email, "password": password})


def test_it_signs_a_partner_lead_straight_into_their_partnership(client, demo):
    response = _post(client, demo.partner_lead.email, PASSWORD)
    assert response.status_code == 302
    response = client.get(response["Location"], follow=True)
    assert response.redirect_chain[-1][0] == demo.partnership.get_absolute_url()


def test_it_sends_an_officer_to_the_second_step_after_the_password(client, demo):
    _post(client, demo.officer.email, PASSWORD)
    response = client.get(demo.partnership.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor"))


def test_a_wrong_password_shows_the_error_summary_and_does_not_sign_in(client, demo):
    response = _post(client, demo.officer.email, "wrong")
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    assert b"Enter a correct email address and password" in response.content
    assert "_auth_user_id" not in client.session


def test_empty_fields_get_a_message_each(client, db):
    response = client.post(SIGN_IN, {"username": "", "password": ""})
    assert b"Enter your email address" in response.content
    assert b"Enter your password" in response.content


@override_settings(AXES_FAILURE_LIMIT=3)
def test_it_locks_an_account_out_after_repeated_failures_even_with_the_right_password(client, demo):
    for _ in range(3):
        _post(client, demo.viewer.email, "wrong")
    response = _post(client, demo.viewer.email, PASSWORD)
    assert response.status_code == 429
    assert b"Your account is locked for now" in response.content
    assert "_auth_user_id" not in client.session


def test_signing_out_needs_a_post_and_ends_the_session(client, demo):
    sign_in(client, demo.viewer)
    assert client.get(reverse("accounts:sign_out")).status_code == 405
    client.post(reverse("accounts:sign_out"))
    assert client.get(demo.partnership.get_absolute_url()).status_code == 302


def test_passwords_are_stored_with_argon2(db):
    from django.conf import settings as project

    from cspmonitor.accounts.models import User
    from cspmonitor.settings import PASSWORD_HASHERS

    with override_settings(PASSWORD_HASHERS=PASSWORD_HASHERS):
        user = User.objects.create_user(email="new@example.org", password=PASSWORD)
        assert project.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert user.password.startswith("argon2")
