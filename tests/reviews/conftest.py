"""The demo's two homicide reviews, by reference."""

from __future__ import annotations

import pytest

from cspmonitor.reviews.models import DomesticHomicideReview


@pytest.fixture
def review_2020(demo) -> DomesticHomicideReview:
    return DomesticHomicideReview.objects.get(partnership=demo.partnership, reference="WS-DHR-2020-01")


@pytest.fixture
def review_2021(demo) -> DomesticHomicideReview:
    return DomesticHomicideReview.objects.get(partnership=demo.partnership, reference="WS-DHR-2021-01")
