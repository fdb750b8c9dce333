from __future__ import annotations

from django.test import override_settings

from tests.conftest import sign_in


def test_the_overview_lists_areas_partners_groups_and_meetings(client, demo):
    sign_in(client, demo.viewer)
    body = client.get(demo.partnership.get_absolute_url()).content.decode()
    for text in [
        "E07000245",
        "E07000200",
        "E07000203",
        "Suffolk Constabulary",
        "Responsible authority",
        "Co-opted",
        "Serious Violence Duty Steering Group",
        "Meetings in the next 12 months",
    ]:
        assert text in body
    assert "Add a partner organisation" not in body  # viewers change nothing


def test_the_overview_hides_sensitive_meetings_from_a_viewer_but_not_an_officer(client, demo):
    sign_in(client, demo.viewer)
    assert (
        "Multi-Agency Criminal Exploitation Panel</td>"
        not in client.get(demo.partnership.get_absolute_url()).content.decode()
    )
    client.logout()
    sign_in(client, demo.officer)
    assert (
        "Multi-Agency Criminal Exploitation Panel</td>"
        in client.get(demo.partnership.get_absolute_url()).content.decode()
    )


def test_the_district_map_data_is_the_partnerships_three_districts(client, demo):
    sign_in(client, demo.viewer)
    collection = client.get(f"/p/{demo.partnership.slug}/districts.geojson").json()
    names = {f["properties"]["code"]: f["properties"]["name"] for f in collection["features"]}
    assert names == {"E07000245": "West Suffolk", "E07000200": "Babergh", "E07000203": "Mid Suffolk"}
    assert all(f["geometry"]["type"] in {"Polygon", "MultiPolygon"} for f in collection["features"])


def test_without_reference_data_the_map_data_says_what_is_missing(client, demo, tmp_path):
    sign_in(client, demo.viewer)
    with override_settings(REFERENCE_DATA_DIR=tmp_path):
        response = client.get(f"/p/{demo.partnership.slug}/districts.geojson")
    assert response.status_code == 503
    error = response.json()["error"]
    # The file and where to get it, never the server's directory (issue 14).
    assert "lad2024_uk_buc_geographr.geojson is missing" in error and "ONS Open Geography Portal" in error
    assert str(tmp_path) not in error


def test_a_member_of_several_partnerships_chooses_one_on_the_home_page(client, demo):
    from cspmonitor.accounts.models import Membership, Role
    from cspmonitor.partnership.models import Partnership

    Membership.objects.create(
        user=demo.viewer, partnership=Partnership.objects.get(slug="elsewhere"), role=Role.VIEWER
    )
    sign_in(client, demo.viewer)
    body = client.get("/").content.decode()
    assert "Western Suffolk Community Safety Partnership" in body
    assert "Elsewhere CSP" in body
