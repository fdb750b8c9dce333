"""The panels' anonymous counts in the annual report: all shown in the restricted edition,
small ones suppressed in the public edition."""

from __future__ import annotations

from cspmonitor.panels.report import TITLE
from cspmonitor.periods import FinancialYear
from cspmonitor.reports.blocks import Table
from cspmonitor.reports.builders.annual import build_annual_report
from cspmonitor.reports.editions import SUPPRESSED, check_public, public_edition, restricted_edition

YEAR = FinancialYear(2022)


def _panel_tables(document) -> list[Table]:
    sections = [s for s in document.sections[1].subsections if s.title == TITLE]
    assert len(sections) == 1
    return [b for b in sections[0].blocks if isinstance(b, Table)]


def _rows(table: Table) -> dict[str, list[str]]:
    return {row[0].text: [cell.text for cell in row[1:]] for row in table.rows}


def test_the_restricted_edition_shows_every_count(demo):
    referrals, risk, outcomes = _panel_tables(restricted_edition(build_annual_report(demo.partnership, YEAR)))
    rows = _rows(referrals)
    # MACE 2022-23: Youth Justice in Q1, police in Q2 and Q2, schools and the council in Q4.
    assert rows["Western Suffolk MACE Panel: Suffolk Constabulary"] == ["0", "2", "0", "0", "2"]
    assert rows["Western Suffolk MACE Panel: total"] == ["1", "2", "0", "2", "5"]
    assert rows["Western Suffolk High-Risk ASB Forum: total"] == ["1", "1", "0", "1", "3"]
    assert _rows(risk)["Western Suffolk MACE Panel"] == ["0", "1", "3", "1"]
    assert _rows(outcomes)["Western Suffolk High-Risk ASB Forum"] == ["0", "1", "0", "0", "0"]


def test_the_public_edition_suppresses_the_small_counts_and_is_publishable(demo):
    public = public_edition(build_annual_report(demo.partnership, YEAR))
    referrals, risk, outcomes = _panel_tables(public)
    rows = _rows(referrals)
    assert rows["Western Suffolk MACE Panel: Suffolk Constabulary"] == ["0", SUPPRESSED, "0", "0", SUPPRESSED]
    assert rows["Western Suffolk MACE Panel: total"][4] == "5"
    assert _rows(risk)["Western Suffolk MACE Panel"] == ["0", SUPPRESSED, SUPPRESSED, SUPPRESSED]
    assert check_public(public) == []
