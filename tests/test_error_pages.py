"""Error pages in the GOV.UK style, each saying what the person can do next."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import sign_in


def _is_govuk_page(body: str) -> bool:
    return 'class="govuk-template"' in body and "govuk-footer" in body and "govuk-heading-l" in body


def _without_nonce(body: str) -> str:
    """The page without what differs by request: the script nonce and the form's CSRF token."""
    return re.sub(r'(nonce|value)="[^"]*"', "", body)


def test_a_missing_page_says_page_not_found_and_what_to_check(client, demo):
    sign_in(client, demo.viewer)
    response = client.get("/p/no-such-partnership/")
    assert response.status_code == 404
    body = response.content.decode()
    assert _is_govuk_page(body)
    assert "Page not found" in body
    assert "check it is correct" in body and "Go to the start page" in body


def test_a_hidden_record_reads_exactly_like_a_missing_page(client, demo):
    sign_in(client, demo.outsider)
    hidden = client.get(demo.partnership.get_absolute_url()).content.decode()
    missing = client.get("/p/no-such-partnership/").content.decode()
    assert "Page not found" in hidden
    assert "Western Suffolk" not in hidden
    assert _without_nonce(hidden) == _without_nonce(missing)


def test_a_forbidden_change_says_who_can_change_the_role(client, demo):
    sign_in(client, demo.viewer)
    response = client.get(reverse("partnership:organisation_create", args=[demo.partnership.slug]))
    assert response.status_code == 403
    body = response.content.decode()
    assert _is_govuk_page(body)
    assert "You do not have permission to do this" in body
    assert "ask your partnership's administrator to change your role" in body
    assert f'href="{demo.partnership.get_absolute_url()}"' in body


def test_the_admin_says_why_it_is_closed(client, demo):
    sign_in(client, demo.administrator)
    body = client.get("/admin/").content.decode()
    assert "The administration pages are for site administrators." in body
    assert _is_govuk_page(body)


def test_an_expired_form_says_to_reload_and_try_again(demo):
    client = Client(enforce_csrf_checks=True)
    sign_in(client, demo.officer)
    response = client.post(reverse("partnership:organisation_create", args=[demo.partnership.slug]), {})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Your form could not be sent" in body and "reload the page and try again" in body


@pytest.mark.urls("tests.error_urls")
def test_a_fault_shows_the_problem_page_with_what_to_do(client, demo):
    client.raise_request_exception = False
    sign_in(client, demo.officer)
    response = client.get("/fails/")
    assert response.status_code == 500
    body = response.content.decode()
    assert _is_govuk_page(body)
    assert "Sorry, there is a problem with the service" in body
    assert "Try again later" in body and "tell your site administrator" in body
