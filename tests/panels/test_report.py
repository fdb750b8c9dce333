"""The panels' anonymous counts in the annual report: all shown in the restricted edition,
small ones suppressed in the public edition. The MACE panel's sit under the criminal
exploitation priority, the high-risk ASB forum's under anti-social behaviour."""

from __future__ import annotations

from cspmonitor.periods import FinancialYear
from cspmonitor.reports.blocks import Table
from cspmonitor.reports.builders.annual import build_annual_report
from cspmonitor.reports.editions import SUPPRESSED, check_public, public_edition, restricted_edition

YEAR = FinancialYear(2022)
MACE = "Western Suffolk MACE Panel"
FORUM = "Western Suffolk High-Risk ASB Forum"


def _tables(document, priority: str, panel: str) -> list[Table]:
    [section] = [s for s in document.sections[1].subsections if s.title == priority]
    return [b for b in section.blocks if isinstance(b, Table) and b.caption.startswith(f"{panel}:")]


def _rows(table: Table) -> dict[str, list[str]]:
    return {row[0].text: [cell.text for cell in row[1:]] for row in table.rows}


def test_the_restricted_edition_shows_every_count_under_its_priority(demo):
    report = restricted_edition(build_annual_report(demo.partnership, YEAR))
    referrals, risk, outcomes = _tables(report, "Criminal exploitation", MACE)
    # MACE 2022-23: Youth Justice in Q1, the police twice in Q2, schools and the council in Q4.
    assert _rows(referrals)["Suffolk Constabulary"] == ["0", "2", "0", "0"]
    assert _rows(referrals)["Total"] == ["1", "2", "0", "2"]
    assert _rows(risk) == {"Low": ["0"], "Medium": ["1"], "High": ["3"], "Very high": ["1"], "Total": ["5"]}
    assert _rows(outcomes)["Risk reduced: managed by single agencies"] == ["2"]
    forum_referrals, _, forum_outcomes = _tables(report, "Anti-social behaviour", FORUM)
    assert _rows(forum_referrals)["Total"] == ["1", "1", "0", "1"]
    assert _rows(forum_outcomes)["Moved out of the area"] == ["1"]
    assert not [s for s in report.sections[1].subsections if s.title == "Multi-agency panels"]


def test_the_public_edition_suppresses_the_small_counts_and_is_publishable(demo):
    public = public_edition(build_annual_report(demo.partnership, YEAR))
    referrals, risk, _ = _tables(public, "Criminal exploitation", MACE)
    assert _rows(referrals)["Suffolk Constabulary"] == ["0", SUPPRESSED, "0", "0"]
    assert _rows(risk) == {
        "Low": ["0"],
        "Medium": [SUPPRESSED],
        "High": [SUPPRESSED],
        "Very high": [SUPPRESSED],
        "Total": ["5"],
    }
    assert check_public(public) == []
