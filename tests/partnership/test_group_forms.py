from __future__ import annotations

from django.urls import reverse

from cspmonitor.partnership.models import Group
from tests.conftest import sign_in


def _url(demo, name, *args):
    return reverse(f"partnership:{name}", args=[demo.partnership.slug, *args])


def test_an_officer_adds_a_group_under_the_partnership(client, demo):
    sign_in(client, demo.officer)
    parent = Group.objects.get(partnership=demo.partnership, kind="partnership")
    response = client.post(
        _url(demo, "group_create"),
        {
            "name": "Town Centre Problem-Solving Group",
            "kind": "forum",
            "cadence": "monthly",
            "parent": parent.pk,
            "purpose": "Shop theft and street drinking in the town centre.",
        },
    )
    group = Group.objects.get(name="Town Centre Problem-Solving Group")
    assert response["Location"] == group.get_absolute_url()
    assert group.parent == parent and group.partnership == demo.partnership


def test_bad_input_gets_a_message_per_field_and_saves_nothing(client, demo):
    sign_in(client, demo.officer)
    before = Group.objects.count()
    body = client.post(_url(demo, "group_create"), {"name": "", "kind": "", "cadence": ""}).content.decode()
    assert "govuk-error-summary" in body
    for message in [
        "Enter the group&#x27;s name",
        "Select the kind of group",
        "Select how often the group meets",
    ]:
        assert message in body
    assert Group.objects.count() == before


def test_a_group_cannot_report_to_a_group_below_it(client, demo):
    sign_in(client, demo.officer)
    board = Group.objects.get(name="Suffolk Safer Stronger Communities Board")
    below = Group.objects.get(name="Multi-Agency Criminal Exploitation Panel")  # board > CE > MACE
    response = client.post(
        _url(demo, "group_edit", board.pk),
        {"name": board.name, "kind": board.kind, "cadence": board.cadence, "parent": below.pk},
    )
    assert "A group cannot report to itself or to a group below it" in response.content.decode()
    board.refresh_from_db()
    assert board.parent is None


def test_the_chair_and_parent_choices_offer_only_this_partnerships_records(client, demo):
    sign_in(client, demo.officer)
    body = client.get(_url(demo, "group_create")).content.decode()
    assert "Suffolk Constabulary" in body
    assert "Elsewhere Council" not in body
