"""Every look at an ASB case review (OFFICIAL-SENSITIVE casework) goes to the access log."""

from __future__ import annotations

from django.urls import reverse

from cspmonitor.accounts.models import AccessRecord
from tests.conftest import sign_in


def test_viewing_an_application_and_the_list_is_logged(client, demo, asb):
    application = asb("WS-ASB-2022-01")
    sign_in(client, demo.panel_member)
    client.get(reverse("asb:list", args=[demo.partnership.slug]))
    client.get(application.get_absolute_url())
    rows = AccessRecord.objects.filter(email=demo.panel_member.email)
    assert (application.pk, "viewed", "threshold") in {(r.record_id, r.what, r.page) for r in rows}
    listed = {r.record_id for r in rows if r.what == "listed"}
    assert application.pk in listed
    assert all(r.record_type.model == "casereviewapplication" for r in rows)


def test_those_not_cleared_leave_no_trace_because_they_see_nothing(client, demo, asb):
    sign_in(client, demo.viewer)
    assert client.get(asb("WS-ASB-2022-01").get_absolute_url()).status_code == 404
    client.get(reverse("asb:list", args=[demo.partnership.slug]))
    assert not AccessRecord.objects.exists()
