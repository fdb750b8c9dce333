"""The publication check: data-entry artefacts found in a generated report and shown to the officer
before publishing; the demo's annual report and ASB publication have none."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cspmonitor.accounts.models import Classification
from cspmonitor.periods import FinancialYear
from cspmonitor.plans.models import ProgressUpdate, Rag
from cspmonitor.reports import narrative, services
from cspmonitor.reports.blocks import Document, FrontSheet, ListBlock, Paragraph, Section
from cspmonitor.reports.fingerprint import text_lines
from cspmonitor.reports.publication_check import check
from tests.conftest import sign_in

YEAR = "2022-23"


def _document(*texts: str, sections: list[Section] | None = None) -> Document:
    body = Section(title="Background", blocks=[Paragraph(text=t) for t in texts])
    return Document(title="Test report", edition="public", sections=[body, *(sections or [])])


@pytest.mark.parametrize(
    ("text", "kind", "excerpt"),
    [
        ("Brave Futures (Brave Futures (formerly Fresh Start)).", "doubled parentheses", "(Brave Futures ("),
        ("Providers (Commissioned providers (not named in the report))", "doubled parentheses", "(not named"),
        ("Before the assessment is final, add: the police data.", "placeholder", "final, add"),
        ("The meeting date is To be confirmed.", "placeholder", "To be confirmed"),
        ("It decided 1 time that the threshold was not met.", "count of one written as a figure", "1 time"),
        ("Staff attended 1 sessions.", "count of one written as a figure", "1 sessions"),
        ("Crime rose sharply in 2021-04 in the town centre.", "raw month", "2021-04"),
        ("The action is not_started.", "raw code", "not_started"),
        ("Hotspots in E01012345 and nearby.", "raw code", "E01012345"),
        ("The WSCSP met four times.", "abbreviation not spelled out", "WSCSP"),
    ],
)
def test_it_finds_each_kind_of_artefact_and_says_where(text, kind, excerpt):
    findings = check(_document("An opening paragraph.", text))
    assert [(f.where, f.kind) for f in findings] == [("section 1 (Background)", kind)]
    assert excerpt in findings[0].excerpt


@pytest.mark.parametrize(
    "text",
    [
        "The Western Suffolk Community Safety Partnership (WSCSP) met. The WSCSP agreed its plan.",
        "The National Referral Mechanism (NRM) is used. NRM referrals rose.",
        "In 2022-23 and 2010-11 the partnership met.",  # financial years, not months
        "Review WS-DHR-2020-01 is drafting; report OAS/WS/23/012.",  # references
        "One session ran; 11 times the panel met; 21 sessions in all.",
        "See https://www.gov.uk/guidance/some_page for the guidance.",
    ],
)
def test_it_leaves_proper_report_wording_alone(text):
    assert check(_document(text)) == []


def test_it_finds_an_abbreviation_used_before_it_is_spelled_out():
    findings = check(_document("The MACE panel met.", "The multi-agency panel (MACE) met again."))
    assert [f.kind for f in findings] == ["abbreviation not spelled out"]


def test_it_finds_empty_sections_and_placeholders_on_the_front_sheet():
    document = _document("Text.", sections=[Section(title="Appendices")])
    document.front_sheet = FrontSheet(meeting_date="To be confirmed", rows=[("Wards affected", "XXX")])
    findings = [(f.where, f.kind) for f in check(document)]
    assert ("the front sheet (meeting date)", "placeholder") in findings
    assert ("the front sheet (wards affected)", "placeholder") in findings
    assert ("section 2 (Appendices)", "empty section") in findings


def test_it_reads_lists_too():
    section = Section(title="Services", blocks=[ListBlock(items=["Leeway (Leeway (IDVA))"])])
    assert [f.kind for f in check(Document(title="T", edition="public", sections=[section]))][0] == (
        "doubled parentheses"
    )


@pytest.mark.parametrize("edition", ["public", "restricted"])
def test_the_demo_annual_report_has_no_artefact_and_explains_every_red_or_amber_action(demo, edition):
    document = services.build(demo.partnership, "annual", YEAR, edition)
    assert [str(f) for f in check(document)] == []
    text = "\n".join(text_lines(document))
    flagged = ProgressUpdate.objects.filter(
        action__objective__priority__plan__partnership=demo.partnership,
        period__in=[q.label for q in FinancialYear.parse(YEAR).quarters()],
        rag__in=[Rag.RED, Rag.AMBER],
    ).order_by("period")
    if edition == "public":
        # An action following a restricted review is restricted with it (plans.classification):
        # the public edition leaves it out, the restricted edition explains it.
        flagged = flagged.filter(action__classification=Classification.OFFICIAL)
    latest = {update.action_id: update for update in flagged}
    assert latest
    for update in latest.values():
        reason = update.rag_reason[:1].lower() + update.rag_reason[1:]
        assert f"{update.action.title} (led by" in text
        assert reason.rstrip(".") in text


@pytest.mark.parametrize("edition", ["public", "restricted"])
def test_the_demo_asb_publication_has_no_artefact(demo, edition):
    assert [str(f) for f in check(services.build(demo.partnership, "asb", YEAR, edition))] == []


def test_the_officer_sees_each_finding_on_the_report_page_before_publishing(client, demo):
    narrative.save(demo.partnership, YEAR, {"meeting_date": "To be confirmed", "risks": "See (note (a))."})
    report = services.generate(
        services.start(demo.partnership, kind="annual", year=YEAR, edition="public", file_format="html")
    )
    sign_in(client, demo.officer)
    page = client.get(reverse("reports:report", args=[demo.partnership.slug, report.pk])).content.decode()
    assert "Check before publishing: the publication check found 2 things" in page
    assert "the front sheet (meeting date): placeholder: “To be confirmed”" in page
    assert "section 5 (Risks associated with the proposals): doubled parentheses" in page
