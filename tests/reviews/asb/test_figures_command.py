"""manage.py asb_case_review_figures writes the same figures as the page, as CSV to standard output."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.conftest import sign_in
from tests.reviews.asb.test_figures_page import YEAR, _csv_figures, expected


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("asb_case_review_figures", *args, stdout=out)
    return out.getvalue()


def test_it_writes_the_figures_as_csv(demo):
    text = _run("--partnership", demo.partnership.slug, "--year", "2022-23")
    assert text.splitlines()[0] == "Partnership,Financial year,Figure,Count"
    assert _csv_figures(text) == expected(demo.partnership, YEAR)


def test_it_writes_exactly_what_the_page_offers_for_download(client, demo):
    sign_in(client, demo.viewer)
    download = client.get(reverse("asb:figures_csv", args=[demo.partnership.slug]), {"year": "2023-24"})
    command = _run("--partnership", demo.partnership.slug, "--year", "2023-24")
    assert download.content.decode().replace("\r\n", "\n") == command.replace("\r\n", "\n")


@pytest.mark.parametrize("year", ["2022", "2022-24", "next year"])
def test_it_refuses_a_year_it_cannot_read(demo, year):
    with pytest.raises(CommandError, match="is not a financial year written like 2022-23"):
        _run("--partnership", demo.partnership.slug, "--year", year)


def test_it_refuses_an_unknown_partnership(db):
    with pytest.raises(CommandError, match="There is no partnership with the slug 'nowhere'"):
        _run("--partnership", "nowhere", "--year", "2022-23")
