"""The retention task erases a closed case's personal details once its panel's period has
passed, keeps the anonymous figures, and logs what it erased (never the values)."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cspmonitor.panels.figures import panel_figures
from cspmonitor.panels.models import Case, PanelAccessLog, Subject
from cspmonitor.panels.tasks import erase_expired_personal_details
from cspmonitor.periods import FinancialYear

# The ASB forum keeps details 24 months; WS-ASB-DEMO-01 closed on 1 December 2022.
LAST_DAY_KEPT = "2024-11-30"
FIRST_DAY_ERASED = "2024-12-01"


def test_it_keeps_the_details_until_the_period_has_passed(demo, forum):
    assert all("WS-ASB" not in line for line in erase_expired_personal_details.call(today=LAST_DAY_KEPT))
    assert Subject.objects.filter(case__reference="WS-ASB-DEMO-01").exists()


def test_it_erases_the_personal_details_after_the_period_and_the_statistics_survive(demo, forum):
    year = FinancialYear(2022)
    figures_before = panel_figures(demo.partnership, year)
    lines = erase_expired_personal_details.call(today=FIRST_DAY_ERASED)
    assert lines == [
        "Western Suffolk High-Risk ASB Forum: erased the personal details of WS-ASB-DEMO-01 "
        "(closed 1 December 2022)"
    ]
    case = Case.objects.get(panel=forum, reference="WS-ASB-DEMO-01")
    assert not Subject.objects.filter(case=case).exists()
    assert case.reason == case.referrer == case.closure_note == ""
    assert set(case.minutes.values_list("discussion", flat=True)) == {""}
    assert set(case.risk_history.values_list("reasons", flat=True)) == {""}
    assert case.erased_on == dt.date(2024, 12, 1)
    assert (case.subject_kind, case.risk, case.outcome, case.referred_by.name) == (
        "person_at_risk",
        "high",
        "moved_away",
        "West Suffolk Council",
    )
    assert panel_figures(demo.partnership, year) == figures_before
    log = PanelAccessLog.objects.get(case=case, what="erased")
    assert log.user is None and log.before == {"personal_details": True, "locations": 0}
    assert "Demo Person" not in str(log.before) + str(log.after)


def test_it_erases_a_case_once(demo, forum):
    erase_expired_personal_details.call(today=FIRST_DAY_ERASED)
    assert erase_expired_personal_details.call(today="2024-12-02") == []
    assert PanelAccessLog.objects.filter(what="erased").count() == 1


def test_the_mace_panel_keeps_details_for_its_own_longer_period(demo, mace):
    # WS-MACE-DEMO-01 closed on 15 November 2022 and the MACE panel keeps details 72 months.
    erase_expired_personal_details.call(today="2028-11-14")
    assert Subject.objects.filter(case__reference="WS-MACE-DEMO-01").exists()
    erase_expired_personal_details.call(today="2028-11-15")
    assert not Subject.objects.filter(case__reference="WS-MACE-DEMO-01").exists()


def test_its_command_erases_and_says_what(demo, forum):
    out = StringIO()
    call_command("erase_panel_personal_details", today=FIRST_DAY_ERASED, stdout=out)
    assert "erased the personal details of WS-ASB-DEMO-01" in out.getvalue()


def test_its_command_refuses_a_date_it_cannot_read(demo):
    with pytest.raises(CommandError, match="--today must be a date like 2026-04-01, not '1/12/2024'"):
        call_command("erase_panel_personal_details", today="1/12/2024")
