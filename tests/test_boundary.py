"""The partnership boundary answers the same way on every URL of every app.

Whatever the URL and whatever the method, someone signed out is sent to sign in and a member of
another partnership gets 404: the partnership check is the outermost decorator, so no URL
answers a stranger with 405 or 403 and gives away that something is there.
"""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import URLPattern, URLResolver, get_resolver

from cspmonitor.partnership.access import partnership_view
from tests.conftest import sign_in

PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _partnership_routes(resolver=None, prefix: str = ""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _partnership_routes(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and (prefix + str(entry.pattern)).startswith("p/<slug:slug>/"):
            # Only a partnership's own pages: "p/new/" (starting one, for site administrators)
            # takes a reserved word, never a partnership's slug.
            yield f"{entry.pattern.name}", prefix + str(entry.pattern)


def _path(route: str, slug: str) -> str:
    def value(match: re.Match) -> str:
        converter, name = match.group(1) or "str", match.group(2)
        if name == "slug":
            return slug
        if name == "due":
            return "2026-04-30"
        return "1" if converter == "int" else "x"

    return "/" + PARAMETER.sub(value, route)


def test_every_app_serves_its_pages_under_the_partnership():
    names = {route.split("/")[2] if route.count("/") > 2 else route for _n, route in _partnership_routes()}
    assert len(list(_partnership_routes())) > 70
    assert {"assessments", "reviews", "calendar", "reports", "asb-case-reviews"} <= names


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_stranger_gets_404_from_every_url_whatever_the_method(client, demo, method):
    sign_in(client, demo.outsider)
    answers = {
        route: getattr(client, method)(_path(route, demo.partnership.slug)).status_code
        for _name, route in _partnership_routes()
    }
    assert {route: status for route, status in answers.items() if status != 404} == {}


@pytest.mark.parametrize("method", ["get", "post"])
def test_someone_signed_out_is_sent_to_sign_in_from_every_url_whatever_the_method(client, demo, method):
    answers = {
        route: getattr(client, method)(_path(route, demo.partnership.slug))
        for _name, route in _partnership_routes()
    }
    wrong = {
        route: response.status_code
        for route, response in answers.items()
        if response.status_code != 302 or not response["Location"].startswith("/accounts/sign-in/")
    }
    assert wrong == {}


def test_a_capability_must_be_one_access_has():
    with pytest.raises(ImproperlyConfigured, match="no capability called 'can_fly'"):
        partnership_view("can_fly")
