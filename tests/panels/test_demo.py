"""The demo's two panels: loaded with the demo, clearly fictional, and loaded once however often
the loader runs."""

from __future__ import annotations

from cspmonitor.demo.loader import load_western_suffolk
from cspmonitor.panels.models import Case, Panel, PanelMeeting, PanelMember, Subject


def _counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Panel, PanelMember, Case, Subject, PanelMeeting))


def test_it_loads_a_mace_panel_and_a_high_risk_asb_forum_with_cases_meetings_and_actions(mace, forum):
    for panel in (mace, forum):
        assert panel.cases.exists() and panel.meetings.exists() and panel.can_take_cases()
        assert all(case.actions.exists() for case in panel.cases.all())
    assert all("(fictional)" in name for name in Subject.objects.values_list("name", flat=True))


def test_it_adds_nothing_when_loaded_again(demo):
    before = _counts()
    load_western_suffolk()
    assert _counts() == before
