"""Generating a report on the web: the form, the background work, versions, downloads, comparing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from cspmonitor.reports import services
from cspmonitor.reports.models import GeneratedReport
from tests.conftest import sign_in


def _run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())


@pytest.mark.django_db(transaction=True)
def test_an_officer_generates_the_public_report_which_a_background_worker_writes(client, demo):
    sign_in(client, demo.officer)
    response = client.post(
        reverse("reports:generate", args=[demo.partnership.slug]),
        {"kind": "annual", "year": "2022-23", "edition": "public", "format": "html"},
    )
    report = GeneratedReport.objects.get()
    assert response["Location"] == report.get_absolute_url()
    assert "This page updates itself" in client.get(report.get_absolute_url()).content.decode()
    assert (
        client.get(reverse("reports:status", args=[demo.partnership.slug, report.pk])).json()["status"]
        == "queued"
    )
    _run_worker()
    report.refresh_from_db()
    assert report.status == "done" and report.generated_by == demo.officer and len(report.content_hash) == 64
    download = client.get(reverse("reports:download", args=[demo.partnership.slug, report.pk]))
    assert download["Content-Disposition"].endswith('-annual-report-2022-23-public.html"')
    assert "Update on the work streams" in download.content.decode()


def _made(demo, edition="public", file_format="html"):
    return services.generate(
        services.start(
            demo.partnership, kind="annual", year="2022-23", edition=edition, file_format=file_format
        )
    )


def test_a_restricted_version_is_hidden_from_people_not_cleared(client, demo):
    restricted = _made(demo, "restricted")
    public = _made(demo, "public")
    for persona, sees_restricted in [
        ("officer", True),
        ("panel_member", True),
        ("viewer", False),
        ("partner_lead", False),
    ]:
        client.logout()
        sign_in(client, demo.by_name(persona))
        listing = client.get(reverse("reports:list", args=[demo.partnership.slug])).content.decode()
        assert (f"version {restricted.pk}<" in listing) is sees_restricted, persona
        assert f"version {public.pk}<" in listing, persona
        status = client.get(
            reverse("reports:download", args=[demo.partnership.slug, restricted.pk])
        ).status_code
        assert status == (200 if sees_restricted else 404), persona


def test_only_officers_and_administrators_may_generate(client, demo):
    for persona, status in [
        ("administrator", 302),
        ("officer", 302),
        ("partner_lead", 403),
        ("viewer", 403),
        ("panel_member", 403),
        ("outsider", 404),
    ]:
        client.logout()
        sign_in(client, demo.by_name(persona))
        response = client.post(
            reverse("reports:generate", args=[demo.partnership.slug]),
            {"kind": "annual", "year": "2022-23", "edition": "public", "format": "pdf"},
        )
        assert response.status_code == status, persona


def test_it_refuses_a_year_outside_the_plan_with_a_message(client, demo):
    sign_in(client, demo.officer)
    response = client.post(
        reverse("reports:generate", args=[demo.partnership.slug]),
        {"kind": "annual", "year": "2019-20", "edition": "public", "format": "pdf"},
    )
    assert response.status_code == 400
    assert "Select a financial year the partnership&#x27;s plan covers" in response.content.decode()
    assert not GeneratedReport.objects.exists()


def test_two_versions_from_the_same_data_share_a_fingerprint_and_compare_as_equal(client, demo):
    first, second = _made(demo), _made(demo)
    assert first.content_hash == second.content_hash
    sign_in(client, demo.officer)
    page = client.get(reverse("reports:compare", args=[demo.partnership.slug, second.pk, first.pk]))
    assert "The two versions have the same text." in page.content.decode()


def test_comparing_shows_what_changed_in_the_data_between_versions(client, demo):
    from cspmonitor.activity.models import TrainingSession

    first = _made(demo)
    TrainingSession.objects.filter(people_reached=43).update(people_reached=44)
    second = _made(demo)
    assert first.content_hash != second.content_hash
    sign_in(client, demo.officer)
    body = client.get(
        reverse("reports:compare", args=[demo.partnership.slug, second.pk, first.pk])
    ).content.decode()
    assert "+" in body and "44 staff" in body and "43 staff" in body


def test_a_failed_generation_is_recorded_with_its_reason(demo, monkeypatch):
    def refuse(*args, **kwargs):
        raise RuntimeError("The builder broke")

    monkeypatch.setattr(services, "build", refuse)
    report = _made(demo)
    assert report.status == "failed" and not report.file
    assert report.error.startswith(
        "Something went wrong while generating this report (RuntimeError: The builder broke)."
    )


def test_an_officer_asks_for_a_quarterly_update_by_quarter_and_gets_that_quarter(client, demo):
    sign_in(client, demo.officer)
    url = reverse("reports:generate", args=[demo.partnership.slug])
    without = client.post(url, {"kind": "quarterly", "edition": "public", "format": "html"})
    assert without.status_code == 400
    assert "Select the quarter the update covers" in without.content.decode()
    response = client.post(
        url, {"kind": "quarterly", "quarter": "2022-23 Q3", "edition": "public", "format": "html"}
    )
    report = GeneratedReport.objects.get()
    assert response["Location"] == report.get_absolute_url()
    assert report.kind == "quarterly" and report.year == "2022-23 Q3"
    services.generate(report)
    assert report.status == "done", report.error
    assert "quarterly update: Q3 2022-23 (October to December 2022)" in report.text
    assert report.filename.endswith("-quarterly-report-2022-23-q3-public.html")


def test_the_asb_publication_is_generated_from_the_same_page(client, demo):
    sign_in(client, demo.officer)
    client.post(
        reverse("reports:generate", args=[demo.partnership.slug]),
        {"kind": "asb", "year": "2022-23", "edition": "public", "format": "pdf"},
    )
    report = services.generate(GeneratedReport.objects.get())
    assert report.status == "done", report.error
    assert bytes(report.file).startswith(b"%PDF")


def test_the_assessment_document_needs_a_finished_assessment_for_its_year(client, demo):
    sign_in(client, demo.officer)
    response = client.post(
        reverse("reports:generate", args=[demo.partnership.slug]),
        {"kind": "assessment", "year": "2022-23", "edition": "public", "format": "pdf"},
    )
    assert response.status_code == 400
    assert "There is no finished strategic assessment for 2022-23" in response.content.decode()
    assert not GeneratedReport.objects.exists()
