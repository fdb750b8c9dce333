"""Administrators invite people by email; the invitee sets a password, and a cleared role
sets up an authenticator and gets backup codes shown once."""

from datetime import timedelta

import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cspmonitor.accounts.models import Role, User
from cspmonitor.members.models import Invitation, MemberEvent
from tests.conftest import sign_in

PASSWORD = "a long and unusual passphrase"


def _invite(client, demo, **form):
    sign_in(client, demo.administrator)
    data = {"email": "new.analyst@western-suffolk.example", "role": Role.OFFICER, "organisation": ""}
    response = client.post(reverse("members:invite", args=[demo.partnership.slug]), {**data, **form})
    client.logout()
    return response


def _link() -> str:
    body = mail.outbox[-1].body
    return next(line.strip() for line in body.splitlines() if "/invitations/" in line)


def test_it_emails_a_link_that_lets_the_invitee_set_a_password_and_join(client, demo):
    response = _invite(client, demo, role=Role.VIEWER)
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["new.analyst@western-suffolk.example"]
    assert "expires in 7 days" in mail.outbox[-1].body
    response = client.post(_link(), {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302 and response["Location"] == demo.partnership.get_absolute_url()
    user = User.objects.get(email="new.analyst@western-suffolk.example")
    assert user.check_password(PASSWORD)
    assert user.membership_in(demo.partnership).role == Role.VIEWER
    kinds = set(MemberEvent.objects.values_list("kind", flat=True))
    assert {MemberEvent.Kind.INVITED, MemberEvent.Kind.JOINED} <= kinds


def test_a_cleared_invitee_is_sent_to_set_up_an_authenticator_then_to_backup_codes(client, demo):
    _invite(client, demo, role=Role.OFFICER)
    response = client.post(_link(), {"password1": PASSWORD, "password2": PASSWORD})
    setup = reverse("accounts:two_factor_setup")
    assert response["Location"] == f"{setup}?next={reverse('members:backup_codes')}"


def test_backup_codes_are_shown_once_and_can_be_downloaded_while_shown(client, demo):
    sign_in(client, demo.viewer)
    page = client.get(reverse("members:backup_codes")).content.decode()
    assert page.count("<li><code>") == 10
    download = client.get(reverse("members:backup_codes_download"))
    assert download["Content-Disposition"].startswith("attachment")
    assert len([line for line in download.content.decode().splitlines() if line.strip()]) == 2 + 10
    client.post(reverse("members:backup_codes"), {"action": "done"})
    again = client.get(reverse("members:backup_codes")).content.decode()
    assert "<li><code>" not in again and "cannot be shown again" in again
    assert client.get(reverse("members:backup_codes_download")).status_code == 404


def test_an_invitation_expires(client, demo):
    _invite(client, demo)
    link = _link()
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        response = client.post(link, {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not User.objects.filter(email="new.analyst@western-suffolk.example").exists()


def test_an_invitation_works_once(client, demo):
    _invite(client, demo)
    link = _link()
    client.post(link, {"password1": PASSWORD, "password2": PASSWORD})
    client.logout()
    assert client.post(link, {"password1": PASSWORD, "password2": PASSWORD}).status_code == 410


def test_a_partner_lead_must_have_an_organisation(client, demo):
    response = _invite(client, demo, role=Role.PARTNER_LEAD)
    assert "Select the organisation a partner lead works for" in response.content.decode()
    assert not Invitation.objects.exists()


def test_it_refuses_to_invite_an_existing_member(client, demo):
    response = _invite(client, demo, email=demo.officer.email)
    assert "is already a member" in response.content.decode()


def test_only_the_partnerships_administrators_may_invite(client, demo):
    url = reverse("members:invite", args=[demo.partnership.slug])
    sign_in(client, demo.officer)
    assert client.get(url).status_code == 403
    sign_in(client, demo.outsider)
    assert client.get(url).status_code == 404
