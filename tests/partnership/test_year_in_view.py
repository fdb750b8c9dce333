"""One year in view: every page of plan, outputs, returns, wording and reports opens on it, the
header shows it, and an officer changes it from any page."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tests.conftest import sign_in


@pytest.fixture(autouse=True)
def autumn_2023():
    with time_machine.travel(dt.datetime(2023, 10, 20, 12, tzinfo=dt.UTC), tick=False):
        yield


def _years_opened(client, slug) -> dict[str, str]:
    """The year (or the year of the quarter) each page opens on, with nothing asked for."""
    get = lambda name: client.get(reverse(name, args=[slug]))  # noqa: E731
    return {
        "plan": get("plans:dashboard").context["year"].label,
        "changes": get("plans:changes").context["changes"].quarter.year.label,
        "outputs": get("activity:outputs").context["year"].label,
        "returns": get("activity:returns").context["form"].initial["quarter"][:7],
        "wording": get("reports:text").context["year"].label,
        "reports": get("reports:list").context["form"].initial["year"],
    }


def test_every_page_opens_on_the_year_in_view(client, demo):
    sign_in(client, demo.officer)
    slug = demo.partnership.slug
    assert set(_years_opened(client, slug).values()) == {"2022-23"}
    response = client.post(
        reverse("partnership:year_in_view", args=[slug]),
        {"year": "2023-24", "next": reverse("activity:outputs", args=[slug]) + "?year=2022-23"},
    )
    assert response["Location"] == reverse("activity:outputs", args=[slug])
    assert set(_years_opened(client, slug).values()) == {"2023-24"}


def test_the_header_shows_the_year_in_view_to_everyone(client, demo):
    sign_in(client, demo.viewer)
    body = client.get(reverse("plans:dashboard", args=[demo.partnership.slug])).content.decode()
    assert "Year in view: <strong>2022-23</strong>" in body


def test_only_officers_change_the_year_in_view(client, demo):
    sign_in(client, demo.viewer)
    url = reverse("partnership:year_in_view", args=[demo.partnership.slug])
    assert client.post(url, {"year": "2023-24"}).status_code == 403
    demo.partnership.refresh_from_db()
    assert demo.partnership.year_in_view == "2022-23"


def test_a_partnership_that_chose_no_year_opens_on_the_current_financial_year(demo):
    demo.partnership.year_in_view = ""
    assert demo.partnership.year().label == "2023-24"
