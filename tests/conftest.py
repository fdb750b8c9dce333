"""Shared fixtures: the Western Suffolk demo and its personas, plus an outsider.

Tests use the same seeded demo data set that `make demo` shows, so what a test
checks is what a newcomer sees.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django_otp.plugins.otp_static.models import StaticDevice

from cspmonitor.accounts.models import Membership, Role, User
from cspmonitor.demo import western_suffolk as ws
from cspmonitor.demo.loader import load_western_suffolk
from cspmonitor.partnership.models import Organisation, Partnership

PASSWORD = ws.DEMO_PASSWORD


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


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 is deliberately slow; tests hash with MD5 unless a test checks hashing itself."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _user(email: str) -> User:
    return User.objects.get(email=email)


@pytest.fixture
def demo(db) -> Personas:
    partnership = load_western_suffolk()
    elsewhere = Partnership.objects.create(name="Elsewhere CSP", slug="elsewhere")
    council = Organisation.objects.create(
        partnership=elsewhere,
        name="Elsewhere Council",
        type=Organisation.Type.LOCAL_AUTHORITY,
        membership=Organisation.Membership.RESPONSIBLE_AUTHORITY,
    )
    outsider = User.objects.create_user(email="officer@elsewhere.example", password=PASSWORD)
    Membership.objects.create(user=outsider, partnership=elsewhere, role=Role.OFFICER, organisation=council)
    return Personas(
        partnership=partnership,
        administrator=_user("admin@western-suffolk.example"),
        officer=_user("officer@western-suffolk.example"),
        partner_lead=_user("police.lead@western-suffolk.example"),
        panel_member=_user("panel@western-suffolk.example"),
        viewer=_user("scrutiny@western-suffolk.example"),
        outsider=outsider,
    )


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


@pytest.fixture
def assessed(demo, demo_crime_store, settings):
    """The demo partnership with its crime data and a finished 2022-23 assessment."""
    from cspmonitor.crime.assessment import compute
    from cspmonitor.crime.models import Assessment

    settings.CRIME_STORE_DIR = demo_crime_store.root
    return compute(Assessment.objects.create(partnership=demo.partnership, year="2022-23"))
