from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from cspmonitor.accounts.models import Membership, Role, User
from cspmonitor.crime.models import Assessment
from cspmonitor.demo import western_suffolk as ws
from cspmonitor.partnership.models import Area, Group, Meeting, Organisation, Partnership

MODELS = [Partnership, Area, Organisation, Group, Meeting, User, Membership, Assessment]


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_loading_the_demo_twice_duplicates_nothing_not_even_crime_data(empty_database):
    call_command("load_demo", stdout=StringIO())
    first = _counts()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert _counts() == first
    assert first["Partnership"] == 1 and first["Assessment"] == 1
    assert "all 24 demo months already held" in out.getvalue()


def test_the_demo_assessment_finds_the_planted_shoplifting_rise(assessed):
    result = assessed.result
    flagged = {(r["area"], r["crime_type"]) for r in result["emerging"]["flagged"]}
    assert ("E07000245", "Shoplifting") in flagged


def test_the_demo_holds_the_districts_partners_and_groups_of_the_seed_report(empty_database):
    call_command("load_demo", "--without-crime", stdout=StringIO())
    partnership = Partnership.objects.get(slug="western-suffolk")
    assert sorted(partnership.district_codes()) == ["E07000200", "E07000203", "E07000245"]
    assert partnership.organisations.filter(membership="responsible").count() == 8
    co_opted = set(partnership.organisations.filter(membership="co_opted").values_list("type", flat=True))
    assert {"youth_justice", "social_landlord", "education"} <= co_opted
    groups = set(partnership.groups.values_list("name", flat=True))
    assert groups == {name for name, *_ in ws.GROUPS}
    mace = partnership.groups.get(name="Multi-Agency Criminal Exploitation Panel")
    assert mace.parent.name == "Criminal Exploitation Steering Group"
    assert partnership.groups.get(kind="partnership").parent.kind == "board"


def test_the_demo_has_a_user_for_every_role(empty_database):
    call_command("load_demo", "--without-crime", stdout=StringIO())
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)


def test_demo_logins_prints_every_account_and_backup_codes_for_two_step_roles(empty_database):
    call_command("load_demo", "--without-crime", stdout=StringIO())
    out = StringIO()
    call_command("demo_logins", stdout=out)
    printed = out.getvalue()
    for email, *_ in ws.USERS:
        assert email in printed
    officer = User.objects.get(email="officer@western-suffolk.example")
    code = officer.staticdevice_set.get().token_set.first().token
    assert code in printed
    assert printed.count("backup codes") == 4  # administrator, officer, panel member, site administrator
    assert "Site administrator" in printed and ws.SITE_ADMINISTRATOR[0] in printed


def test_the_partnerships_administrator_is_not_the_site_administrator(db):
    call_command("load_demo", "--without-crime", stdout=StringIO())
    administrator = User.objects.get(email="admin@western-suffolk.example")
    assert not administrator.is_superuser and not administrator.is_staff
    assert not administrator.is_site_administrator
    site_administrator = User.objects.get(email=ws.SITE_ADMINISTRATOR[0])
    assert site_administrator.is_site_administrator
    assert not site_administrator.memberships.exists()
    assert list(User.objects.filter(is_superuser=True)) == [site_administrator]


def test_demo_logins_explains_when_the_demo_is_not_loaded(empty_database):
    err = StringIO()
    call_command("demo_logins", stdout=StringIO(), stderr=err)
    assert "run 'manage.py load_demo' first" in err.getvalue()


def test_next_meeting_dates_fall_on_the_second_tuesday():
    import datetime as dt

    from cspmonitor.demo.loader import next_meeting_date

    assert next_meeting_date("monthly", dt.date(2026, 11, 25)) == dt.date(2026, 12, 8)
    assert next_meeting_date("quarterly", dt.date(2026, 11, 25)) == dt.date(2027, 1, 12)
    assert next_meeting_date("quarterly", dt.date(2027, 1, 11)) == dt.date(2027, 1, 12)
    assert next_meeting_date("as_needed", dt.date(2027, 1, 11)) is None
