"""Every URL of the crime-data app × every persona: its table of the URL permission matrix
(tests/test_url_coverage.py checks that every URL of the site has a row in one of these tables).

Uploading, confirming and the monthly fetch are POST-only: a GET from someone who may do them is
refused (405), from a member who may not, 403. Every member may read which months are held and an
upload's summary; the rejects file of an upload that rejected nothing does not exist (404).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.personas import PERSONAS, expected_statuses, sign_in_as

# fmt: off
#                  anon admin officer lead panel viewer outsider
MATRIX = {
    "crime_data":      (302, 200, 200, 200, 200, 200, 404),
    "upload_files":    (302, 405, 405, 403, 403, 403, 404),
    "monthly_fetch":   (302, 405, 405, 403, 403, 403, 404),
    "upload":          (302, 200, 200, 200, 200, 200, 404),
    "upload_confirm":  (302, 405, 405, 403, 403, 403, 404),
    "upload_status":   (302, 200, 200, 200, 200, 200, 404),
    "upload_rejects":  (302, 404, 404, 404, 404, 404, 404),
}
# fmt: on


def _urls(demo, tmp_path) -> dict[str, str]:
    from cspmonitor.crimedata.models import CrimeUpload

    slug = demo.partnership.slug
    upload = CrimeUpload.objects.create(
        partnership=demo.partnership,
        folder=str(tmp_path),
        file_names="2023-01-suffolk-street.csv",
        status="done",
    )
    return {
        "crime_data": reverse("crimedata:crime_data", args=[slug]),
        "upload_files": reverse("crimedata:upload_files", args=[slug]),
        "monthly_fetch": reverse("crimedata:monthly_fetch", args=[slug]),
        "upload": reverse("crimedata:upload", args=[slug, upload.pk]),
        "upload_confirm": reverse("crimedata:upload_confirm", args=[slug, upload.pk]),
        "upload_status": reverse("crimedata:upload_status", args=[slug, upload.pk]),
        "upload_rejects": reverse("crimedata:upload_rejects", args=[slug, upload.pk]),
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_exactly_the_expected_status_on_every_crime_data_url(
    client, demo, persona, tmp_path
):
    sign_in_as(client, demo, persona)
    got = {name: client.get(url).status_code for name, url in _urls(demo, tmp_path).items()}
    assert got == expected_statuses(MATRIX, persona)


def test_the_matrix_covers_every_crime_data_url_and_nothing_else():
    from cspmonitor.crimedata.urls import urlpatterns

    assert {p.name for p in urlpatterns} == set(MATRIX)
