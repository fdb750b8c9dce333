"""An administrator resets a member's lost second factor; the reset is recorded."""

from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from cspmonitor.members.models import MemberEvent
from tests.conftest import sign_in


def _url(demo, user):
    return reverse("members:reset_second_factor", args=[demo.partnership.slug, user.pk])


def test_it_removes_the_members_devices_and_records_who_did_it(client, demo):
    officer = demo.officer
    TOTPDevice.objects.create(user=officer, name="Authenticator app", confirmed=True)
    assert StaticDevice.objects.filter(user=officer).exists()  # the demo gives backup codes
    sign_in(client, demo.administrator)
    response = client.post(_url(demo, officer))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert not StaticDevice.objects.filter(user=officer).exists()
    event = MemberEvent.objects.get(kind=MemberEvent.Kind.SECOND_FACTOR_RESET)
    assert (event.actor, event.subject_email, event.partnership) == (
        demo.administrator,
        officer.email,
        demo.partnership,
    )
    page = client.get(reverse("members:members", args=[demo.partnership.slug])).content.decode()
    assert f"Second factor reset, {officer.email}" in page


def test_the_member_must_set_up_a_new_authenticator_on_next_sign_in(client, demo):
    sign_in(client, demo.administrator)
    client.post(_url(demo, demo.officer))
    client.logout()
    client.force_login(demo.officer)
    response = client.get(demo.partnership.get_absolute_url())
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))


def test_only_administrators_may_reset_and_a_get_changes_nothing(client, demo):
    sign_in(client, demo.officer)
    assert client.post(_url(demo, demo.viewer)).status_code == 403
    sign_in(client, demo.administrator)
    assert client.get(_url(demo, demo.officer)).status_code == 200
    assert StaticDevice.objects.filter(user=demo.officer).exists()
    assert not MemberEvent.objects.exists()
