"""Every reports URL × every persona gets exactly the expected status (deny by default)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cspmonitor.reports import services
from cspmonitor.reports.models import Description
from tests.personas import PERSONAS, expected_statuses, sign_in_as

# fmt: off
#                                  anon admin officer lead panel viewer outsider
MATRIX = {
    "list":                       (302, 200, 200, 200, 200, 200, 404),
    "generate":                   (302, 405, 405, 403, 403, 403, 404),  # POST only; GET is refused
    "report_public":              (302, 200, 200, 200, 200, 200, 404),
    "report_restricted":          (302, 200, 200, 404, 200, 404, 404),
    "status_public":              (302, 200, 200, 200, 200, 200, 404),
    "download_public":            (302, 200, 200, 200, 200, 200, 404),
    "download_restricted":        (302, 200, 200, 404, 200, 404, 404),
    "read_public":                (302, 200, 200, 200, 200, 200, 404),
    "read_restricted":            (302, 200, 200, 404, 200, 404, 404),
    "compare_restricted":         (302, 200, 200, 404, 200, 404, 404),
    "text":                       (302, 200, 200, 403, 403, 403, 404),
    "text_edit":                  (302, 200, 200, 403, 403, 403, 404),
    "text_edit_post":             (302, 302, 302, 403, 403, 403, 404),
    "text_history":               (302, 200, 200, 403, 403, 403, 404),
    "descriptions":               (302, 200, 200, 403, 403, 403, 404),
    "description_add":            (302, 200, 200, 403, 403, 403, 404),
    "description_edit":           (302, 200, 200, 403, 403, 403, 404),
}
# fmt: on
#: Endings of keys that ask one URL something different: a public or restricted report, or a POST.
VARIANTS = ("_public", "_restricted", "_post")


@pytest.fixture
def urls(demo) -> dict[str, str]:
    def made(edition):
        report = services.start(
            demo.partnership, kind="annual", year="2022-23", edition=edition, file_format="html"
        )
        return services.generate(report).pk

    slug, public, restricted = demo.partnership.slug, made("public"), made("restricted")
    described = Description.objects.filter(partnership=demo.partnership).first().pk
    return {
        "list": reverse("reports:list", args=[slug]),
        "generate": reverse("reports:generate", args=[slug]),
        "report_public": reverse("reports:report", args=[slug, public]),
        "report_restricted": reverse("reports:report", args=[slug, restricted]),
        "status_public": reverse("reports:status", args=[slug, public]),
        "download_public": reverse("reports:download", args=[slug, public]),
        "download_restricted": reverse("reports:download", args=[slug, restricted]),
        "read_public": reverse("reports:read", args=[slug, public]),
        "read_restricted": reverse("reports:read", args=[slug, restricted]),
        "compare_restricted": reverse("reports:compare", args=[slug, public, restricted]),
        "text": reverse("reports:text", args=[slug]),
        "text_edit": reverse("reports:text_edit", args=[slug, "2022-23", "risks"]),
        "text_edit_post": reverse("reports:text_edit", args=[slug, "2022-23", "risks"]),
        "text_history": reverse("reports:text_history", args=[slug, "2022-23", "risks"]),
        "descriptions": reverse("reports:descriptions", args=[slug]),
        "description_add": reverse("reports:description_add", args=[slug]),
        "description_edit": reverse("reports:description_edit", args=[slug, described]),
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_exactly_the_expected_status(client, demo, urls, persona):
    sign_in_as(client, demo, persona)
    got = {
        name: (
            client.post(url, {"risks": "A risk."}) if name.endswith("_post") else client.get(url)
        ).status_code
        for name, url in urls.items()
    }
    assert got == expected_statuses(MATRIX, persona)


def _url_name(key: str) -> str:
    for variant in VARIANTS:
        key = key.removesuffix(variant)
    return key


def test_the_matrix_covers_every_reports_url_and_nothing_else():
    from cspmonitor.reports.urls import urlpatterns

    assert {p.name for p in urlpatterns} == {_url_name(key) for key in MATRIX}
