"""The demo's statutory reviews: loaded once however often the demo is, with no one named."""

from __future__ import annotations

from cspmonitor.demo.loader import load_western_suffolk
from cspmonitor.reviews.models import (
    DomesticHomicideReview,
    ReviewAccess,
    ReviewActionItem,
    ReviewPause,
    SvdMilestone,
    SvdUpdate,
)

MODELS = [DomesticHomicideReview, ReviewPause, ReviewActionItem, ReviewAccess, SvdMilestone, SvdUpdate]


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_loading_the_demo_again_adds_no_review_pause_or_update(demo):
    first = _counts()
    load_western_suffolk()
    assert _counts() == first
    assert first == {
        "DomesticHomicideReview": 2,
        "ReviewPause": 3,
        "ReviewActionItem": 3,
        "ReviewAccess": 0,
        "SvdMilestone": 5,
        "SvdUpdate": 2,
    }


def test_the_demo_reviews_are_official_sensitive_and_follow_the_seed(demo, review_2020, review_2021):
    assert {r.classification for r in DomesticHomicideReview.objects.all()} == {"official-sensitive"}
    assert (review_2020.died_on.year, review_2020.stage) == (2020, "submitted")
    assert (review_2021.died_on.year, review_2021.stage) == (2021, "drafting")
    assert set(review_2021.panel_organisations.values_list("partnership", flat=True)) == {demo.partnership.pk}
