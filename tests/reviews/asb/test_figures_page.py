"""The published figures: open to every member, the same on the page, in the CSV and from the command,
and equal to what the records say (worked out here from the ORM, not copied from the demo)."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from cspmonitor.periods import FinancialYear
from cspmonitor.reviews.asb.models import CaseReviewApplication
from tests.conftest import sign_in

YEAR = FinancialYear(2022)


def expected(partnership, year: FinancialYear) -> dict[str, int]:
    """The four figures counted from the records in the plainest way, independent of figures.py."""
    apps = list(
        CaseReviewApplication.objects.filter(partnership=partnership).prefetch_related("recommendations")
    )
    today = timezone.localdate()

    def within(day) -> bool:
        return day is not None and year.start <= day <= year.end

    reviews = [
        a
        for a in apps
        if a.decision in ("met", "met_by_discretion") and within(a.meeting_on) and a.meeting_on <= today
    ]
    return {
        "Applications received": sum(within(a.received_on) for a in apps),
        "Threshold not met": sum(a.decision == "not_met" and within(a.decided_on) for a in apps),
        "Reviews carried out": len(reviews),
        "Reviews resulting in recommendations": sum(bool(a.recommendations.all()) for a in reviews),
    }


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("administrator", 200),
        ("officer", 200),
        ("partner_lead", 200),
        ("panel_member", 200),
        ("viewer", 200),
        ("outsider", 404),
    ],
)
@pytest.mark.parametrize("name", ["asb:figures", "asb:figures_csv"])
def test_every_member_sees_the_figures_and_outsiders_do_not(client, demo, name, persona, status):
    sign_in(client, demo.by_name(persona))
    assert client.get(reverse(name, args=[demo.partnership.slug])).status_code == status


@pytest.mark.parametrize("year", [FinancialYear(2022), FinancialYear(2023)])
def test_the_page_shows_the_figures_the_records_give(client, demo, year):
    sign_in(client, demo.viewer)
    response = client.get(reverse("asb:figures", args=[demo.partnership.slug]), {"year": year.label})
    assert dict(response.context["figures"].rows()) == expected(demo.partnership, year)
    body = response.content.decode()
    for label, value in expected(demo.partnership, year).items():
        assert (
            f'{label}</th>\n        <td class="govuk-table__cell govuk-table__cell--numeric">{value}</td>'
            in body
        )


def test_the_demo_year_has_every_kind_of_figure(client, demo):
    figures = expected(demo.partnership, YEAR)
    assert figures["Applications received"] > figures["Reviews carried out"] > 0
    assert figures["Threshold not met"] > 0
    assert 0 < figures["Reviews resulting in recommendations"] < figures["Reviews carried out"]


def test_it_shows_the_latest_year_with_applications_by_default_and_explains_the_counting(client, demo):
    sign_in(client, demo.viewer)
    response = client.get(reverse("asb:figures", args=[demo.partnership.slug]))
    assert response.context["year"] == YEAR
    body = response.content.decode()
    assert "How the figures are counted" in body
    assert "no personal data" in body
    assert "WS-ASB" not in body


def _csv_figures(text: str) -> dict[str, int]:
    rows = list(csv.DictReader(io.StringIO(text)))
    return {row["Figure"]: int(row["Count"]) for row in rows}


def test_the_csv_has_the_same_figures_as_the_page(client, demo):
    sign_in(client, demo.viewer)
    response = client.get(reverse("asb:figures_csv", args=[demo.partnership.slug]), {"year": "2022-23"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="western-suffolk-2022-23-asb-case-reviews.csv"' in response["Content-Disposition"]
    assert _csv_figures(response.content.decode()) == expected(demo.partnership, YEAR)


def test_the_figures_count_applications_whatever_their_classification(client, demo):
    CaseReviewApplication.objects.filter(partnership=demo.partnership).update(classification="official")
    before = expected(demo.partnership, YEAR)
    sign_in(client, demo.viewer)
    response = client.get(reverse("asb:figures", args=[demo.partnership.slug]), {"year": "2022-23"})
    assert dict(response.context["figures"].rows()) == before
