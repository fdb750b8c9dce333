"""Every page, as its users meet it, in Chromium: it works and axe-core finds nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cspmonitor.accounts.two_factor import ensure_backup_codes
from cspmonitor.partnership.models import Group, Meeting, Organisation
from tests.browser.conftest import assert_accessible, sign_in_with_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_start_and_information_pages_are_accessible(page, live_server):
    for path, heading in [
        ("/", "Run your community safety partnership from one set of records"),
        ("/accessibility/", "Accessibility statement for CSP Monitor"),
        ("/cookies/", "Cookies"),
        ("/accounts/sign-in/", "Sign in"),
        ("/accounts/password-reset/", "Reset your password"),
    ]:
        page.goto(live_server.url + path)
        assert page.get_by_role("heading", level=1).inner_text() == heading
        assert_accessible(page)


def test_a_wrong_password_shows_the_error_summary_accessibly(page, live_server, demo):
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.get_by_label("Email address").fill(demo.officer.email)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    assert "Enter a correct email address and password" in summary.inner_text()
    assert page.title().startswith("Sign in (error)")
    assert_accessible(page)


def test_an_officer_signs_in_with_a_backup_code_and_sees_the_overview_with_its_map(page, live_server, demo):
    code = ensure_backup_codes(demo.officer)[0]
    sign_in_with_password(page, live_server, demo.officer.email)
    assert page.get_by_role("heading", level=1).inner_text() == "Enter your security code"
    assert_accessible(page)
    page.get_by_label("Security code").fill(code)
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_role("heading", level=1).inner_text() == demo.partnership.name
    page.wait_for_selector("#district-map[data-loaded='3']")
    assert page.locator("#district-map path.leaflet-interactive").count() == 3
    assert_accessible(page)


def test_a_partner_lead_without_two_factor_sees_the_overview_without_edit_buttons(page, live_server, demo):
    sign_in_with_password(page, live_server, demo.partner_lead.email)
    assert page.get_by_role("heading", level=1).inner_text() == demo.partnership.name
    assert page.get_by_role("link", name="Add a partner organisation").count() == 0
    assert page.get_by_role("link", name="Change Suffolk Constabulary").count() == 1
    assert_accessible(page)


def test_first_two_factor_set_up_shows_a_qr_code_accessibly(page, live_server, demo):
    # The panel member's backup codes are removed, so set-up is the only way in.
    demo.panel_member.staticdevice_set.all().delete()
    sign_in_with_password(page, live_server, demo.panel_member.email)
    assert page.get_by_role("heading", level=1).inner_text() == "Set up two-step sign-in"
    assert page.locator(".app-qr-code svg").count() == 1
    page.get_by_label("Security code").fill("000000")
    page.get_by_role("button", name="Confirm and continue").click()
    assert "The security code is wrong" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)


def test_the_registry_pages_are_accessible(officer_page, live_server, demo):
    page = officer_page
    slug = demo.partnership.slug
    group = Group.objects.get(partnership=demo.partnership, kind=Group.Kind.PARTNERSHIP)
    meeting = Meeting.objects.filter(
        group__partnership=demo.partnership, classification="official-sensitive"
    ).first()
    police = Organisation.objects.get(partnership=demo.partnership, name="Suffolk Constabulary")
    for url in [
        reverse("partnership:group", args=[slug, group.pk]),
        reverse("partnership:meeting", args=[slug, meeting.pk]),
        reverse("partnership:organisation_create", args=[slug]),
        reverse("partnership:organisation_edit", args=[slug, police.pk]),
        reverse("partnership:group_create", args=[slug]),
        reverse("partnership:group_edit", args=[slug, group.pk]),
        reverse("partnership:meeting_create", args=[slug]),
        reverse("partnership:meeting_edit", args=[slug, meeting.pk]),
    ]:
        page.goto(live_server.url + url)
        assert page.get_by_role("heading", level=1).count() == 1, url
        assert_accessible(page)


@pytest.mark.parametrize("form", ["organisation_create", "group_create", "meeting_create"])
def test_an_empty_form_shows_the_error_summary_and_errors_accessibly(officer_page, live_server, demo, form):
    page = officer_page
    page.goto(live_server.url + reverse(f"partnership:{form}", args=[demo.partnership.slug]))
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert page.locator(".govuk-error-message").count() >= 1
    assert_accessible(page)


def test_an_officer_adds_a_meeting_and_finds_it_on_the_overview(officer_page, live_server, demo):
    page = officer_page
    date = timezone.localdate() + dt.timedelta(days=40)
    page.get_by_role("link", name="Record a meeting").click()
    page.get_by_label("Group").select_option(label=demo.partnership.name)
    page.get_by_label("Day").fill(str(date.day))
    page.get_by_label("Month").fill(str(date.month))
    page.get_by_label("Year", exact=True).fill(str(date.year))
    page.get_by_label("Suffolk Constabulary").check()
    page.get_by_label("Notes").fill("Quarterly review of the action plan.")
    page.get_by_role("button", name="Save").click()
    spoken = f"{date.day} {date:%B %Y}"
    assert page.get_by_role("heading", level=1).inner_text() == f"Meeting on {spoken}"
    # Found by its own link, not its date: the demo books groups' next meetings on days
    # that depend on today, and one of them may fall on the same day as this one.
    meeting_path = page.url.removeprefix(live_server.url)
    page.goto(live_server.url + demo.partnership.get_absolute_url())
    rows = page.locator("#meetings ~ table tbody tr").filter(has=page.locator(f'a[href="{meeting_path}"]'))
    assert rows.count() == 1
    assert rows.locator("td").nth(0).inner_text().startswith(spoken)
    assert rows.locator("td").nth(1).inner_text() == demo.partnership.name


def test_the_password_reset_and_lock_out_pages_are_accessible(page, live_server, demo, settings):
    page.goto(f"{live_server.url}/accounts/password-reset/")
    page.get_by_label("Email address").fill(demo.viewer.email)
    page.get_by_role("button", name="Send the link").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Check your email"
    assert_accessible(page)
    settings.AXES_FAILURE_LIMIT = 1
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.get_by_label("Email address").fill(demo.viewer.email)
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Your account is locked for now"
    assert_accessible(page)


def test_a_member_of_two_partnerships_chooses_one_on_an_accessible_home_page(page, live_server, demo):
    from cspmonitor.accounts.models import Membership, Role
    from cspmonitor.partnership.models import Partnership

    Membership.objects.create(
        user=demo.viewer, partnership=Partnership.objects.get(slug="elsewhere"), role=Role.VIEWER
    )
    sign_in_with_password(page, live_server, demo.viewer.email)
    assert page.get_by_role("heading", level=1).inner_text() == "Your partnerships"
    page.get_by_role("link", name="Elsewhere CSP").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Elsewhere CSP"
    assert_accessible(page)
