"""Recording an application, its complaints and its recommendations."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cspmonitor.partnership.models import Area, Organisation
from cspmonitor.reviews.asb.models import CaseReviewApplication
from tests.conftest import sign_in


def _date(name: str, day: int, month: int, year: int) -> dict[str, str]:
    return {f"{name}_0": str(day), f"{name}_1": str(month), f"{name}_2": str(year)}


@pytest.mark.parametrize(
    ("persona", "status"),
    [("officer", 200), ("administrator", 200), ("panel_member", 403), ("viewer", 403), ("partner_lead", 403)],
)
def test_only_editors_may_open_the_new_application_form(client, demo, persona, status):
    sign_in(client, demo.by_name(persona))
    assert client.get(reverse("asb:create", args=[demo.partnership.slug])).status_code == status


def test_an_officer_records_an_application_under_the_rules_in_force(client, demo):
    sign_in(client, demo.officer)
    babergh = Area.objects.get(partnership=demo.partnership, name="Babergh")
    response = client.post(
        reverse("asb:create", args=[demo.partnership.slug]),
        {
            "reference": "ws-asb-2023-01",
            **_date("received_on", 3, 4, 2023),
            "received_via": "phone",
            "made_by": "victim",
            "area": babergh.pk,
            "classification": "official-sensitive",
        },
    )
    application = CaseReviewApplication.objects.get(reference="WS-ASB-2023-01")
    assert response["Location"] == application.get_absolute_url()
    assert application.rule_set_version == "default"


def test_a_reference_is_used_once(client, demo):
    sign_in(client, demo.officer)
    response = client.post(
        reverse("asb:create", args=[demo.partnership.slug]), {"reference": "WS-ASB-2022-01"}
    )
    assert "Another application already has this reference" in response.content.decode()


def test_only_districts_of_the_partnership_are_offered(client, demo):
    sign_in(client, demo.officer)
    form = client.get(reverse("asb:create", args=[demo.partnership.slug])).context["form"]
    assert sorted(area.name for area in form.fields["area"].queryset) == [
        "Babergh",
        "Mid Suffolk",
        "West Suffolk",
    ]


def test_an_officer_adds_a_complaint_and_the_threshold_is_worked_out_again(client, demo, asb):
    application = asb("WS-ASB-2022-02")
    sign_in(client, demo.officer)
    police = Organisation.objects.get(partnership=demo.partnership, name="Suffolk Constabulary")
    response = client.post(
        reverse("asb:complaint_create", args=[demo.partnership.slug, application.pk]),
        {
            **_date("behaviour_on", 20, 6, 2022),
            **_date("reported_on", 21, 6, 2022),
            "agency": police.pk,
            "complainant": "b",
            "hate_related": "on",
        },
    )
    assert response["Location"] == application.get_absolute_url()
    assert application.complaints.filter(complainant="B", hate_related=True).exists()
    page = client.get(application.get_absolute_url())
    assert page.context["result"].rule == "hate_incident"


def test_a_complaint_reported_before_the_behaviour_is_refused(client, demo, asb):
    application = asb("WS-ASB-2022-02")
    sign_in(client, demo.officer)
    police = Organisation.objects.get(partnership=demo.partnership, name="Suffolk Constabulary")
    response = client.post(
        reverse("asb:complaint_create", args=[demo.partnership.slug, application.pk]),
        {
            **_date("behaviour_on", 20, 6, 2022),
            **_date("reported_on", 19, 6, 2022),
            "agency": police.pk,
            "complainant": "A",
        },
    )
    assert "must be on or after the date of the behaviour" in response.content.decode()


def test_a_complainant_is_a_letter_not_a_name(client, demo, asb):
    application = asb("WS-ASB-2022-02")
    sign_in(client, demo.officer)
    response = client.post(
        reverse("asb:complaint_create", args=[demo.partnership.slug, application.pk]),
        {"complainant": "Smith"},
    )
    assert "not a name" in response.content.decode()


@pytest.mark.parametrize("name", ["edit", "complaint_create", "recommendation_create"])
@pytest.mark.parametrize(("persona", "status"), [("panel_member", 403), ("viewer", 404), ("outsider", 404)])
def test_only_editors_may_change_an_application(client, demo, asb, name, persona, status):
    application = asb("WS-ASB-2022-01")
    sign_in(client, demo.by_name(persona))
    assert (
        client.get(reverse(f"asb:{name}", args=[demo.partnership.slug, application.pk])).status_code == status
    )


def test_an_officer_changes_a_complaint_and_a_recommendation(client, demo, asb):
    application = asb("WS-ASB-2022-01")
    complaint = application.complaints.first()
    recommendation = application.recommendations.first()
    sign_in(client, demo.officer)
    slug = demo.partnership.slug
    assert (
        client.get(reverse("asb:complaint_edit", args=[slug, application.pk, complaint.pk])).status_code
        == 200
    )
    url = reverse("asb:recommendation_edit", args=[slug, application.pk, recommendation.pk])
    response = client.post(url, {"text": "A new text.", "owner": recommendation.owner_id})
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert (recommendation.text, recommendation.due) == ("A new text.", None)


def test_a_complaint_of_another_application_is_not_found(client, demo, asb):
    other = asb("WS-ASB-2022-02").complaints.first()
    sign_in(client, demo.officer)
    url = reverse("asb:complaint_edit", args=[demo.partnership.slug, asb("WS-ASB-2022-01").pk, other.pk])
    assert client.get(url).status_code == 404
