"""Every URL of the members and onboarding apps × every persona: their tables of the URL
permission matrix (tests/test_url_coverage.py checks every URL of the site has a row).

Members and invitations are the partnership administrator's; starting a partnership is the site
administrator's alone (the demo's partnership administrator is not one: 403). An invitation link
that is not a real one does not exist for anybody (404). Backup codes are for whoever is signed
in; their download exists only straight after they are shown (404 before).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.personas import PERSONAS, expected_statuses, sign_in_as

# fmt: off
#                          anon admin officer lead panel viewer outsider
MATRIX = {
    "members":               (302, 200, 403, 403, 403, 403, 404),
    "invite":                (302, 200, 403, 403, 403, 403, 404),
    "reset_second_factor":   (302, 200, 403, 403, 403, 403, 404),
    "accept":                (404, 404, 404, 404, 404, 404, 404),
    "backup_codes_download": (302, 404, 404, 404, 404, 404, 404),
    "backup_codes":          (302, 200, 200, 200, 200, 200, 200),
}
ONBOARDING = {
    "new":                   (302, 403, 403, 403, 403, 403, 403),
    "new_confirm":           (302, 403, 403, 403, 403, 403, 403),
}
# fmt: on


def _urls(demo) -> dict[str, str]:
    slug = demo.partnership.slug
    return {
        "members": reverse("members:members", args=[slug]),
        "invite": reverse("members:invite", args=[slug]),
        "reset_second_factor": reverse("members:reset_second_factor", args=[slug, demo.viewer.pk]),
        "accept": reverse("members:accept", args=["not-a-real-invitation"]),
        # Before the codes page, which shows (and so allows downloading) a fresh set.
        "backup_codes_download": reverse("members:backup_codes_download"),
        "backup_codes": reverse("members:backup_codes"),
        "new": reverse("onboarding:new"),
        "new_confirm": reverse("onboarding:new_confirm", args=["E22000373"]),
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_exactly_the_expected_status_on_every_members_url(client, demo, persona):
    sign_in_as(client, demo, persona)
    got = {name: client.get(url).status_code for name, url in _urls(demo).items()}
    assert got == expected_statuses(MATRIX | ONBOARDING, persona)


def test_the_tables_cover_every_members_and_onboarding_url_and_nothing_else():
    from cspmonitor.members.urls import urlpatterns as members
    from cspmonitor.partnership.onboarding_urls import urlpatterns as onboarding

    assert {p.name for p in members} == set(MATRIX)
    assert {p.name for p in onboarding} == set(ONBOARDING)
