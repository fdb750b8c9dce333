"""Officers name the responsible officer of each duty, set the facts the dates follow, and
record obligations done."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from cspmonitor.reviews.duties import services
from cspmonitor.reviews.duties.models import CalendarSettings, ObligationDone, ObligationOwner
from tests.conftest import sign_in
from tests.reviews.duties.conftest import PLAN_TO_PCC_DUE, TODAY


def _owner_url(demo, key: str) -> str:
    return reverse("duties:owner_edit", args=[demo.partnership.slug, key])


def test_an_officer_names_a_member_responsible_with_their_own_lead_time(client, demo, today):
    sign_in(client, demo.officer)
    response = client.post(
        _owner_url(demo, "serious_violence_strategy_review"),
        {"user": demo.partner_lead.pk, "remind_days_before": "28"},
    )
    assert response.status_code == 302
    owner = ObligationOwner.objects.get(partnership=demo.partnership, key="serious_violence_strategy_review")
    assert (owner.user, owner.remind_days_before) == (demo.partner_lead, 28)
    item = services.find_item(
        services.obligations_for(demo.partnership, services.EVERYTHING, TODAY),
        "serious_violence_strategy_review",
        dt.date(2027, 1, 31),
    )
    assert (item.owner, item.lead_days) == (demo.partner_lead, 28)


def test_changing_the_owner_replaces_the_one_before(client, demo, today):
    sign_in(client, demo.administrator)
    client.post(_owner_url(demo, "scrutiny"), {"user": demo.administrator.pk, "remind_days_before": ""})
    owners = ObligationOwner.objects.filter(partnership=demo.partnership, key="scrutiny")
    assert [(o.user, o.remind_days_before) for o in owners] == [(demo.administrator, None)]


def test_only_a_member_of_the_partnership_can_be_responsible(client, demo, today):
    sign_in(client, demo.officer)
    response = client.post(_owner_url(demo, "scrutiny"), {"user": demo.outsider.pk})
    assert response.status_code == 200
    assert "Select a member of the partnership" in response.content.decode()
    assert demo.outsider.email not in client.get(_owner_url(demo, "scrutiny")).content.decode()


def test_review_deadlines_can_only_go_to_someone_cleared_to_see_them(client, demo, today):
    sign_in(client, demo.officer)
    page = client.get(_owner_url(demo, "dhr")).content.decode()
    assert demo.panel_member.email in page
    assert demo.viewer.email not in page and demo.partner_lead.email not in page
    response = client.post(_owner_url(demo, "dhr"), {"user": demo.viewer.pk})
    assert "Select a member of the partnership" in response.content.decode()
    assert ObligationOwner.objects.get(partnership=demo.partnership, key="dhr").user == demo.officer


def test_an_officer_sets_the_facts_and_the_due_dates_follow(client, demo, today):
    sign_in(client, demo.officer)
    response = client.post(
        reverse("duties:settings", args=[demo.partnership.slug]),
        {
            "last_scrutiny_0": "10",
            "last_scrutiny_1": "11",
            "last_scrutiny_2": "2025",
            "last_asb_publication_0": "",
            "last_asb_publication_1": "",
            "last_asb_publication_2": "",
            "reminder_lead_days": "21",
        },
    )
    assert response.status_code == 302
    facts = CalendarSettings.objects.get(partnership=demo.partnership)
    assert (facts.last_scrutiny, facts.last_asb_publication, facts.reminder_lead_days) == (
        dt.date(2025, 11, 10),
        None,
        21,
    )
    items = services.obligations_for(demo.partnership, services.EVERYTHING, TODAY)
    assert [i.due for i in items if i.key == "scrutiny"] == [dt.date(2026, 11, 10), dt.date(2027, 11, 10)]


def test_the_settings_form_explains_its_mistakes(client, demo, today):
    sign_in(client, demo.officer)
    response = client.post(
        reverse("duties:settings", args=[demo.partnership.slug]),
        {
            "last_scrutiny_0": "31",
            "last_scrutiny_1": "2",
            "last_scrutiny_2": "2025",
            "reminder_lead_days": "-1",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "must be a real date" in page
    assert "must be 0 or more" in page


def test_an_officer_records_an_obligation_done(client, demo, today):
    sign_in(client, demo.officer)
    url = reverse(
        "duties:mark_done", args=[demo.partnership.slug, "plan_to_pcc", PLAN_TO_PCC_DUE.isoformat()]
    )
    assert (
        "Send the partnership plan to the Police and Crime Commissioner" in client.get(url).content.decode()
    )
    response = client.post(url, {"done_on_0": "17", "done_on_1": "4", "done_on_2": "2026"})
    assert response.status_code == 302
    done = ObligationDone.objects.get(partnership=demo.partnership, key="plan_to_pcc", due=PLAN_TO_PCC_DUE)
    assert (done.done_on, done.recorded_by) == (dt.date(2026, 4, 17), demo.officer)
    page = client.get(reverse("duties:calendar", args=[demo.partnership.slug])).content.decode()
    done_table = page[page.index('id="done-table"') :]
    assert "Done 17 April 2026" in done_table[: done_table.index("</table>")]


def test_a_review_deadline_cannot_be_marked_done_here(client, demo, today):
    sign_in(client, demo.officer)
    items = services.obligations_for(demo.partnership, services.EVERYTHING, TODAY)
    dhr = next(i for i in items if i.source == services.DHR)
    url = reverse("duties:mark_done", args=[demo.partnership.slug, dhr.key, dhr.due.isoformat()])
    assert client.get(url).status_code == 404


def test_recording_the_scrutiny_done_moves_the_next_one_on(client, demo, today):
    sign_in(client, demo.officer)
    url = reverse("duties:mark_done", args=[demo.partnership.slug, "scrutiny", "2024-09-21"])
    assert client.post(url, {"done_on_0": "5", "done_on_1": "3", "done_on_2": "2026"}).status_code == 302
    assert CalendarSettings.objects.get(partnership=demo.partnership).last_scrutiny == dt.date(2026, 3, 5)
    items = services.obligations_for(demo.partnership, services.EVERYTHING, TODAY)
    assert [i.due for i in items if i.key == "scrutiny"] == [dt.date(2027, 3, 5), dt.date(2028, 3, 5)]


def test_an_obligation_cannot_be_done_in_the_future(client, demo, today):
    sign_in(client, demo.officer)
    url = reverse(
        "duties:mark_done", args=[demo.partnership.slug, "plan_to_pcc", PLAN_TO_PCC_DUE.isoformat()]
    )
    response = client.post(url, {"done_on_0": "21", "done_on_1": "4", "done_on_2": "2026"})
    assert response.status_code == 200
    assert "The date done must be today or in the past" in response.content.decode()
    assert not ObligationDone.objects.exists()
