"""Panel action reminders: to the panel's members for the owning organisation, once when due
soon and once more when overdue, never naming the case."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core.management import call_command

from cspmonitor.panels.models import CaseAction
from cspmonitor.panels.tasks import send_panel_action_reminders


def _only_action(mace) -> CaseAction:
    CaseAction.objects.update(completed_on=dt.date(2023, 4, 1))
    case = mace.cases.get(reference="WS-MACE-DEMO-03")
    owner = mace.organisations.get(name="Suffolk Youth Justice Service")
    return CaseAction.objects.create(
        case=case, description="Test action", owner=owner, due_on=dt.date(2026, 5, 5)
    )


def test_it_reminds_the_owning_organisations_member_once_when_due_soon_and_again_when_overdue(
    demo, mace, mailoutbox
):
    _only_action(mace)
    assert send_panel_action_reminders.call(today="2026-04-27") == []  # more than a week ahead
    lines = send_panel_action_reminders.call(today="2026-04-28")
    assert lines == [
        f"Sent to {demo.panel_member.email}: 1 action(s) of Western Suffolk MACE Panel (0 overdue)"
    ]
    [email] = mailoutbox
    assert email.to == [demo.panel_member.email]
    assert "WS-MACE" not in email.body and "Test action" not in email.body
    assert "/panels/" in email.body
    assert send_panel_action_reminders.call(today="2026-04-29") == []
    assert send_panel_action_reminders.call(today="2026-05-06") == [
        f"Sent to {demo.panel_member.email}: 1 action(s) of Western Suffolk MACE Panel (1 overdue)"
    ]
    assert len(mailoutbox) == 2


def test_it_sends_nothing_for_a_done_action_or_a_closed_case(demo, mace, mailoutbox):
    action = _only_action(mace)
    action.case.closed_on = dt.date(2026, 4, 1)
    action.case.save()
    out = StringIO()
    call_command("send_panel_reminders", today="2026-05-06", stdout=out)
    assert out.getvalue() == "" and mailoutbox == []
