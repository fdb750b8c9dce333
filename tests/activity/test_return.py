"""One organisation's return for a quarter: on the web, as a spreadsheet, and uploaded."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse

from cspmonitor.activity.models import TrainingSession
from cspmonitor.plans.models import ProgressUpdate
from tests.activity.helpers import TRAINING, add_output, as_upload, fill_update, template, training_row
from tests.conftest import sign_in


def url(work, name="activity:return", organisation=None, quarter="2022-23-Q2"):
    return reverse(name, args=[work.partnership.slug, (organisation or work.police).pk, quarter])


def test_it_lists_the_organisations_actions_with_their_updates(client, demo, work):
    ProgressUpdate.objects.create(
        action=work.police_action, period="2022-23 Q2", narrative="Done", status="on_track", rag="green"
    )
    sign_in(client, demo.partner_lead)
    response = client.get(url(work))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Return for Q2 2022-23 (July to September 2022)" in body
    assert "TST-1" in body and "TST-2" in body and "TST-9" not in body
    update = reverse("plans:update_create", args=[work.partnership.slug, work.other_police_action.pk])
    assert f'{update}?quarter=2022-23%20Q2">Add update' in body
    change = reverse("plans:update_create", args=[work.partnership.slug, work.police_action.pk])
    assert f'{change}?quarter=2022-23%20Q2">Change update' in body
    assert "Download the return as a spreadsheet" in body
    assert 'enctype="multipart/form-data"' in body


def test_it_shows_the_quarters_outputs_and_links_to_record_more(client, demo, work):
    work.training(topic="Test topic: in the quarter")
    work.training(topic="Test topic: sensitive", classification="official-sensitive")
    sign_in(client, demo.partner_lead)
    body = client.get(url(work)).content.decode()
    assert "Test topic: in the quarter" in body
    assert "Test topic: sensitive" not in body
    create = reverse("activity:output_create", args=[work.partnership.slug, "training"])
    assert f"{create}?organisation={work.police.pk}&amp;quarter=2022-23-Q2" in body
    client.logout()
    sign_in(client, demo.officer)
    assert "Test topic: sensitive" in client.get(url(work)).content.decode()


def test_a_partner_lead_cannot_open_another_organisations_return(client, demo, work):
    sign_in(client, demo.partner_lead)
    for name in ["activity:return", "activity:return_template"]:
        assert client.get(url(work, name, organisation=work.council)).status_code == 403, name
    book = template(work, organisation=work.council)
    response = client.post(
        url(work, "activity:return_upload", organisation=work.council), {"file": as_upload(book)}
    )
    assert response.status_code == 403


def test_an_unknown_organisation_or_quarter_is_404(client, demo, work):
    sign_in(client, demo.officer)
    assert client.get(url(work, quarter="2022-23-Q5")).status_code == 404
    assert client.get(url(work, quarter="last-quarter")).status_code == 404
    elsewhere = demo.outsider.memberships.get().organisation
    assert client.get(url(work, organisation=elsewhere)).status_code == 404


@pytest.mark.parametrize("persona,status", [("panel_member", 403), ("viewer", 403), ("outsider", 404)])
def test_others_cannot_see_or_make_returns(client, demo, work, persona, status):
    sign_in(client, demo.by_name(persona))
    for name in ["activity:return", "activity:return_template"]:
        assert client.get(url(work, name)).status_code == status, name
    assert client.post(url(work, "activity:return_upload"), {}).status_code == status


def test_it_downloads_the_return_as_a_workbook(client, demo, work):
    sign_in(client, demo.partner_lead)
    response = client.get(url(work, "activity:return_template"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="return-suffolk-constabulary-2022-23-Q2.xlsx"' in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert "Action updates" in book.sheetnames


def test_an_uploaded_return_is_applied_and_said_so(client, demo, work):
    book = template(work)
    fill_update(
        book, "TST-1", **{"Status": "On track", "RAG rating": "Green", "Progress this quarter": "Good"}
    )
    add_output(book, TRAINING, training_row(work))
    sign_in(client, demo.partner_lead)
    response = client.post(url(work, "activity:return_upload"), {"file": as_upload(book)}, follow=True)
    assert response.redirect_chain == [(url(work), 302)]
    assert "1 update and 1 output saved" in response.content.decode()
    assert TrainingSession.objects.filter(topic="Test topic: county lines awareness").exists()


def test_a_return_with_problems_shows_every_one_and_saves_nothing(client, demo, work):
    book = template(work)
    fill_update(
        book, "TST-1", **{"Status": "On track", "RAG rating": "Green", "Progress this quarter": "Good"}
    )
    first = add_output(book, TRAINING, training_row(work, **{"People reached": "lots"}))
    second = add_output(book, TRAINING, training_row(work, Topic=None))
    before = ProgressUpdate.objects.count(), TrainingSession.objects.count()
    sign_in(client, demo.partner_lead)
    response = client.post(url(work, "activity:return_upload"), {"file": as_upload(book)})
    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body and "(error)" in body
    assert f"Sheet &#x27;{TRAINING}&#x27;, row {first}, column J (People reached)" in body
    assert f"Sheet &#x27;{TRAINING}&#x27;, row {second}, column E (Topic): enter the topic" in body
    assert (ProgressUpdate.objects.count(), TrainingSession.objects.count()) == before


def test_uploading_nothing_asks_for_a_file(client, demo, work):
    sign_in(client, demo.partner_lead)
    response = client.post(url(work, "activity:return_upload"), {})
    assert response.status_code == 400
    assert "Select the completed return spreadsheet" in response.content.decode()


def test_the_upload_address_only_takes_posts(client, demo, work):
    sign_in(client, demo.partner_lead)
    assert client.get(url(work, "activity:return_upload")).status_code == 405
