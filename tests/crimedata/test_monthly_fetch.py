"""The monthly police.uk fetch a partnership can switch on."""

from datetime import date
from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from cspmonitor.crime.services import crime_store
from cspmonitor.crimedata.models import MonthlyFetch
from cspmonitor.crimedata.monthly import due_months, fetch_due
from tests.conftest import sign_in


def test_it_looks_for_the_three_months_before_this_one():
    assert due_months(date(2024, 1, 10)) == ["2023-10", "2023-11", "2023-12"]


def test_an_officer_switches_it_on_and_off(client, demo):
    sign_in(client, demo.officer)
    url = reverse("crimedata:monthly_fetch", args=[demo.partnership.slug])
    client.post(url, {"enabled": "on"})
    assert MonthlyFetch.objects.get(partnership=demo.partnership).enabled
    client.post(url, {})
    assert not MonthlyFetch.objects.get(partnership=demo.partnership).enabled
    sign_in(client, demo.viewer)
    assert client.post(url, {"enabled": "on"}).status_code == 403


def test_it_fetches_the_published_months_and_tries_the_rest_next_time(demo, archive_server):
    MonthlyFetch.objects.create(partnership=demo.partnership, enabled=True)
    # In May 2024 the archive for April is not published yet (the fixture holds 2024-03.zip).
    lines = fetch_due(date(2024, 5, 10))
    assert lines == [f"{demo.partnership}: suffolk: 2 months added (2024-02, 2024-03)."]
    assert {m for f, m in crime_store().months()} == {"2024-02", "2024-03"}
    again = fetch_due(date(2024, 5, 20))
    assert "suffolk: nothing new yet (police.uk has not published the archive 2024-04.zip" in again[0]
    assert MonthlyFetch.objects.get().last_message.startswith("suffolk: nothing new yet")


def test_partnerships_that_did_not_switch_it_on_fetch_nothing(demo, archive_server):
    out = StringIO()
    call_command("fetch_police_uk", "--due", stdout=out)
    assert out.getvalue() == "" and archive_server.requests == []
