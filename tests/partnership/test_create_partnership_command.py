"""manage.py create_partnership: a partnership from the ONS lookups, its slug printed."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cspmonitor.accounts.models import Role, User
from cspmonitor.partnership.models import Area, Partnership


def _run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("create_partnership", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_creates_a_partnership_from_the_lookups_and_prints_its_slug(db):
    out, err = _run("--ons-code", "E22000084")
    assert out.strip() == "colchester"
    partnership = Partnership.objects.get(slug="colchester")
    assert (partnership.name, partnership.ons_code) == (
        "Colchester Community Safety Partnership",
        "E22000084",
    )
    assert partnership.districts() == {"E07000071": "Colchester"}
    assert partnership.police_uk_forces() == ["essex"]
    assert partnership.areas.get(kind=Area.Kind.COUNTY).ons_code == "E10000012"  # Essex
    assert "police.uk force essex" in err


def test_it_lists_the_lsoas_of_a_split_districts_part(db):
    _run("--ons-code", "E22000274")
    partnership = Partnership.objects.get(ons_code="E22000274")
    assert partnership.districts() == {"E07000244": "East Suffolk"}
    assert len(partnership.explicit_lsoa_codes()) == 73  # Suffolk Coastal's part of East Suffolk


def test_it_makes_the_admin_its_administrator_and_an_account_if_needed(db):
    _run("--ons-code", "W14000015", "--admin", "new.officer@cardiff.example")
    user = User.objects.get(email="new.officer@cardiff.example")
    membership = user.memberships.get()
    assert membership.role == Role.ADMINISTRATOR and membership.partnership.ons_code == "W14000015"
    assert not user.has_usable_password()


def test_it_refuses_a_code_not_in_the_lookup(db):
    before = Partnership.objects.count()
    with pytest.raises(CommandError, match="E22999999 is not a Community Safety Partnership code"):
        _run("--ons-code", "E22999999")
    assert Partnership.objects.count() == before


def test_it_refuses_a_partnership_that_exists(demo):
    with pytest.raises(CommandError, match="ONS code E22000373 already exists"):
        _run("--ons-code", "E22000373")
