"""Shared fixtures: the Western Suffolk demo and its personas, plus an outsider.

Tests use the same seeded demo data set that `make demo` shows, so what a test
checks is what a newcomer sees.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import zoneinfo
from dataclasses import dataclass

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice

from cspmonitor.accounts.models import Membership, Role, User
from cspmonitor.demo import western_suffolk as ws
from cspmonitor.demo.loader import load_western_suffolk
from cspmonitor.partnership.models import Organisation, Partnership

PASSWORD = ws.DEMO_PASSWORD
LONDON = zoneinfo.ZoneInfo("Europe/London")


def pytest_configure(config):
    """``CSP_TEST_TODAY=2028-02-29`` runs the whole session as if today were that day.

    The clock moves on from 09:30 that morning (London time), so timings still work; tests that
    fix their own clock travel from there. `make test-dates` runs the suite on awkward days
    (year ends, a leap day, a bank holiday) to prove no test depends on the real date.
    """
    today = os.environ.get("CSP_TEST_TODAY")
    if today:
        import time_machine

        start = dt.datetime.combine(dt.date.fromisoformat(today), dt.time(9, 30), tzinfo=LONDON)
        time_machine.travel(start, tick=True).start()
        config.stash[_TODAY] = today


_TODAY = pytest.StashKey[str]()


def pytest_report_header(config):
    if today := config.stash.get(_TODAY, None):
        return f"CSP_TEST_TODAY: the clock reads {today} for this whole run"
    return None


@dataclass
class Personas:
    partnership: Partnership
    administrator: User
    officer: User
    partner_lead: User
    panel_member: User
    viewer: User
    outsider: User

    def by_name(self, name: str) -> User:
        return getattr(self, name)


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 is deliberately slow; tests hash with MD5 unless a test checks hashing itself."""
    settings.PASSWORD_HASHERS = FAST_HASHERS


def _user(email: str) -> User:
    return User.objects.get(email=email)


OUTSIDER_EMAIL = "officer@elsewhere.example"


def _load_demo_and_elsewhere() -> None:
    """The Western Suffolk demo, plus a second partnership with an officer of its own (the outsider)."""
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS), transaction.atomic():
        load_western_suffolk()
        elsewhere = Partnership.objects.create(name="Elsewhere CSP", slug="elsewhere")
        council = Organisation.objects.create(
            partnership=elsewhere,
            name="Elsewhere Council",
            type=Organisation.Type.LOCAL_AUTHORITY,
            membership=Organisation.Membership.RESPONSIBLE_AUTHORITY,
        )
        outsider = User.objects.create_user(email=OUTSIDER_EMAIL, password=PASSWORD)
        Membership.objects.create(
            user=outsider, partnership=elsewhere, role=Role.OFFICER, organisation=council
        )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Each test database starts holding the demo, loaded once for the whole session.

    Every ``db`` test runs inside a transaction that is rolled back, so it sees the demo as
    loaded whatever earlier tests did. Transactional tests (the browser tests) empty the
    database when they end; `pytest_runtest_teardown` then puts the demo back from a snapshot
    taken here, so every test, in any order, starts from the same data.
    """
    with django_db_blocker.unblock():
        _load_demo_and_elsewhere()
        _snapshot.update(_read_every_table())
    _blocker.append(django_db_blocker)


# The demo's rows, table by table, as loaded at the start of the session; and pytest-django's
# database blocker, so that the teardown hook below may write.
_snapshot: dict[str, tuple[list[str], list[tuple]]] = {}
_blocker: list = []


def _tables() -> list[str]:
    return connection.introspection.django_table_names(only_existing=True, include_views=False)


def _read_every_table() -> dict[str, tuple[list[str], list[tuple]]]:
    tables = {}
    with connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 (Django's names)
            tables[table] = ([column[0] for column in cursor.description], cursor.fetchall())
    return tables


def _empty_every_table(cursor) -> None:
    # Foreign keys are checked at commit on both databases (Django makes them deferrable), so
    # within one transaction the tables can be emptied and filled in any order.
    for table in _tables():
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608 (Django's names)


def _restore_snapshot() -> None:
    from django.contrib.contenttypes.models import ContentType

    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        _empty_every_table(cursor)  # the flush re-creates content types and permissions
        for table, (columns, rows) in _snapshot.items():
            if rows:
                names = ", ".join(quote(column) for column in columns)
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)  # noqa: S608
    ContentType.objects.clear_cache()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test has emptied the database, put the session's demo back
    (unless it was the last test: the test database itself is gone by then)."""
    result = yield
    if nextitem is None:
        return result
    transactional = "transactional_db" in item.fixturenames or "live_server" in item.fixturenames
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        transactional = True
    if transactional and _snapshot and _blocker:
        with _blocker[0].unblock():
            _restore_snapshot()
    return result


@pytest.fixture
def demo(db) -> Personas:
    if not Partnership.objects.filter(slug=ws.SLUG).exists():
        _load_demo_and_elsewhere()  # emptied by a transactional test before this one
    return Personas(
        partnership=Partnership.objects.get(slug=ws.SLUG),
        administrator=_user("admin@western-suffolk.example"),
        officer=_user("officer@western-suffolk.example"),
        partner_lead=_user("police.lead@western-suffolk.example"),
        panel_member=_user("panel@western-suffolk.example"),
        viewer=_user("scrutiny@western-suffolk.example"),
        outsider=_user(OUTSIDER_EMAIL),
    )


@pytest.fixture
def empty_database(db) -> None:
    """For a test that must start from nothing (loading the demo itself, say): every table is
    emptied inside the test's transaction, so the demo is back for the tests after it."""
    with connection.cursor() as cursor:
        _empty_every_table(cursor)


def sign_in(client, user: User, *, second_factor: bool = True) -> None:
    """Sign ``user`` in; with ``second_factor`` also complete two-step sign-in
    using their backup-code device, as the two-factor page would."""
    client.force_login(user)
    if second_factor and user.needs_two_factor:
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name="Test codes", defaults={"confirmed": True}
        )
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()


@pytest.fixture(scope="session")
def demo_crime_store(tmp_path_factory):
    """The demo's two years of synthetic Suffolk data, imported once for the whole session."""
    from pathlib import Path

    from cspmonitor.analysis.importer import import_police_uk
    from cspmonitor.analysis.store import CrimeStore
    from cspmonitor.analysis.synthetic import generate_police_uk
    from cspmonitor.demo import crime as demo_crime
    from tests.reference import REFERENCE_DIR

    folder = tmp_path_factory.mktemp("demo-police-uk")
    generate_police_uk(
        Path(folder),
        forces=["suffolk"],
        months=demo_crime.MONTHS,
        seed=demo_crime.SEED,
        effects=demo_crime.EFFECTS,
        reference_dir=REFERENCE_DIR,
    )
    store = CrimeStore(tmp_path_factory.mktemp("store"))
    import_police_uk([folder], store)
    return store


@pytest.fixture(autouse=True)
def crime_store_for_each_test(settings, tmp_path):
    """No test writes to the developer's own crime store."""
    settings.CRIME_STORE_DIR = tmp_path / "crime-store"


@dataclass(frozen=True)
class ComputedAssessment:
    result: dict
    drawings: dict[str, str]  # the charts and map layers kept when it was computed


@pytest.fixture(scope="session")
def demo_assessment_result(django_db_setup, django_db_blocker, demo_crime_store) -> ComputedAssessment:
    """The demo's 2022-23 strategic assessment, computed once for the whole session.

    Computed inside a transaction that is rolled back, so only its result and drawings are kept.
    """
    from cspmonitor.crime.assessment import compute
    from cspmonitor.crime.models import Assessment, AssessmentDrawing

    with (
        django_db_blocker.unblock(),
        override_settings(CRIME_STORE_DIR=demo_crime_store.root),
        transaction.atomic(),
    ):
        partnership = Partnership.objects.get(slug=ws.SLUG)
        assessment = compute(Assessment.objects.create(partnership=partnership, year="2022-23"))
        assert assessment.status == Assessment.Status.DONE, assessment.error
        drawings = dict(
            AssessmentDrawing.objects.filter(assessment=assessment).values_list("name", "content")
        )
        transaction.set_rollback(True)
    return ComputedAssessment(assessment.result, drawings)


@pytest.fixture
def assessed(demo, demo_crime_store, demo_assessment_result, settings):
    """The demo partnership with its crime data and a finished 2022-23 assessment
    (the session's one computation, stored afresh for this test with its drawings)."""
    from cspmonitor.crime.models import Assessment, AssessmentDrawing

    settings.CRIME_STORE_DIR = demo_crime_store.root
    assessment = Assessment.objects.create(
        partnership=demo.partnership,
        year="2022-23",
        status=Assessment.Status.DONE,
        progress=100,
        stage="Done",
        result=copy.deepcopy(demo_assessment_result.result),
        finished_at=timezone.now(),
    )
    AssessmentDrawing.objects.bulk_create(
        AssessmentDrawing(assessment=assessment, name=name, content=content)
        for name, content in demo_assessment_result.drawings.items()
    )
    return assessment
