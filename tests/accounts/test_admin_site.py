"""The Django admin is for site administrators signed in with two factors, and no one else:
not a partnership's administrator, not a staff flag on its own."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cspmonitor.accounts.models import User
from cspmonitor.demo import western_suffolk as ws
from tests.conftest import sign_in
from tests.personas import PERSONAS, sign_in_as

ADMIN = "/admin/"
USERS = "/admin/accounts/user/"


@pytest.fixture
def site_administrator(demo) -> User:
    return User.objects.get(email=ws.SITE_ADMINISTRATOR[0])


def test_a_verified_site_administrator_sees_every_partnerships_people(client, demo, site_administrator):
    sign_in(client, site_administrator)
    assert client.get(ADMIN).status_code == 200
    page = client.get(USERS).content.decode()
    assert demo.outsider.email in page and demo.officer.email in page


def test_the_site_administrator_is_sent_to_the_second_step_first(client, demo, site_administrator):
    sign_in(client, site_administrator, second_factor=False)
    response = client.get(USERS)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor"))


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_no_partnership_role_opens_the_admin(client, demo, persona):
    sign_in_as(client, demo, persona)
    assert client.get(ADMIN).status_code == 403
    assert client.get(USERS).status_code == 403


def test_a_staff_flag_without_the_site_administrator_role_opens_nothing(client, demo):
    demo.administrator.is_staff = True
    demo.administrator.save()
    sign_in(client, demo.administrator)
    assert client.get(USERS).status_code == 403


def test_the_admin_offers_no_sign_in_form_of_its_own(client, demo):
    for url in [USERS, "/admin/login/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:sign_in")), url
    sign_in(client, demo.officer)
    assert client.get("/admin/login/").status_code == 403


def test_only_a_verified_site_administrator_is_offered_the_administration_link(
    client, demo, site_administrator
):
    sign_in(client, demo.administrator)
    assert b'href="/admin/"' not in client.get("/accessibility/").content
    client.logout()
    sign_in(client, site_administrator)
    assert b'href="/admin/"' in client.get("/accessibility/").content
