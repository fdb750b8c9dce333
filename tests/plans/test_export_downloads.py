"""The plan's CSV downloads on the web hold OFFICIAL rows unless a cleared person asks for the
OFFICIAL-SENSITIVE ones (as the export_plan command leaves them out when asked)."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from cspmonitor.accounts.models import AccessRecord
from cspmonitor.activity.models import Referral
from tests.conftest import sign_in


def _classifications(client, demo, *, restricted: bool) -> set[str]:
    url = reverse("plans:export", args=[demo.partnership.slug, "referrals"]) + "?year=2022-23"
    response = client.get(url + ("&restricted=yes" if restricted else ""))
    assert response.status_code == 200
    return {row["Classification"] for row in csv.DictReader(io.StringIO(response.content.decode()))}


def test_a_cleared_persons_download_leaves_restricted_rows_out_unless_asked(client, demo):
    sign_in(client, demo.officer)
    assert "OFFICIAL-SENSITIVE" not in _classifications(client, demo, restricted=False)
    assert not AccessRecord.objects.exists()
    assert "OFFICIAL-SENSITIVE" in _classifications(client, demo, restricted=True)
    logged = AccessRecord.objects.all()
    assert logged and {(row.email, row.what) for row in logged} == {(demo.officer.email, "downloaded")}
    referrals = Referral.objects.filter(pk__in=[row.record_id for row in logged])
    assert {referral.classification for referral in referrals} == {"official-sensitive"}
    assert len(referrals) == len(logged)


@pytest.mark.parametrize("persona", ["viewer", "partner_lead"])
def test_asking_gives_nothing_more_to_those_not_cleared(client, demo, persona):
    sign_in(client, demo.by_name(persona))
    assert "OFFICIAL-SENSITIVE" not in _classifications(client, demo, restricted=True)
