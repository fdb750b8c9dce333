"""Every ASB Case Review URL × every persona gets exactly the expected status (rows for the
project's permission matrix). Applications are 404 to anyone not cleared; the figures are open
to every member."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cspmonitor.reviews.asb import urls
from cspmonitor.reviews.asb.models import CaseReviewApplication
from tests.conftest import sign_in
from tests.personas import PERSONAS, expected_statuses, sign_in_as

# fmt: off
#                            anon admin officer lead panel viewer outsider
MATRIX = {
    "list":                  (302, 200, 200, 200, 200, 200, 404),
    "create":                (302, 200, 200, 403, 403, 403, 404),
    "figures":               (302, 200, 200, 200, 200, 200, 404),
    "figures_csv":           (302, 200, 200, 200, 200, 200, 404),
    "application":           (302, 200, 200, 404, 200, 404, 404),
    "edit":                  (302, 200, 200, 404, 403, 404, 404),
    "decision":              (302, 200, 200, 404, 403, 404, 404),
    "complaint_create":      (302, 200, 200, 404, 403, 404, 404),
    "complaint_edit":        (302, 200, 200, 404, 403, 404, 404),
    "recommendation_create": (302, 200, 200, 404, 403, 404, 404),
    "recommendation_edit":   (302, 200, 200, 404, 403, 404, 404),
}
# fmt: on


def _url(name: str, partnership) -> str:
    application = CaseReviewApplication.objects.get(partnership=partnership, reference="WS-ASB-2022-01")
    args: list = [partnership.slug]
    if name not in ("list", "create", "figures", "figures_csv"):
        args.append(application.pk)
    if name == "complaint_edit":
        args.append(application.complaints.first().pk)
    if name == "recommendation_edit":
        args.append(application.recommendations.first().pk)
    return reverse(f"asb:{name}", args=args)


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_exactly_the_expected_status_on_every_url(client, demo, persona):
    sign_in_as(client, demo, persona)
    got = {name: client.get(_url(name, demo.partnership)).status_code for name in MATRIX}
    assert got == expected_statuses(MATRIX, persona)


def test_the_matrix_covers_every_url():
    assert {pattern.name for pattern in urls.urlpatterns} == set(MATRIX)


def test_an_outsider_learns_nothing_from_any_url(client, demo):
    sign_in(client, demo.outsider)
    for name in MATRIX:
        body = client.get(_url(name, demo.partnership)).content.decode()
        assert "Western Suffolk" not in body and "WS-ASB" not in body, name
