from __future__ import annotations

from django.urls import reverse

from cspmonitor.partnership.models import Group, Meeting, Organisation
from tests.conftest import sign_in


def _url(demo, name, *args):
    return reverse(f"partnership:{name}", args=[demo.partnership.slug, *args])


def test_an_officer_records_a_sensitive_panel_meeting(client, demo):
    sign_in(client, demo.officer)
    panel = Group.objects.get(name="Multi-Agency Criminal Exploitation Panel")
    police = Organisation.objects.get(partnership=demo.partnership, name="Suffolk Constabulary")
    response = client.post(
        _url(demo, "meeting_create"),
        {
            "group": panel.pk,
            "date_0": "14",
            "date_1": "3",
            "date_2": "2023",
            "organisations_present": [police.pk],
            "notes": "Two areas of concern discussed.",
            "decisions": "",
            "classification": "official-sensitive",
        },
    )
    meeting = Meeting.objects.get(group=panel, date="2023-03-14")
    assert response["Location"] == meeting.get_absolute_url()
    assert list(meeting.organisations_present.all()) == [police]
    assert meeting.classification == "official-sensitive"


def test_an_impossible_date_and_missing_group_are_reported_and_nothing_is_saved(client, demo):
    sign_in(client, demo.officer)
    before = Meeting.objects.count()
    body = client.post(
        _url(demo, "meeting_create"),
        {"group": "", "date_0": "31", "date_1": "2", "date_2": "2023", "classification": "official"},
    ).content.decode()
    assert "govuk-error-summary" in body
    assert "Select the group that met" in body
    assert "Date of the meeting must be a real date" in body
    assert Meeting.objects.count() == before


def test_a_missing_date_is_reported(client, demo):
    sign_in(client, demo.officer)
    body = client.post(
        _url(demo, "meeting_create"),
        {"group": "", "date_0": "", "date_1": "", "date_2": "", "classification": ""},
    ).content.decode()
    assert "Enter the date of the meeting" in body


def test_sensitive_meetings_are_left_off_lists_for_people_not_cleared(client, demo):
    panel = Group.objects.get(name="Multi-Agency Criminal Exploitation Panel")
    sign_in(client, demo.viewer)
    body = client.get(panel.get_absolute_url()).content.decode()
    assert 'govuk-tag--red">OFFICIAL-SENSITIVE' not in body
    assert "No meetings you can see are recorded." in body
    client.logout()
    sign_in(client, demo.panel_member)
    body = client.get(panel.get_absolute_url()).content.decode()
    assert 'govuk-tag--red">OFFICIAL-SENSITIVE' in body
