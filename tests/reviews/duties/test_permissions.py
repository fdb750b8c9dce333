"""Every page of the calendar × every persona gets the expected status code.

Rows for the URL permission matrix (tests/test_permission_matrix.py) in the same order:
anonymous, administrator, officer, partner lead, panel member, viewer, outsider.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import sign_in
from tests.personas import PERSONAS, sign_in_as
from tests.reviews.duties.conftest import PLAN_TO_PCC_DUE

# fmt: off
MATRIX = {
    "calendar":       (302, 200, 200, 200, 200, 200, 404),
    "calendar_ics":   (302, 200, 200, 200, 200, 200, 404),
    "calendar_csv":   (302, 200, 200, 200, 200, 200, 404),
    "settings":       (302, 200, 200, 403, 403, 403, 404),
    "owner_edit":     (302, 200, 200, 403, 403, 403, 404),
    "owner_edit_dhr": (302, 200, 200, 403, 403, 403, 404),
    "mark_done":      (302, 200, 200, 403, 403, 403, 404),
}
# fmt: on


def _url(name: str, slug: str) -> str:
    if name == "owner_edit":
        return reverse("duties:owner_edit", args=[slug, "scrutiny"])
    if name == "owner_edit_dhr":
        return reverse("duties:owner_edit", args=[slug, "dhr"])
    if name == "mark_done":
        return reverse("duties:mark_done", args=[slug, "plan_to_pcc", PLAN_TO_PCC_DUE.isoformat()])
    return reverse(f"duties:{name}", args=[slug])


@pytest.mark.parametrize("name", MATRIX)
def test_each_persona_gets_the_expected_status(client, demo, today, name):
    url = _url(name, demo.partnership.slug)
    for persona, expected in zip(PERSONAS, MATRIX[name], strict=True):
        client.logout()
        sign_in_as(client, demo, persona)
        assert client.get(url).status_code == expected, f"{name} as {persona}"


def test_unknown_duties_and_obligations_are_not_found(client, demo, today):
    sign_in(client, demo.officer)
    slug = demo.partnership.slug
    assert client.get(reverse("duties:owner_edit", args=[slug, "no_such_duty"])).status_code == 404
    for key, due in [("plan_to_pcc", "2026-05-01"), ("plan_to_pcc", "not-a-date"), ("nothing", "2026-04-30")]:
        assert client.get(reverse("duties:mark_done", args=[slug, key, due])).status_code == 404
