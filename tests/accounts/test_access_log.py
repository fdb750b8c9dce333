"""Every restricted read goes to the one access log (accounts.AccessRecord), which a partnership's
administrators filter by person, record and date on its own page."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cspmonitor.accounts.models import AccessRecord, Classification
from cspmonitor.activity.models import Referral
from cspmonitor.periods import FinancialYear
from cspmonitor.plans.models import Action
from cspmonitor.reports.models import GeneratedReport
from cspmonitor.reviews.models import DomesticHomicideReview, ReviewAccess
from tests.conftest import sign_in
from tests.personas import PERSONAS, sign_in_as

SENSITIVE = Classification.OFFICIAL_SENSITIVE


def logged(user, record) -> list[str]:
    return list(
        AccessRecord.objects.filter(user=user, record_id=record.pk, record=str(record)[:200]).values_list(
            "what", flat=True
        )
    )


@pytest.fixture
def restricted_report(demo) -> GeneratedReport:
    return GeneratedReport.objects.create(
        partnership=demo.partnership,
        kind=GeneratedReport.Kind.ANNUAL,
        year="2022-23",
        edition=GeneratedReport.Edition.RESTRICTED,
        format=GeneratedReport.Format.HTML,
        classification=SENSITIVE,
        status=GeneratedReport.Status.DONE,
        file=b"<html><body>Restricted</body></html>",
    )


def test_it_logs_each_view_and_download_of_a_restricted_report_edition(client, demo, restricted_report):
    sign_in(client, demo.panel_member)
    slug, pk = demo.partnership.slug, restricted_report.pk
    assert client.get(reverse("reports:report", args=[slug, pk])).status_code == 200
    assert client.get(reverse("reports:download", args=[slug, pk])).status_code == 200
    assert client.get(reverse("reports:read", args=[slug, pk])).status_code == 200
    assert sorted(logged(demo.panel_member, restricted_report)) == ["downloaded", "viewed", "viewed"]


def test_it_logs_a_homicide_review_in_its_own_log_and_the_one_access_log(client, demo):
    review = DomesticHomicideReview.objects.get(partnership=demo.partnership, reference="WS-DHR-2021-01")
    sign_in(client, demo.panel_member)
    assert client.get(reverse("reviews:dhr", args=[demo.partnership.slug, review.pk])).status_code == 200
    assert ReviewAccess.objects.filter(review=review, user=demo.panel_member, what="viewed").count() == 1
    assert logged(demo.panel_member, review) == ["viewed"]


def test_it_logs_restricted_outputs_shown_in_a_list_or_opened(client, demo):
    referral = Referral.objects.for_partnership(demo.partnership).filter(classification=SENSITIVE).first()
    sign_in(client, demo.officer)
    year = f"?year={FinancialYear.containing(referral.period_end).label}"
    assert client.get(reverse("activity:outputs", args=[demo.partnership.slug]) + year).status_code == 200
    url = reverse("activity:output_edit", args=[demo.partnership.slug, "referrals", referral.pk])
    assert client.get(url).status_code == 200
    assert sorted(logged(demo.officer, referral)) == ["listed", "viewed"]


def test_it_logs_an_action_following_a_restricted_review_but_not_an_official_one(client, demo):
    restricted = Action.objects.for_partnership(demo.partnership).get(reference="VAWG-5")
    official = Action.objects.for_partnership(demo.partnership).get(reference="VAWG-2")
    sign_in(client, demo.panel_member)
    for action in (restricted, official):
        assert client.get(reverse("plans:action", args=[demo.partnership.slug, action.pk])).status_code == 200
    assert logged(demo.panel_member, restricted) == ["viewed"]
    assert logged(demo.panel_member, official) == []


#: The access log page: only the partnership's administrators, signed in with two factors.
EXPECTED = dict(zip(PERSONAS, [302, 200, 403, 403, 403, 403, 404], strict=True))


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_partnerships_administrators_read_the_access_log(client, demo, persona):
    sign_in_as(client, demo, persona)
    response = client.get(reverse("partnership:access_log", args=[demo.partnership.slug]))
    assert response.status_code == EXPECTED[persona]


def test_an_administrator_without_the_second_factor_cannot_read_it(client, demo):
    sign_in(client, demo.administrator, second_factor=False)
    response = client.get(reverse("partnership:access_log", args=[demo.partnership.slug]))
    assert response.status_code in (302, 403)


def test_it_filters_the_log_by_person_record_and_date(client, demo, restricted_report):
    review = DomesticHomicideReview.objects.get(partnership=demo.partnership, reference="WS-DHR-2021-01")
    for day, user in ((dt.date(2023, 3, 1), demo.panel_member), (dt.date(2023, 3, 20), demo.officer)):
        with time_machine.travel(dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC)):
            sign_in(client, user)
            client.get(reverse("reviews:dhr", args=[demo.partnership.slug, review.pk]))
            client.get(reverse("reports:report", args=[demo.partnership.slug, restricted_report.pk]))
    sign_in(client, demo.administrator)
    url = reverse("partnership:access_log", args=[demo.partnership.slug])

    def rows(**query) -> list[tuple[str, str]]:
        response = client.get(url, query)
        assert response.status_code == 200
        return [(row.email, row.record) for row in response.context["rows"]]

    assert set(rows(person="panel@")) == {
        (demo.panel_member.email, "WS-DHR-2021-01"),
        (demo.panel_member.email, str(restricted_report)),
    }
    assert rows(person="panel@", record="DHR-2021") == [(demo.panel_member.email, "WS-DHR-2021-01")]
    march = {"start_0": "10", "start_1": "3", "start_2": "2023", "end_0": "31", "end_1": "3", "end_2": "2023"}
    assert {email for email, _record in rows(**march)} == {demo.officer.email}
    backwards = {**march, "end_0": "1"}
    response = client.get(url, backwards)
    assert response.status_code == 400
    assert "The last day to show must be on or after the first" in response.content.decode()
