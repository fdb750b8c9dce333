"""manage.py send_reminders, and the daily task: a reminder before each due date and one once
overdue, each sent once, restricted ones only to the cleared and naming no case."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from cspmonitor.reviews.duties.models import ObligationOwner, ReminderSent
from cspmonitor.reviews.duties.tasks import send_due_reminders


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def _to(user) -> list:
    return [message for message in mail.outbox if message.to == [user.email]]


def test_it_emails_each_responsible_officer_once_with_what_is_due_and_overdue(demo, settings):
    settings.SITE_URL = "https://csp.example.gov.uk"
    output = _run("--today", "2026-04-20")
    assert len(mail.outbox) == 2
    (admin_email,) = _to(demo.administrator)
    assert admin_email.subject == "WSCSP: 1 statutory deadline needs attention"
    assert (
        "Send the partnership plan to the Police and Crime Commissioner: due 30 April 2026 (in 10 days)"
        in (admin_email.body)
    )
    assert "https://csp.example.gov.uk/p/western-suffolk/calendar/" in admin_email.body
    (officer_email,) = _to(demo.officer)
    assert "Overdue:" in officer_email.body and "Due soon:" in officer_email.body
    assert "Strategic needs assessment: due 31 January 2024" in officer_email.body
    assert (
        "Sent to admin@western-suffolk.example: Send the partnership plan to the Police and Crime "
        "Commissioner, due 2026-04-30 (due soon)"
    ) in output
    assert output.strip().endswith("Sent 8 reminders in 2 emails.")
    assert ReminderSent.objects.filter(user=demo.administrator, key="plan_to_pcc", kind="due_soon").exists()


def test_it_never_sends_the_same_reminder_twice(demo):
    _run("--today", "2026-04-20")
    sent = ReminderSent.objects.count()
    assert "Sent 0 reminders in 0 emails." in _run("--today", "2026-04-20")
    assert "Sent 0 reminders in 0 emails." in _run("--today", "2026-04-21")
    assert len(mail.outbox) == 2
    assert ReminderSent.objects.count() == sent


def test_once_overdue_it_reminds_once_more_and_then_not_again(demo):
    _run("--today", "2026-04-20")
    mail.outbox.clear()
    output = _run("--today", "2026-05-01")
    assert (
        "Send the partnership plan to the Police and Crime Commissioner, due 2026-04-30 (overdue)" in output
    )
    (admin_email,) = _to(demo.administrator)
    assert "1 day overdue" in admin_email.body
    mail.outbox.clear()
    _run("--today", "2026-05-02")
    assert _to(demo.administrator) == []


def test_a_dry_run_sends_and_records_nothing(demo):
    output = _run("--today", "2026-04-20", "--dry-run")
    assert "Would send to admin@western-suffolk.example" in output
    assert "Would send 8 reminders in 2 emails." in output
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_a_restricted_deadline_is_emailed_without_any_case_detail(demo):
    output = _run("--today", "2026-04-20")
    (officer_email,) = _to(demo.officer)
    assert "- A restricted review deadline (overdue)" in officer_email.body
    for detail in ("WS-DHR", "overview report", "homicide", "2023"):
        assert detail not in officer_email.body
        assert detail not in officer_email.subject
        assert detail not in output
    assert "Sent to officer@western-suffolk.example: a restricted review deadline (overdue)" in output


def test_restricted_deadlines_go_only_to_someone_cleared_to_see_them(demo):
    # Named by mistake (the form would refuse): a viewer may not see homicide reviews.
    ObligationOwner.objects.filter(partnership=demo.partnership, key="dhr").update(user=demo.viewer)
    _run("--today", "2026-04-20")
    assert _to(demo.viewer) == []
    assert not ReminderSent.objects.filter(user=demo.viewer).exists()


def test_someone_no_longer_a_member_is_not_emailed(demo):
    demo.administrator.memberships.all().delete()
    _run("--today", "2026-04-20")
    assert _to(demo.administrator) == []


def test_it_can_be_kept_to_one_partnership_and_refuses_an_unknown_one(demo):
    assert "Sent 0 reminders in 0 emails." in _run("--today", "2026-04-20", "--partnership", "elsewhere")
    assert mail.outbox == []
    with pytest.raises(CommandError, match="no partnership with the slug 'nowhere'"):
        _run("--partnership", "nowhere")
    with pytest.raises(CommandError, match="--today must be a date"):
        _run("--today", "20/04/2026")


def test_the_daily_task_sends_the_same_reminders_once(demo):
    lines = send_due_reminders.call(partnership="western-suffolk", today="2026-04-20")
    assert lines[-1] == "Sent 8 reminders in 2 emails."
    assert len(mail.outbox) == 2
    assert send_due_reminders.call(today="2026-04-20")[-1] == "Sent 0 reminders in 0 emails."
    assert len(mail.outbox) == 2


def test_the_task_can_be_queued_for_the_background_worker(demo):
    result = send_due_reminders.enqueue(today="2026-04-20")
    assert result.status == "READY"
    assert mail.outbox == []  # sent when the worker runs it, not before


def test_a_site_url_that_is_not_a_web_address_stops_start_up():
    result = subprocess.run(
        [sys.executable, "-c", "import cspmonitor.settings"],
        cwd=Path(__file__).resolve().parents[3],
        env={**os.environ, "SITE_URL": "csp.example.gov.uk"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SITE_URL must start with https:// or http://" in result.stderr
