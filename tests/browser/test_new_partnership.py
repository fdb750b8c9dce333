"""A brand-new partnership (Camden, from the ONS list) goes from creation, invitations and
sign-in, through uploading police.uk files, to its finished strategic assessment with a map,
all in the browser: no Django admin, no shell. Chromium with axe-core on each new page."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core import mail
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from cspmonitor.accounts.models import User
from cspmonitor.accounts.two_factor import ensure_backup_codes
from cspmonitor.analysis import national
from cspmonitor.analysis.synthetic import generate_police_uk
from tests.browser.conftest import assert_accessible, sign_in_with_password
from tests.conftest import PASSWORD
from tests.reference import REFERENCE_DIR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CAMDEN = "E09000007"
OFFICER = "analyst@camden.example"


def _police_uk_zip(tmp_path) -> bytes:
    """Two years of synthetic police.uk files over Camden, as the Metropolitan Police's.

    The generator's "surrey" pseudo-force holds Camden's LSOAs (see synthetic_places); the
    files are renamed to the force Camden's lookup row names, as police.uk would name them.
    """
    generate_police_uk(
        tmp_path / "csv",
        forces=("surrey",),
        months=("2021-04", "2023-03"),
        seed=5,
        reference_dir=REFERENCE_DIR,
        scale=0.05,
    )
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted((tmp_path / "csv").rglob("*-surrey-street.csv")):
            text = path.read_text(encoding="utf-8").replace("Surrey Police", "Metropolitan Police Service")
            z.writestr(f"{path.parent.name}/{path.name.replace('surrey', 'metropolitan')}", text)
    return archive.getvalue()


def _work() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay")


def test_a_new_partnership_reaches_its_first_assessment_in_the_browser(page, live_server, tmp_path):
    site_admin = User.objects.create_superuser(email="admin@site.example", password=PASSWORD)
    code = ensure_backup_codes(site_admin)[0]
    sign_in_with_password(page, live_server, site_admin.email, backup_code=code)

    # 1. The site administrator chooses Camden from the ONS list and creates it.
    page.get_by_role("link", name="Start a new partnership").click()
    page.get_by_label("Partnership or district name").fill("Camden")
    page.get_by_role("button", name="Search").click()
    assert_accessible(page)
    page.get_by_role("link", name="Camden", exact=True).click()
    assert "Metropolitan Police (E23000001)" in page.inner_text("main")
    assert_accessible(page)
    page.get_by_role("button", name="Create the partnership").click()
    page.wait_for_url("**/p/camden/")

    # 2. They invite an officer, who sets a password, an authenticator and gets backup codes.
    page.get_by_role("link", name="Members and invitations").click()
    assert_accessible(page)
    page.get_by_role("link", name="Invite someone").click()
    page.get_by_label("Email address").fill(OFFICER)
    page.get_by_label("Community safety officer").check()
    assert_accessible(page)
    page.get_by_role("button", name="Send the invitation").click()
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/invitations/" in line).strip()
    page.context.clear_cookies()
    page.goto(link)
    assert_accessible(page)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Join the partnership").click()
    page.get_by_label("Security code").wait_for()
    device = TOTPDevice.objects.get(user__email=OFFICER, confirmed=False)
    page.get_by_label("Security code").fill(
        f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"
    )
    page.get_by_role("button", name="Confirm and continue").click()
    page.get_by_text("These codes are shown only now").wait_for()
    assert page.locator("[data-testid=backup-codes] li").count() == 10
    assert_accessible(page)
    page.get_by_role("button", name="I have saved my backup codes").click()
    page.wait_for_url("**/p/camden/")

    # 3. The officer uploads the zip police.uk makes; the import runs in the background.
    page.get_by_role("link", name="Crime data: months held, and uploading police.uk files").click()
    assert_accessible(page)
    page.set_input_files(
        "#files",
        files=[{"name": "police-uk.zip", "mimeType": "application/zip", "buffer": _police_uk_zip(tmp_path)}],
    )
    page.get_by_role("button", name="Upload and import").click()
    page.get_by_text("This page updates itself").wait_for()
    _work()
    page.get_by_text("24 added, 0 replaced, 0 unchanged").wait_for(timeout=30_000)
    assert_accessible(page)

    # 4. The officer runs the 2022-23 assessment and reads it, with its map of Camden's LSOAs.
    page.get_by_role("link", name="Run a strategic assessment").click()
    page.get_by_label("Financial year").select_option("2022-23")
    page.get_by_role("button", name="Run the assessment").click()
    page.get_by_text("This page updates itself").wait_for()
    _work()
    lsoas = len(national.lsoa_lookup(REFERENCE_DIR).by_district()[CAMDEN])
    page.wait_for_selector(f"#assessment-map[data-loaded='{lsoas}']", timeout=60_000)
    assert "crimes and anti-social behaviour incidents were recorded" in page.inner_text("main")
    assert_accessible(page)
