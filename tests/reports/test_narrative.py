"""The wording officers write for a report: what is saved, what history it leaves, and what the
report uses when nobody has written anything."""

from __future__ import annotations

import pytest

from cspmonitor.reports import narrative, services
from cspmonitor.reports.builders.annual import DEFAULTS, IMPLICATIONS
from cspmonitor.reports.models import ReportText

YEAR = "2022-23"


def _history_rows(demo, key: str) -> int:
    return ReportText.history.filter(partnership=demo.partnership, year=YEAR, key=key).count()


def test_every_narrative_key_the_report_reads_can_be_edited():
    implications = {f"implications.{key}" for key, _heading, _default in IMPLICATIONS}
    assert set(narrative.parts()) == set(DEFAULTS) | implications


def test_a_year_nobody_has_worded_uses_the_standard_wording_throughout(demo):
    assert narrative.narrative_for(demo.partnership, "2023-24") == {}
    overview = narrative.overview(demo.partnership, "2023-24")
    assert [text for _section, parts in overview for _part, text in parts] == [""] * len(narrative.parts())


def test_the_demo_front_sheet_carries_the_seed_reports_facts_by_role_only(demo):
    sheet = services.build(demo.partnership, "annual", YEAR, "restricted").front_sheet
    assert sheet.report_number == "OAS/WS/23/012"
    assert sheet.committee == "Overview and Scrutiny Committee"
    assert sheet.meeting_date == "21 September 2023"
    # The restricted edition adds its exempt-information rows after these (test_schedule_12a).
    assert dict(sheet.rows[:4]) == {
        "Cabinet member": "Cabinet Member for Families and Communities",
        "Lead officer": "Director (Families and Communities)",
        "Decisions plan": "Not included in the Decisions Plan",
        "Wards affected": "All West Suffolk Council wards",
    }


def test_saving_writes_history_only_for_the_parts_whose_wording_changed(demo):
    values = {"risks": "Partners may lose funding.", "consultation": DEFAULTS["consultation"]}
    assert narrative.save(demo.partnership, YEAR, values, user=demo.officer) == ["risks"]
    assert (_history_rows(demo, "risks"), _history_rows(demo, "consultation")) == (1, 0)

    assert narrative.save(demo.partnership, YEAR, values, user=demo.officer) == []
    assert _history_rows(demo, "risks") == 1

    narrative.save(demo.partnership, YEAR, {"risks": "Partners may lose staff."}, user=demo.officer)
    assert _history_rows(demo, "risks") == 2
    assert narrative.narrative_for(demo.partnership, YEAR)["risks"] == "Partners may lose staff."


def test_saving_the_standard_wording_again_hands_the_part_back_to_it(demo):
    narrative.save(demo.partnership, YEAR, {"appendices": "Appendix A: the action plan."})
    narrative.save(demo.partnership, YEAR, {"appendices": f"  {DEFAULTS['appendices']}\r\n"})
    assert "appendices" not in narrative.narrative_for(demo.partnership, YEAR)
    assert ReportText.objects.get(partnership=demo.partnership, key="appendices").text == ""


def test_an_empty_part_uses_the_standard_wording_in_the_report(demo):
    narrative.save(demo.partnership, YEAR, {"report_number": ""})
    sheet = services.build(demo.partnership, "annual", YEAR, "restricted").front_sheet
    assert sheet.report_number == DEFAULTS["report_number"]


def test_paragraph_parts_keep_one_paragraph_a_line_and_other_parts_become_one_line():
    risks, legal = narrative.parts()["risks"], narrative.parts()["implications.legal"]
    typed = "First  risk.\r\n\r\n  Second risk. \n"
    assert narrative.cleaned(risks, typed) == "First risk.\nSecond risk."
    assert narrative.cleaned(legal, typed) == "First risk. Second risk."


def test_it_refuses_wording_for_a_part_the_report_does_not_have(demo):
    with pytest.raises(ValueError, match="summary"):
        narrative.save(demo.partnership, YEAR, {"summary": "Anything."})
    assert not ReportText.objects.filter(key="summary").exists()


def test_the_history_shows_parts_saved_together_as_one_change_by_the_person_who_saved(demo):
    implications = narrative.section("implications")
    assert implications is not None
    narrative.save(
        demo.partnership, YEAR, {"implications.hr": "One post is funded."}, user=demo.administrator
    )
    narrative.save(
        demo.partnership,
        YEAR,
        {"implications.hr": "Two posts are funded.", "implications.financial": "A grant of £20,000."},
        user=demo.officer,
    )
    latest, first = narrative.section_history(demo.partnership, YEAR, implications)
    assert latest.who == "Olu Officer" and first.who == "Alex Admin"
    assert {(f.field, f.before, f.after) for f in latest.fields} == {
        ("Financial", "(standard wording)", "A grant of £20,000."),
        ("Human resources or staffing", "One post is funded.", "Two posts are funded."),
    }
    assert [(f.before, f.after) for f in first.fields] == [("(standard wording)", "One post is funded.")]


def test_the_history_of_one_year_leaves_out_other_years_and_sections(demo):
    risks = narrative.section("risks")
    assert risks is not None
    narrative.save(demo.partnership, "2023-24", {"risks": "Next year's risks."})
    narrative.save(demo.partnership, YEAR, {"appendices": "Appendix A."})
    assert narrative.section_history(demo.partnership, YEAR, risks) == []
