"""Every review URL × every persona gets exactly the expected status code.

The rows are the ones to add to tests/test_permission_matrix.py. A homicide review is
OFFICIAL-SENSITIVE: anyone not cleared gets 404 for it (its existence is not revealed), a
panel member may read it but not change it (403), and only administrators read its access log.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from cspmonitor.reviews.models import DomesticHomicideReview, SvdMilestone
from tests.conftest import sign_in
from tests.personas import PERSONAS, expected_statuses, sign_in_as

# fmt: off
#                                 anon admin officer lead panel viewer outsider
MATRIX = {
    "reviews_list":               (302, 200, 200, 200, 200, 200, 404),
    "dhr":                        (302, 200, 200, 404, 200, 404, 404),
    "dhr_create":                 (302, 200, 200, 403, 403, 403, 404),
    "dhr_edit":                   (302, 200, 200, 404, 403, 404, 404),
    "pause_create":               (302, 200, 200, 404, 403, 404, 404),
    "pause_end":                  (302, 200, 200, 404, 403, 404, 404),
    "action_item_create":         (302, 200, 200, 404, 403, 404, 404),
    "action_item_edit":           (302, 200, 200, 404, 403, 404, 404),
    "access_log":                 (302, 200, 403, 404, 403, 404, 404),
    "svd":                        (302, 200, 200, 200, 200, 200, 404),
    "svd_update":                 (302, 200, 200, 403, 403, 403, 404),
    "svd_milestone":              (302, 200, 200, 403, 403, 403, 404),
}
# fmt: on


def _url(name: str, partnership) -> str:
    slug = partnership.slug
    review = DomesticHomicideReview.objects.get(partnership=partnership, reference="WS-DHR-2020-01")
    pause = review.pauses.first()
    pause.ended_on = None  # only an open pause can be ended
    pause.save()
    item = review.action_items.first()
    milestone = SvdMilestone.objects.filter(partnership=partnership).first()
    return {
        "reviews_list": reverse("reviews:list", args=[slug]),
        "dhr": review.get_absolute_url(),
        "dhr_create": reverse("reviews:dhr_create", args=[slug]),
        "dhr_edit": reverse("reviews:dhr_edit", args=[slug, review.pk]),
        "pause_create": reverse("reviews:pause_create", args=[slug, review.pk]),
        "pause_end": reverse("reviews:pause_end", args=[slug, review.pk, pause.pk]),
        "action_item_create": reverse("reviews:action_item_create", args=[slug, review.pk]),
        "action_item_edit": reverse("reviews:action_item_edit", args=[slug, review.pk, item.pk]),
        "access_log": reverse("reviews:access_log", args=[slug, review.pk]),
        "svd": reverse("reviews:svd", args=[slug]),
        "svd_update": reverse("reviews:svd_update", args=[slug]),
        "svd_milestone": reverse("reviews:svd_milestone", args=[slug, milestone.pk]),
    }[name]


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_exactly_the_expected_status_on_every_review_url(client, demo, persona):
    sign_in_as(client, demo, persona)
    got = {name: client.get(_url(name, demo.partnership)).status_code for name in MATRIX}
    assert got == expected_statuses(MATRIX, persona)


def test_the_matrix_covers_every_review_url():
    from cspmonitor.reviews.urls import urlpatterns

    covered = {name.removeprefix("reviews_") for name in MATRIX}
    assert {pattern.name for pattern in urlpatterns} <= covered


def test_an_outsider_sees_nothing_of_the_reviews(client, demo):
    sign_in(client, demo.outsider)
    for name in MATRIX:
        body = client.get(_url(name, demo.partnership)).content.decode()
        assert "Western Suffolk" not in body, name
        assert "DHR" not in body, name


def test_a_cleared_person_without_the_second_step_is_sent_to_it(client, demo):
    sign_in(client, demo.panel_member, second_factor=False)
    for name in ["reviews_list", "dhr", "access_log"]:
        response = client.get(_url(name, demo.partnership))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("accounts:two_factor")), name
