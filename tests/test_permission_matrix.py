"""Every URL × every persona gets exactly the expected status code.

Anonymous visitors are sent to sign in; outsiders (members of another
partnership) get 404, so they cannot even learn what exists; members without
the right role get 403. OFFICIAL-SENSITIVE records are 404 to anyone not cleared.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from cspmonitor.crime.models import Assessment
from cspmonitor.partnership.models import Group, Meeting, Organisation
from tests.conftest import sign_in

PERSONAS = ["anonymous", "administrator", "officer", "partner_lead", "panel_member", "viewer", "outsider"]

# fmt: off
#                                 anon admin officer lead panel viewer outsider
MATRIX = {
    "home":                       (200, 302, 302, 302, 302, 302, 302),
    "accessibility":              (200, 200, 200, 200, 200, 200, 200),
    "cookies":                    (200, 200, 200, 200, 200, 200, 200),
    "overview":                   (302, 200, 200, 200, 200, 200, 404),
    "districts_geojson":          (302, 200, 200, 200, 200, 200, 404),
    "organisation_create":        (302, 200, 200, 403, 403, 403, 404),
    "organisation_edit_police":   (302, 200, 200, 200, 403, 403, 404),
    "organisation_edit_council":  (302, 200, 200, 403, 403, 403, 404),
    "group_create":               (302, 200, 200, 403, 403, 403, 404),
    "group":                      (302, 200, 200, 200, 200, 200, 404),
    "group_edit":                 (302, 200, 200, 403, 403, 403, 404),
    "meeting_create":             (302, 200, 200, 403, 403, 403, 404),
    "meeting_official":           (302, 200, 200, 200, 200, 200, 404),
    "meeting_sensitive":          (302, 200, 200, 404, 200, 404, 404),
    "meeting_edit_official":      (302, 200, 200, 403, 403, 403, 404),
    "meeting_edit_sensitive":     (302, 200, 200, 403, 403, 403, 404),
    "admin":                      (302, 200, 302, 302, 302, 302, 302),
    "assessments":                (302, 200, 200, 200, 200, 200, 404),
    "assessment_queued":          (302, 200, 200, 200, 200, 200, 404),
    "assessment_status":          (302, 200, 200, 200, 200, 200, 404),
}
# fmt: on


def _url(name: str, partnership) -> str:
    slug = partnership.slug
    orgs = Organisation.objects.filter(partnership=partnership)
    partnership_group = Group.objects.get(partnership=partnership, kind=Group.Kind.PARTNERSHIP)
    official = Meeting.objects.filter(group__partnership=partnership, classification="official").first()
    queued, _ = Assessment.objects.get_or_create(partnership=partnership, year="2022-23")
    sensitive = Meeting.objects.filter(
        group__partnership=partnership, classification="official-sensitive"
    ).first()
    return {
        "home": reverse("home"),
        "accessibility": reverse("accessibility"),
        "cookies": reverse("cookies"),
        "overview": reverse("partnership:overview", args=[slug]),
        "districts_geojson": reverse("partnership:districts_geojson", args=[slug]),
        "organisation_create": reverse("partnership:organisation_create", args=[slug]),
        "organisation_edit_police": reverse(
            "partnership:organisation_edit", args=[slug, orgs.get(name="Suffolk Constabulary").pk]
        ),
        "organisation_edit_council": reverse(
            "partnership:organisation_edit", args=[slug, orgs.get(name="West Suffolk Council").pk]
        ),
        "group_create": reverse("partnership:group_create", args=[slug]),
        "group": reverse("partnership:group", args=[slug, partnership_group.pk]),
        "group_edit": reverse("partnership:group_edit", args=[slug, partnership_group.pk]),
        "meeting_create": reverse("partnership:meeting_create", args=[slug]),
        "meeting_official": reverse("partnership:meeting", args=[slug, official.pk]),
        "meeting_sensitive": reverse("partnership:meeting", args=[slug, sensitive.pk]),
        "meeting_edit_official": reverse("partnership:meeting_edit", args=[slug, official.pk]),
        "meeting_edit_sensitive": reverse("partnership:meeting_edit", args=[slug, sensitive.pk]),
        "admin": reverse("admin:index"),
        "assessments": reverse("crime:assessments", args=[slug]),
        "assessment_queued": queued.get_absolute_url(),
        "assessment_status": reverse("crime:assessment_status", args=[slug, queued.pk]),
    }[name]


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_exactly_the_expected_status_on_every_url(client, demo, persona):
    if persona != "anonymous":
        sign_in(client, demo.by_name(persona))
    column = PERSONAS.index(persona)
    got = {name: client.get(_url(name, demo.partnership)).status_code for name in MATRIX}
    expected = {name: statuses[column] for name, statuses in MATRIX.items()}
    assert got == expected


def test_the_matrix_covers_every_partnership_url():
    from cspmonitor.partnership.urls import urlpatterns

    covered = {
        name.split("_official")[0].split("_sensitive")[0].removesuffix("_police").removesuffix("_council")
        for name in MATRIX
    }
    assert {pattern.name for pattern in urlpatterns} <= covered


def test_an_outsider_sees_nothing_of_the_partnership(client, demo):
    sign_in(client, demo.outsider)
    for name in MATRIX:
        body = client.get(_url(name, demo.partnership)).content.decode()
        assert "Western Suffolk" not in body, name
        assert "Suffolk Constabulary" not in body, name


def test_a_cleared_person_without_the_second_step_is_sent_to_it_from_every_page(client, demo):
    sign_in(client, demo.officer, second_factor=False)
    for name in ["overview", "group", "meeting_sensitive", "organisation_create", "admin"]:
        response = client.get(_url(name, demo.partnership))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("accounts:two_factor")), name
