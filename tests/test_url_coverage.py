"""Every named URL of the site has a row in the permission matrix: the URL resolver is walked, and
each name must appear in its app's table (each table's own test checks every persona's status on
every row, with OFFICIAL and OFFICIAL-SENSITIVE variants of classified records). Adding a URL
without a row fails here."""

from __future__ import annotations

from importlib import import_module

from django.urls import URLPattern, URLResolver, get_resolver, path

from tests.crime.test_permissions import url_name as crime_name
from tests.reports.test_report_permissions import _url_name as report_name

#: Endings of the main matrix's keys that ask one URL about a different record.
_MAIN_VARIANTS = ("_official", "_sensitive", "_police", "_council")


def _main_name(key: str) -> str:
    for variant in _MAIN_VARIANTS:
        key = key.removesuffix(variant)
    return key


def _table(module: str) -> dict:
    return import_module(module).MATRIX


def covered() -> dict[str, set[str]]:
    """Namespace -> the URL names its permission table has rows for."""
    main = {_main_name(key) for key in _table("tests.test_permission_matrix")}
    return {
        "": main,
        "partnership": main,
        "plans": main,
        "activity": main,
        "crime": {crime_name(key) for key in _table("tests.crime.test_permissions")},
        "reports": {report_name(key) for key in _table("tests.reports.test_report_permissions")},
        "reviews": {key.removeprefix("reviews_") for key in _table("tests.reviews.test_review_permissions")},
        "asb": set(_table("tests.reviews.asb.test_permissions")),
        "duties": {key.removesuffix("_dhr") for key in _table("tests.reviews.duties.test_permissions")},
        "accounts": set(_table("tests.accounts.test_url_permissions")),
        # The panels' table also has rows for another panel's pages ("forum:case"): same URLs.
        "panels": {key.split(":")[-1] for key in _table("tests.panels.test_permissions")},
        "crimedata": set(_table("tests.crimedata.test_permissions")),
        "members": set(_table("tests.members.test_permissions")),
        "onboarding": set(import_module("tests.members.test_permissions").ONBOARDING),
    }


def named_urls(resolver: URLResolver | None = None, namespace: str = "") -> set[tuple[str, str]]:
    """(namespace, name) of every named URL the site serves."""
    found: set[tuple[str, str]] = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            found |= named_urls(pattern, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            found.add((namespace, pattern.name))
    return found


def missing_rows(urls: set[tuple[str, str]]) -> list[str]:
    """The URLs with no row in their app's table. The Django admin is one door, closed by one rule
    (SiteAdministratorAdminSite.has_permission) to all but a site administrator signed in with two
    factors: its "admin" row in the main matrix and tests/accounts/test_admin_site.py cover it, not
    a row per model page."""
    tables = covered()
    return sorted(
        f"{ns}:{name}" if ns else name
        for ns, name in urls
        if ns != "admin" and name not in tables.get(ns, set())
    )


def test_every_named_url_of_the_site_has_a_row_in_the_permission_matrix():
    urls = named_urls()
    assert not missing_rows(urls), "URLs without a row in the permission matrix"
    assert ("admin", "index") in urls and "admin" in covered()[""]


def _new_page(request):
    raise AssertionError("never served")


#: The site with one page more, to show that a URL added without a row is caught.
urlpatterns = [
    *import_module("cspmonitor.urls").urlpatterns,
    path("p/<slug:slug>/new/", _new_page, name="new_page"),
]


def test_it_finds_every_app_and_reports_a_url_added_without_a_row():
    namespaces = {ns for ns, _name in named_urls()}
    assert namespaces >= {
        "",
        "accounts",
        "partnership",
        "crime",
        "plans",
        "activity",
        "reports",
        "reviews",
        "asb",
        "duties",
        "panels",
    }
    assert missing_rows(named_urls(get_resolver("tests.test_url_coverage"))) == ["new_page"]
