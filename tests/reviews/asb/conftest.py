"""The demo's ASB Case Review applications, by reference."""

from __future__ import annotations

import pytest

from cspmonitor.reviews.asb.models import CaseReviewApplication


@pytest.fixture
def asb(demo):
    """A function giving the demo application with a reference, like asb("WS-ASB-2022-01")."""

    def get(reference: str) -> CaseReviewApplication:
        return CaseReviewApplication.objects.get(partnership=demo.partnership, reference=reference)

    return get
