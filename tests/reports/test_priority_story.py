"""Section 2 of the annual report written as prose from the records: every quarter's work once,
every red or amber action with its reason, and the descriptions officers enter on the web."""

from __future__ import annotations

from django.urls import reverse

from cspmonitor.periods import FinancialYear
from cspmonitor.plans.models import ProgressUpdate, Rag
from cspmonitor.reports.builders.annual import build_annual_report
from cspmonitor.reports.fingerprint import text_lines
from cspmonitor.reports.models import Description
from tests.conftest import sign_in

YEAR = FinancialYear(2022)


def _text(demo) -> str:
    return "\n".join(text_lines(build_annual_report(demo.partnership, YEAR)))


def _workstreams(demo) -> str:
    text = _text(demo)
    return text[text.index("# Update on the work streams") : text.index("# Alternative options")]


def test_it_tells_the_work_of_every_quarter_and_each_sentence_once(demo):
    text = _workstreams(demo)
    # CE-2's first-quarter update used to drop out, as only the latest update was printed.
    assert "Agreed a monthly exchange of local concerns with the hub team." in text
    assert "Young people signposted to local community groups." in text
    for priority in text.split("\n## ")[1:]:
        sentences = [s.strip(" .") for line in priority.splitlines() for s in line.split(". ") if len(s) > 30]
        repeated = {s for s in sentences if sentences.count(s) > 1}
        assert not repeated, (priority.splitlines()[0], repeated)


def test_it_explains_every_action_rated_red_or_amber_in_the_year_with_its_reason(demo):
    text = _workstreams(demo)
    flagged = ProgressUpdate.objects.filter(
        action__objective__priority__plan__partnership=demo.partnership,
        period__in=[q.label for q in YEAR.quarters()],
        rag__in=[Rag.RED, Rag.AMBER],
    ).select_related("action")
    latest: dict[int, ProgressUpdate] = {}
    for update in flagged.order_by("period"):
        latest[update.action_id] = update
    assert len(latest) >= 5  # the demo's one red action and its ambers
    for update in latest.values():
        assert update.action.title in text
        reason = update.rag_reason[:1].lower() + update.rag_reason[1:]
        assert reason.rstrip(".") in text, update.action.reference
    assert "was rated red in the quarter to March 2023" in text


def test_it_tells_members_what_the_real_report_does(demo):
    text = _text(demo)
    for fact in [
        "county lines",
        "urban street gangs",
        "The West Suffolk Domestic Abuse Partnership meets each quarter",
        "The Suffolk Prevent Delivery Group brings",
        "The Suffolk Modern Slavery Network brings",
        "Specialist refuge satellite accommodation:",
        "A hate crime is any crime that the victim, or anyone else, believes was motivated by hostility",
        "Suffolk Police and Crime Plan 2022-2025:",
        "https://www.westsuffolk.gov.uk/anti-social-behaviour-principles",
        "The Anti-Fraud Partnership will agree its action plan",
    ]:
        assert fact in text, fact


def test_an_officer_adds_a_description_on_the_web_and_the_next_report_uses_it(client, demo):
    sign_in(client, demo.officer)
    prevent = demo.partnership.plans.first().priorities.get(title="Prevent")
    url = reverse("reports:description_add", args=[demo.partnership.slug])
    response = client.post(
        url,
        {
            "topic": Description.Topic.NEXT_STEPS,
            "priority": prevent.pk,
            "text": "A second conference is planned for March 2024",
            "classification": "official",
            "order": 0,
        },
    )
    assert response.status_code == 302
    added = Description.objects.get(text__startswith="A second conference")
    assert added.updated_by == demo.officer
    assert "A second conference is planned for March 2024." in _workstreams(demo)

    client.post(
        reverse("reports:description_edit", args=[demo.partnership.slug, added.pk]),
        {
            **{"topic": added.topic, "priority": prevent.pk, "classification": "official", "order": 0},
            "text": "A second conference is booked for March 2024",
        },
    )
    assert [v.text for v in added.history.order_by("history_date")] == [
        "A second conference is planned for March 2024",
        "A second conference is booked for March 2024",
    ]
    page = client.get(reverse("reports:descriptions", args=[demo.partnership.slug])).content.decode()
    assert "A second conference is booked for March 2024" in page


def test_a_group_description_without_its_group_is_refused_naming_the_field(client, demo):
    sign_in(client, demo.officer)
    response = client.post(
        reverse("reports:description_add", args=[demo.partnership.slug]),
        {
            "topic": Description.Topic.GROUP,
            "text": "Meets monthly.",
            "classification": "official",
            "order": 0,
        },
    )
    assert response.status_code == 200
    assert "Choose the group or network this text describes" in response.content.decode()


def test_partner_leads_cannot_change_descriptions(client, demo):
    sign_in(client, demo.partner_lead)
    response = client.get(reverse("reports:descriptions", args=[demo.partnership.slug]))
    assert response.status_code == 403
