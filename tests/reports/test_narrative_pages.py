"""Editing a report's wording on the web: the overview, a section's form, and its history."""

from __future__ import annotations

from django.urls import reverse

from cspmonitor.reports import narrative, services
from cspmonitor.reports.builders.annual import DEFAULTS
from cspmonitor.reports.models import ReportText
from tests.conftest import sign_in

YEAR = "2022-23"


def _url(demo, name: str, *args: str) -> str:
    return reverse(f"reports:{name}", args=[demo.partnership.slug, *args])


def test_an_officer_rewrites_the_risks_and_the_next_report_uses_them(client, demo):
    sign_in(client, demo.officer)
    form = client.get(_url(demo, "text_edit", YEAR, "risks")).content.decode()
    assert DEFAULTS["risks"].split(",")[0] in form  # the standard wording is there to edit

    response = client.post(
        _url(demo, "text_edit", YEAR, "risks"),
        {"risks": "Funding for the outreach team ends in March.\nTwo partners are restructuring."},
        follow=True,
    )
    assert response.redirect_chain == [(f"{_url(demo, 'text')}?year={YEAR}", 302)]
    page = response.content.decode()
    assert "5. Risks associated with the proposals: your changes were saved." in page
    assert "Funding for the outreach team ends in March.<br>Two partners are restructuring." in page

    report = services.generate(
        services.start(demo.partnership, kind="annual", year=YEAR, edition="public", file_format="html")
    )
    assert "Funding for the outreach team ends in March." in report.text
    assert "Two partners are restructuring." in report.text
    assert DEFAULTS["risks"] not in report.text


def test_saving_a_section_unchanged_says_so_and_records_nothing(client, demo):
    sign_in(client, demo.officer)
    response = client.post(
        _url(demo, "text_edit", YEAR, "consultation"), {"consultation": DEFAULTS["consultation"]}, follow=True
    )
    assert "4. Consultation and engagement undertaken: nothing had changed." in response.content.decode()
    assert not ReportText.objects.filter(key="consultation").exists()


def test_the_history_page_shows_the_old_and_new_wording_and_who_changed_it(client, demo):
    narrative.save(demo.partnership, YEAR, {"risks": "Funding may end."}, user=demo.administrator)
    sign_in(client, demo.officer)
    client.post(_url(demo, "text_edit", YEAR, "risks"), {"risks": "Funding ends in March."})
    page = client.get(_url(demo, "text_history", YEAR, "risks")).content.decode()
    assert "<strong>Risks</strong>: Funding may end. → Funding ends in March." in page
    assert page.index("Olu Officer") < page.index("Alex Admin")  # newest first
    assert "<strong>Risks</strong>: (standard wording) → Funding may end." in page


def test_the_front_sheet_history_shows_the_demo_wording_as_loaded_by_the_system(client, demo):
    sign_in(client, demo.officer)
    page = client.get(_url(demo, "text_history", YEAR, "front-sheet")).content.decode()
    assert "System (import or demo data)" in page
    assert "<strong>Report number</strong>: (standard wording) → OAS/WS/23/012" in page


def test_wording_that_is_too_long_is_refused_with_an_error_and_nothing_is_saved(client, demo):
    sign_in(client, demo.officer)
    response = client.post(_url(demo, "text_edit", YEAR, "risks"), {"risks": "x" * 4001})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "Risks must be 4,000 characters or fewer" in page
    assert not ReportText.objects.filter(key="risks").exists()


def test_the_overview_shows_saved_wording_and_marks_the_parts_using_the_standard_wording(client, demo):
    sign_in(client, demo.officer)
    page = client.get(_url(demo, "text"), {"year": YEAR}).content.decode()
    assert "OAS/WS/23/012" in page
    # Of the 25 parts, the demo words six of the front sheet; the rest use the standard wording.
    assert page.count("Uses the standard wording") == len(narrative.parts()) - 6
    assert _url(demo, "text_edit", YEAR, "implications") in page
    assert _url(demo, "text_history", YEAR, "background-documents") in page


def test_the_overview_shows_the_year_asked_for_and_otherwise_the_year_being_reported(client, demo):
    sign_in(client, demo.officer)
    assert (
        "Annual monitoring report 2023-24"
        in client.get(_url(demo, "text"), {"year": "2023-24"}).content.decode()
    )
    assert (
        "Annual monitoring report 2022-23"
        in client.get(_url(demo, "text"), {"year": "1999-00"}).content.decode()
    )


def test_a_year_outside_the_plan_or_an_unknown_section_is_not_found(client, demo):
    sign_in(client, demo.officer)
    assert client.get(_url(demo, "text_edit", "2019-20", "risks")).status_code == 404
    assert client.get(_url(demo, "text_edit", YEAR, "summary")).status_code == 404
    assert client.get(_url(demo, "text_history", "not-a-year", "risks")).status_code == 404


def test_the_reports_page_offers_the_wording_to_officers_only(client, demo):
    link = _url(demo, "text")
    sign_in(client, demo.officer)
    assert link in client.get(_url(demo, "list")).content.decode()
    client.logout()
    sign_in(client, demo.viewer)
    assert link not in client.get(_url(demo, "list")).content.decode()
