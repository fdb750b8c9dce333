"""The annual monitoring report built from the Western Suffolk demo (the 2022/23 report)."""

from __future__ import annotations

import pytest

from cspmonitor.periods import FinancialYear
from cspmonitor.reports.blocks import (
    OFFICIAL_SENSITIVE,
    Block,
    Document,
    Figure,
    ListBlock,
    Paragraph,
    Table,
    Withheld,
)
from cspmonitor.reports.builders import build_annual_report
from cspmonitor.reports.editions import check_public, public_edition, restricted_edition

YEAR = FinancialYear(2022)

SECTIONS = [
    "Background",
    "Update on the work streams of the WSCSP",
    "Alternative options that have been considered",
    "Consultation and engagement undertaken",
    "Risks associated with the proposals",
    "Implications arising from the proposals",
    "Appendices referenced in this report",
    "Background documents associated with this report",
]

#: Every figure the 2022/23 report gives, as it should read in our text.
SEED_FIGURES = [
    "15 staff took part",
    "20 school staff took part",
    "43 staff took part",
    "84 parents and carers took part",
    "over 110 attended",
    "5 properties",
    "1,250 champions trained",
    "8 staff trained as champions",
    "18 applications",
    "59 young people nominated",
    "three applications from West Suffolk",
    "Two Domestic Homicide Reviews were under way",
]

SERVICES = [
    "Domestic Abuse Outreach service",
    "Bury St Edmunds Women's Aid",
    "Norfolk and Suffolk Victim Care",
    "Independent Domestic Violence Advisory service",
    "Survivors in Transition",
    "Restitute",
    "Suffolk Rape Crisis",
    "Brave Futures",
    "The Ferns Sexual Assault Referral Centre",
    "Ministry of Justice funded victim support scheme",
    "Domestic Abuse Link Worker",
]


def block_text(block: Block) -> str:
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, ListBlock):
        return "\n".join([block.intro, *block.items])
    if isinstance(block, Table):
        cells = [" ".join(cell.text for cell in row) for row in block.rows]
        return "\n".join([block.caption, " ".join(block.headers), *cells])
    if isinstance(block, Withheld):
        return block.note
    return ""


def document_text(document: Document) -> str:
    return "\n".join(block_text(block) for _section, block in document.walk())


@pytest.fixture
def report(demo) -> Document:
    return build_annual_report(demo.partnership, YEAR)


def test_front_sheet_and_sections_in_order(report):
    assert report.edition == "restricted"
    sheet = report.front_sheet
    assert sheet is not None
    assert sheet.report_number == "To be allocated"
    assert sheet.committee == "Overview and Scrutiny Committee"
    assert sheet.title == "Western Suffolk Community Safety Partnership annual monitoring report 2022-23"
    assert [label for label, _ in sheet.rows] == [
        "Cabinet member",
        "Lead officer",
        "Decisions plan",
        "Wards affected",
    ]
    assert all(value == "To be confirmed" for _, value in sheet.rows)
    assert len(sheet.recommendations) == 1
    assert [section.title for section in report.sections] == SECTIONS


def test_narrative_overrides_defaults(demo):
    narrative = {
        "cabinet_member": "Councillor A",
        "risks": "First risk.\nSecond risk.",
        "implications.financial": "A small cost.",
    }
    document = build_annual_report(demo.partnership, YEAR, narrative=narrative)
    assert ("Cabinet member", "Councillor A") in document.front_sheet.rows  # type: ignore[union-attr]
    risks = document.sections[4]
    assert [block.text for block in risks.blocks] == ["First risk.", "Second risk."]  # type: ignore[attr-defined]
    implications = [block.text for block in document.sections[5].blocks]  # type: ignore[attr-defined]
    assert len(implications) == 10
    assert implications[0] == "Financial: A small cost."


def test_every_seed_figure_appears(report):
    text = document_text(report)
    missing = [figure for figure in SEED_FIGURES + SERVICES if figure not in text]
    assert not missing, missing


def test_background_lists_duties_priorities_and_fraud(report):
    background = report.sections[0]
    text = "\n".join(block_text(block) for block in background.blocks)
    assert "Crime and Disorder Act 1998" in text
    assert "West Suffolk" in text and "Babergh" in text and "Mid Suffolk" in text
    lists = [block for block in background.blocks if isinstance(block, ListBlock)]
    assert len(lists) == 2 and all(block.lettered for block in lists)
    assert any("Domestic Homicide Reviews" in item for item in lists[0].items)
    assert any(item.startswith("Criminal exploitation") for item in lists[1].items)
    fraud = [b.text for b in background.blocks if isinstance(b, Paragraph) and b.text.startswith("Fraud")]
    assert len(fraud) == 1 and "July 2022" in fraud[0]


def test_workstreams_follow_the_priorities(report):
    titles = [section.title for section in report.sections[1].subsections]
    assert titles[:3] == [
        "Criminal exploitation",
        "Violence against women and girls",
        "Domestic Homicide Reviews",
    ]
    assert "Fraud" in titles and titles[-1] == "Serious Violence Duty"
    vawg = report.sections[1].subsections[1]
    services = [b for b in vawg.blocks if isinstance(b, ListBlock)]
    assert len(services) == 1 and len(services[0].items) == 11


def test_dhr_details_are_sensitive(report):
    dhr = next(s for s in report.sections[1].subsections if s.title == "Domestic Homicide Reviews")
    details = [b for b in dhr.blocks if isinstance(b, Paragraph) and b.text.startswith("Review ")]
    assert len(details) == 2
    assert all(b.classification == OFFICIAL_SENSITIVE and b.schedule_12a == 2 for b in details)
    assert any("Home Office" in b.text for b in details)


def test_referrals_carry_their_classification(report):
    tables = [b for _, b in report.walk() if isinstance(b, Table) and b.caption.startswith("Referrals")]
    assert tables and all(t.classification == OFFICIAL_SENSITIVE for t in tables)


def test_the_statutory_asb_figures_are_published_whole_even_when_small(demo, report):
    from cspmonitor.reviews.asb.figures import annual_figures

    expected = [str(value) for _label, value in annual_figures(demo.partnership, YEAR).rows()]
    assert any(0 < int(value) < 5 for value in expected)  # the demo does hold small figures
    asb = [b for _, b in report.walk() if isinstance(b, Table) and "case reviews" in b.caption]
    assert len(asb) == 1
    public = public_edition(report)
    [published] = [b for _, b in public.walk() if isinstance(b, Table) and "case reviews" in b.caption]
    assert [row[1].text for row in published.rows] == expected


def test_public_edition_is_safe(report):
    public = public_edition(report)
    assert public.edition == "public"
    assert check_public(public) == []
    blocks = [block for _, block in public.walk()]
    assert not any(block.restricted for block in blocks)
    withheld = [block for block in blocks if isinstance(block, Withheld)]
    assert withheld and {2, 7} <= {block.schedule_12a for block in withheld}
    for block in blocks:
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    assert cell.count is None or cell.count == 0 or cell.count >= 5 or cell.suppressed
    text = document_text(public)
    assert "WS-DHR-2020-01" not in text
    assert "Two Domestic Homicide Reviews were under way" in text
    assert "43 staff" in text
    # The original is not changed.
    assert report.edition == "restricted" and check_public(report)


def test_restricted_edition_keeps_dhr_details(report):
    restricted = restricted_edition(report)
    assert restricted.edition == "restricted"
    text = document_text(restricted)
    assert "WS-DHR-2020-01" in text and "WS-DHR-2021-01" in text
    assert not any(isinstance(block, Withheld) for _, block in restricted.walk())


def charts(document: Document) -> list[Figure]:
    return [block for block in document.sections[1].blocks if isinstance(block, Figure)]


def shown(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]


def test_section_2_opens_with_the_action_plan_and_the_people_reached_as_charts(report):
    rag, reach = charts(report)
    assert [block.caption for block in report.sections[1].blocks] == [rag.caption, reach.caption]
    assert rag.caption == "Actions by priority and RAG (red, amber, green) rating at the end of 2022-23"
    assert rag.media_type == "image/png" and rag.image.startswith(b"\x89PNG")
    assert rag.alt == (
        "Bar chart. Of 22 actions running in 2022-23, 19 were rated green at the end of the year, 2 amber "
        "and 1 red. Rated red: Fraud (1). Rated amber: Violence against women and girls (1) and Serious "
        "Violence Duty (1)."
    )
    assert rag.data_table is not None and rag.data_table.headers == [
        "Priority",
        "Red",
        "Amber",
        "Green",
        "Not rated",
        "Actions",
    ]
    assert ["Fraud", "1", "0", "2", "0", "3"] in shown(rag.data_table)
    assert shown(rag.data_table)[-1] == ["All priorities", "1", "2", "19", "0", "22"]
    # Audiences are kept apart by the partner whose work it was: the 43 council staff trained
    # locally and the "over 110" staff from across Suffolk are never added together.
    assert reach.alt == (
        "Bar chart. People trained or reached in 2022-23, by audience and the partner whose work it was. "
        "Criminal exploitation: 15 staff (West Suffolk Council), 20 school staff (West Suffolk Council); "
        "Prevent: over 110 staff (Suffolk County Council), 43 staff (West Suffolk Council), 84 parents and "
        "carers (Suffolk County Council)."
    )
    assert reach.data_table is not None and reach.data_table.headers == [
        "Priority",
        "Staff (Suffolk County Council)",
        "Staff (West Suffolk Council)",
        "School staff (West Suffolk Council)",
        "Parents and carers (Suffolk County Council)",
    ]
    assert shown(reach.data_table) == [
        ["Criminal exploitation", "0", "15", "20", "0"],
        ["Prevent", "over 110", "43", "0", "84"],
        ["All priorities", "over 110", "58", "20", "84"],
    ]
    # The priorities are still 2.1, 2.2…: charts take no paragraph number.
    assert report.sections[1].subsections[0].title == "Criminal exploitation"


def test_the_action_plan_chart_counts_each_action_by_its_last_rating_in_the_year(demo):
    from cspmonitor.plans.models import Action, ProgressUpdate

    fraud = Action.objects.filter(objective__priority__title="Fraud", rag="green").first()
    assert fraud is not None
    ProgressUpdate.objects.create(
        action=fraud, period="2023-24 Q1", narrative="Stalled.", status="off_track", rag="red", rag_reason="x"
    )
    fraud.apply_latest_update()  # today's rating is now red; at the end of 2022-23 it was green
    [rag, _reach] = charts(build_annual_report(demo.partnership, YEAR))
    assert rag.data_table is not None
    assert ["Fraud", "1", "0", "2", "0", "3"] in shown(rag.data_table)


def small_training(demo, classification: str = "official"):
    from cspmonitor.activity.models import TrainingSession
    from cspmonitor.partnership.models import Organisation
    from cspmonitor.plans.models import Priority

    return TrainingSession.objects.create(
        priority=Priority.objects.for_partnership(demo.partnership).get(title="Hate crime"),
        organisation=Organisation.objects.get(partnership=demo.partnership, name="West Suffolk Council"),
        period_start=YEAR.start,
        period_end=YEAR.end,
        classification=classification,
        topic="Hate crime reporting centres",
        delivered_by="Suffolk Constabulary",
        format="in_person",
        audience="partners",
        sessions=1,
        people_reached=3,
    )


def test_a_small_number_reached_puts_the_suppressed_table_in_place_of_the_chart_in_public(demo):
    small_training(demo)
    document = build_annual_report(demo.partnership, YEAR)
    [_rag, reach] = charts(document)
    assert reach.data_table is not None and ["Hate crime", "0", "0", "3", "0", "0"] in shown(reach.data_table)
    public = public_edition(document)
    [rag, table] = public.sections[1].blocks
    assert isinstance(rag, Figure) and isinstance(table, Table)  # the action plan has no counts of people
    assert table.caption == reach.caption
    assert ["Hate crime", "0", "0", "[c]", "0", "0"] in shown(table)
    assert shown(table)[-1][3] == "[c]"  # the partners' total would give the 3 away
    assert check_public(public) == []


def test_a_chart_counting_restricted_outputs_is_withheld_from_the_public_edition(demo):
    small_training(demo, classification=OFFICIAL_SENSITIVE)
    document = build_annual_report(demo.partnership, YEAR)
    [_rag, reach] = charts(document)
    assert reach.classification == OFFICIAL_SENSITIVE and reach.schedule_12a == 7
    [_figure, withheld] = public_edition(document).sections[1].blocks
    assert isinstance(withheld, Withheld) and withheld.schedule_12a == 7


def test_the_same_records_draw_the_same_charts(demo, report):
    again = build_annual_report(demo.partnership, YEAR)
    assert [chart.image for chart in charts(again)] == [chart.image for chart in charts(report)]
