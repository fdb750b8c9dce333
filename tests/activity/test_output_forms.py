"""Recording and changing outputs on the web: one form per kind, built by one factory."""

from __future__ import annotations

import pytest
from crispy_forms.utils import render_crispy_form
from django.urls import reverse

from cspmonitor.accounts.permissions import access_for
from cspmonitor.activity.forms import output_form
from cspmonitor.activity.models import OUTPUT_KINDS, Referral, TrainingSession
from cspmonitor.partnership.models import Partnership
from cspmonitor.plans.models import Plan, Priority
from tests.activity.conftest import QUARTER
from tests.conftest import sign_in


def create_url(work, kind="training", query=""):
    return reverse("activity:output_create", args=[work.partnership.slug, kind]) + query


def edit_url(work, output, kind="training"):
    return reverse("activity:output_edit", args=[work.partnership.slug, kind, output.pk])


def training_post(work, organisation, **changes):
    data = {
        "priority": work.priority.pk,
        "action": work.police_action.pk,
        "organisation": organisation.pk,
        "period_start_0": "1",
        "period_start_1": "7",
        "period_start_2": "2022",
        "period_end_0": "30",
        "period_end_1": "9",
        "period_end_2": "2022",
        "topic": "Test topic: posted",
        "delivered_by": "Test trainer",
        "format": "online",
        "audience": "partners",
        "sessions": "1",
        "people_reached": "15",
        "notes": "",
        "classification": "official",
    }
    return data | changes


@pytest.mark.parametrize("model", OUTPUT_KINDS, ids=lambda m: m.kind_slug)
def test_it_builds_a_form_for_every_kind_with_from_and_to(work, model):
    form = output_form(model)(partnership=work.partnership, organisations=[work.police])
    assert form.fields["period_start"].label == "From"
    assert form.fields["period_end"].label == "To"
    assert list(form.fields["organisation"].queryset) == [work.police]
    html = render_crispy_form(form)
    assert "govuk-date-input" in html and "<form" not in html


def test_it_names_each_missing_answer(work):
    form = output_form(TrainingSession)({}, partnership=work.partnership, organisations=[work.police])
    assert not form.is_valid()
    assert form.errors["people_reached"] == ["Enter the number of people reached"]
    assert form.errors["topic"] == ["Enter the topic"]
    assert form.errors["priority"] == ["Select the priority"]
    assert form.errors["period_start"] == ["Enter the start of the period"]


def test_it_explains_a_number_that_is_not_whole(work):
    data = training_post(work, work.police, people_reached="12.5", sessions="-1")
    form = output_form(TrainingSession)(data, partnership=work.partnership, organisations=[work.police])
    assert form.errors["people_reached"] == ["People reached must be a whole number, like 15"]
    assert form.errors["sessions"] == ["Sessions held must be 0 or more"]


def test_it_refuses_an_action_under_another_priority(demo, work):
    other = Priority.objects.exclude(pk=work.priority.pk).filter(plan__partnership=work.partnership).first()
    if other is None:
        other = Priority.objects.create(
            plan=work.priority.plan, title="Test other", lead_organisation=work.police
        )
    data = training_post(work, work.police, priority=other.pk)
    form = output_form(TrainingSession)(data, partnership=work.partnership, organisations=[work.police])
    assert form.errors["action"] == ["The action must belong to the priority chosen"]


def test_a_partner_leads_organisation_choice_is_their_own(demo, work):
    access = access_for(demo.partner_lead, work.partnership)
    form = output_form(Referral)(
        partnership=work.partnership, organisations=access.organisations_acted_for(work.partnership)
    )
    assert list(form.fields["organisation"].queryset) == [work.police]


def test_a_partner_lead_records_an_output_for_their_organisation(client, demo, work):
    sign_in(client, demo.partner_lead)
    assert client.get(create_url(work)).status_code == 200
    response = client.post(create_url(work), training_post(work, work.police))
    assert response.status_code == 302
    output = TrainingSession.objects.get(topic="Test topic: posted")
    assert (output.organisation, output.period_end, output.people_reached) == (work.police, QUARTER.end, 15)


def test_a_partner_lead_cannot_record_for_another_organisation(client, demo, work):
    sign_in(client, demo.partner_lead)
    response = client.post(create_url(work), training_post(work, work.council))
    assert response.status_code == 200
    assert "Select the organisation from the list" in response.content.decode()
    assert not TrainingSession.objects.filter(topic="Test topic: posted").exists()


def test_an_empty_form_shows_the_error_summary(client, demo, work):
    sign_in(client, demo.officer)
    body = client.post(create_url(work), {}).content.decode()
    assert "govuk-error-summary" in body
    assert "Enter the number of people reached" in body
    assert "(error)" in body


def test_opened_from_a_return_it_starts_with_the_organisation_and_quarter(client, demo, work):
    sign_in(client, demo.partner_lead)
    query = f"?organisation={work.police.pk}&quarter=2022-23-Q2"
    body = client.get(create_url(work, "referrals", query)).content.decode()
    assert 'name="period_end_0" value="30"' in body and 'name="period_end_1" value="9"' in body
    data = training_post(work, work.police) | {"route": "nrm", "area": "Test area", "count": "4"}
    response = client.post(create_url(work, "referrals", query), data)
    assert response["Location"] == reverse(
        "activity:return", args=[work.partnership.slug, work.police.pk, "2022-23-Q2"]
    )


@pytest.mark.parametrize("persona", ["panel_member", "viewer"])
def test_people_who_do_not_record_cannot_open_the_form(client, demo, work, persona):
    sign_in(client, demo.by_name(persona))
    assert client.get(create_url(work)).status_code == 403
    assert client.post(create_url(work), training_post(work, work.police)).status_code == 403


def test_an_unknown_kind_is_404(client, demo, work):
    sign_in(client, demo.officer)
    assert client.get(create_url(work, "haircuts")).status_code == 404


def test_a_partner_lead_changes_their_organisations_output(client, demo, work):
    output = work.training()
    sign_in(client, demo.partner_lead)
    assert client.get(edit_url(work, output)).status_code == 200
    response = client.post(edit_url(work, output), training_post(work, work.police, people_reached="99"))
    assert response.status_code == 302
    output.refresh_from_db()
    assert output.people_reached == 99


def test_a_partner_lead_cannot_change_another_organisations_output(client, demo, work):
    output = work.training(work.council)
    sign_in(client, demo.partner_lead)
    assert client.get(edit_url(work, output)).status_code == 403
    assert client.post(edit_url(work, output), training_post(work, work.police)).status_code == 403


def test_an_official_sensitive_output_is_404_to_people_not_cleared(client, demo, work):
    output = work.training(classification="official-sensitive")
    sign_in(client, demo.partner_lead)
    assert client.get(edit_url(work, output)).status_code == 404
    client.logout()
    sign_in(client, demo.officer)
    assert client.get(edit_url(work, output)).status_code == 200


@pytest.mark.parametrize("persona,status", [("panel_member", 403), ("viewer", 403), ("outsider", 404)])
def test_others_cannot_change_outputs(client, demo, work, persona, status):
    output = work.training()
    sign_in(client, demo.by_name(persona))
    assert client.get(edit_url(work, output)).status_code == status


def test_an_output_of_another_partnership_or_kind_is_404(client, demo, work):
    elsewhere = Partnership.objects.get(slug="elsewhere")
    organisation = elsewhere.organisations.get()
    plan = Plan.objects.create(partnership=elsewhere, title="Elsewhere plan", first_year=2022)
    priority = Priority.objects.create(plan=plan, title="Elsewhere priority", lead_organisation=organisation)
    theirs = work.training(organisation, priority=priority)
    sign_in(client, demo.officer)
    assert client.get(edit_url(work, theirs)).status_code == 404
    assert client.get(edit_url(work, work.training(), kind="haircuts")).status_code == 404
