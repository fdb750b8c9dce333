"""Every URL of the crime app × every persona, for an OFFICIAL and an OFFICIAL-SENSITIVE
assessment: the crime app's table of the URL permission matrix (tests/test_url_coverage.py checks
that every URL of the site has a row in one of these tables)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cspmonitor.accounts.models import Classification
from tests.personas import PERSONAS, expected_statuses, sign_in_as

# fmt: off
#                                 anon admin officer lead panel viewer outsider
MATRIX = {
    "assessments":                (302, 200, 200, 200, 200, 200, 404),
    "assessment_run":             (302, 405, 405, 403, 403, 403, 404),  # POST only; GET is refused
    "assessment_official":        (302, 200, 200, 200, 200, 200, 404),
    "assessment_sensitive":       (302, 200, 200, 404, 200, 404, 404),
    "assessment_status_official": (302, 200, 200, 200, 200, 200, 404),
    "assessment_status_sensitive": (302, 200, 200, 404, 200, 404, 404),
    "assessment_json_official":   (302, 200, 200, 200, 200, 200, 404),
    "assessment_json_sensitive":  (302, 200, 200, 404, 200, 404, 404),
    "assessment_chart_official":  (302, 200, 200, 200, 200, 200, 404),
    "assessment_chart_sensitive": (302, 200, 200, 404, 200, 404, 404),
    "assessment_map_layer_official": (302, 200, 200, 200, 200, 200, 404),
    "assessment_map_layer_sensitive": (302, 200, 200, 404, 200, 404, 404),
}
# fmt: on
#: Endings of keys that ask one URL about a differently classified record.
VARIANTS = ("_official", "_sensitive")


def url_name(key: str) -> str:
    for variant in VARIANTS:
        key = key.removesuffix(variant)
    return key


def _urls(assessment, sensitive) -> dict[str, str]:
    urls = {
        "assessments": reverse("crime:assessments", args=[assessment.partnership.slug]),
        "assessment_run": reverse("crime:assessment_run", args=[assessment.partnership.slug]),
    }
    for variant, record in (("official", assessment), ("sensitive", sensitive)):
        args = [record.partnership.slug, record.pk]
        urls |= {
            f"assessment_{variant}": record.get_absolute_url(),
            f"assessment_status_{variant}": reverse("crime:assessment_status", args=args),
            f"assessment_json_{variant}": reverse("crime:assessment_json", args=args),
            f"assessment_chart_{variant}": reverse("crime:assessment_chart", args=[*args, "trend"]),
            f"assessment_map_layer_{variant}": reverse("crime:assessment_map_layer", args=[*args, "lsoas"]),
        }
    return urls


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_exactly_the_expected_status_on_every_crime_url(client, demo, assessed, persona):
    from cspmonitor.crime.models import Assessment

    # A second finished assessment, the same figures marked OFFICIAL-SENSITIVE.
    sensitive = Assessment.objects.get(pk=assessed.pk)
    sensitive.pk = None
    sensitive.year = "2021-22"
    sensitive.classification = Classification.OFFICIAL_SENSITIVE
    sensitive.save()
    sign_in_as(client, demo, persona)
    got = {name: client.get(url).status_code for name, url in _urls(assessed, sensitive).items()}
    assert got == expected_statuses(MATRIX, persona)


def test_the_matrix_covers_every_crime_url_and_nothing_else():
    from cspmonitor.crime.urls import urlpatterns

    assert {p.name for p in urlpatterns} == {url_name(key) for key in MATRIX}
