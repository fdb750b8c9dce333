"""Outputs and quarterly returns in Chromium: they work as partners use them, and axe-core finds nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cspmonitor.activity.models import TrainingSession
from tests.activity.conftest import make_work
from tests.activity.helpers import TRAINING, add_output, fill_update, template, training_row
from tests.browser.conftest import assert_accessible, sign_in_with_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def work(demo):
    return make_work(demo.partnership)


@pytest.fixture
def lead_page(page, live_server, demo):
    """The police partner lead, who is not cleared and so signs in with a password alone."""
    sign_in_with_password(page, live_server, demo.partner_lead.email)
    page.wait_for_url(f"**{demo.partnership.get_absolute_url()}")
    return page


def save(book, path):
    book.save(path)
    return str(path)


def test_a_partner_lead_uploads_a_return_fixes_a_mistake_and_uploads_it_again(
    lead_page, live_server, work, tmp_path
):
    page = lead_page
    return_url = reverse("activity:return", args=[work.partnership.slug, work.police.pk, "2022-23-Q2"])
    page.goto(live_server.url + return_url)
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Return for Q2 2022-23 (July to September 2022)"
    )
    assert page.get_by_role("link", name="Download the return as a spreadsheet").is_visible()
    assert_accessible(page)

    book = template(work)
    fill_update(
        book, "TST-1", **{"Status": "On track", "RAG rating": "Green", "Progress this quarter": "Good"}
    )
    row = add_output(book, TRAINING, training_row(work, **{"People reached": "lots"}))
    page.get_by_label("Upload the completed return").set_input_files(save(book, tmp_path / "return.xlsx"))
    page.get_by_role("button", name="Upload the return").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert f"Sheet '{TRAINING}', row {row}, column J (People reached)" in summary.inner_text()
    assert "(error)" in page.title()
    assert_accessible(page)

    book[TRAINING].cell(row=row, column=10, value=30)
    page.get_by_label("Upload the completed return").set_input_files(save(book, tmp_path / "fixed.xlsx"))
    page.get_by_role("button", name="Upload the return").click()
    assert "1 update and 1 output saved" in page.locator(".govuk-notification-banner").inner_text()
    assert TrainingSession.objects.filter(topic="Test topic: county lines awareness").exists()
    assert_accessible(page)


def test_a_partner_lead_chooses_a_return_and_records_an_output_from_it(lead_page, live_server, work):
    page = lead_page
    page.goto(live_server.url + reverse("activity:returns", args=[work.partnership.slug]))
    assert_accessible(page)
    page.get_by_label("Quarter").select_option(label="Q2 2022-23 (July to September 2022)")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Record referrals").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Record referrals"
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page)


def test_the_outputs_list_and_directory_are_accessible(officer_page, live_server, work):
    page = officer_page
    work.training(topic="Test topic: sensitive casework", classification="official-sensitive")
    page.goto(live_server.url + reverse("activity:outputs", args=[work.partnership.slug]) + "?year=2022-23")
    assert page.get_by_role("heading", level=1).inner_text() == "Outputs in 2022-23"
    row = page.locator("tr").filter(has_text="Test topic: sensitive casework")
    assert row.locator(".govuk-tag").inner_text() == "OFFICIAL-SENSITIVE"
    assert_accessible(page)
    page.get_by_role("link", name="Directory of commissioned support services").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Commissioned support services"
    assert_accessible(page)
    page.goto(live_server.url + reverse("activity:output_create", args=[work.partnership.slug, "events"]))
    assert_accessible(page)
