"""The access rules, persona by persona. Deny by default."""

from __future__ import annotations

import pytest

from cspmonitor.accounts.models import Classification
from cspmonitor.accounts.permissions import Access, access_for
from cspmonitor.partnership.models import Organisation

SENSITIVE = Classification.OFFICIAL_SENSITIVE
OFFICIAL = Classification.OFFICIAL


def _access(demo, persona, verified=True) -> Access:
    access = access_for(demo.by_name(persona), demo.partnership)
    return Access(membership=access.membership, verified=verified)


@pytest.mark.parametrize(
    "persona, official, sensitive",
    [
        ("administrator", True, True),
        ("officer", True, True),
        ("panel_member", True, True),
        ("partner_lead", True, False),
        ("viewer", True, False),
        ("outsider", False, False),
    ],
)
def test_who_sees_which_classification(demo, persona, official, sensitive):
    access = _access(demo, persona)
    assert access.can_see(OFFICIAL) is official
    assert access.can_see(SENSITIVE) is sensitive


def test_a_cleared_role_sees_nothing_sensitive_until_the_second_step_is_done(demo):
    assert _access(demo, "officer", verified=False).can_see(SENSITIVE) is False


def test_an_unknown_marking_is_treated_as_the_most_restrictive(demo):
    assert _access(demo, "administrator").can_see("secret") is False


@pytest.mark.parametrize(
    "persona, allowed",
    [
        ("administrator", True),
        ("officer", True),
        ("partner_lead", False),
        ("panel_member", False),
        ("viewer", False),
        ("outsider", False),
    ],
)
def test_who_edits_the_registry(demo, persona, allowed):
    assert _access(demo, persona).can_edit_registry is allowed


def test_a_partner_lead_edits_only_their_own_organisation(demo):
    access = _access(demo, "partner_lead")
    police = Organisation.objects.get(partnership=demo.partnership, name="Suffolk Constabulary")
    council = Organisation.objects.get(partnership=demo.partnership, name="West Suffolk Council")
    assert access.can_edit_organisation(police.pk)
    assert not access.can_edit_organisation(council.pk)


def test_anonymous_visitors_have_no_access(demo):
    from django.contrib.auth.models import AnonymousUser

    access = access_for(AnonymousUser(), demo.partnership)
    assert not access.is_member
    assert access.visible_classifications() == []
